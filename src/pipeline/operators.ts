/**
 * Recomputes operators (串并案) from the store, as scans land (runScan calls it when a scan finishes) and on
 * `jianzhen operators recompute`: reads the identifiers of every stored visit not yet read (once per visit and
 * extractor version), groups the flagged sites by the strong identifiers they share (operator-links.ts, pure),
 * keeps each group's id stable across runs and saves the groups with their links and history.
 */
import { extractIdentifiers, EXTRACTOR_VERSION } from '../detectors/identifiers/index.js';
import { identifiersByHost, operatorIdsEverUsed, listOperators, pendingExtractions, saveIdentifiers, saveOperators, type OperatorChanges } from '../data/operators.js';
import { siteHistories } from '../data/reports.js';
import { latestDecisions } from '../data/review.js';
import type { Store } from '../data/store.js';
import { errorMessage } from '../errors.js';
import type { PageSnapshot } from '../model/snapshot.js';
import { siteOf } from '../model/host.js';
import { assignOperatorIds, linkSites, type Excluded, type LinkOptions, type SiteIdentifiers } from './operator-links.js';

/** What a recompute did. */
export interface RecomputeReport {
  /** Visits whose identifiers were read in this run. */
  readonly extracted: number;
  /** Visits that could not be read (each with why); they are not retried until the extractor changes. */
  readonly unreadable: readonly { readonly scanId: string; readonly index: number; readonly error: string }[];
  /** Sites known, and of them the flagged ones that may be grouped. */
  readonly sites: number;
  readonly inScope: number;
  /** Operators (groups of two or more sites) after the run. */
  readonly operators: number;
  readonly changes: OperatorChanges;
  /** Identifiers several sites share that link nothing, and why (shared infrastructure). */
  readonly excluded: readonly Excluded[];
}

const FLAGGED = new Set(['counterfeit', 'suspicious']);

/** The bytes a snapshot's extraction reads (its HTML and script files), loaded before the pure extraction runs. */
async function bytesOf(store: Store, snap: PageSnapshot): Promise<Map<string, Buffer>> {
  const wanted = [snap.html?.sha256, ...(snap.scripts ?? []).map((s) => s.artifact?.sha256)].filter((s): s is string => typeof s === 'string');
  const out = new Map<string, Buffer>();
  for (const sha of new Set(wanted)) {
    const bytes = await store.readArtifact(sha);
    if (bytes) out.set(sha, bytes);
  }
  return out;
}

async function identifiersOf(store: Store, snapshot: PageSnapshot) {
  const bytes = await bytesOf(store, snapshot);
  return extractIdentifiers({ snapshot, readArtifact: (sha) => bytes.get(sha) ?? null });
}

/** Reads the identifiers of every stored visit not yet read at the current extractor version. */
export async function extractPending(store: Store, now: Date): Promise<{ extracted: number; unreadable: RecomputeReport['unreadable'] }> {
  let extracted = 0;
  const unreadable: { scanId: string; index: number; error: string }[] = [];
  for (;;) {
    const batch = await pendingExtractions(store, EXTRACTOR_VERSION, 50);
    if (batch.length === 0) break;
    for (const p of batch) {
      let ids: Awaited<ReturnType<typeof identifiersOf>> = [];
      try {
        ids = await identifiersOf(store, p.snapshot);
      } catch (err) {
        // A page the extractor cannot read costs its identifiers, never the recompute; stored as read (none).
        unreadable.push({ scanId: p.scanId, index: p.index, error: errorMessage(err) });
      }
      await saveIdentifiers(store, p.scanId, p.index, EXTRACTOR_VERSION, ids, now);
      extracted++;
    }
  }
  return { extracted, unreadable };
}

/**
 * What the linker is given: every site with a stored verdict (its identifiers across all its visits, flagged
 * or not), and the official platforms' reference captures as official sites, whose identifiers never link.
 */
export async function siteIdentifiers(store: Store): Promise<SiteIdentifiers[]> {
  const histories = await siteHistories(store);
  const decisions = new Map((await latestDecisions(store)).map((d) => [d.host, d.decision]));
  const ids = await identifiersByHost(store);
  const sites: SiteIdentifiers[] = [];
  for (const [host, h] of histories) {
    const basis = h.lastAlive ?? h.latest;
    const decision = decisions.get(host);
    const official = h.sightings.some((s) => s.verdict === 'official');
    const flagged = decision === 'confirmed' || FLAGGED.has(basis.verdict);
    sites.push({ host, firstSeen: h.firstSeen, identifiers: ids.get(host) ?? [], inScope: flagged && decision !== 'rejected' && !official, official });
  }
  for (const ref of await store.listReferences()) {
    sites.push({ host: `reference:${ref.platform}`, domain: siteOf(ref.snapshot.finalUrl), firstSeen: ref.capturedAt, identifiers: await identifiersOf(store, ref.snapshot), inScope: false, official: true });
  }
  return sites;
}

/** Recomputes and saves the operators (module comment). */
export async function recomputeOperators(store: Store, opts: LinkOptions & { now?: Date } = {}): Promise<RecomputeReport> {
  const now = opts.now ?? new Date();
  const { extracted, unreadable } = await extractPending(store, now);
  const sites = await siteIdentifiers(store);
  const { groups, excluded } = linkSites(sites, opts);
  const previous = (await listOperators(store)).map((o) => ({ id: o.id, members: o.members.map((m) => m.host), createdAt: o.createdAt }));
  const assignment = assignOperatorIds(groups, previous, await operatorIdsEverUsed(store));
  const changes = await saveOperators(store, assignment, now);
  return {
    extracted,
    unreadable,
    sites: sites.filter((s) => !s.host.startsWith('reference:')).length,
    inScope: sites.filter((s) => s.inScope).length,
    operators: groups.length,
    changes,
    excluded,
  };
}
