/**
 * The platforms jianzhen protects, and the one test of what is official. The Ministry of Emergency Management's
 * position is that the address is the one test of a platform's genuineness (DESIGN.md, Platforms), so two
 * different questions are asked of a host, each with one function:
 *
 * - `officialPlatformOf` / `isOfficialHost`: does this host SERVE the platform? Only an official host itself, or
 *   `www.` before one. A sub-domain of an official host is not the platform (`x.cx.mem.gov.cn` is not cx.mem.gov.cn).
 * - `agencyPlatformOf`: is this host part of the agency's own web estate? Any host in the registrable domain of an
 *   official host (`www.mem.gov.cn` shows MEM's ICP filing too; `cnse.e-cqs.cn`'s sister hosts are SAMR's).
 *   Used where a host's own agency may legitimately repeat the platform's facts, never to call a site official.
 */
import { normaliseHost, registrableDomainOf } from './host.js';

/** Stable platform id used in rules, the database and JSON output (DESIGN.md, "Platforms"). */
export type PlatformId = string;

export interface Platform {
  readonly id: PlatformId;
  /** Chinese name of the platform, as shown to analysts. */
  readonly name: string;
  /** The agency that runs it (主办单位). */
  readonly agency: string;
  /** Every host that genuinely serves the platform. */
  readonly officialHosts: readonly string[];
  /** Entry points visited by `references refresh`. The first one is the reference. */
  readonly entryUrls: readonly string[];
  /** ICP filing numbers and other registration numbers the official site shows. */
  readonly registrationNumbers: readonly string[];
  /** Title words and phrases characteristic of the platform. */
  readonly phrases: readonly string[];
  /**
   * The stem every level of the platform's agency shares (应急管理 in 应急管理部, 山东省应急管理厅, 济南市应急管理局):
   * what a text names when it points at the sector's authority without naming the national platform.
   */
  readonly sectorWords: readonly string[];
}

/** Whether `host` is one of `officialHosts` or `www.` before one (the test behind isOfficialHost). */
export function isOfficialHostIn(host: string, officialHosts: readonly string[]): boolean {
  const h = normaliseHost(host);
  return h !== null && officialHosts.some((o) => h === o || h === `www.${o}`);
}

/** The platform a host officially serves (an official host, or `www.` before one), or null. */
export function officialPlatformOf(host: string, platforms: readonly Platform[]): Platform | null {
  return platforms.find((p) => isOfficialHostIn(host, p.officialHosts)) ?? null;
}

/** Whether a host serves one of the platforms (see officialPlatformOf). */
export function isOfficialHost(host: string, platforms: readonly Platform[]): boolean {
  return officialPlatformOf(host, platforms) !== null;
}

/** The platform whose agency's web estate a host belongs to (same registrable domain as an official host), or null. */
export function agencyPlatformOf(host: string, platforms: readonly Platform[]): Platform | null {
  const official = officialPlatformOf(host, platforms);
  if (official) return official;
  const domain = registrableDomainOf(host);
  if (domain === null) return null;
  return platforms.find((p) => p.officialHosts.some((o) => registrableDomainOf(o) === domain)) ?? null;
}

/** Hits of a firm claim (see claimedPlatformIn): the name or agency and a phrase, or three phrases. */
export const FIRM_CLAIM = 3;

/** The platform whose agency, at any level, a short text names (its name, agency or sector words); null for none or several. */
export function sectorNamedIn(text: string, platforms: readonly Platform[]): PlatformId | null {
  const named = platforms.filter((p) => text.includes(p.name) || text.includes(p.agency) || p.sectorWords.some((w) => text.includes(w)));
  return named.length === 1 ? named[0]!.id : null;
}

/**
 * The platform a text claims to be: the platform's name or agency (two hits each), or its phrases (one each), at
 * least `minHits` in all (the most hits wins). Null for a text that claims none. Pass a page's title and text
 * together. Two phrases can be generic ones (信息查询 and 证件号码 are on any query page); three cannot: pass
 * FIRM_CLAIM where a page must present itself as the platform, not only look like a query page.
 */
export function claimedPlatformIn(text: string, platforms: readonly Platform[], minHits = 2): PlatformId | null {
  let best: { id: PlatformId; hits: number } | null = null;
  for (const p of platforms) {
    const hits = (text.includes(p.name) ? 2 : 0) + (text.includes(p.agency) ? 2 : 0) + p.phrases.filter((ph) => text.includes(ph)).length;
    if (hits >= minHits && (best === null || hits > best.hits)) best = { id: p.id, hits };
  }
  return best?.id ?? null;
}
