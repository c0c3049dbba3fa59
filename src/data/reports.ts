/**
 * Queries for the reports (takedown lists, evidence packets, statistics): a site's history across scans
 * and the evidence packets built for it. A "site" is a host, as for analysts' decisions (review.ts).
 */
import type { Verdict } from '../model/verdict.js';
import { answered, wasVisit } from './sites.js';
import { sqliteOf, type Store } from './store.js';
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

interface PacketRow {
  id: string;
  host: string;
  scan_id: string | null;
  idx: number | null;
  built_at: string;
  actor: string;
  manifest_sha256: string;
  manifest_sm3: string;
  folder: string;
  zip: string | null;
  zip_sha256: string | null;
}

const toPacket = (r: PacketRow): EvidencePacketRecord => ({
  id: r.id,
  host: r.host,
  scanId: r.scan_id,
  index: r.idx,
  builtAt: r.built_at,
  actor: r.actor,
  manifestSha256: r.manifest_sha256,
  manifestSm3: r.manifest_sm3,
  folder: r.folder,
  zip: r.zip,
  zipSha256: r.zip_sha256,
});

const normHost = (h: string) => h.toLowerCase().replace(/\.+$/, '');

/** Records a built evidence packet (the CLI also writes the audit entry). */
export function recordEvidencePacket(store: Store, rec: EvidencePacketRecord): void {
  sqliteOf(store)
    .prepare(
      `INSERT INTO evidence_packets (id, host, scan_id, idx, built_at, actor, manifest_sha256, manifest_sm3, folder, zip, zip_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(rec.id, normHost(rec.host), rec.scanId, rec.index, rec.builtAt, rec.actor, rec.manifestSha256, rec.manifestSm3, rec.folder, rec.zip, rec.zipSha256);
}

/** Every evidence packet, oldest first (optionally of one host). */
export function listEvidencePackets(store: Store, host?: string): EvidencePacketRecord[] {
  const db = sqliteOf(store);
  const rows = (
    host === undefined
      ? db.prepare('SELECT * FROM evidence_packets ORDER BY built_at, id').all()
      : db.prepare('SELECT * FROM evidence_packets WHERE host = ? ORDER BY built_at, id').all(normHost(host))
  ) as PacketRow[];
  return rows.map(toPacket);
}

/** The newest evidence packet of each host that has one. */
export function latestEvidencePackets(store: Store): Map<string, EvidencePacketRecord> {
  const out = new Map<string, EvidencePacketRecord>();
  for (const p of listEvidencePackets(store)) out.set(p.host, p);
  return out;
}

/** Every host's history across scans (hosts with at least one stored verdict), keyed by host. */
export function siteHistories(store: Store): Map<string, SiteHistory> {
  const rows = sqliteOf(store)
    .prepare(
      `SELECT host, scan_id, idx, verdict, score, platform, captured_at, stage FROM verdicts
       WHERE host IS NOT NULL ORDER BY host, captured_at, scan_id, idx`,
    )
    .all() as { host: string; scan_id: string; idx: number; verdict: Verdict; score: number; platform: string | null; captured_at: string; stage: string | null }[];
  const byHost = new Map<string, SightingRow[]>();
  for (const r of rows) {
    const list = byHost.get(r.host) ?? [];
    list.push({ host: r.host, scanId: r.scan_id, index: r.idx, verdict: r.verdict, score: r.score, platform: r.platform, capturedAt: r.captured_at, stage: r.stage });
    byHost.set(r.host, list);
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
export function resultOf(store: Store, s: { scanId: string; index: number }): TargetResult | null {
  return store.getResult(s.scanId, s.index);
}
