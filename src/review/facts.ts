/**
 * Facts about a site the console shows and counts, read from its stored snapshot: where it is hosted (the
 * same IP table the registration-record detector uses), its registrar, and the registration numbers the
 * registration detector recorded in its signals' evidence. Nothing here visits anything.
 */
import type { PageSnapshot } from '../crawler/snapshot.js';
import type { StoredSignal } from '../data/store.js';
import { builtinIpInfo, registrarOf, type IpFacts } from '../detectors/registration-record/index.js';

export interface HostingFact {
  readonly ip: string;
  readonly facts: IpFacts | null;
}

/** Each A/AAAA address of the snapshot with what the IP table knows of it. */
export function hostingOf(snapshot: PageSnapshot | null): HostingFact[] {
  if (!snapshot?.dns) return [];
  return [...snapshot.dns.a, ...snapshot.dns.aaaa].map((ip) => ({ ip, facts: builtinIpInfo(ip) }));
}

/** The first known hosting country (ISO code), or null. */
export function countryOf(snapshot: PageSnapshot | null): string | null {
  return hostingOf(snapshot).find((h) => h.facts?.country)?.facts?.country ?? null;
}

/** The registrar named in the snapshot's WHOIS answer, or null. */
export function registrarOfSnapshot(snapshot: PageSnapshot | null): string | null {
  return snapshot?.whois && !snapshot.whois.error ? registrarOf(snapshot.whois) : null;
}

export interface FoundNumberView {
  readonly kind: string;
  readonly canonical: string;
  readonly position: string;
  readonly issues: readonly string[];
}

/** Registration numbers found on the page, from the registration signals' evidence (deduplicated). */
export function registrationNumbers(signals: readonly StoredSignal[]): FoundNumberView[] {
  const seen = new Map<string, FoundNumberView>();
  for (const s of signals) {
    const numbers = s.evidence?.['numbers'];
    if (!Array.isArray(numbers)) continue;
    for (const n of numbers as Record<string, unknown>[]) {
      const canonical = typeof n['canonical'] === 'string' ? n['canonical'] : typeof n['text'] === 'string' ? n['text'] : null;
      if (!canonical || seen.has(canonical)) continue;
      seen.set(canonical, {
        canonical,
        kind: String(n['kind'] ?? ''),
        position: String(n['position'] ?? ''),
        issues: Array.isArray(n['issues']) ? (n['issues'] as unknown[]).map(String) : [],
      });
    }
  }
  return [...seen.values()];
}

export const NUMBER_KIND_LABEL: Record<string, string> = {
  'icp-filing': 'ICP备案号',
  'icp-licence': 'ICP许可证',
  'psb-filing': '公安备案号',
  'gov-site-code': '网站标识码',
};
