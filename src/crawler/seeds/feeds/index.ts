import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { parse as parseDomain } from 'tldts';
import { JianzhenError, UsageError } from '../../../errors.js';

/** A feed's format: a plain list (also daily newly-registered-domain files), or a CSV column. */
export type FeedFormat = 'txt' | 'csv';

/** Where a feed comes from and how to read it (`--feed FILE|URL`, with `#column` for a CSV). */
export interface FeedSpec {
  readonly source: string;
  readonly format: FeedFormat;
  /** CSV only: a header name (case-insensitive) or a 1-based column number; default `domain`. */
  readonly column?: string | number;
  readonly zipped: boolean;
}

/** What a feed yielded: the names (lower case, unique, in feed order) and how many lines were not names. */
export interface FeedResult {
  readonly names: string[];
  readonly skipped: number;
}

const MAX_ZIP_BYTES = 512 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Turns one feed line or field into a host name: accepts bare names, URLs and `*.` wildcards
 * (certificate style); null when it is not a name under a known public suffix.
 */
export function normaliseFeedName(raw: string): string | null {
  let s = raw.trim().replace(/^\uFEFF/, '').toLowerCase();
  if (s === '' || s.startsWith('#') || s.startsWith('//')) return null;
  s = s.split(/\s/)[0] ?? '';
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) {
    try {
      s = new URL(s).hostname;
    } catch {
      return null;
    }
  }
  s = s.replace(/^\*\./, '').replace(/\.$/, '');
  if (s.length > 253 || !/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(s) || s.split('.').some((l) => l.length > 63)) return null;
  const info = parseDomain(s, { allowPrivateDomains: true });
  if (!info.domain || info.isIp || !info.publicSuffix) return null;
  return s;
}

/** Collects names from lines, counting the lines that are not names (comments and blanks are not counted). */
async function collectLines(lines: AsyncIterable<string> | Iterable<string>): Promise<FeedResult> {
  const seen = new Set<string>();
  let skipped = 0;
  for await (const line of lines) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
    const n = normaliseFeedName(t);
    if (n) seen.add(n);
    else skipped += 1;
  }
  return { names: [...seen], skipped };
}

/** Reads a plain list or a newly-registered-domains file from a stream, line by line (never whole in memory). */
export async function readDomainLines(stream: NodeJS.ReadableStream): Promise<FeedResult> {
  return collectLines(createInterface({ input: stream, crlfDelay: Infinity }));
}

/**
 * Splits CSV text into rows (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes,
 * CRLF or LF), so a note column with a comma never shifts the domain column.
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads the named (header, case-insensitive) or numbered (1-based) column of a CSV as host names. */
export function readCsvColumn(text: string, column: string | number = 'domain'): FeedResult {
  const rows = parseCsvRows(text);
  let index: number;
  let body = rows;
  if (typeof column === 'number') {
    if (!Number.isInteger(column) || column < 1) throw new UsageError(`CSV column ${column}: columns are numbered from 1`);
    index = column - 1;
    // A header row is simply a row whose field is not a name; it is not counted as skipped.
    if (rows[0] && normaliseFeedName(rows[0][index] ?? '') === null) body = rows.slice(1);
  } else {
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    index = header.indexOf(column.trim().toLowerCase());
    if (index < 0) throw new UsageError(`CSV column "${column}" not found (header: ${header.join(', ') || 'empty'})`);
    body = rows.slice(1);
  }
  const seen = new Set<string>();
  let skipped = 0;
  for (const r of body) {
    const n = normaliseFeedName(r[index] ?? '');
    if (n) seen.add(n);
    else skipped += 1;
  }
  return { names: [...seen], skipped };
}

/**
 * Parses `--feed` values: `FILE|URL`, an optional `#column` for CSV (`list.csv#domain`, `list.csv#2`);
 * the format comes from the extension (.csv → CSV, .zip → its entries by their own extensions, else a plain list).
 */
export function parseFeedSpec(value: string): FeedSpec {
  let source = value.trim();
  let column: string | number | undefined;
  const hash = /#([A-Za-z0-9_ -]+)$/.exec(source);
  if (hash?.[1]) {
    source = source.slice(0, hash.index);
    column = /^\d+$/.test(hash[1]) ? Number(hash[1]) : hash[1];
  }
  if (source === '') throw new UsageError(`--feed ${value}: empty`);
  const path = /^https?:\/\//i.test(source) ? new URL(source).pathname : source;
  const zipped = /\.zip$/i.test(path);
  const inner = path.replace(/\.zip$/i, '');
  const format: FeedFormat = /\.csv$/i.test(inner) || column !== undefined ? 'csv' : 'txt';
  return { source, format, zipped, ...(column !== undefined ? { column } : {}) };
}

async function openSource(source: string, timeoutMs: number): Promise<{ stream: () => NodeJS.ReadableStream; buffer: () => Promise<Buffer> }> {
  if (/^https?:\/\//i.test(source)) {
    let res: Response;
    try {
      res = await fetch(source, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new JianzhenError('feed', `feed ${source} unreachable: ${(err as Error).message}`, 1);
    }
    if (!res.ok || !res.body) throw new JianzhenError('feed', `feed ${source} answered HTTP ${res.status}`, 1);
    const body = res.body;
    return {
      stream: () => Readable.fromWeb(body as import('node:stream/web').ReadableStream),
      buffer: async () => Buffer.from(await res.arrayBuffer()),
    };
  }
  try {
    const st = await stat(source);
    if (st.isDirectory()) throw new UsageError(`--feed ${source}: is a directory`);
    if (st.size > MAX_ZIP_BYTES) throw new UsageError(`--feed ${source}: larger than ${MAX_ZIP_BYTES / 1048576} MB`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--feed ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return { stream: () => createReadStream(source), buffer: () => readFile(source) };
}

function merge(results: readonly FeedResult[]): FeedResult {
  const names = new Set<string>();
  let skipped = 0;
  for (const r of results) {
    for (const n of r.names) names.add(n);
    skipped += r.skipped;
  }
  return { names: [...names], skipped };
}

/**
 * Reads one feed (a local file or an http(s) URL, fetched directly: feeds are the operator's sources, not
 * scan targets): plain lists and NRD files are streamed line by line; a zip's entries are read in turn.
 */
export async function readFeed(spec: FeedSpec, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FeedResult> {
  const src = await openSource(spec.source, timeoutMs);
  if (!spec.zipped) {
    if (spec.format === 'csv') return readCsvColumn((await src.buffer()).toString('utf8'), spec.column);
    return readDomainLines(src.stream());
  }
  const buf = await src.buffer();
  if (buf.length > MAX_ZIP_BYTES) throw new JianzhenError('feed', `feed ${spec.source}: zip larger than ${MAX_ZIP_BYTES / 1048576} MB`, 1);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch (err) {
    throw new UsageError(`--feed ${spec.source}: not a zip file (${(err as Error).message})`);
  }
  const results: FeedResult[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || /(^|\/)(__MACOSX|\.)/.test(entry.name)) continue;
    if (spec.format === 'csv' || /\.csv$/i.test(entry.name)) results.push(readCsvColumn(await entry.async('string'), spec.column));
    else results.push(await readDomainLines(entry.nodeStream('nodebuffer')));
  }
  return merge(results);
}
