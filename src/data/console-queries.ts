/**
 * Read queries the review console needs beyond the Store interface: the review queue (one row per host,
 * its latest verdict, first sighting and latest decision), the verdict timeline of flagged hosts for the
 * overview charts, and an artifact's stored MIME type (the console serves images only by their recorded type).
 */
import type { Verdict } from '../model/verdict.js';
import type { Decision } from './review.js';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DialectName, Executor } from './database.js';
import { databaseOf, type Store } from './store.js';

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

/**
 * The queue's source: each host's newest verdict (rn = 1) with its first sighting, beside the host's latest
 * analyst decision. Window functions are written by Kysely's `over()`, the same SQL in both dialects.
 */
function queueBase(db: Executor) {
  return db
    .with('ranked', (qc) =>
      qc
        .selectFrom('verdicts as v')
        .select(['v.host', 'v.scan_id', 'v.idx', 'v.verdict', 'v.score', 'v.platform', 'v.final_url', 'v.captured_at'])
        .select((eb) => [
          eb.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy('v.host').orderBy('v.captured_at', 'desc').orderBy('v.scan_id', 'desc').orderBy('v.idx', 'desc'))
            .as('rn'),
          eb.fn.min<string>('v.captured_at').over((ob) => ob.partitionBy('v.host')).as('first_seen'),
        ])
        .where('v.host', 'is not', null),
    )
    .with('dec', (qc) =>
      qc
        .selectFrom('decisions as d')
        .innerJoin(
          (eb) => eb.selectFrom('decisions').select((e) => ['host', e.fn.max('id').as('id')]).groupBy('host').as('last'),
          (j) => j.onRef('last.id', '=', 'd.id'),
        )
        .select(['d.host', 'd.decision', 'd.actor']),
    )
    .selectFrom('ranked as r')
    .leftJoin('dec', 'dec.host', 'r.host');
}

type QueueQuery = ReturnType<typeof queueBase>;

function filtered(qb: QueueQuery, f: QueueFilter): QueueQuery {
  return qb.where((eb) => {
    const all: Expression<SqlBool>[] = [eb('r.rn', '=', 1)];
    const verdict = f.verdict ?? 'flagged';
    if (verdict === 'flagged') all.push(eb('r.verdict', 'in', ['counterfeit', 'suspicious']));
    else if (verdict !== 'all') all.push(eb('r.verdict', '=', verdict));
    const state = f.state ?? 'open';
    if (state === 'open') all.push(eb.or([eb('dec.decision', 'is', null), eb('dec.decision', '=', 'pending')]));
    else if (state === 'undecided') all.push(eb('dec.decision', 'is', null));
    else if (state !== 'all') all.push(eb('dec.decision', '=', state));
    if (f.platform) all.push(eb('r.platform', '=', f.platform));
    if (f.firstSeenFrom) all.push(eb('r.first_seen', '>=', f.firstSeenFrom));
    // "On or before" a date includes the whole day.
    if (f.firstSeenTo) all.push(eb('r.first_seen', '<', `${f.firstSeenTo}T99`));
    if (f.search) {
      // Hosts are stored lower-case, so LIKE's case rules (insensitive in SQLite, sensitive in PostgreSQL) agree.
      const pattern = `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      all.push(sql<SqlBool>`r.host LIKE ${pattern} ESCAPE '\\'`);
    }
    return eb.and(all);
  });
}

/**
 * A snapshot's title from its stored JSON. PostgreSQL's JSON operators refuse a \u0000 escape anywhere in
 * the document (a hostile page can put one in its text), which would fail the whole queue page; such a
 * page shows no title instead.
 */
function titleOf(dialect: DialectName) {
  return dialect === 'sqlite'
    ? sql<string | null>`json_extract(s.json, '$.title')`
    : sql<string | null>`CASE WHEN strpos(s.json, '\\u0000') > 0 THEN NULL ELSE (s.json::json ->> 'title') END`;
}

/** One page of the review queue: each host once (its latest result), highest score first. */
export async function queuePage(store: Store, filter: QueueFilter, page: { offset: number; limit: number }): Promise<{ rows: QueueRow[]; total: number }> {
  const { db, dialect } = databaseOf(store);
  const count = await filtered(queueBase(db), filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(queueBase(db), filter)
    .leftJoin('snapshots as s', (j) => j.onRef('s.scan_id', '=', 'r.scan_id').onRef('s.idx', '=', 'r.idx').on('s.kind', '=', 'snapshot'))
    .select(['r.host', 'r.scan_id', 'r.idx', 'r.verdict', 'r.score', 'r.platform', 'r.final_url', 'r.captured_at', 'r.first_seen', 'dec.decision', 'dec.actor'])
    .select(titleOf(dialect).as('title'))
    .orderBy('r.score', 'desc')
    .orderBy('r.host')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      host: r.host!,
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
export async function queueHosts(store: Store, filter: QueueFilter): Promise<string[]> {
  const rows = await filtered(queueBase(databaseOf(store).db), filter).select('r.host').orderBy('r.score', 'desc').orderBy('r.host').execute();
  return rows.map((r) => r.host!);
}

/** Platforms that appear in stored verdicts (for the queue's platform filter). */
export async function platformsSeen(store: Store): Promise<string[]> {
  const rows = await databaseOf(store).db.selectFrom('verdicts').select('platform').distinct().where('platform', 'is not', null).orderBy('platform').execute();
  return rows.map((r) => r.platform!);
}

export interface VerdictPoint {
  readonly host: string;
  readonly capturedAt: string;
  readonly verdict: Verdict;
  readonly platform: string | null;
}

/** Every stored verdict of every host that was ever flagged or decided on, oldest first (overview charts). */
export async function flaggedTimelines(store: Store): Promise<VerdictPoint[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('verdicts as v')
    .select(['v.host', 'v.captured_at', 'v.verdict', 'v.platform'])
    .where('v.host', 'in', (eb) =>
      eb
        .selectFrom('verdicts')
        .select('host')
        .where('verdict', 'in', ['counterfeit', 'suspicious'])
        .where('host', 'is not', null)
        .union(eb.selectFrom('decisions').select('host')),
    )
    .orderBy('v.host')
    .orderBy('v.captured_at')
    .orderBy('v.scan_id')
    .execute();
  return rows.map((r) => ({ host: r.host!, capturedAt: r.captured_at, verdict: r.verdict, platform: r.platform }));
}

/** The MIME type and size recorded when an artifact was stored, or null for an unknown hash. */
export async function artifactInfo(store: Store, sha256: string): Promise<{ mime: string; bytes: number } | null> {
  const row = await databaseOf(store).db.selectFrom('artifacts').select(['mime', 'bytes']).where('sha256', '=', sha256).executeTakeFirst();
  return row ?? null;
}
