/**
 * Linking sites to operators (串并案), as pure functions: which flagged sites one operator runs, by the
 * identifiers they share, and which stable id each group keeps from one recompute to the next.
 *
 * The rule (model/identifier.ts): two sites are joined only by a STRONG identifier both carry — a contact,
 * an analytics or chat-widget account, a registrant e-mail or phone, a script bundle of their own, a TLS
 * certificate (or one site's certificate naming the other). WEAK identifiers (an address, name servers, a
 * template, a favicon, a registrar) never join; inside a group they are listed as supporting evidence.
 * Nothing links that is shared infrastructure: an identifier marked `shared` at extraction, one that an
 * official platform's own page carries (a copy repeats the official hotline and scripts), one naming an official
 * platform's site, or one seen on more sites than `maxSitesPerIdentifier` (a kit sold to many, a service
 * everybody embeds). Identifiers that name another site (a certificate also issued to it, a redirect to it, a
 * form posting to it) link the naming site to the named one when that one is flagged too.
 */
import { createHash } from 'node:crypto';
import { identifierKey, NAMING_KINDS, type Identifier, type IdentifierKind, type IdentifierStrength, type OperatorGroup, type SharedIdentifier, type Sighting } from '../model/identifier.js';

export type { OperatorGroup, SharedIdentifier, Sighting } from '../model/identifier.js';
import { registrableDomainOf } from '../model/host.js';

/** What the linker knows of one site: its identifiers across every stored visit, and whether it may be linked. */
export interface SiteIdentifiers {
  readonly host: string;
  /** When the site was first seen (ISO): the oldest member names a new group. */
  readonly firstSeen: string;
  readonly identifiers: readonly Identifier[];
  /** Flagged (counterfeit, suspicious or confirmed, not rejected): only these are grouped. Others only count. */
  readonly inScope: boolean;
  /** An official platform's own site (or its reference capture): what it carries is never a link. */
  readonly official?: boolean;
  /** The site's registrable domain when `host` is not a host name (a reference capture's). */
  readonly domain?: string | null;
}

/** Why an identifier carried by several sites links nothing. */
export interface Excluded {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly sites: number;
  readonly reason: string;
}

export interface LinkOptions {
  /**
   * An identifier on more sites than this is shared infrastructure. Default: 30 or a tenth of the sites known,
   * whichever is more — far above any one gang's estate in the cases seen (21 sites in the 2023 Beijing case).
   */
  readonly maxSitesPerIdentifier?: number;
}

export interface LinkResult {
  /** Groups of two or more sites, largest first, then by oldest member. */
  readonly groups: readonly OperatorGroup[];
  readonly excluded: readonly Excluded[];
}

const byFirstSeen = (seen: ReadonlyMap<string, string>) => (a: string, b: string) =>
  (seen.get(a) ?? '').localeCompare(seen.get(b) ?? '') || a.localeCompare(b);

/** Union-find over host names. */
class Groups {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    while (p !== (this.parent.get(p) ?? p)) p = this.parent.get(p) ?? p;
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/** Groups the in-scope sites by the strong identifiers they share (module comment). */
export function linkSites(sites: readonly SiteIdentifiers[], opts: LinkOptions = {}): LinkResult {
  const cap = opts.maxSitesPerIdentifier ?? Math.max(30, Math.ceil(sites.length / 10));
  const seen = new Map(sites.map((s) => [s.host, s.firstSeen]));
  const inScope = new Set(sites.filter((s) => s.inScope && !s.official).map((s) => s.host));
  // The official platforms' sites: a site naming one (a look-alike sending visitors to the genuine platform) links nothing.
  const officialSites = new Set(sites.filter((s) => s.official).map((s) => s.domain ?? registrableDomainOf(s.host)).filter((d): d is string => !!d));
  // Every identifier key → the hosts carrying it (all sites, for the counts) and the sightings.
  const carriers = new Map<string, { kind: IdentifierKind; value: string; strength: IdentifierStrength; hosts: Set<string>; sightings: Sighting[]; shared: string | null; official: boolean }>();
  for (const site of sites) {
    for (const id of site.identifiers) {
      const key = identifierKey(id);
      let entry = carriers.get(key);
      if (!entry) carriers.set(key, (entry = { kind: id.kind, value: id.value, strength: id.strength, hosts: new Set(), sightings: [], shared: null, official: false }));
      entry.hosts.add(site.host);
      if (site.official) entry.official = true;
      if (id.shared) entry.shared ??= id.shared;
      if (inScope.has(site.host)) entry.sightings.push({ host: site.host, raw: id.raw, where: id.where });
    }
  }
  const excluded: Excluded[] = [];
  const usable: { kind: IdentifierKind; value: string; strength: IdentifierStrength; hosts: string[]; sightings: Sighting[] }[] = [];
  for (const e of carriers.values()) {
    const hosts = [...e.hosts].filter((h) => inScope.has(h));
    const naming = NAMING_KINDS.has(e.kind);
    // A naming identifier names another site rather than being carried by it: one carrier is enough (resolved below).
    if (hosts.length < (naming ? 1 : 2)) continue;
    const reason =
      e.shared ??
      (e.official ? '官方网站本身也有（仿冒者照搬）' : naming && officialSites.has(e.value) ? '指向官方平台' : e.hosts.size > cap ? `出现在 ${e.hosts.size} 个网站上（公共设施）` : null);
    if (reason !== null) {
      excluded.push({ kind: e.kind, value: e.value, sites: e.hosts.size, reason });
      continue;
    }
    usable.push({ kind: e.kind, value: e.value, strength: e.strength, hosts, sightings: e.sightings });
  }
  // A naming identifier links its sites to the flagged site it names (by that site's own name).
  const bySite = new Map<string, string[]>();
  for (const h of inScope) {
    const d = registrableDomainOf(h);
    if (d) bySite.set(d, [...(bySite.get(d) ?? []), h]);
  }
  const named = (kind: IdentifierKind, h: string, by: readonly string[]): string =>
    kind === 'tls-san' ? `${h} 出现在 ${by.join('、')} 的证书中` : kind === 'redirect' ? `${by.join('、')} 跳转到 ${h}` : `${by.join('、')} 的查询表单提交到 ${h}`;
  for (const u of usable) {
    if (!NAMING_KINDS.has(u.kind)) continue;
    const more = (bySite.get(u.value) ?? []).filter((h) => !u.hosts.includes(h));
    for (const h of more) u.sightings.push({ host: h, raw: h, where: { source: u.kind === 'tls-san' ? 'tls' : 'page', locator: '主机名', snippet: named(u.kind, h, u.hosts) } });
    u.hosts.push(...more);
  }
  const groups = new Groups();
  for (const u of usable) {
    if (u.strength !== 'strong' || u.hosts.length < 2) continue;
    for (const h of u.hosts.slice(1)) groups.union(u.hosts[0]!, h);
  }
  const components = new Map<string, string[]>();
  for (const h of inScope) {
    const root = groups.find(h);
    components.set(root, [...(components.get(root) ?? []), h]);
  }
  const order = byFirstSeen(seen);
  const out: OperatorGroup[] = [];
  for (const members of components.values()) {
    if (members.length < 2) continue;
    const set = new Set(members);
    const within = (u: (typeof usable)[number]): SharedIdentifier | null => {
      const hosts = u.hosts.filter((h) => set.has(h)).sort();
      if (hosts.length < 2) return null;
      return { kind: u.kind, value: u.value, strength: u.strength, hosts, sightings: u.sightings.filter((s) => set.has(s.host)) };
    };
    const shared = usable.map(within).filter((s): s is SharedIdentifier => s !== null);
    const rank = (a: SharedIdentifier, b: SharedIdentifier) => b.hosts.length - a.hosts.length || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value);
    out.push({
      members: members.sort(order),
      links: shared.filter((s) => s.strength === 'strong').sort(rank),
      support: shared.filter((s) => s.strength === 'weak').sort(rank),
    });
  }
  out.sort((a, b) => b.members.length - a.members.length || order(a.members[0]!, b.members[0]!));
  excluded.sort((a, b) => b.sites - a.sites || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
  return { groups: out, excluded };
}

/** An operator as stored by the previous recompute. */
export interface PreviousOperator {
  readonly id: string;
  readonly members: readonly string[];
  readonly createdAt: string;
}

/** What a recompute does to the stored operators. */
export interface IdAssignment {
  /** Each group with the id it keeps (or gets). */
  readonly assigned: readonly { readonly id: string; readonly group: OperatorGroup; readonly isNew: boolean }[];
  /** Earlier operators whose sites now belong to another operator's group. */
  readonly merged: readonly { readonly id: string; readonly into: string }[];
  /** Earlier operators none of whose sites is in a group any more. */
  readonly dissolved: readonly string[];
}

/** A new group's id, from its oldest site, so independent stores name the same gang alike: OP-1A2B3C4D. */
export function operatorIdFor(oldestHost: string, taken: ReadonlySet<string>): string {
  const base = `OP-${createHash('sha256').update(oldestHost).digest('hex').slice(0, 8).toUpperCase()}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Gives each group a stable id. Every (group, earlier operator) pair sharing sites is considered by the sites
 * they share, most first (then the older operator): each earlier id goes to at most one group and each group
 * keeps at most one earlier id. So a group that grew keeps its id; when two groups merge, the one with more
 * sites in the merged group (else the older) keeps its id and the other is recorded as merged into it; when a
 * group splits, the larger part (of equal parts, the one with the oldest site) keeps the id and the rest gets a
 * new one. A new id never reuses one in `retired` (ids of operators merged or dissolved earlier).
 */
export function assignOperatorIds(groups: readonly OperatorGroup[], previous: readonly PreviousOperator[], retired: readonly string[] = []): IdAssignment {
  const pairs: { g: number; p: number; overlap: number }[] = [];
  groups.forEach((group, g) => {
    const members = new Set(group.members);
    previous.forEach((prev, p) => {
      const overlap = prev.members.filter((m) => members.has(m)).length;
      if (overlap > 0) pairs.push({ g, p, overlap });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap || previous[a.p]!.createdAt.localeCompare(previous[b.p]!.createdAt) || previous[a.p]!.id.localeCompare(previous[b.p]!.id));
  const idOf = new Map<number, string>();
  const used = new Set<number>();
  for (const { g, p } of pairs) {
    if (idOf.has(g) || used.has(p)) continue;
    idOf.set(g, previous[p]!.id);
    used.add(p);
  }
  const taken = new Set([...previous.map((p) => p.id), ...retired]);
  const assigned = groups.map((group, g) => {
    const kept = idOf.get(g);
    if (kept !== undefined) return { id: kept, group, isNew: false };
    const id = operatorIdFor(group.members[0]!, taken);
    taken.add(id);
    return { id, group, isNew: true };
  });
  const merged: { id: string; into: string }[] = [];
  const dissolved: string[] = [];
  previous.forEach((prev, p) => {
    if (used.has(p)) return;
    const best = pairs.find((x) => x.p === p);
    if (best) merged.push({ id: prev.id, into: assigned[best.g]!.id });
    else dissolved.push(prev.id);
  });
  return { assigned, merged, dissolved };
}
