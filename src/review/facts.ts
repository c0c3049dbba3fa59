/**
 * Facts about a site the console shows and counts, read from its stored snapshot: where it is hosted (the
 * network and country the crawler looked up when it visited), its registrar, and the registration numbers the
 * registration detector recorded in its signals' evidence. Nothing here visits anything.
 */
import type { PageSnapshot } from '../model/snapshot.js';
import type { StoredSignal } from '../model/result.js';
import { registrarOf } from '../model/whois.js';
import { parseMessage, renderMessage } from '../model/messages/index.js';

export interface HostingFact {
  readonly ip: string;
  readonly facts: { readonly country: string | null; readonly asn: number | null; readonly org: string | null } | null;
}

/** Each A/AAAA address of the snapshot with the network and country recorded at the visit (null when none was). */
export function hostingOf(snapshot: PageSnapshot | null): HostingFact[] {
  if (!snapshot?.dns) return [];
  const known = new Map((snapshot.hosting ?? []).map((h) => [h.ip, h]));
  return [...snapshot.dns.a, ...snapshot.dns.aaaa].map((ip) => {
    const h = known.get(ip);
    return { ip, facts: h ? { country: h.country, asn: h.asn, org: h.org } : null };
  });
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
      // The registration detector records a number as `number`; older evidence as `canonical` or `text`.
      const canonical = [n['number'], n['canonical'], n['text']].find((v): v is string => typeof v === 'string') ?? null;
      if (!canonical || seen.has(canonical)) continue;
      seen.set(canonical, {
        canonical,
        kind: String(n['kind'] ?? ''),
        position: String(n['position'] ?? ''),
        // Issues are catalogue messages (older stores kept English sentences): shown in Chinese.
        issues: Array.isArray(n['issues'])
          ? (n['issues'] as unknown[]).map((i) => {
              const m = typeof i === 'object' && i !== null ? parseMessage(JSON.stringify(i)) : null;
              return m ? renderMessage(m, 'zh') : String(i);
            })
          : [],
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
