/**
 * The site record every report starts from: one row per host with what the store knows of it — its
 * newest live result, WHOIS, DNS, hosting, ICP number shown, first/last seen, analyst decision and the
 * evidence packet handed over. Takedown lists print it; statistics count it; evidence packets name it.
 */
import type { WhoisAnswer } from '../model/snapshot.js';
import { extractNumbers } from '../model/registration-numbers/index.js';
import { creationDate, creationDateAsWritten, isoSeconds } from '../model/whois.js';
import { latestEvidencePackets, resultOf, siteHistories, type EvidencePacketRecord, type SiteHistory } from '../data/reports.js';
import { latestDecisions, type DecisionRecord } from '../data/review.js';
import { operatorMembership } from '../data/operators.js';
import type { Store } from '../data/store.js';
import type { TargetResult } from '../model/result.js';
import { loadRules } from '../rules/index.js';

/** One site as the reports see it. */
export interface SiteRecord {
  readonly host: string;
  readonly url: string | null;
  readonly registrableDomain: string | null;
  readonly ips: readonly string[];
  readonly hostingNetwork: string;
  readonly hostingCountry: string;
  readonly registrar: string;
  readonly registrationDate: string;
  /** The ICP number(s) the page shows, '; '-joined; '' when none. */
  readonly icp: string;
  readonly platform: string | null;
  readonly verdict: string;
  readonly score: number;
  readonly firstSeen: string;
  readonly lastSeenAlive: string | null;
  readonly downSince: string | null;
  readonly decision: DecisionRecord | null;
  readonly packet: EvidencePacketRecord | null;
  /** The operator (串并案) the site belongs to, or null when it is linked to no other site. */
  readonly operator: string | null;
  /** Whether any sighting carried a sales signal (a page selling certificates). */
  readonly sales: boolean;
  readonly history: SiteHistory;
  /** The newest live result (snapshot, signals), or the newest result when it never answered. */
  readonly result: TargetResult | null;
}

/** Which sites a report covers: analyst-confirmed only (the default), or also unreviewed ones above a score. */
export interface SiteSelection {
  readonly includeUnreviewed?: boolean;
  /** With includeUnreviewed: undecided hosts whose newest live verdict scores at least this. */
  readonly minScore?: number;
}

const WHOIS_REGISTRAR = ['sponsoringRegistrar', 'registrar', 'registrarName', 'registrarOrganization'];

/**
 * The URL to act on for `host`: where its visit ended when that is still on the host, else the URL visited.
 * A back-end host that sends visitors to its front (another listed site) is blocked at its own address.
 */
function siteUrl(host: string, result: TargetResult | null): string | null {
  const final = result?.finalUrl ?? null;
  if (final !== null) {
    try {
      if (new URL(final).hostname.toLowerCase() === host.toLowerCase()) return final;
    } catch {
      // not a URL: fall through to the URL visited
    }
  }
  return result?.url ?? final;
}

/**
 * The domain's creation date as ISO 8601 UTC (xs:dateTime, as IODEF's RFC 5901 DomainData wants) where the
 * registry's format can be read (model/whois.ts: a zone-less time is Beijing time); anything else is kept as
 * the registry wrote it (IODEF then leaves it out); '' when the WHOIS gave none.
 */
export function registrationDateOf(whois: WhoisAnswer | null): string {
  if (whois === null) return '';
  const created = creationDate(whois);
  if (created !== null) return isoSeconds(created);
  return creationDateAsWritten(whois) ?? '';
}


function firstField(fields: Readonly<Record<string, string>> | undefined, keys: readonly string[]): string {
  if (!fields) return '';
  for (const k of keys) if (fields[k]?.trim()) return fields[k]!.trim();
  return '';
}

/** The ICP numbers a result shows: from the registration detector's evidence, else read from the page text. */
export function icpNumbers(result: TargetResult | null): string[] {
  if (!result) return [];
  const out = new Set<string>();
  for (const s of result.signals) {
    const numbers = (s.evidence as { numbers?: { kind?: string; number?: string }[] } | undefined)?.numbers;
    if (s.id.startsWith('registration.') && Array.isArray(numbers)) {
      for (const n of numbers) if ((n.kind === 'icp-filing' || n.kind === 'icp-licence') && n.number) out.add(n.number);
    }
  }
  if (out.size === 0 && result.snapshot) {
    const year = new Date(result.snapshot.timings.startedAt).getUTCFullYear() || new Date().getUTCFullYear();
    for (const n of extractNumbers(result.snapshot.text, year)) if (n.kind === 'icp-filing' || n.kind === 'icp-licence') out.add(n.canonical);
  }
  return [...out];
}

/** Hosting network and country: the snapshot's own `hosting` record when the crawler captured one, else the hosting signal. */
function hostingOf(result: TargetResult | null): { network: string; country: string } {
  const hosting = (result?.snapshot as { hosting?: unknown } | null | undefined)?.hosting as
    | { network?: string; org?: string; asn?: number | string; asName?: string; country?: string }
    | { network?: string; org?: string; asn?: number | string; country?: string }[]
    | undefined;
  const h = Array.isArray(hosting) ? hosting[0] : hosting;
  if (h) {
    const network = [h.network ?? h.org ?? (h as { asName?: string }).asName ?? '', h.asn !== undefined && h.asn !== null ? `AS${String(h.asn).replace(/^AS/i, '')}` : '']
      .filter(Boolean)
      .join(' ');
    return { network, country: h.country ?? '' };
  }
  for (const s of result?.signals ?? []) {
    const a = (s.evidence as { addresses?: { country?: string; org?: string; asn?: number }[] } | undefined)?.addresses?.[0];
    if (s.id === 'record.hosting' && a) return { network: [a.org ?? '', a.asn ? `AS${a.asn}` : ''].filter(Boolean).join(' '), country: a.country ?? '' };
  }
  return { network: '', country: '' };
}

/** Builds the record of every host with a stored verdict. */
export async function allSiteRecords(store: Store): Promise<SiteRecord[]> {
  const histories = await siteHistories(store);
  const decisions = new Map((await latestDecisions(store)).map((d) => [d.host, d]));
  const packets = await latestEvidencePackets(store);
  const operators = await operatorMembership(store);
  const out: SiteRecord[] = [];
  for (const history of histories.values()) {
    const basis = history.lastAlive ?? history.latest;
    const result = await resultOf(store, basis);
    const snapshot = result?.snapshot ?? null;
    const whois = snapshot?.whois ?? result?.failure?.whois ?? null;
    const dns = snapshot?.dns ?? result?.failure?.dns ?? null;
    const hosting = hostingOf(result);
    const sales = history.sightings.some((s) => s.verdict !== 'unreachable') && (result?.signals ?? []).some((s) => s.id.startsWith('sales.'));
    out.push({
      host: history.host,
      url: siteUrl(history.host, result),
      registrableDomain: result?.registrableDomain ?? null,
      ips: dns ? [...dns.a, ...dns.aaaa] : [],
      hostingNetwork: hosting.network,
      hostingCountry: hosting.country,
      registrar: firstField(whois?.fields, WHOIS_REGISTRAR),
      registrationDate: registrationDateOf(whois),
      icp: icpNumbers(result).join('; '),
      platform: basis.platform,
      verdict: basis.verdict,
      score: basis.score,
      firstSeen: history.firstSeen,
      lastSeenAlive: history.lastAlive?.capturedAt ?? null,
      downSince: history.downSince,
      decision: decisions.get(history.host) ?? null,
      packet: packets.get(history.host) ?? null,
      operator: operators.get(history.host) ?? null,
      sales,
      history,
      result,
    });
  }
  return out.sort((a, b) => a.host.localeCompare(b.host));
}

/** The sites a takedown list or packet run covers (see SiteSelection). */
export async function selectSites(store: Store, sel: SiteSelection = {}): Promise<SiteRecord[]> {
  return (await allSiteRecords(store)).filter((s) => {
    if (s.decision?.decision === 'confirmed') return true;
    if (!sel.includeUnreviewed || s.decision !== null) return false;
    return s.lastSeenAlive !== null && s.score >= (sel.minScore ?? 0) && ['counterfeit', 'suspicious'].includes(s.verdict);
  });
}

/** Platform id → its Chinese name (from rules/platforms.json), for the Chinese reports. */
export function platformNames(): Map<string, string> {
  return new Map(loadRules().platforms.map((p) => [p.id, p.name]));
}

/** Verdicts as a Chinese report names them. */
export const VERDICT_ZH: Readonly<Record<string, string>> = {
  counterfeit: '假冒',
  suspicious: '可疑',
  benign: '非仿冒',
  official: '官方',
  unreachable: '无法访问',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
