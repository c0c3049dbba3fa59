/**
 * The funnel's thresholds (funnel.json beside this file), validated once with zod like rules.json. They
 * decide where a discovered target stops: its name (screen), DNS, one plain HTTP fetch, or a browser render.
 */
import { z } from 'zod';
import { RulesInvalidError } from './index.js';
import funnelJson from './funnel.json' with { type: 'json' };

/** Where a discovered target came from; the screen stops only name-only sources (funnel.json). */
export const TARGET_SOURCES = ['explicit', 'search', 'feed', 'ct', 'permutation', 'qr', 'recheck'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

const unit = z.number().min(0).max(1);

const funnelSchema = z.object({
  $comment: z.string().optional(),
  funnel: z.object({
    screen: z.object({
      minNameScore: unit,
      sources: z.array(z.enum(TARGET_SOURCES)),
    }),
    http: z.object({
      renderAtScore: z.number().min(0).max(100),
      renderOnSignals: z.record(z.string().min(1), unit),
      scriptBuilt: z.object({ maxText: z.number().int().min(0), minScripts: z.number().int().min(0) }),
      renderOnFetchError: z.boolean(),
      whois: z.boolean(),
    }),
  }),
});

/** The funnel section, validated. */
export type FunnelRules = z.infer<typeof funnelSchema>['funnel'];

/** Validates a raw funnel document (as parsed from JSON); throws RulesInvalidError (exit 2). */
export function parseFunnelRules(raw: unknown): FunnelRules {
  const r = funnelSchema.safeParse(raw);
  if (!r.success) {
    throw new RulesInvalidError('funnel.json', r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return r.data.funnel;
}

// Parsed at most once per process; immutable configuration, not scan state.
let loaded: FunnelRules | null = null;

/** The bundled funnel thresholds, validated on first use. */
export function loadFunnelRules(): FunnelRules {
  loaded ??= Object.freeze(parseFunnelRules(funnelJson));
  return loaded;
}
