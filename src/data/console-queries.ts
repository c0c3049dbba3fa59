/**
 * Read queries the review console needs beyond the Store interface: the review queue (one row per host,
 * its latest verdict, first sighting and latest decision), the verdict timeline of flagged hosts for the
 * overview charts, and an artifact's stored MIME type (the console serves images only by their recorded type).
 */
import type { Verdict } from '../model/verdict.js';
import type { Decision } from './review.js';
import { sqliteOf, type Store } from './store.js';

/** Review states a queue can be filtered by: `open` is undecided or pending. */
export type ReviewState = 'open' | 'undecided' | Decision | 'all';
/** Verdict filter: `flagged` is counterfeit or suspicious. */
export type VerdictFilter = 'flagged' | Verdict | 'all';

export interface QueueFilter {
  readonly platform?: string | null;
  readonly verdict?: VerdictFilter;
  readonly state?: ReviewState;
  /** ISO date (YYYY-MM-DD): first seen on or after. */
  readonly firstSeenFrom?: string | null;
  /** ISO date (YYYY-MM-DD): first seen on or before. */
  readonly firstSeenTo?: string | null;
  /** Substring of the host name. */
  readonly search?: string | null;
}

export interface QueueRow {
  readonly host: string;
  readonly scanId: string;
  readonly index: number;
  readonly verdict: Verdict;
  readonly score: number;
  readonly platform: string | null;
  readonly finalUrl: string | null;
  readonly title: string | null;
  readonly capturedAt: string;
  readonly firstSeen: string;
  readonly decision: Decision | null;
  readonly decidedBy: string | null;
}

const LATEST = `
  WITH ranked AS (
    SELECT v.*, row_number() OVER (PARTITION BY v.host ORDER BY v.captured_at DESC, v.scan_id DESC, v.idx DESC) AS rn,
           min(v.captured_at) OVER (PARTITION BY v.host) AS first_seen
    FROM verdicts v WHERE v.host IS NOT NULL
  ),
  dec AS (
    SELECT d.host, d.decision, d.actor FROM decisions d
    JOIN (SELECT host, max(id) AS id FROM decisions GROUP BY host) last ON last.id = d.id
  )`;

function where(f: QueueFilter): { sql: string; params: Record<string, unknown> } {
  const clauses = ['r.rn = 1'];
  const params: Record<string, unknown> = {};
  const verdict = f.verdict ?? 'flagged';
  if (verdict === 'flagged') clauses.push(`r.verdict IN ('counterfeit', 'suspicious')`);
  else if (verdict !== 'all') (clauses.push('r.verdict = @verdict'), (params['verdict'] = verdict));
  const state = f.state ?? 'open';
  if (state === 'open') clauses.push(`(dec.decision IS NULL OR dec.decision = 'pending')`);
  else if (state === 'undecided') clauses.push('dec.decision IS NULL');
  else if (state !== 'all') (clauses.push('dec.decision = @state'), (params['state'] = state));
  if (f.platform) (clauses.push('r.platform = @platform'), (params['platform'] = f.platform));
  if (f.firstSeenFrom) (clauses.push('r.first_seen >= @from'), (params['from'] = f.firstSeenFrom));
  // "On or before" a date includes the whole day.
  if (f.firstSeenTo) (clauses.push('r.first_seen < @to'), (params['to'] = `${f.firstSeenTo}T99`));
  if (f.search) {
    clauses.push(`r.host LIKE @search ESCAPE '\\'`);
    params['search'] = `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: clauses.join(' AND '), params };
}

interface QueueDbRow {
  host: string;
  scan_id: string;
  idx: number;
  verdict: Verdict;
  score: number;
  platform: string | null;
  final_url: string | null;
  title: string | null;
  captured_at: string;
  first_seen: string;
  decision: Decision | null;
  actor: string | null;
}

/** One page of the review queue: each host once (its latest result), highest score first. */
export function queuePage(store: Store, filter: QueueFilter, page: { offset: number; limit: number }): { rows: QueueRow[]; total: number } {
  const db = sqliteOf(store);
  const w = where(filter);
  const total = db.prepare(`${LATEST} SELECT count(*) FROM ranked r LEFT JOIN dec ON dec.host = r.host WHERE ${w.sql}`).pluck().get(w.params) as number;
  const rows = db
    .prepare(
      `${LATEST} SELECT r.host, r.scan_id, r.idx, r.verdict, r.score, r.platform, r.final_url, r.captured_at, r.first_seen,
         json_extract(s.json, '$.title') AS title, dec.decision, dec.actor
       FROM ranked r LEFT JOIN dec ON dec.host = r.host
       LEFT JOIN snapshots s ON s.scan_id = r.scan_id AND s.idx = r.idx AND s.kind = 'snapshot'
       WHERE ${w.sql} ORDER BY r.score DESC, r.host LIMIT @limit OFFSET @offset`,
    )
    .all({ ...w.params, limit: page.limit, offset: page.offset }) as QueueDbRow[];
  return {
    total,
    rows: rows.map((r) => ({
      host: r.host,
      scanId: r.scan_id,
      index: r.idx,
      verdict: r.verdict,
      score: r.score,
      platform: r.platform,
      finalUrl: r.final_url,
      title: r.title,
      capturedAt: r.captured_at,
      firstSeen: r.first_seen,
      decision: r.decision,
      decidedBy: r.actor,
    })),
  };
}

/** Every host of the queue in queue order (for next/previous site), without paging. */
export function queueHosts(store: Store, filter: QueueFilter): string[] {
  const w = where(filter);
  return sqliteOf(store)
    .prepare(`${LATEST} SELECT r.host FROM ranked r LEFT JOIN dec ON dec.host = r.host WHERE ${w.sql} ORDER BY r.score DESC, r.host`)
    .pluck()
    .all(w.params) as string[];
}

/** Platforms that appear in stored verdicts (for the queue's platform filter). */
export function platformsSeen(store: Store): string[] {
  return sqliteOf(store).prepare('SELECT DISTINCT platform FROM verdicts WHERE platform IS NOT NULL ORDER BY platform').pluck().all() as string[];
}

export interface VerdictPoint {
  readonly host: string;
  readonly capturedAt: string;
  readonly verdict: Verdict;
  readonly platform: string | null;
}

/** Every stored verdict of every host that was ever flagged or decided on, oldest first (overview charts). */
export function flaggedTimelines(store: Store): VerdictPoint[] {
  const rows = sqliteOf(store)
    .prepare(
      `SELECT v.host, v.captured_at, v.verdict, v.platform FROM verdicts v
       WHERE v.host IN (SELECT host FROM verdicts WHERE verdict IN ('counterfeit', 'suspicious') AND host IS NOT NULL
                        UNION SELECT host FROM decisions)
       ORDER BY v.host, v.captured_at, v.scan_id`,
    )
    .all() as { host: string; captured_at: string; verdict: Verdict; platform: string | null }[];
  return rows.map((r) => ({ host: r.host, capturedAt: r.captured_at, verdict: r.verdict, platform: r.platform }));
}

/** The MIME type and size recorded when an artifact was stored, or null for an unknown hash. */
export function artifactInfo(store: Store, sha256: string): { mime: string; bytes: number } | null {
  const row = sqliteOf(store).prepare('SELECT mime, bytes FROM artifacts WHERE sha256 = ?').get(sha256) as { mime: string; bytes: number } | undefined;
  return row ?? null;
}
