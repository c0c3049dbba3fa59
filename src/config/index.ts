import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { ArtifactLocation } from '../data/artifacts.js';
import { parseS3Url } from '../data/artifacts.js';
import { isPostgresUrl, redactUrl } from '../data/database.js';
import type { StoreLocation } from '../data/store.js';
import { UsageError } from '../errors.js';
import { langFromLocale } from '../model/messages/index.js';

/**
 * The one configuration schema (STYLE.md §6), parsed once at the edge. Precedence, highest first:
 * command-line flags, then environment (JIANZHEN_CHROMIUM, JIANZHEN_DATABASE, JIANZHEN_DB,
 * JIANZHEN_ARTIFACTS, JIANZHEN_REDIS, and for S3 the usual AWS_* variables; the language of reasons from the locale: LC_ALL,
 * LC_MESSAGES, then LANG), then these defaults.
 * Nothing outside this module reads process.env.
 *
 * The store: `--database postgres://…` (or JIANZHEN_DATABASE) names a PostgreSQL server; otherwise the
 * SQLite file `--db FILE` (or JIANZHEN_DB, default .jianzhen/jianzhen.db). A flag beats the environment:
 * `--db FILE` wins over JIANZHEN_DATABASE. Artifacts: `--artifacts s3://bucket/prefix` (or a folder, or
 * JIANZHEN_ARTIFACTS), else files beside the SQLite file (for PostgreSQL: under .jianzhen/).
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
  /** The SQLite file (resolved); with PostgreSQL, its folder is still this machine's home for keys and packets. */
  db: z.string().min(1),
  /** Where the store is: the database (SQLite file or postgres:// URL), the artifacts, the home folder. */
  store: z.custom<StoreLocation>(),
  chromium: z.string().nullable().default(null),
  concurrency: z.number().int().min(1).max(32).default(4),
  /** Seconds a scan's write waits for a store another program holds locked (`--store-wait`); null: the scan's default. */
  storeWait: z.number().int('expected whole seconds').min(1).max(86_400).nullable().default(null),
  searxng: httpUrl.nullable().default(null),
  /** The cluster's queues (`--redis redis://…` or JIANZHEN_REDIS); null: the scan runs in this process. */
  redis: z
    .string()
    .refine((s) => /^rediss?:\/\/./.test(s) && URL.canParse(s), 'expected redis://[:PASSWORD@]HOST:PORT[/DB] (or rediss:// for TLS)')
    .nullable()
    .default(null),
  /** The language reasons are written in on the command line and in --json (`--lang zh|en`). */
  lang: z.enum(['zh', 'en'], { message: 'expected zh or en' }),
});

export type NetConfig = z.infer<typeof NetSchema>;
export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_DB = '.jianzhen/jianzhen.db';

/** Builds the configuration from parsed flags and the environment; bad values are usage errors (exit 2). */
export function loadConfig(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): Config {
  const db = resolve(String(flags['db'] ?? env['JIANZHEN_DB'] ?? DEFAULT_DB));
  const raw = {
    proxy: flags['proxy'] ?? null,
    dns: flags['dns'] ?? null,
    whois: flags['whois'] ?? null,
    allowPrivate: flags['allowPrivate'] === true,
    db,
    store: storeLocation(flags, env, db),
    chromium: flags['chromium'] ?? env['JIANZHEN_CHROMIUM'] ?? null,
    concurrency: flags['concurrency'] === undefined ? undefined : Number(flags['concurrency']),
    storeWait: flags['storeWait'] === undefined ? undefined : Number(flags['storeWait']),
    searxng: flags['searxng'] ?? null,
    redis: str(flags['redis']) ?? str(env['JIANZHEN_REDIS']) ?? null,
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

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The store's location from --database/--db/--artifacts and their variables (precedence above). */
function storeLocation(flags: Record<string, unknown>, env: NodeJS.ProcessEnv, dbFile: string): StoreLocation {
  const databaseFlag = str(flags['database']);
  if (databaseFlag !== undefined && flags['db'] !== undefined) throw new UsageError('give --database or --db, not both');
  const database = databaseFlag ?? (flags['db'] !== undefined ? dbFile : (str(env['JIANZHEN_DATABASE']) ?? dbFile));
  if (isPostgresUrl(database)) {
    try {
      new URL(database);
    } catch {
      throw new UsageError(`--database ${redactUrl(database)}: not a valid URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(database)) {
    throw new UsageError(`--database ${redactUrl(database)}: expected postgres://… or a SQLite file path`);
  }
  const home = isPostgresUrl(database) ? dirname(dbFile) : dirname(resolve(database));
  return { database: isPostgresUrl(database) ? database : resolve(database), artifacts: artifactLocation(flags, env), home };
}

/** `--artifacts s3://bucket/prefix` or a folder; null for the default (files beside the store). */
function artifactLocation(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): ArtifactLocation | null {
  return parseArtifacts(str(flags['artifacts']) ?? str(env['JIANZHEN_ARTIFACTS']), str(flags['artifactsEndpoint']), env, '--artifacts');
}

function parseArtifacts(value: string | undefined, endpointFlag: string | undefined, env: NodeJS.ProcessEnv, flag: string): ArtifactLocation | null {
  if (value === undefined) {
    if (endpointFlag !== undefined && flag === '--artifacts') throw new UsageError('--artifacts-endpoint needs --artifacts s3://BUCKET/PREFIX');
    return null;
  }
  if (!value.startsWith('s3://')) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new UsageError(`${flag} ${value}: expected s3://BUCKET/PREFIX or a folder`);
    return { kind: 'file', root: resolve(value) };
  }
  const s3 = parseS3Url(value);
  if (!s3) throw new UsageError(`${flag} ${value}: expected s3://BUCKET/PREFIX with a valid bucket name (3–63 lower-case letters, digits, dots, hyphens)`);
  const endpoint = endpointFlag ?? str(env['AWS_ENDPOINT_URL_S3']) ?? str(env['AWS_ENDPOINT_URL']) ?? null;
  if (endpoint !== null && !httpUrl.safeParse(endpoint).success) throw new UsageError(`--artifacts-endpoint ${endpoint}: expected an http(s):// URL`);
  const accessKeyId = str(env['AWS_ACCESS_KEY_ID']);
  const secretAccessKey = str(env['AWS_SECRET_ACCESS_KEY']);
  const sessionToken = str(env['AWS_SESSION_TOKEN']);
  return {
    kind: 's3',
    bucket: s3.bucket,
    prefix: s3.prefix,
    endpoint,
    region: str(env['AWS_REGION']) ?? str(env['AWS_DEFAULT_REGION']) ?? null,
    // Without keys in the environment the SDK's own chain (profiles, instance roles) applies.
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : null,
  };
}

/**
 * The two stores of `db copy`: `--from FILE|URL`, `--to FILE|URL`, each with its artifacts (`--artifacts-from`,
 * `--artifacts-to`; by default where any command given that store would look for them).
 */
export function copyConfig(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): { from: StoreLocation; to: StoreLocation } {
  const home = dirname(resolve(String(env['JIANZHEN_DB'] ?? DEFAULT_DB)));
  const side = (flag: 'from' | 'to', artifactsFlag: 'artifactsFrom' | 'artifactsTo'): StoreLocation => {
    const value = str(flags[flag]);
    if (value === undefined) throw new UsageError(`--${flag}: give a SQLite file or a postgres:// URL`);
    const pgUrl = isPostgresUrl(value);
    if (!pgUrl && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new UsageError(`--${flag} ${redactUrl(value)}: expected postgres://… or a SQLite file path`);
    const database = pgUrl ? value : resolve(value);
    const artifacts = parseArtifacts(str(flags[artifactsFlag]), str(flags['artifactsEndpoint']), env, `--${flag === 'from' ? 'artifacts-from' : 'artifacts-to'}`);
    return { database, artifacts, home: pgUrl ? home : dirname(database) };
  };
  const from = side('from', 'artifactsFrom');
  const to = side('to', 'artifactsTo');
  if (from.database === to.database) throw new UsageError('--from and --to name the same store');
  return { from, to };
}
