/**
 * What the commands share at the edge: the type every command file exports, the NET options and what they turn
 * into, and reading a target list.
 */
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { loadConfig, type Config } from '../config/index.js';
import type { Store } from '../data/store.js';
import { UsageError, errorMessage } from '../errors.js';
import { openExistingStore } from '../reports/output.js';
import { allSiteRecords, type SiteRecord } from '../reports/sites.js';

/**
 * A command: registers itself on the program. A command sets the exit code through `setExit`; errors thrown as
 * JianzhenError are mapped to exit codes by main().
 */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

/** Reads one `--input` file: one target a line; blank lines and lines starting with # are skipped. */
export function readTargetList(file: string): string[] {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--input ${file}: is a directory, expected a text file`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--input ${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
  if (text.includes('\u0000')) throw new UsageError(`--input ${file}: binary file, expected one target a line`);
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The store options (config/index.ts says their precedence), shared by every command that opens the store. */
export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store, postgres://USER:PASSWORD@HOST:PORT/DB (or $JIANZHEN_DATABASE), instead of the SQLite file')
    .option('--artifacts <s3-url|dir>', 'artifact store: s3://BUCKET/PREFIX (AWS_* variables for region and keys) or a folder (default: beside the SQLite file)')
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL)');
}

/** The flags of a command that opens the store (loadConfig reads the store options among them). */
export interface StoreFlags {
  /** Who acts, for the audit log (`actorOf`). */
  actor?: string;
  [k: string]: unknown;
}

/** The flags of a command that writes an export: its format, and the file it goes to (stdout when none). */
export interface ExportFlags extends StoreFlags {
  format?: string;
  out?: string;
}

/** `--actor` and the store options: a command whose acts go into the audit log; `who` says who the actor is. */
export function addActorOptions(cmd: Command, who: string): Command {
  return addStoreOptions(cmd.option('--actor <name>', `${who}, for the audit log (default: the OS user)`));
}

/**
 * Runs `fn` on the store the flags name, which must already exist (a report of a store never scanned is a
 * usage error), and closes the store however `fn` ends.
 */
export async function withStore<T>(flags: StoreFlags, fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(flags);
  const store = await openExistingStore(config.store);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/**
 * The stored sites a command acts on: each `--site` host (one without a stored result is a usage error), and
 * every site whose newest live verdict is `--verdict`. None at all is a usage error too.
 */
export async function chooseSites(store: Store, flags: { readonly site?: readonly string[]; readonly verdict?: string | undefined }): Promise<SiteRecord[]> {
  const all = await allSiteRecords(store);
  const wanted = new Set((flags.site ?? []).map((h) => h.toLowerCase().replace(/\.+$/, '')));
  const unknown = [...wanted].filter((h) => !all.some((s) => s.host === h));
  if (unknown.length) throw new UsageError(`--site: no stored result for ${unknown.join(', ')} in ${store.location}`);
  const chosen = all.filter((s) => wanted.has(s.host) || (flags.verdict !== undefined && s.lastSeenAlive !== null && s.verdict === flags.verdict));
  if (chosen.length === 0) throw new UsageError(`no site with verdict ${flags.verdict} in ${store.location}`);
  return chosen;
}

/** The NET options (DESIGN.md) and the store and browser, shared by every command that visits sites. */
export function addNetOptions(cmd: Command): Command {
  return addStoreOptions(
    cmd
      .option('--proxy <url>', 'send every HTTP(S) request of the scan through this HTTP proxy')
      .option('--dns <host:port>', 'resolver used for the DNS checks')
      .option('--whois <host:port>', 'send every WHOIS query to this server instead of the registry')
      .option('--allow-private', 'allow targets that resolve to loopback, private or link-local addresses'),
  ).option('--chromium <path>', 'Chromium binary (default $JIANZHEN_CHROMIUM, /usr/bin/chromium-headless-shell, /usr/bin/chromium, chromium-browser)');
}

/** The capture options a command's configuration gives. */
export function captureOptions(config: Config, chromiumPath: string, flags: { probe?: unknown } = {}) {
  return {
    chromiumPath,
    proxy: config.proxy,
    dnsServer: config.dns,
    whoisServer: config.whois,
    allowPrivate: config.allowPrivate,
    concurrency: config.concurrency,
    // commander sets probe: false for --no-probe; anything else keeps the default (probe once per host).
    probe: flags.probe !== false,
  };
}

