/**
 * Bulk DNS: resolves many candidate names (permutations, screened feed names) so only registered ones go
 * on to an HTTP fetch. Bounded concurrency, a per-query time bound, a cache shared
 * across calls, NXDOMAIN recorded as an answer (an unregistered name is a result, not a failure), and
 * results streamed as they arrive so a caller can start fetching before the last name is resolved.
 */
import { promises as dnsPromises } from 'node:dns';
import { UsageError } from '../../errors.js';

/** One name's answer: it resolves (with its IPv4 addresses), it does not exist, or the query failed. */
export interface BulkDnsResult {
  readonly name: string;
  readonly status: 'resolves' | 'nxdomain' | 'error';
  /** IPv4 addresses; empty unless status is 'resolves' (a name with only AAAA resolves with a = []). */
  readonly a: readonly string[];
  /** Why a query failed (TIMEOUT, SERVFAIL, REFUSED…); null otherwise. */
  readonly error: string | null;
}

/** Where answers are kept between calls; a Map works, a persistent store can implement the same two methods. */
export interface DnsCache {
  get(name: string): BulkDnsResult | undefined;
  set(name: string, result: BulkDnsResult): unknown;
}

/** Running counts, for progress lines on stderr. */
export interface BulkDnsProgress {
  done: number;
  resolves: number;
  nxdomain: number;
  errors: number;
  cached: number;
}

/** Options of a bulk resolution. */
export interface BulkDnsOptions {
  /** `--dns HOST:PORT`; the system's resolvers when null or absent. */
  readonly server?: string | null;
  /** Queries in flight at once; default 64. */
  readonly concurrency?: number;
  /** Time bound of one name's whole resolution, in ms; default 3000. */
  readonly timeoutMs?: number;
  /** Tries per query of the underlying resolver; default 2 (UDP loses packets). */
  readonly tries?: number;
  readonly cache?: DnsCache;
  readonly onProgress?: (progress: Readonly<BulkDnsProgress>) => void;
}

/** Default number of queries in flight. */
export const DEFAULT_DNS_CONCURRENCY = 64;
const DEFAULT_TIMEOUT_MS = 3000;

/** Maps Node's resolver error codes to the DNS names analysts know (as crawler/dns.ts does). */
function errorName(err: unknown): string {
  const code = (err as { code?: string }).code ?? 'ERROR';
  const names: Record<string, string> = {
    ENOTFOUND: 'NXDOMAIN',
    ENODATA: 'NODATA',
    ESERVFAIL: 'SERVFAIL',
    ETIMEOUT: 'TIMEOUT',
    ECONNREFUSED: 'REFUSED',
    ECANCELLED: 'TIMEOUT',
  };
  return names[code] ?? code;
}

/** Resolves one name: A first, AAAA when the name exists without A records. */
async function resolveOne(resolver: dnsPromises.Resolver, name: string, timeoutMs: number): Promise<BulkDnsResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs);
  });
  const lookup = async (): Promise<BulkDnsResult> => {
    try {
      const a = await resolver.resolve4(name);
      return { name, status: 'resolves', a, error: null };
    } catch (err) {
      const e = errorName(err);
      if (e === 'NXDOMAIN') return { name, status: 'nxdomain', a: [], error: null };
      if (e !== 'NODATA') throw err;
    }
    // The name exists but has no A record: it is registered if it has AAAA, and says nothing more otherwise.
    try {
      await resolver.resolve6(name);
      return { name, status: 'resolves', a: [], error: null };
    } catch (err) {
      return { name, status: 'error', a: [], error: errorName(err) };
    }
  };
  try {
    return await Promise.race([lookup(), timeout]);
  } catch (err) {
    return { name, status: 'error', a: [], error: errorName(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves every distinct name and yields one result for each as it arrives (not in input order). Input is
 * pulled lazily, so a feed never sits in memory whole; a name in the cache is answered without a query.
 * Errors are not cached: a timeout tonight should be asked again tomorrow.
 */
export async function* resolveMany(
  names: Iterable<string> | AsyncIterable<string>,
  opts: BulkDnsOptions = {},
): AsyncGenerator<BulkDnsResult> {
  const concurrency = opts.concurrency ?? DEFAULT_DNS_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`DNS concurrency must be a positive integer, got ${concurrency}`);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new UsageError(`DNS timeout must be positive, got ${timeoutMs}`);
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / (opts.tries ?? 2))), tries: opts.tries ?? 2 });
  if (opts.server) {
    try {
      resolver.setServers([opts.server]);
    } catch (err) {
      throw new UsageError(`--dns must be HOST:PORT, got ${opts.server}`, { cause: err });
    }
  }
  const cache: DnsCache = opts.cache ?? new Map<string, BulkDnsResult>();
  const progress: BulkDnsProgress = { done: 0, resolves: 0, nxdomain: 0, errors: 0, cached: 0 };
  const count = (r: BulkDnsResult): void => {
    progress.done++;
    if (r.status === 'resolves') progress.resolves++;
    else if (r.status === 'nxdomain') progress.nxdomain++;
    else progress.errors++;
    opts.onProgress?.(progress);
  };

  const source = (Symbol.asyncIterator in names ? names : (async function* () { yield* names; })()) as AsyncIterable<string>;
  const iterator = source[Symbol.asyncIterator]();
  const inFlight = new Map<number, Promise<{ id: number; result: BulkDnsResult }>>();
  // Names seen in this run: each distinct name yields exactly one result, however often a feed repeats it.
  const asked = new Set<string>();
  let nextId = 0;
  let exhausted = false;

  const fill = async (): Promise<BulkDnsResult[]> => {
    const immediate: BulkDnsResult[] = [];
    while (!exhausted && inFlight.size < concurrency) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const name = next.value.trim().toLowerCase().replace(/\.+$/, '');
      if (name === '') continue;
      if (asked.has(name)) continue;
      asked.add(name);
      const hit = cache.get(name);
      if (hit !== undefined) {
        progress.cached++;
        immediate.push(hit);
        continue;
      }
      const id = nextId++;
      inFlight.set(
        id,
        resolveOne(resolver, name, timeoutMs).then((result) => ({ id, result })),
      );
    }
    return immediate;
  };

  try {
    for (;;) {
      for (const r of await fill()) {
        count(r);
        yield r;
      }
      if (inFlight.size === 0) {
        if (exhausted) return;
        continue;
      }
      const { id, result } = await Promise.race(inFlight.values());
      inFlight.delete(id);
      if (result.status !== 'error') cache.set(result.name, result);
      count(result);
      yield result;
    }
  } finally {
    resolver.cancel();
    await iterator.return?.();
  }
}
