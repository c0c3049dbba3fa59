import { X509Certificate } from 'node:crypto';
import { JianzhenError } from '../../../errors.js';
import { certificateTbs, tbsNames } from './der.js';

/** A log's Signed Tree Head (RFC 6962 §4.3). The signature is not verified: names are leads, not proof. */
export interface SignedTreeHead {
  readonly treeSize: number;
  readonly timestamp: number;
  readonly rootHash: string;
}

/** One parsed log entry: its index, kind and the host names its certificate covers. */
export interface CtEntry {
  readonly index: number;
  readonly kind: 'x509' | 'precert';
  readonly timestamp: number;
  readonly names: string[];
}

export interface CtReadOptions {
  /** How many of the newest entries to read (default 1000). */
  readonly entries?: number;
  /** First index to read instead of "the newest N". */
  readonly start?: number;
  /** Entries asked for per get-entries request (default 256; logs may answer with fewer). */
  readonly batchSize?: number;
  readonly timeoutMs?: number;
  /** Called after each batch, for progress on stderr. */
  readonly onBatch?: (read: number, total: number) => void;
}

function logBase(logUrl: string): string {
  return logUrl.endsWith('/') ? logUrl : `${logUrl}/`;
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (err) {
    throw new JianzhenError('ct', `CT log ${url} unreachable: ${(err as Error).message}`, 1);
  }
  if (!res.ok) throw new JianzhenError('ct', `CT log ${url} answered HTTP ${res.status}`, 1);
  return res.json();
}

/** Asks a log for its current tree head (`GET <log>/ct/v1/get-sth`). */
export async function getSth(logUrl: string, timeoutMs = 15_000): Promise<SignedTreeHead> {
  const body = (await getJson(`${logBase(logUrl)}ct/v1/get-sth`, timeoutMs)) as { tree_size?: unknown; timestamp?: unknown; sha256_root_hash?: unknown };
  if (typeof body.tree_size !== 'number' || !Number.isInteger(body.tree_size) || body.tree_size < 0) {
    throw new JianzhenError('ct', `CT log ${logUrl}: get-sth has no valid tree_size`, 1);
  }
  return { treeSize: body.tree_size, timestamp: Number(body.timestamp ?? 0), rootHash: String(body.sha256_root_hash ?? '') };
}

/** Fetches raw entries start..end (inclusive) once; the log may return fewer than asked for. */
export async function getEntries(logUrl: string, start: number, end: number, timeoutMs = 15_000): Promise<{ leafInput: Buffer; extraData: Buffer }[]> {
  const body = (await getJson(`${logBase(logUrl)}ct/v1/get-entries?start=${start}&end=${end}`, timeoutMs)) as { entries?: unknown };
  if (!Array.isArray(body.entries)) throw new JianzhenError('ct', `CT log ${logUrl}: get-entries answer has no entries`, 1);
  return body.entries.map((e: { leaf_input?: unknown; extra_data?: unknown }) => ({
    leafInput: Buffer.from(String(e.leaf_input ?? ''), 'base64'),
    extraData: Buffer.from(String(e.extra_data ?? ''), 'base64'),
  }));
}

function u24(buf: Buffer, pos: number): number {
  if (pos + 3 > buf.length) throw new Error('leaf truncated');
  return buf.readUIntBE(pos, 3);
}

function namesOfCert(der: Buffer): string[] {
  try {
    const cert = new X509Certificate(der);
    const san = (cert.subjectAltName ?? '').split(/,\s*/).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
    return [...(cn ? [cn] : []), ...san];
  } catch {
    // OpenSSL refuses some malformed real-world certificates; the minimal reader may still get the names.
    const { cn, dnsNames } = tbsNames(certificateTbs(der));
    return [...(cn ? [cn] : []), ...dnsNames];
  }
}

/**
 * Parses a MerkleTreeLeaf (RFC 6962 §3.4): an x509_entry's certificate is read with node:crypto; a
 * precert_entry holds only the TBSCertificate (no signature), read with the minimal DER reader.
 */
export function parseLeaf(leafInput: Buffer): { kind: 'x509' | 'precert'; timestamp: number; names: string[] } {
  if (leafInput.length < 15 || leafInput[0] !== 0 || leafInput[1] !== 0) throw new Error('not a v1 timestamped_entry leaf');
  const timestamp = Number(leafInput.readBigUInt64BE(2));
  const entryType = leafInput.readUInt16BE(10);
  let names: string[];
  let kind: 'x509' | 'precert';
  if (entryType === 0) {
    const len = u24(leafInput, 12);
    names = namesOfCert(leafInput.subarray(15, 15 + len));
    kind = 'x509';
  } else if (entryType === 1) {
    const len = u24(leafInput, 12 + 32); // after issuer_key_hash[32]
    const tbs = leafInput.subarray(15 + 32, 15 + 32 + len);
    const { cn, dnsNames } = tbsNames(tbs);
    names = [...(cn ? [cn] : []), ...dnsNames];
    kind = 'precert';
  } else throw new Error(`unknown entry type ${entryType}`);
  const clean = names.map((n) => n.trim().toLowerCase().replace(/^\*\./, '')).filter((n) => /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(n));
  return { kind, timestamp, names: [...new Set(clean)] };
}

/**
 * Reads the newest `entries` entries of a CT log (or from `start`) in batches, following short answers,
 * and returns each entry's host names. An entry that cannot be parsed is counted, never fatal.
 */
export async function readCtLog(logUrl: string, opts: CtReadOptions = {}): Promise<{ sth: SignedTreeHead; entries: CtEntry[]; unparsed: number }> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const sth = await getSth(logUrl, timeoutMs);
  const want = Math.max(0, opts.entries ?? 1000);
  const first = Math.max(0, Math.min(opts.start ?? sth.treeSize - want, sth.treeSize));
  const last = Math.min(sth.treeSize, first + want) - 1;
  const batch = Math.max(1, opts.batchSize ?? 256);
  const entries: CtEntry[] = [];
  let unparsed = 0;
  for (let next = first; next <= last; ) {
    const raw = await getEntries(logUrl, next, Math.min(last, next + batch - 1), timeoutMs);
    if (raw.length === 0) break; // a log that answers nothing would loop forever
    for (const [i, e] of raw.entries()) {
      try {
        entries.push({ index: next + i, ...parseLeaf(e.leafInput) });
      } catch {
        unparsed += 1;
      }
    }
    next += raw.length;
    opts.onBatch?.(next - first, last - first + 1);
  }
  return { sth, entries, unparsed };
}
