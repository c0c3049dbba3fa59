/**
 * The resolve stage: DNS, the private-address rule and WHOIS, once per target, into one typed record
 * (model/resolved.ts) that the funnel, the capture and the evidence visit read. A session lives for one
 * scan: a host is resolved once and a registrable domain asked of WHOIS once, however many targets
 * share them, and the guard proxies of the scan ask the session for a target's addresses instead of
 * asking DNS again.
 */
import type { promises as dnsPromises } from 'node:dns';
import { DnsLookupError, TargetRefusedError, type CrawlError } from './errors.js';
import { makeResolver, resolveTargetHost } from './dns.js';
import { ipLiteral, isPrivateAddress } from './guard.js';
import type { Target } from './targets.js';
import { lookupWhois } from './whois.js';
import { snapshotFields, type ResolvedTarget, type VisitBlock } from '../model/resolved.js';
import type { CaptureOutcome, DnsAnswer, Timings, WhoisAnswer } from '../model/snapshot.js';
import { creationDate } from '../model/whois.js';

/** The NET options the resolve stage obeys (DESIGN.md): the resolver, the WHOIS server, the private rule. */
export interface ResolveOptions {
  readonly dnsServer: string | null;
  readonly whoisServer: string | null;
  readonly allowPrivate: boolean;
  /** Ask WHOIS at all (references refresh of the official hosts needs none). */
  readonly whois: boolean;
}

/**
 * The timings of a visit of a resolved target: the resolve stage's DNS and WHOIS, then the visit's own steps
 * (STEPS in model/snapshot.ts). `renderStarted`: when the browser render began, if one did.
 */
export function visitTimings(r: ResolvedTarget, renderStarted: number | null = null, steps: Readonly<Record<string, number>> = {}): Timings {
  const finished = new Date();
  const all: Record<string, number> = {};
  if (r.timings.dnsMs !== null) all['dns'] = r.timings.dnsMs;
  if (r.timings.whoisMs !== null) all['whois'] = r.timings.whoisMs;
  Object.assign(all, steps);
  return {
    startedAt: r.timings.startedAt,
    finishedAt: finished.toISOString(),
    dnsMs: r.timings.dnsMs,
    whoisMs: r.timings.whoisMs,
    renderMs: renderStarted === null ? null : finished.getTime() - renderStarted,
    totalMs: finished.getTime() - new Date(r.timings.startedAt).getTime(),
    steps: all,
  };
}

/** The failed outcome of a resolved target: the error's line, stage and blame, and all that was learnt. */
export function failureOutcome(
  r: ResolvedTarget,
  at: { readonly url: string; readonly notes?: readonly string[] },
  err: CrawlError,
  timings: Timings = visitTimings(r),
): CaptureOutcome {
  return {
    ok: false,
    input: r.input,
    url: at.url,
    error: err.message,
    stage: err.stage,
    ...(err.blame === 'ours' ? { blame: 'ours' as const } : {}),
    ...snapshotFields(r),
    notes: [...(at.notes ?? [])],
    timings,
  };
}

/** The error a blocked record stands for, or null when the target may be visited. */
export function blockError(r: ResolvedTarget): CrawlError | null {
  if (r.block === null) return null;
  if (r.block.stage === 'dns') return new DnsLookupError(r.host, r.dns.error ?? 'NODATA');
  return new TargetRefusedError(r.block.error);
}

/** Decides whether a DNS answer lets the target be visited (DESIGN.md: private addresses are refused). */
function blockOf(host: string, dns: DnsAnswer, privateAddress: string | null, allowPrivate: boolean): VisitBlock | null {
  if (dns.error !== null) return { stage: 'dns', error: new DnsLookupError(host, dns.error).message };
  if (privateAddress !== null && !allowPrivate) return { stage: 'refused', error: TargetRefusedError.privateAddress(host, privateAddress).message };
  return null;
}

/** One scan's resolve stage: DNS once per host, WHOIS once per registrable domain. */
export class ResolveSession {
  readonly options: ResolveOptions;
  private readonly resolver: dnsPromises.Resolver;
  private readonly answers = new Map<string, Promise<DnsAnswer>>();
  /** Addresses of hosts a page reached that are not targets (A and AAAA only: the guard needs no more). */
  private readonly others = new Map<string, Promise<string[]>>();
  private readonly whoisAnswers = new Map<string, Promise<WhoisAnswer>>();

  constructor(options: ResolveOptions) {
    this.options = options;
    this.resolver = makeResolver({ server: options.dnsServer });
  }

  /** Resolves one target into its record; never throws (a failure is the record's `block`). */
  async resolve(target: Target, opts: { whois?: boolean } = {}): Promise<ResolvedTarget> {
    const startedAt = new Date();
    const t0 = Date.now();
    const asked = this.options.whois && (opts.whois ?? true) && target.registrableDomain !== null && ipLiteral(target.host) === null;
    // WHOIS runs beside DNS: an unregistered name (NXDOMAIN) still gets its registry's answer.
    const whois = asked ? this.whoisOf(target.registrableDomain!) : null;
    const dns = await this.dnsOf(target.host);
    const dnsMs = Date.now() - t0;
    const w0 = Date.now();
    const whoisAnswer = whois === null ? null : await whois;
    const addresses = [...dns.a, ...dns.aaaa];
    const privateAddress = addresses.find(isPrivateAddress) ?? null;
    const created = whoisAnswer === null ? null : creationDate(whoisAnswer);
    return {
      input: target.input,
      host: target.host,
      registrableDomain: target.registrableDomain,
      urls: target.fallbackUrl === null ? [target.url] : [target.url, target.fallbackUrl],
      dns,
      addresses,
      privateAddress,
      block: blockOf(target.host, dns, privateAddress, this.options.allowPrivate),
      whois: whoisAnswer,
      createdAt: created === null ? null : created.toISOString(),
      timings: { startedAt: startedAt.toISOString(), dnsMs, whoisMs: whois === null ? null : Date.now() - w0 },
    };
  }

  /**
   * Learns a record another process resolved (a cluster's resolve worker): the guard proxy then reads the
   * target's addresses from it instead of asking DNS a second time.
   */
  remember(r: ResolvedTarget): void {
    if (!this.answers.has(r.host)) this.answers.set(r.host, Promise.resolve(r.dns));
  }

  /**
   * The addresses of a host for the guard proxy's private-address check: a target's resolved answer when
   * the session has one (no second query), else an A and AAAA lookup of its own, remembered for the scan.
   */
  addresses(host: string): Promise<string[]> {
    const literal = ipLiteral(host);
    if (literal) return Promise.resolve([literal]);
    const known = this.answers.get(host);
    if (known) return known.then((d) => [...d.a, ...d.aaaa]);
    let hit = this.others.get(host);
    if (!hit) {
      hit = Promise.all([this.resolver.resolve4(host).catch(() => []), this.resolver.resolve6(host).catch(() => [])]).then(([a, b]) => [...a, ...b]);
      this.others.set(host, hit);
    }
    return hit;
  }

  private dnsOf(host: string): Promise<DnsAnswer> {
    let hit = this.answers.get(host);
    if (!hit) {
      hit = resolveTargetHost(host, { server: this.options.dnsServer }, this.resolver);
      this.answers.set(host, hit);
    }
    return hit;
  }

  private whoisOf(domain: string): Promise<WhoisAnswer> {
    let hit = this.whoisAnswers.get(domain);
    if (!hit) {
      hit = lookupWhois(domain, { server: this.options.whoisServer });
      this.whoisAnswers.set(domain, hit);
    }
    return hit;
  }
}

/** Resolves many targets at once (bounded), handing each record over as soon as it is known. */
export async function resolveTargets<T extends { readonly target: Target }>(
  items: readonly T[],
  session: ResolveSession,
  onResolved: (item: T, resolved: ResolvedTarget) => Promise<void> | void,
  opts: { whois?: boolean; concurrency?: number; signal?: AbortSignal } = {},
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    // An aborted caller (its store failed) wants no more records.
    while (next < items.length && opts.signal?.aborted !== true) {
      const item = items[next++]!;
      await onResolved(item, await session.resolve(item.target, opts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 16, Math.max(1, items.length)) }, worker));
}
