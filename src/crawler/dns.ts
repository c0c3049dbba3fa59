import { promises as dnsPromises } from 'node:dns';
import { ipLiteral } from './guard.js';
import type { DnsAnswer } from '../model/snapshot.js';

/** Options of one DNS lookup: the resolver (`--dns HOST:PORT`, or the system's) and a time bound. */
export interface DnsOptions {
  readonly server?: string | null;
  readonly timeoutMs?: number;
}

/** Maps Node's resolver error codes to the DNS names analysts know. */
function dnsErrorName(err: unknown): string {
  const code = (err as { code?: string }).code ?? 'ERROR';
  switch (code) {
    case 'ENOTFOUND':
      return 'NXDOMAIN';
    case 'ENODATA':
      return 'NODATA';
    case 'ESERVFAIL':
      return 'SERVFAIL';
    case 'ETIMEOUT':
      return 'TIMEOUT';
    case 'ECONNREFUSED':
      return 'REFUSED';
    default:
      return code;
  }
}

/** Makes a resolver bound to `server` (host:port) or the system's resolvers. */
export function makeResolver(opts: DnsOptions): dnsPromises.Resolver {
  const resolver = new dnsPromises.Resolver({ timeout: opts.timeoutMs ?? 3000, tries: 2 });
  if (opts.server) resolver.setServers([opts.server]);
  return resolver;
}

/**
 * Resolves a host's A, AAAA, NS and MX records. NXDOMAIN on the A query settles the matter (an unregistered
 * name is `unreachable` without a browser visit); the other record types are best effort.
 */
export async function resolveHost(host: string, opts: DnsOptions = {}, resolver = makeResolver(opts)): Promise<DnsAnswer> {
  const server = opts.server ?? 'system';
  const settle = async <T>(p: Promise<T[]>): Promise<{ ok: T[]; error: string | null }> => {
    try {
      return { ok: await p, error: null };
    } catch (err) {
      return { ok: [], error: dnsErrorName(err) };
    }
  };
  const [a, aaaa] = await Promise.all([settle(resolver.resolve4(host)), settle(resolver.resolve6(host))]);
  const nx = a.error === 'NXDOMAIN' || aaaa.error === 'NXDOMAIN';
  if (nx || (a.ok.length === 0 && aaaa.ok.length === 0)) {
    const error = nx ? 'NXDOMAIN' : (a.error ?? aaaa.error ?? 'NODATA');
    return { host, a: [], aaaa: [], ns: [], mx: [], error, server };
  }
  const [ns, mx] = await Promise.all([settle(resolver.resolveNs(host)), settle(resolver.resolveMx(host))]);
  return {
    host,
    a: a.ok,
    aaaa: aaaa.ok,
    ns: ns.ok,
    mx: mx.ok.sort((x, y) => x.priority - y.priority).map((m) => m.exchange),
    error: null,
    server,
  };
}

/** A target host's addresses: an IP literal answers for itself; a name is resolved (A, AAAA, NS, MX). */
export async function resolveTargetHost(host: string, opts: DnsOptions, resolver: dnsPromises.Resolver): Promise<DnsAnswer> {
  const literal = ipLiteral(host);
  if (!literal) return resolveHost(host, opts, resolver);
  const v6 = literal.includes(':');
  return { host, a: v6 ? [] : [literal], aaaa: v6 ? [literal] : [], ns: [], mx: [], error: null, server: 'literal' };
}
