/**
 * Queries for the reports (takedown lists, evidence packets, statistics): a site's history across scans
 * and the evidence packets built for it. A "site" is a host, as for analysts' decisions (review.ts).
 */
import type { Verdict } from '../model/verdict.js';
import { answered, wasVisit } from './sites.js';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { databaseOf, hostKey, type Store } from './store.js';
import { type TargetResult } from '../model/result.js';

/** One stored verdict of a host in one scan: the thread a site's history is made of. */
export interface SightingRow {
  readonly host: string;
  readonly scanId: string;
  readonly index: number;
  readonly verdict: Verdict;
  readonly score: number;
  readonly platform: string | null;
  readonly capturedAt: string;
  /** Funnel stage the result stopped at (a screen-stopped result says nothing of whether the site is up). */
  readonly stage?: string | null;
}

/** A site's history, summarised for reports. */
export interface SiteHistory {
  readonly host: string;
  /** Every sighting, oldest first. */
  readonly sightings: readonly SightingRow[];
  readonly firstSeen: string;
  /** The newest sighting that was not unreachable (the site answered), or null. */
  readonly lastAlive: SightingRow | null;
  readonly latest: SightingRow;
  /**
   * When the site was first found down after its last answer: the first unreachable sighting following
   * the last alive one, if the newest sighting is unreachable. Null while it still answers.
   */
  readonly downSince: string | null;
}

/** A built evidence packet, as recorded in the store. */
export interface EvidencePacketRecord {
  readonly id: string;
  readonly host: string;
  readonly scanId: string | null;
  readonly index: number | null;
  readonly builtAt: string;
  readonly actor: string;
  readonly manifestSha256: string;
  readonly manifestSm3: string;
  readonly folder: string;
  readonly zip: string | null;
  readonly zipSha256: string | null;
}

/** Records a built evidence packet (the CLI also writes the audit entry). */
export async function recordEvidencePacket(store: Store, rec: EvidencePacketRecord): Promise<void> {
  await databaseOf(store)
    .db.insertInto('evidence_packets')
    .values({
      id: rec.id,
      host: hostKey(rec.host),
      scanId: rec.scanId,
      index: rec.index,
      builtAt: rec.builtAt,
      actor: rec.actor,
      manifestSha256: rec.manifestSha256,
      manifestSm3: rec.manifestSm3,
      folder: rec.folder,
      zip: rec.zip,
      zipSha256: rec.zipSha256,
    })
    .execute();
}

/**
 * The ZIP of a built packet: from the artifact store (where it is kept by its SHA-256, so every console
 * reads it whatever machine built it), else from the file the building machine wrote (packets built before
 * ZIPs went to the artifact store), checked against the recorded hash. Null when neither is there.
 */
export async function readPacketZip(store: Store, rec: EvidencePacketRecord): Promise<Buffer | null> {
  if (rec.zipSha256 && /^[0-9a-f]{64}$/.test(rec.zipSha256)) {
    const stored = await store.readArtifact(rec.zipSha256);
    if (stored) return stored;
  }
  if (!rec.zip) return null;
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(path.resolve(store.home, rec.zip));
  } catch {
    return null;
  }
  if (rec.zipSha256 && createHash('sha256').update(bytes).digest('hex') !== rec.zipSha256) return null;
  return bytes;
}

/** Every evidence packet, oldest first (optionally of one host). */
export async function listEvidencePackets(store: Store, host?: string): Promise<EvidencePacketRecord[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('evidence_packets')
    .selectAll()
    .$if(host !== undefined, (qb) => qb.where('host', '=', hostKey(host!)))
    .orderBy('builtAt')
    .orderBy('id')
    .execute();
  return rows;
}

/** The newest evidence packet of each host that has one. */
export async function latestEvidencePackets(store: Store): Promise<Map<string, EvidencePacketRecord>> {
  const out = new Map<string, EvidencePacketRecord>();
  for (const p of await listEvidencePackets(store)) out.set(p.host, p);
  return out;
}

/** Every host's history across scans (hosts with at least one stored verdict), keyed by host. */
export async function siteHistories(store: Store): Promise<Map<string, SiteHistory>> {
  const rows = await databaseOf(store)
    .db.selectFrom('verdicts')
    .select(['host', 'scanId', 'index', 'verdict', 'score', 'platform', 'capturedAt', 'stage'])
    .where('host', 'is not', null)
    .orderBy('host')
    .orderBy('capturedAt')
    .orderBy('scanId')
    .orderBy('index')
    .execute();
  const byHost = new Map<string, SightingRow[]>();
  for (const r of rows) {
    const host = r.host!;
    const list = byHost.get(host) ?? [];
    list.push({ host, scanId: r.scanId, index: r.index, verdict: r.verdict, score: r.score, platform: r.platform, capturedAt: r.capturedAt, stage: r.stage });
    byHost.set(host, list);
  }
  const out = new Map<string, SiteHistory>();
  for (const [host, sightings] of byHost) out.set(host, summarise(host, sightings));
  return out;
}

/** Summarises a host's sightings (oldest first) into first seen, last alive and down-since. */
export function summarise(host: string, sightings: readonly SightingRow[]): SiteHistory {
  const latest = sightings[sightings.length - 1]!;
  // The same reading of "alive" and "gone" as sites.ts: screen-stopped sightings are not visits.
  const visits = sightings.filter((s) => wasVisit(s.stage));
  let lastAliveAt = -1;
  visits.forEach((s, i) => {
    if (answered(s.verdict, s.stage)) lastAliveAt = i;
  });
  const lastAlive = lastAliveAt >= 0 ? visits[lastAliveAt]! : null;
  const lastVisit = visits.at(-1);
  // Down only counts after the site was once seen answering: a name that never answered was never "up".
  const downSince = lastAlive && lastVisit && !answered(lastVisit.verdict, lastVisit.stage) ? visits[lastAliveAt + 1]!.capturedAt : null;
  return { host, sightings, firstSeen: sightings[0]!.capturedAt, lastAlive, latest, downSince };
}

/** The stored result behind a sighting (snapshot, signals), or null if it was removed meanwhile. */
export function resultOf(store: Store, s: { scanId: string; index: number }): Promise<TargetResult | null> {
  return store.getResult(s.scanId, s.index);
}
