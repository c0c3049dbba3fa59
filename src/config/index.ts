import { resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { langFromLocale } from '../model/messages/index.js';

/**
 * The one configuration schema (STYLE.md §6), parsed once at the edge. Precedence, highest first:
 * command-line flags, then environment (JIANZHEN_CHROMIUM, JIANZHEN_DB; the language of reasons from the locale,
 * LC_ALL, LC_MESSAGES, then LANG), then these defaults.
 * Nothing outside this module reads process.env.
 */
const hostPort = z
  .string()
  .regex(/^(\[[0-9a-f:]+\]|[a-z0-9.-]+):\d{1,5}$/i, 'expected HOST:PORT, e.g. 127.0.0.1:5353');
const httpUrl = z
  .string()
  .refine((s) => {
    try {
      return ['http:', 'https:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'expected an http:// URL');

export const NetSchema = z.object({
  proxy: httpUrl.nullable().default(null),
  dns: hostPort.nullable().default(null),
  whois: hostPort.nullable().default(null),
  allowPrivate: z.boolean().default(false),
});

export const ConfigSchema = NetSchema.extend({
  db: z.string().min(1),
  chromium: z.string().nullable().default(null),
  concurrency: z.number().int().min(1).max(32).default(4),
  searxng: httpUrl.nullable().default(null),
  /** The language reasons are written in on the command line and in --json (`--lang zh|en`). */
  lang: z.enum(['zh', 'en'], { message: 'expected zh or en' }),
});

export type NetConfig = z.infer<typeof NetSchema>;
export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_DB = '.jianzhen/jianzhen.db';

/** Builds the configuration from parsed flags and the environment; bad values are usage errors (exit 2). */
export function loadConfig(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = {
    proxy: flags['proxy'] ?? null,
    dns: flags['dns'] ?? null,
    whois: flags['whois'] ?? null,
    allowPrivate: flags['allowPrivate'] === true,
    db: resolve(String(flags['db'] ?? env['JIANZHEN_DB'] ?? DEFAULT_DB)),
    chromium: flags['chromium'] ?? env['JIANZHEN_CHROMIUM'] ?? null,
    concurrency: flags['concurrency'] === undefined ? undefined : Number(flags['concurrency']),
    searxng: flags['searxng'] ?? null,
    lang: flags['lang'] ?? langFromLocale(env),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'argument';
    throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}
