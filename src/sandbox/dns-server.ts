import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, Question } from 'dns-packet';
import type { CorpusSite } from './corpus/types.js';
import type { RunningServer } from './whois-server.js';

const TTL = 300;
// RFC 1035 §4.1.1 RCODE values.
const RCODE_NOERROR = 0;
const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_NOTIMP = 4;

/** Lower-cases a DNS name and drops the root's trailing dot, so names compare as the resolver means them. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

/** True when the corpus says the host exists in DNS: the types say no `a` and no `aaaa` means NXDOMAIN. */
export function isRegistered(site: CorpusSite): boolean {
  return (site.a?.length ?? 0) > 0 || (site.aaaa?.length ?? 0) > 0;
}

/** Parses an MX entry written either as "10 mx.example.com" or just "mx.example.com" (preference 10). */
function parseMx(entry: string): { preference: number; exchange: string } {
  const m = /^(\d+)\s+(\S+)$/.exec(entry.trim());
  if (m) return { preference: Number(m[1]), exchange: normaliseName(m[2] ?? '') };
  return { preference: 10, exchange: normaliseName(entry) };
}

/** Builds the answer records one question gets from a registered site. */
function answersFor(site: CorpusSite, q: Question): Answer[] {
  const base = { name: q.name, ttl: TTL, class: 'IN' as const };
  switch (q.type) {
    case 'A':
      return (site.a ?? []).map((data) => ({ ...base, type: 'A' as const, data }));
    case 'AAAA':
      return (site.aaaa ?? []).map((data) => ({ ...base, type: 'AAAA' as const, data }));
    case 'NS':
      return (site.ns ?? []).map((ns) => ({ ...base, type: 'NS' as const, data: normaliseName(ns) }));
    case 'MX':
      return (site.mx ?? []).map((mx) => ({ ...base, type: 'MX' as const, data: parseMx(mx) }));
    default:
      return [];
  }
}

/**
 * Answers one DNS query packet from the corpus. Only hosts listed in the corpus exist: a sibling or
 * child of a corpus host (www.x.com when only x.com is listed) is NXDOMAIN, as for a real zone
 * where nobody created that label.
 */
export function answerQuery(query: DecodedPacket, sites: ReadonlyMap<string, CorpusSite>): Packet {
  const questions = query.questions ?? [];
  // Echo RD (RFC 1035 §4.1.1); we are authoritative for everything we answer.
  const flagsBase = dnsPacket.AUTHORITATIVE_ANSWER | (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0);
  const reply = (rcode: number, answers: Answer[] = []): Packet => ({
    type: 'response',
    id: query.id ?? 0,
    flags: flagsBase | rcode,
    questions,
    answers,
  });
  if (questions.length !== 1) return reply(questions.length === 0 ? RCODE_FORMERR : RCODE_NOTIMP);
  const q = questions[0]!;
  const site = sites.get(normaliseName(q.name));
  if (!site || !isRegistered(site)) return reply(RCODE_NXDOMAIN);
  return reply(RCODE_NOERROR, answersFor(site, q));
}

/**
 * Starts the sandbox's authoritative DNS server over UDP, answering from the corpus. `queries` counts the
 * questions asked, by "name TYPE" (e.g. "cx-mem-gov.cn A"), so a test can see how often a scan asked.
 */
export async function startDnsServer(opts: {
  corpus: readonly CorpusSite[];
  host: string;
  port: number;
}): Promise<RunningServer & { readonly queries: ReadonlyMap<string, number> }> {
  const queries = new Map<string, number>();
  const sites = new Map<string, CorpusSite>();
  for (const site of opts.corpus) sites.set(normaliseName(site.host), site);

  const socket = dgram.createSocket(net.isIPv6(opts.host) ? 'udp6' : 'udp4');
  socket.on('message', (msg, rinfo) => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return; // not DNS: a real server drops it too
    }
    if (query.type !== 'query') return;
    for (const q of query.questions ?? []) {
      const key = `${normaliseName(q.name)} ${q.type}`;
      queries.set(key, (queries.get(key) ?? 0) + 1);
    }
    let out: Buffer;
    try {
      out = dnsPacket.encode(answerQuery(query, sites));
    } catch {
      out = dnsPacket.encode({
        type: 'response',
        id: query.id ?? 0,
        flags: RCODE_FORMERR,
        questions: query.questions ?? [],
      });
    }
    socket.send(out, rinfo.port, rinfo.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // A send error to a vanished client must not crash the sandbox.
  socket.on('error', () => {});
  const { port } = socket.address();

  let closed: Promise<void> | undefined;
  return {
    host: opts.host,
    port,
    queries,
    close: () => (closed ??= new Promise<void>((resolve) => socket.close(() => resolve()))),
  };
}
