/**
 * The sandbox's domain-feed server (loopback only): the kinds of feed a discovery run reads, filled with
 * the corpus's look-alike host names among unrelated noise —
 *   /lists/domains.txt            a plain domain list (comments, blank lines, a URL or two, CRLF)
 *   /lists/domains.csv            a CSV with a `domain` column (quoted fields, embedded commas and quotes)
 *   /nrd/2026-09-20.txt|.zip      a daily newly-registered-domains file, plain and zipped (domain-names.txt)
 *   /ct/v1/get-sth, /ct/v1/get-entries?start=&end=
 *                                 an RFC 6962 Certificate Transparency log holding real X.509 certificates
 *                                 and precertificates (self-signed, built here with a tiny DER writer)
 *   /certstream                   a WebSocket speaking certstream's JSON (`certificate_update`, `heartbeat`)
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import JSZip from 'jszip';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CorpusSite } from './corpus/types.js';
import { hostPort, listenTracked, type RunningServer } from './whois-server.js';

export interface FeedServerOptions {
  /** Sites whose host names go into the feeds; defaults to the bundled corpus. */
  corpus?: readonly CorpusSite[];
  host?: string;
  port?: number;
  /** Most entries one get-entries answer holds (real logs cap it too); default 16. */
  ctPageLimit?: number;
  /** Close the first certstream connection after this many messages (to exercise reconnects); 0 = never. */
  certstreamDropFirstAfter?: number;
  /** Pause between certstream messages; default 5 ms. */
  certstreamIntervalMs?: number;
}

export interface FeedServer extends RunningServer {
  /** http://127.0.0.1:P */
  url: string;
  /** The CT log's base URL (append ct/v1/get-sth). */
  ctLogUrl: string;
  /** ws://127.0.0.1:P/certstream */
  certstreamUrl: string;
  /** Paths of the list files under `url`. */
  paths: { txt: string; csv: string; nrdTxt: string; nrdZip: string };
  /** Names the CT log and certstream carry, in log order (for tests). */
  ctNames: readonly string[];
}

export const NRD_DATE = '2026-09-20';

// ---- feed contents ----------------------------------------------------------------------------------------

const NOISE_WORDS = ['shop', 'cloud', 'travel', 'game', 'tech', 'food', 'home', 'auto', 'edu', 'news', 'hotel', 'tea', 'wine', 'jade', 'silk', 'data'];
const NOISE_TLDS = ['com', 'cn', 'net', 'top', 'xyz', 'com.cn', 'shop', 'vip', 'online', 'cc'];

/** Deterministic unrelated names, as most of any real feed is. */
export function noiseNames(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = NOISE_WORDS[i % NOISE_WORDS.length] ?? 'x';
    const v = NOISE_WORDS[(i * 7 + 3) % NOISE_WORDS.length] ?? 'y';
    out.push(`${w}${v}${(i * 7919) % 100_000}.${NOISE_TLDS[i % NOISE_TLDS.length] ?? 'com'}`);
  }
  return out;
}

/** Interleaves the look-alike hosts into noise at a fixed stride so they are not bunched at the top. */
function mixed(hosts: readonly string[], noise: readonly string[]): string[] {
  const out: string[] = [];
  const stride = Math.max(1, Math.floor(noise.length / Math.max(1, hosts.length)));
  let h = 0;
  noise.forEach((n, i) => {
    if (i % stride === 0 && h < hosts.length) out.push(hosts[h++] ?? '');
    out.push(n);
  });
  while (h < hosts.length) out.push(hosts[h++] ?? '');
  return out;
}

function feedHosts(corpus: readonly CorpusSite[]): string[] {
  // Look-alikes (live and unregistered) and benign near-misses: what a feed really mixes up.
  return corpus.filter((s) => s.label !== 'official' && s.label !== 'hostile').map((s) => s.host);
}

function plainList(hosts: readonly string[]): string {
  const lines = ['# domain list exported 2026-09-20 (one name a line)', ''];
  mixed(hosts, noiseNames(60)).forEach((n, i) => {
    if (i === 5) lines.push(`http://${n}/index.html`);
    else if (i === 9) lines.push(`  ${n.toUpperCase()}  `);
    else lines.push(n);
  });
  return `${lines.join('\r\n')}\r\n`;
}

function csvList(hosts: readonly string[]): string {
  const rows = ['rank,domain,first_seen,note'];
  mixed(hosts, noiseNames(40)).forEach((n, i) => {
    const note = i % 5 === 0 ? `"seen in ""report"", batch ${i}"` : i % 7 === 0 ? '"multi\nline"' : 'ok';
    rows.push(`${i + 1},${i % 3 === 0 ? `"${n}"` : n},2026-09-${String((i % 20) + 1).padStart(2, '0')},${note}`);
  });
  return `${rows.join('\n')}\n`;
}

function nrdList(hosts: readonly string[]): string {
  return `${mixed(hosts, noiseNames(3000)).join('\n')}\n`;
}

// ---- a tiny DER writer (X.690), enough for self-signed certificates ---------------------------------------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 + n, inner);
function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && ((b[1] ?? 0) & 0x80) === 0) b = b.subarray(1);
  return tlv(0x02, (b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}
function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const utcTime = (d: Date): Buffer => tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const TRUE = tlv(0x01, Buffer.from([0xff]));
const NULL = tlv(0x05, Buffer.alloc(0));

const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_SAN = '2.5.29.17';
const OID_CT_POISON = '1.3.6.1.4.1.11129.2.4.3'; // RFC 6962 §3.1: marks a precertificate

const name = (cn: string, o?: string): Buffer =>
  seq(...(o ? [set(seq(oid(OID_O), utf8(o)))] : []), set(seq(oid(OID_CN), utf8(cn))));

interface BuiltCert {
  /** The certificate (or precertificate, poison included) DER. */
  der: Buffer;
  /** The TBSCertificate as a CT log hashes a precertificate: poison extension removed (RFC 6962 §3.2). */
  tbsForLog: Buffer;
}

/** Builds a self-signed certificate (or a precertificate) for `dnsNames`, signed with `key` (ECDSA P-256). */
export function buildCertificate(dnsNames: readonly string[], key: { privateKey: KeyObject; spki: Buffer }, serial: number, precert: boolean): BuiltCert {
  const san = octets(seq(...dnsNames.map((n) => tlv(0x82, Buffer.from(n, 'ascii')))));
  const notBefore = new Date(Date.UTC(2026, 8, 20, 0, 0, 0));
  const notAfter = new Date(Date.UTC(2026, 11, 19, 0, 0, 0));
  const sigAlg = seq(oid(OID_ECDSA_SHA256));
  const serialBytes = createHash('sha256').update(`serial ${serial}`).digest().subarray(0, 16);
  const tbs = (withPoison: boolean): Buffer =>
    seq(
      explicit(0, integer(Buffer.from([2]))),
      integer(serialBytes),
      sigAlg,
      name('Sandbox Issuing CA R1', 'Jianzhen Sandbox'),
      seq(utcTime(notBefore), utcTime(notAfter)),
      name(dnsNames[0] ?? 'invalid'),
      key.spki,
      explicit(3, seq(seq(oid(OID_SAN), san), ...(withPoison ? [seq(oid(OID_CT_POISON), TRUE, octets(NULL))] : []))),
    );
  const signed = tbs(precert);
  const der = seq(signed, sigAlg, bits(sign('sha256', signed, key.privateKey)));
  return { der, tbsForLog: precert ? tbs(false) : signed };
}

// ---- RFC 6962 log -----------------------------------------------------------------------------------------

const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number): Buffer => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

interface LogEntry {
  leafInput: Buffer;
  extraData: Buffer;
  names: string[];
  timestamp: number;
  precert: boolean;
  der: Buffer;
}

/** The Merkle Tree Hash of RFC 6962 §2.1 over leaf inputs. */
export function merkleTreeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return createHash('sha256').update(Buffer.from([0])).update(leaves[0]!).digest();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256').update(Buffer.from([1])).update(merkleTreeHash(leaves.slice(0, k))).update(merkleTreeHash(leaves.slice(k))).digest();
}

function buildLog(hosts: readonly string[]): { entries: LogEntry[]; privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const issuerKeyHash = createHash('sha256').update(spki).digest();
  const names = mixed(hosts, noiseNames(24));
  const entries = names.map((host, i) => {
    const precert = i % 2 === 1;
    const dnsNames = host.split('.').length === 2 ? [host, `www.${host}`] : [host];
    const cert = buildCertificate(dnsNames, { privateKey, spki }, i, precert);
    const timestamp = Date.UTC(2026, 8, 20, 0, 0, 0) + i * 61_000;
    const signedEntry = precert
      ? Buffer.concat([issuerKeyHash, u24(cert.tbsForLog.length), cert.tbsForLog])
      : Buffer.concat([u24(cert.der.length), cert.der]);
    // MerkleTreeLeaf: version v1(0), leaf_type timestamped_entry(0), TimestampedEntry (RFC 6962 §3.4).
    const leafInput = Buffer.concat([Buffer.from([0, 0]), u64(timestamp), u16(precert ? 1 : 0), signedEntry, u16(0)]);
    // extra_data: the chain for an x509 entry (empty: self-signed), PrecertChainEntry for a precert.
    const extraData = precert ? Buffer.concat([u24(cert.der.length), cert.der, u24(0)]) : u24(0);
    return { leafInput, extraData, names: dnsNames, timestamp, precert, der: cert.der };
  });
  return { entries, privateKey };
}

function sth(entries: readonly LogEntry[], privateKey: KeyObject): Record<string, unknown> {
  const timestamp = (entries.at(-1)?.timestamp ?? 0) + 1000;
  const root = merkleTreeHash(entries.map((e) => e.leafInput));
  // TreeHeadSignature (§3.5), as DigitallySigned: sha256(4), ecdsa(3), length, signature.
  const tbs = Buffer.concat([Buffer.from([0, 1]), u64(timestamp), u64(entries.length), root]);
  const sig = sign('sha256', tbs, privateKey);
  return {
    tree_size: entries.length,
    timestamp,
    sha256_root_hash: root.toString('base64'),
    tree_head_signature: Buffer.concat([Buffer.from([4, 3]), u16(sig.length), sig]).toString('base64'),
  };
}

// ---- certstream -------------------------------------------------------------------------------------------

function certstreamUpdate(e: LogEntry, index: number, logUrl: string): string {
  const cn = e.names[0] ?? '';
  return JSON.stringify({
    message_type: 'certificate_update',
    data: {
      update_type: e.precert ? 'PrecertLogEntry' : 'X509LogEntry',
      leaf_cert: {
        subject: { aggregated: `/CN=${cn}`, C: null, ST: null, L: null, O: null, OU: null, CN: cn },
        extensions: { subjectAltName: e.names.map((n) => `DNS:${n}`).join(', ') },
        not_before: 1789862400,
        not_after: 1797638400,
        serial_number: createHash('sha256').update(`serial ${index}`).digest('hex').slice(0, 32).toUpperCase(),
        fingerprint: createHash('sha1').update(e.der).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:'),
        all_domains: e.names,
      },
      chain: [],
      cert_index: index,
      cert_link: `${logUrl}ct/v1/get-entries?start=${index}&end=${index}`,
      seen: e.timestamp / 1000,
      source: { url: logUrl, name: 'Jianzhen Sandbox Log' },
    },
  });
}

// ---- server -----------------------------------------------------------------------------------------------

/** Starts the feed server (lists, NRD files, a CT log, a certstream WebSocket) on loopback. */
export async function startFeedServer(opts: FeedServerOptions = {}): Promise<FeedServer> {
  const corpus = opts.corpus ?? (await import('./corpus/index.js')).corpus;
  const host = opts.host ?? '127.0.0.1';
  const hosts = feedHosts(corpus);
  const lookalikes = corpus.filter((s) => s.label === 'counterfeit').map((s) => s.host);
  const txt = plainList(hosts);
  const csv = csvList(hosts);
  const nrd = nrdList(hosts);
  const zip = await new JSZip().file('domain-names.txt', nrd).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const log = buildLog(lookalikes);
  const pageLimit = opts.ctPageLimit ?? 16;
  const paths = { txt: '/lists/domains.txt', csv: '/lists/domains.csv', nrdTxt: `/nrd/${NRD_DATE}.txt`, nrdZip: `/nrd/${NRD_DATE}.zip` };
  let logUrl = '';

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type: string): void => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(buf.length) });
    res.end(buf);
  };
  const json = (res: http.ServerResponse, status: number, doc: unknown): void => send(res, status, JSON.stringify(doc), 'application/json');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://feeds.invalid');
    switch (url.pathname) {
      case paths.txt:
        return send(res, 200, txt, 'text/plain; charset=utf-8');
      case paths.csv:
        return send(res, 200, csv, 'text/csv; charset=utf-8');
      case paths.nrdTxt:
        return send(res, 200, nrd, 'text/plain; charset=utf-8');
      case paths.nrdZip:
        return send(res, 200, zip, 'application/zip');
      case '/ct/v1/get-sth':
        return json(res, 200, sth(log.entries, log.privateKey));
      case '/ct/v1/get-entries': {
        const start = Number(url.searchParams.get('start'));
        const end = Number(url.searchParams.get('end'));
        if (!url.searchParams.has('start') || !url.searchParams.has('end') || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
          return json(res, 400, { error_message: 'start and end must be integers with 0 <= start <= end', success: false });
        }
        if (start >= log.entries.length) return json(res, 400, { error_message: 'start beyond tree size', success: false });
        // Like real logs: clamp to the tree and to a page limit; the client must ask again for the rest.
        const last = Math.min(end, log.entries.length - 1, start + pageLimit - 1);
        const entries = log.entries.slice(start, last + 1).map((e) => ({ leaf_input: e.leafInput.toString('base64'), extra_data: e.extraData.toString('base64') }));
        return json(res, 200, { entries });
      }
      default:
        return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
    }
  });

  const wss = new WebSocketServer({ server, path: '/certstream' });
  let connections = 0;
  const timers = new Set<NodeJS.Timeout>();
  wss.on('connection', (ws: WebSocket) => {
    connections += 1;
    const dropAfter = connections === 1 ? (opts.certstreamDropFirstAfter ?? 0) : 0;
    let i = 0;
    let sent = 0;
    const timer = setInterval(() => {
      if (ws.readyState !== ws.OPEN) return;
      if (dropAfter > 0 && sent >= dropAfter) {
        ws.terminate(); // an abrupt drop, as a busy certstream server does
        return;
      }
      const e = log.entries[i];
      if (e) ws.send(certstreamUpdate(e, i, logUrl));
      else if (i % 100 === 0) ws.send(JSON.stringify({ message_type: 'heartbeat', timestamp: Date.now() / 1000 }));
      i += 1;
      sent += 1;
    }, opts.certstreamIntervalMs ?? 5);
    timers.add(timer);
    ws.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
    ws.on('error', () => {});
  });

  const running = await listenTracked(server, host, opts.port ?? 0);
  const base = `http://${hostPort(host, running.port)}`;
  logUrl = `${base}/`;
  return {
    ...running,
    url: base,
    ctLogUrl: logUrl,
    certstreamUrl: `ws://${hostPort(host, running.port)}/certstream`,
    paths,
    ctNames: log.entries.flatMap((e) => e.names),
    close: async () => {
      for (const t of timers) clearInterval(t);
      timers.clear();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await running.close();
    },
  };
}
