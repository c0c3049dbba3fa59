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
