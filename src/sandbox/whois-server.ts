import net from 'node:net';
import { createHash } from 'node:crypto';
import { getDomain } from 'tldts';
import { CORPUS_NOW, type CorpusSite, type WhoisFacts } from './corpus/types.js';

/** A running sandbox server: where it listens and how to stop it. */
export interface RunningServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on host:port and remembers every socket, so close() can destroy the ones a client (or a
 * stalled hostile route) keeps open; server.close() alone waits for them forever.
 */
export async function listenTracked(server: net.Server, host: string, port: number): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox: server has no TCP address');
  let closed: Promise<void> | undefined;
  return {
    host,
    port: address.port,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      })),
  };
}

/** Formats host:port as a client writes it ("[::1]:43" for IPv6). */
export function hostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The registrable domain of a host, as a registry would hold it (x.cn for www.x.cn). */
function registrable(host: string): string {
  return (getDomain(host, { allowPrivateDomains: true }) ?? host).toLowerCase();
}

/** Maps every corpus site's registrable domain to its WHOIS facts. */
export function buildWhoisIndex(corpus: readonly CorpusSite[]): Map<string, WhoisFacts> {
  const index = new Map<string, WhoisFacts>();
  for (const site of corpus) {
    if (site.whois) index.set(registrable(site.host), site.whois);
  }
  return index;
}

/**
 * The corpus's dates are written as of its "now" (CORPUS_NOW, corpus/index.ts); the sandbox tells them as of its
 * own clock by shifting every date by the same offset, so a domain registered 80 days before the corpus's now is
 * 80 days old whenever the sandbox runs, and `npm run eval` gives the same figures any day.
 */
function parseDate(iso: string, offsetMs = 0): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : new Date(d.getTime() + offsetMs);
}

function oneYearLater(d: Date): Date {
  const later = new Date(d.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + 1);
  return later;
}

/** CNNIC writes "2026-10-01 10:11:12" (Beijing time in reality; the sandbox keeps UTC for reproducibility). */
function cnnicTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** ICANN's RDDS format wants "2026-10-01T10:11:12Z". */
function icannTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** Stable digits derived from the domain, so repeated queries give the same registry ids. */
function stableDigits(domain: string, length: number): string {
  const hex = createHash('sha256').update(domain).digest('hex');
  return BigInt(`0x${hex.slice(0, 15)}`).toString().padStart(length, '0').slice(0, length);
}

/** Renders a .cn record the way whois.cnnic.cn does. */
export function formatCnnic(domain: string, facts: WhoisFacts, offsetMs = 0): string {
  const created = parseDate(facts.created, offsetMs);
  const expires = facts.expires ? parseDate(facts.expires, offsetMs) : oneYearLater(created);
  const lines = [
    `Domain Name: ${domain}`,
    `ROID: ${created.toISOString().slice(0, 10).replace(/-/g, '')}s10001s${stableDigits(domain, 8)}-cn`,
    'Domain Status: ok',
    `Registrant: ${facts.registrant}`,
  ];
  if (facts.registrantEmail) lines.push(`Registrant Contact Email: ${facts.registrantEmail}`);
  lines.push(`Sponsoring Registrar: ${facts.registrar}`);
  for (const ns of facts.nameServers ?? []) lines.push(`Name Server: ${ns.toLowerCase()}`);
  lines.push(`Registration Time: ${cnnicTime(created)}`, `Expiration Time: ${cnnicTime(expires)}`, 'DNSSEC: unsigned');
  return `${lines.join('\n')}\n`;
}

/**
 * Renders a gTLD record in the ICANN RDDS layout. "Registrar WHOIS Server" names this sandbox
 * server itself: WHOIS clients follow that referral, and it must lead back to loopback, never out.
 */
export function formatIcann(domain: string, facts: WhoisFacts, selfAddress: string, now: Date, offsetMs = 0): string {
  const created = parseDate(facts.created, offsetMs);
  const updated = facts.updated ? parseDate(facts.updated, offsetMs) : created;
  const expires = facts.expires ? parseDate(facts.expires, offsetMs) : oneYearLater(created);
  const tld = (domain.split('.').pop() ?? 'com').toUpperCase();
  const lines = [
    `Domain Name: ${domain.toUpperCase()}`,
    `Registry Domain ID: ${stableDigits(domain, 10)}_DOMAIN_${tld}-VRSN`,
    `Registrar WHOIS Server: ${selfAddress}`,
    `Updated Date: ${icannTime(updated)}`,
    `Creation Date: ${icannTime(created)}`,
    `Registry Expiry Date: ${icannTime(expires)}`,
    `Registrar: ${facts.registrar}`,
    'Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited',
    `Registrant Organization: ${facts.registrant}`,
  ];
  if (facts.privacy) lines.push('Registrant Name: REDACTED FOR PRIVACY');
  if (facts.registrantEmail) lines.push(`Registrant Email: ${facts.registrantEmail}`);
  if (facts.registrantPhone) lines.push(`Registrant Phone: ${facts.registrantPhone}`);
  for (const ns of facts.nameServers ?? []) lines.push(`Name Server: ${ns.toUpperCase()}`);
  lines.push('DNSSEC: unsigned', `>>> Last update of WHOIS database: ${icannTime(now)} <<<`);
  return `${lines.join('\n')}\n`;
}

/** Answers one WHOIS query line: the record, or the registry's own "no match" wording. */
export function answerWhois(
  queryLine: string,
  index: ReadonlyMap<string, WhoisFacts>,
  selfAddress: string,
  now: Date = new Date(),
  offsetMs = 0,
): string {
  // Some clients prefix flags ("=x.com" for Verisign, "domain x.com"); the name is the last word.
  const query = (queryLine.trim().split(/\s+/).pop() ?? '').replace(/^=/, '').replace(/\.$/, '').toLowerCase();
  const isCn = query === 'cn' || query.endsWith('.cn');
  const domain = index.has(query) ? query : registrable(query);
  const facts = index.get(domain);
  if (!facts) return isCn ? 'No matching record.\n' : `No match for "${query.toUpperCase()}".\n>>> Last update of WHOIS database: ${icannTime(now)} <<<\n`;
  return isCn ? formatCnnic(domain, facts, offsetMs) : formatIcann(domain, facts, selfAddress, now, offsetMs);
}

const MAX_QUERY_BYTES = 1024;
const IDLE_MS = 10_000;

/**
 * Starts the sandbox WHOIS server (RFC 3912: one query line in, the answer out, then close). `queries` counts
 * the queries by the name asked, so a test can see how often a scan asked.
 */
export async function startWhoisServer(opts: {
  corpus: readonly CorpusSite[];
  host: string;
  port: number;
  /** The sandbox's clock: the instant the corpus's "now" stands for (default: when the server starts). */
  clock?: Date;
  /** The corpus's "now", as of which its WHOIS dates are written (default CORPUS_NOW). */
  corpusNow?: string;
}): Promise<RunningServer & { readonly queries: ReadonlyMap<string, number> }> {
  const index = buildWhoisIndex(opts.corpus);
  const offsetMs = (opts.clock ?? new Date()).getTime() - new Date(opts.corpusNow ?? CORPUS_NOW).getTime();
  const queries = new Map<string, number>();
  let self = '';
  // allowHalfOpen: a client that half-closes after its query still gets the answer.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    let buffered = Buffer.alloc(0);
    let answered = false;
    const answer = (): void => {
      if (answered) return;
      answered = true;
      const nl = buffered.indexOf(0x0a);
      const line = buffered.subarray(0, nl === -1 ? buffered.length : nl).toString('utf8');
      const asked = (line.trim().split(/\s+/).pop() ?? '').replace(/^=/, '').replace(/\.$/, '').toLowerCase();
      queries.set(asked, (queries.get(asked) ?? 0) + 1);
      socket.end(Buffer.from(answerWhois(line, index, self, new Date(), offsetMs), 'utf8'));
    };
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.includes(0x0a) || buffered.length >= MAX_QUERY_BYTES) answer();
    });
    socket.on('end', answer);
  });
  const running = await listenTracked(server, opts.host, opts.port);
  self = hostPort(running.host, running.port);
  return { ...running, queries };
}
