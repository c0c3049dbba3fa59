/**
 * The resolved target: what a scan learns about a target's name before it sends the site a single
 * request — its host and registrable domain, the URLs to try, the DNS answer, the private-address
 * decision and the WHOIS record with its creation date. The resolve stage (crawler/resolve.ts) makes it
 * once per target; the funnel, the capture and the evidence visit read it instead of asking DNS or WHOIS
 * again, so a verdict, a takedown list and the console never hold two answers for one name.
 *
 * A snapshot embeds it: `snapshot.dns` and `snapshot.whois` are its DNS and WHOIS answers (fields older
 * than this record, kept so every stored snapshot still loads), and `snapshot.resolved` holds the rest
 * (`ResolvedFacts`). `resolvedOf` puts the two halves back together.
 */
import type { DnsAnswer, PageSnapshot, WhoisAnswer } from './snapshot.js';

/** Why a target may not be visited: its name has no address, or it resolves to a private address. */
export interface VisitBlock {
  /** 'dns': no answer (NXDOMAIN, SERVFAIL, …); 'refused': a loopback/private/link-local address. */
  readonly stage: 'dns' | 'refused';
  /** One line for a result's `error`, with the next step where there is one. */
  readonly error: string;
}

/** One target's resolved facts, without the DNS and WHOIS answers (which a snapshot keeps in its own fields). */
export interface ResolvedFacts {
  /** The target exactly as given. */
  readonly input: string;
  /** Lower case, ASCII (punycode), no trailing dot. */
  readonly host: string;
  /** Under the public suffix list, private suffixes included; null for an IP literal. */
  readonly registrableDomain: string | null;
  /** The URLs to try, in order (https:// then http:// for a bare host or an unreachable https:// URL). */
  readonly urls: readonly string[];
  /** Every address the name resolved to (A then AAAA); an IP literal is its own address. */
  readonly addresses: readonly string[];
  /** The first loopback/private/link-local address among them, whether or not the scan allows it. */
  readonly privateAddress: string | null;
  /** Set when the target must not be visited; null when it may. */
  readonly block: VisitBlock | null;
  /** The domain's creation date from WHOIS (model/whois.ts creationDate: zone-less is Beijing time), ISO 8601. */
  readonly createdAt: string | null;
  readonly timings: {
    /** When the resolve stage started on this target. */
    readonly startedAt: string;
    readonly dnsMs: number | null;
    /** What this target waited for WHOIS (near 0 when another target of the domain asked first). */
    readonly whoisMs: number | null;
  };
}

/** The whole record: the facts and the two answers. */
export interface ResolvedTarget extends ResolvedFacts {
  readonly dns: DnsAnswer;
  /** null when WHOIS was not asked (an IP literal, WHOIS turned off, a name with no address). */
  readonly whois: WhoisAnswer | null;
}

/** Splits a record into the fields a snapshot (or a failed capture) stores: dns, whois and resolved. */
export function snapshotFields(r: ResolvedTarget): { dns: DnsAnswer; whois: WhoisAnswer | null; resolved: ResolvedFacts } {
  const { dns, whois, ...resolved } = r;
  return { dns, whois, resolved };
}

/** The record a snapshot embeds, whole again; null for a snapshot stored before the record existed. */
export function resolvedOf(snapshot: Pick<PageSnapshot, 'dns' | 'whois' | 'resolved'>): ResolvedTarget | null {
  if (!snapshot.resolved || !snapshot.dns) return null;
  return { ...snapshot.resolved, dns: snapshot.dns, whois: snapshot.whois };
}
