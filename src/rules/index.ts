/**
 * Rules are data (STYLE.md §5): the platforms (platforms.json) and the signal weights and thresholds
 * (rules.json) are validated once with zod, and `score` is the one pure function that turns a site's
 * signals into a verdict that lists every contribution, so each takedown explains itself.
 */
import { z } from 'zod';
import { JianzhenError } from '../errors.js';
import type { Signal } from '../model/signal.js';
import { officialPlatformOf, type Platform } from '../model/platform.js';
import type { Contribution, ScoredVerdict } from '../model/verdict.js';
import platformsJson from './platforms.json' with { type: 'json' };
import rulesJson from './rules.json' with { type: 'json' };

const hostName = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lower-case host name without scheme, port or trailing dot');

const platformSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case platform id'),
  name: z.string().min(1),
  agency: z.string().min(1),
  officialHosts: z.array(hostName).min(1),
  entryUrls: z.array(z.url()).min(1),
  registrationNumbers: z.array(z.string().min(1)),
  phrases: z.array(z.string().min(1)),
  sectorWords: z.array(z.string().min(1)).default([]),
});

const platformsSchema = z
  .object({ $comment: z.string().optional(), platforms: z.array(platformSchema).min(1) })
  .superRefine((value, ctx) => {
    const ids = new Set<string>();
    const hosts = new Set<string>();
    for (const p of value.platforms) {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate platform id ${p.id}` });
      ids.add(p.id);
      // One host official for two platforms would make `officialPlatformOf` ambiguous.
      for (const h of p.officialHosts) {
        if (hosts.has(h)) ctx.addIssue({ code: 'custom', message: `official host ${h} listed twice` });
        hosts.add(h);
      }
    }
  });

const percent = z.number().min(0).max(100);
/** Negative weights are benign evidence (an article that quotes the platform, an established domain). */
const weight = z.number().min(-100).max(100);

const rulesSchema = z
  .object({
    $comment: z.string().optional(),
    weights: z.record(z.string().min(1), weight),
    thresholds: z.object({ counterfeit: percent, suspicious: percent }),
    attribution: z.record(z.string().min(1), percent).optional(),
    pageEvidence: z.object({ minimum: percent, signals: z.array(z.string().min(1)) }).optional(),
  })
  .refine((r) => r.thresholds.suspicious <= r.thresholds.counterfeit, {
    message: 'thresholds.suspicious must not exceed thresholds.counterfeit',
  });

/** Weights, thresholds and platforms, validated. */
export interface Rules {
  readonly weights: Readonly<Record<string, number>>;
  readonly thresholds: { readonly counterfeit: number; readonly suspicious: number };
  /**
   * Which platform a site impersonates is a different question from whether it is fake, so it has its own
   * weights: how much one signal at full strength says about *which* platform (see rules.json). A rules
   * file without them attributes by the positive counterfeit weights.
   */
  readonly attribution: Readonly<Record<string, number>>;
  /**
   * What the page itself shows, and how much of it a counterfeit verdict needs: the page's signals combined
   * alone must reach `minimum`, so a name (and a registration record) never make a counterfeit by themselves.
   * A rules file without it puts no such condition.
   */
  readonly pageEvidence: { readonly minimum: number; readonly signals: ReadonlySet<string> } | null;
  readonly platforms: readonly Platform[];
}

/** A rules or platforms file that does not validate: fix the file (exit 2, like any bad input). */
export class RulesInvalidError extends JianzhenError {
  constructor(file: string, issues: string) {
    super('rules-invalid', `${file} is invalid: ${issues}`, 2);
  }
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Validates raw rules and platforms documents (as parsed from JSON) into Rules; throws RulesInvalidError. */
export function parseRules(rules: unknown, platforms: unknown): Rules {
  const r = rulesSchema.safeParse(rules);
  if (!r.success) throw new RulesInvalidError('rules.json', issuesOf(r.error));
  const p = platformsSchema.safeParse(platforms);
  if (!p.success) throw new RulesInvalidError('platforms.json', issuesOf(p.error));
  const attribution = r.data.attribution ?? Object.fromEntries(Object.entries(r.data.weights).filter(([, w]) => w > 0));
  const pageEvidence = r.data.pageEvidence ? { minimum: r.data.pageEvidence.minimum, signals: new Set(r.data.pageEvidence.signals) } : null;
  return { weights: r.data.weights, thresholds: r.data.thresholds, attribution, pageEvidence, platforms: p.data.platforms };
}

// Parsed at most once per process; the value is immutable configuration, not scan state.
let loaded: Rules | null = null;

/** The bundled rules and platforms, validated on first use. */
export function loadRules(): Rules {
  loaded ??= Object.freeze(parseRules(rulesJson, platformsJson));
  return loaded;
}

/**
 * Turns signals into a verdict. Counterfeit evidence (positive weights) combines as a noisy-or,
 * 100 * (1 - Π(1 - w_i·s_i/100)): each weight is what one signal at full strength proves alone, several
 * independent signals reinforce each other, order does not matter, and the total never passes 100.
 * (A capped sum would let many weak signals reach counterfeit as fast as one strong one.)
 * Benign evidence (negative weights) then scales the total down by Π(1 - |w_j|·s_j/100), so an article
 * that quotes the platform's address is pulled down, but no benign sign can cancel overwhelming evidence.
 * The score is rounded to an integer before the thresholds apply, so the printed score and the verdict agree.
 * The platform is the one the evidence points at most, by the attribution weights (Σ weight × strength
 * per platform): what the page says it is (its phrases, copied text, copied registration numbers, look)
 * counts for more than its name, and its form's shape, which all platforms share, for little.
 */
export function score(signals: readonly Signal[], rules: Rules, ctx: { host: string | null }): ScoredVerdict {
  const official = ctx.host === null ? null : officialPlatformOf(ctx.host, rules.platforms);
  const contributions = signals
    .map((s, index) => {
      const weight = rules.weights[s.id] ?? 0;
      const strength = Math.min(1, Math.max(0, Number.isFinite(s.score) ? s.score : 0));
      return { signal: s, index, weight, strength, part: (weight * strength) / 100 };
    })
    // Strongest first (stable, by absolute part), so a reader sees the reasons in order of weight.
    .sort((a, b) => Math.abs(b.part) - Math.abs(a.part) || a.index - b.index);
  const listed: Contribution[] = contributions.map((c) => ({
    id: c.signal.id,
    score: c.strength,
    weight: c.weight,
    detail: c.signal.detail,
    ...(c.signal.message ? { message: c.signal.message } : {}),
    ...(c.signal.platform ? { platform: c.signal.platform } : {}),
  }));
  if (official !== null) return { verdict: 'official', score: 0, platform: official.id, contributions: listed, attribution: [] };

  const noisyOr = (parts: readonly { part: number }[]): number => 1 - parts.filter((c) => c.part > 0).reduce((rest, c) => rest * (1 - c.part), 1);
  const positive = noisyOr(contributions);
  const damping = contributions.filter((c) => c.part < 0).reduce((rest, c) => rest * (1 + c.part), 1);
  let total = Math.round(100 * positive * damping);
  // A look-alike name (with a young, hidden registration) is reason to look, not proof: without enough evidence
  // from the page itself the verdict stops at suspicious, its score just below the counterfeit threshold.
  const page = rules.pageEvidence;
  if (page !== null && total >= rules.thresholds.counterfeit) {
    const fromPage = Math.round(100 * noisyOr(contributions.filter((c) => page.signals.has(c.signal.id))));
    if (fromPage < page.minimum) total = Math.max(0, rules.thresholds.counterfeit - 1);
  }
  const verdict =
    total >= rules.thresholds.counterfeit ? 'counterfeit' : total >= rules.thresholds.suspicious ? 'suspicious' : 'benign';
  const attribution = verdict === 'benign' ? [] : attributionOf(listed, rules);
  return { verdict, score: total, platform: attribution[0]?.platform ?? null, contributions: listed, attribution };
}

/**
 * Σ attribution weight × strength per platform, largest first; ties go to the larger counterfeit part, then
 * the id. Takes listed contributions, so the console can explain a stored verdict's platform the same way.
 */
export function attributionOf(contributions: readonly Contribution[], rules: Rules): ScoredVerdict['attribution'] {
  const byPlatform = new Map<string, { weight: number; part: number }>();
  for (const c of contributions) {
    const w = rules.attribution[c.id] ?? 0;
    if (!c.platform || w <= 0 || c.score <= 0) continue;
    const acc = byPlatform.get(c.platform) ?? { weight: 0, part: 0 };
    byPlatform.set(c.platform, { weight: acc.weight + w * c.score, part: acc.part + Math.max(0, c.weight * c.score) });
  }
  return [...byPlatform]
    .sort((a, b) => b[1].weight - a[1].weight || b[1].part - a[1].part || a[0].localeCompare(b[0]))
    .map(([platform, v]) => ({ platform, weight: Math.round(v.weight * 10) / 10 }));
}

/** The verdict for a target that could not be visited; `error` is reported beside it by the caller. */
export function unreachableVerdict(_error: string): ScoredVerdict {
  return { verdict: 'unreachable', score: 0, platform: null, contributions: [], attribution: [] };
}
