/**
 * `jianzhen scan`'s discovery seeds: keyword search through SearXNG or the search
 * engines' result pages, domain feeds, Certificate Transparency (an RFC 6962 log or a certstream
 * socket) and the QR codes on photos of certificates. Options are declared and validated here; scan
 * only calls gatherSeedTargets and adds what it returns to its targets.
 */
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import type { Config } from '../config/index.js';
import { watchCertstream } from '../crawler/seeds/ct/certstream.js';
import { readCtLog } from '../crawler/seeds/ct/rfc6962.js';
import { parseFeedSpec, readFeed, type FeedSpec } from '../crawler/seeds/feeds/index.js';
import { decodeQrCodes } from '../crawler/seeds/qr.js';
import { makeScreen } from '../pipeline/screen.js';
import { findSearchProvider, type SearchProvider } from '../crawler/seeds/search/index.js';
import { builtinKeywords, readKeywordFile } from '../crawler/seeds/search/keywords.js';
import { JianzhenError, UsageError, errorMessage } from '../errors.js';
import { loadRules } from '../rules/index.js';

/** The flags gatherSeedTargets reads (commander's camelCase names). */
export interface SeedFlags {
  search?: string[];
  keywords?: string[];
  engine?: string[];
  searchPages?: string;
  feed?: string[];
  ctLog?: string;
  ctEntries?: string;
  certstream?: string;
  certstreamSeconds?: string;
  qr?: string[];
  [k: string]: unknown;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the discovery options to `jianzhen scan` (`--search` and `--searxng` are declared by scan itself). */
export function addSeedOptions(cmd: Command): Command {
  return cmd
    .option('--keywords <file>', 'queries for the search engines, one a line; "builtin" (or builtin:SET,SET) for the bundled sets; repeatable', collect)
    .option('--engine <name>', 'search engine for --search/--keywords: searxng, baidu, bing, sogou, 360 (default searxng with --searxng); repeatable', collect)
    .option('--search-pages <n>', 'result pages read per query and engine (default 1; searxng 2)')
    .option('--feed <file|url>', 'domain feed: .txt list, .csv (#column, default "domain"), newly-registered-domains file, .zip ok; repeatable', collect)
    .option('--ct-log <url>', 'read host names from a Certificate Transparency log (RFC 6962 get-sth/get-entries)')
    .option('--ct-entries <n>', 'how many of the newest CT log entries to read (default 1000)')
    .option('--certstream <url>', 'watch a certstream WebSocket (ws:// or wss://) for new certificates')
    .option('--certstream-seconds <n>', 'how long to watch --certstream (default 60)')
    .option('--qr <photo>', 'a photo or scan of a certificate: scan the addresses its QR codes hold; repeatable', collect);
}

function positiveInt(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} ${value}: expected a whole number from 1 to ${max}`);
  return n;
}

/** A flag's URL, if its scheme is one of `kind`'s; else a usage error saying what was expected. */
function urlFlag(flag: string, value: string, kind: { readonly protocols: readonly string[]; readonly expected: string }): string {
  try {
    const u = new URL(value);
    if (kind.protocols.includes(u.protocol)) return u.href;
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`${flag} ${value}: expected ${kind.expected}`);
}

const WS_URL = { protocols: ['ws:', 'wss:'], expected: 'a ws:// or wss:// URL' };
const HTTP_URL = { protocols: ['http:', 'https:'], expected: 'an http:// or https:// URL' };

function readablePhoto(file: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--qr ${file}: is a directory, expected an image`);
    return readFileSync(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--qr ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
}

function queriesOf(flags: SeedFlags): string[] {
  const out: string[] = [...(flags.search ?? [])];
  for (const k of flags.keywords ?? []) {
    const m = /^builtin(?::(.+))?$/.exec(k.trim());
    if (m) out.push(...builtinKeywords(m[1] ? m[1].split(',').map((s) => s.trim()) : undefined));
    else out.push(...readKeywordFile(k));
  }
  return [...new Set(out.map((q) => q.trim()).filter(Boolean))];
}

/**
 * Gathers the targets the discovery options ask for, in option order (search, feeds, CT, certstream, QR),
 * without duplicates. Everything is validated before the first request. Names from feeds and CT pass the
 * domain screen (pipeline/screen.ts) first; search hits and QR addresses are scanned as found.
 * A search engine, feed or log that fails is a note, not the end of the scan.
 */
export async function gatherSeedTargets(flags: SeedFlags, config: Config): Promise<{ targets: string[]; notes: string[] }> {
  // --- validate everything first (STYLE.md §7) ---
  const queries = queriesOf(flags);
  let engines: SearchProvider[] = [];
  if (queries.length > 0) {
    const ids = flags.engine?.length ? flags.engine : config.searxng ? ['searxng'] : [];
    if (ids.length === 0) throw new UsageError('--search needs --searxng URL (a SearXNG instance with the JSON API enabled) or --engine NAME');
    engines = [...new Set(ids.map((id) => findSearchProvider(id)))];
    if (engines.some((e) => e.id === 'searxng') && !config.searxng) throw new UsageError('--engine searxng needs --searxng URL');
  } else if (flags.engine?.length) {
    throw new UsageError('--engine needs --search "KEYWORDS" or --keywords FILE');
  }
  const pages = flags.searchPages === undefined ? undefined : positiveInt('--search-pages', flags.searchPages, 1, 10);
  const feeds: FeedSpec[] = (flags.feed ?? []).map(parseFeedSpec);
  const ctLog = flags.ctLog ? urlFlag('--ct-log', flags.ctLog, HTTP_URL) : null;
  if (flags.ctEntries !== undefined && !ctLog) throw new UsageError('--ct-entries needs --ct-log URL');
  const ctEntries = positiveInt('--ct-entries', flags.ctEntries, 1000, 1_000_000);
  const certstream = flags.certstream ? urlFlag('--certstream', flags.certstream, WS_URL) : null;
  if (flags.certstreamSeconds !== undefined && !certstream) throw new UsageError('--certstream-seconds needs --certstream URL');
  const certstreamSeconds = positiveInt('--certstream-seconds', flags.certstreamSeconds, 60, 86_400);
  const photos = (flags.qr ?? []).map((f) => ({ file: f, bytes: readablePhoto(f) }));

  const targets: string[] = [];
  const seen = new Set<string>();
  const notes: string[] = [];
  const add = (t: string): boolean => {
    if (seen.has(t)) return false;
    seen.add(t);
    targets.push(t);
    return true;
  };
  const screen = makeScreen(loadRules().platforms);
  // A certificate names both x.cn and www.x.cn; one visit of x.cn (which scan tries over https and http) is enough.
  const collapseWww = (names: readonly string[]): string[] => {
    const all = new Set(names);
    return names.filter((n) => !(n.startsWith('www.') && all.has(n.slice(4))));
  };
  /** Screens names from a feed or CT and adds the kept ones as bare hosts (https then http is tried). */
  const addScreened = (source: string, names: readonly string[]): void => {
    let kept = 0;
    for (const n of names) {
      const hit = screen(n);
      if (hit && add(hit.host)) kept += 1;
    }
    notes.push(`${source}: ${names.length} names, ${kept} kept by the domain screen`);
  };

  // --- search ---
  for (const engine of engines) {
    for (const q of queries) {
      try {
        const hits = await engine.search(q, {
          proxy: config.proxy,
          searxngUrl: config.searxng,
          ...(pages !== undefined ? { pages } : {}),
        });
        const added = hits.filter((h) => add(h.url)).length;
        const ads = hits.filter((h) => h.ad).length;
        notes.push(`search ${engine.id} "${q}": ${hits.length} results${ads ? ` (${ads} paid)` : ''}, ${added} new targets`);
      } catch (err) {
        if (err instanceof UsageError) throw err;
        notes.push(`search ${engine.id} "${q}" failed: ${errorMessage(err)}`);
      }
    }
  }

  // --- feeds ---
  for (const spec of feeds) {
    try {
      const r = await readFeed(spec);
      addScreened(`feed ${spec.source}`, r.names);
      if (r.skipped > 0) notes.push(`feed ${spec.source}: ${r.skipped} lines were not host names`);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      notes.push(`feed ${spec.source} failed: ${errorMessage(err)}`);
    }
  }

  // --- Certificate Transparency ---
  if (ctLog) {
    try {
      const r = await readCtLog(ctLog, { entries: ctEntries });
      addScreened(`CT log ${ctLog} (${r.entries.length} entries of ${r.sth.treeSize}${r.unparsed ? `, ${r.unparsed} unparsed` : ''})`, collapseWww([...new Set(r.entries.flatMap((e) => e.names))]));
    } catch (err) {
      if (!(err instanceof JianzhenError)) throw err;
      notes.push(`CT log ${ctLog} failed: ${err.message}`);
    }
  }
  if (certstream) {
    const r = await watchCertstream(certstream, { seconds: certstreamSeconds });
    addScreened(`certstream ${certstream} (${r.updates} updates, ${r.connections} connections)`, collapseWww(r.names));
    if (r.names.length === 0 && r.errors.length) notes.push(`certstream ${certstream}: ${r.errors[0]}`);
  }

  // --- QR codes ---
  for (const p of photos) {
    let codes;
    try {
      codes = await decodeQrCodes(p.bytes);
    } catch (err) {
      throw new UsageError(`--qr ${p.file}: not an image sharp can read (${errorMessage(err)})`);
    }
    if (codes.length === 0) notes.push(`qr ${p.file}: no QR code found`);
    for (const c of codes) {
      if (c.url) notes.push(`qr ${p.file}: ${c.url}${add(c.url) ? '' : ' (already a target)'}`);
      else notes.push(`qr ${p.file}: a QR code without a web address: ${JSON.stringify(c.text.slice(0, 80))}`);
    }
  }
  return { targets, notes };
}
