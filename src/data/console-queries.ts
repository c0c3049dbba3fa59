/**
 * Read queries the review console needs beyond the Store interface: the review queue (one row per host,
 * its latest verdict, first sighting and latest decision), the verdict timeline of flagged hosts for the
 * overview charts, and an artifact's stored MIME type (the console serves images only by their recorded type).
 */
import { normaliseHost } from '../model/host.js';
import type { Verdict } from '../model/verdict.js';
import type { Decision } from './review.js';
import type { SightingRow } from './reports.js';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DialectName, Executor } from './database.js';
import { databaseOf, type Store } from './store.js';

/** Review states a queue can be filtered by: `open` is undecided or pending. */
export type ReviewState = 'open' | 'undecided' | Decision | 'all';
/** Verdict filter: `flagged` is counterfeit or suspicious. */
export type VerdictFilter = 'flagged' | Verdict | 'all';

/** Queue orders: highest score first, newest first sighting first, most recently scanned first. */
export type QueueSort = 'score' | 'newest' | 'recent';
export const QUEUE_SORTS: readonly QueueSort[] = ['score', 'newest', 'recent'];

export interface QueueFilter {
  readonly platform?: string | null;
  readonly verdict?: VerdictFilter;
  readonly state?: ReviewState;
  /** A day in Beijing time (YYYY-MM-DD), as the analyst reads dates: first seen on or after its start. */
  readonly firstSeenFrom?: string | null;
  /** A day in Beijing time (YYYY-MM-DD): first seen on or before its end. */
  readonly firstSeenTo?: string | null;
  /**
   * Text found in the host name (ASCII or its Unicode form), the page title, an IP address, the WHOIS record
   * (registrar, registrant contact), the page text (contacts, ICP numbers as shown) or a signal's evidence
   * (ICP numbers and contacts as the detectors read them).
   */
  readonly search?: string | null;
  readonly sort?: QueueSort;
}

/** The instant a Beijing-time calendar day (YYYY-MM-DD) starts, as an ISO string in UTC. */
export function beijingDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The instant the Beijing-time day after `day` starts (the exclusive end of `day`). */
export function beijingDayEnd(day: string): string {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}

/** One site in the review queue: its newest sighting, what the page was, and where the analysts are with it. */
export interface QueueRow extends Omit<SightingRow, 'stage'> {
  readonly finalUrl: string | null;
  readonly title: string | null;
  readonly firstSeen: string;
  readonly decision: Decision | null;
  readonly decidedBy: string | null;
  /** Who holds a live claim on the site (is reviewing it), and until when. */
  readonly claimedBy: string | null;
  readonly claimExpiresAt: string | null;
}

/**
 * The queue's source: each host's newest verdict (rn = 1) with its first sighting, beside the host's latest
 * analyst decision. Window functions are written by Kysely's `over()`, the same SQL in both dialects.
 */
function queueBase(db: Executor, now: string) {
  return db
    .with('ranked', (qc) =>
      qc
        .selectFrom('verdicts as v')
        .select(['v.host', 'v.scanId', 'v.index', 'v.verdict', 'v.score', 'v.platform', 'v.finalUrl', 'v.capturedAt'])
        .select((eb) => [
          eb.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy('v.host').orderBy('v.capturedAt', 'desc').orderBy('v.scanId', 'desc').orderBy('v.index', 'desc'))
            .as('rn'),
          eb.fn.min<string>('v.capturedAt').over((ob) => ob.partitionBy('v.host')).as('firstSeen'),
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
    .leftJoin('dec', 'dec.host', 'r.host')
    .leftJoin('claims as c', (j) => j.onRef('c.host', '=', 'r.host').on('c.expiresAt', '>', now))
    .leftJoin('snapshots as s', (j) => j.onRef('s.scanId', '=', 'r.scanId').onRef('s.index', '=', 'r.index'));
}

type QueueQuery = ReturnType<typeof queueBase>;

function filtered(qb: QueueQuery, f: QueueFilter, dialect: DialectName): QueueQuery {
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
    if (f.firstSeenFrom) all.push(eb('r.firstSeen', '>=', beijingDayStart(f.firstSeenFrom)));
    // "On or before" a day includes the whole (Beijing) day.
    if (f.firstSeenTo) all.push(eb('r.firstSeen', '<', beijingDayEnd(f.firstSeenTo)));
    if (f.search) all.push(searchCondition(f.search, dialect));
    return eb.and(all);
  });
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Where the queue's search looks (see QueueFilter.search). Hosts are stored lower-case ASCII, so the host is
 * matched against the lower-cased text and, for an IDN typed in Unicode, its punycode; the other fields
 * case-insensitively (SQLite's LIKE is, PostgreSQL's ILIKE). PostgreSQL's JSON operators refuse a document
 * holding a \u0000 escape, so such a document is searched as raw text instead.
 */
function searchCondition(text: string, dialect: DialectName) {
  const lower = text.toLowerCase();
  const ascii = /[^\x00-\x7f]/.test(text) ? normaliseHost(text) : null;
  const hostLike = sql<SqlBool>`(r.host LIKE ${likePattern(lower)} ESCAPE '\\'${ascii && ascii !== lower ? sql` OR r.host LIKE ${likePattern(ascii)} ESCAPE '\\'` : sql``})`;
  const p = likePattern(text);
  const evidence = sql<SqlBool>`EXISTS (SELECT 1 FROM signals g WHERE g.scan_id = r.scan_id AND g.idx = r.idx AND g.evidence_json ${dialect === 'sqlite' ? sql`LIKE` : sql`ILIKE`} ${p} ESCAPE '\\')`;
  if (dialect === 'sqlite') {
    return sql<SqlBool>`(${hostLike}
      OR json_extract(s.json, '$.title') LIKE ${p} ESCAPE '\\'
      OR json_extract(s.json, '$.dns') LIKE ${p} ESCAPE '\\'
      OR json_extract(s.json, '$.hosting') LIKE ${p} ESCAPE '\\'
      OR json_extract(s.json, '$.whois.raw') LIKE ${p} ESCAPE '\\'
      OR json_extract(s.json, '$.text') LIKE ${p} ESCAPE '\\'
      OR ${evidence})`;
  }
  return sql<SqlBool>`(${hostLike}
    OR (CASE WHEN strpos(s.json, '\\u0000') > 0 THEN s.json ILIKE ${p} ESCAPE '\\' ELSE (
         (s.json::json ->> 'title') ILIKE ${p} ESCAPE '\\'
      OR (s.json::json -> 'dns')::text ILIKE ${p} ESCAPE '\\'
      OR (s.json::json -> 'hosting')::text ILIKE ${p} ESCAPE '\\'
      OR (s.json::json #>> '{whois,raw}') ILIKE ${p} ESCAPE '\\'
      OR (s.json::json ->> 'text') ILIKE ${p} ESCAPE '\\') END)
    OR ${evidence})`;
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

function ordered(qb: QueueQuery, sort: QueueSort | undefined): QueueQuery {
  if (sort === 'newest') return qb.orderBy('r.firstSeen', 'desc').orderBy('r.host');
  if (sort === 'recent') return qb.orderBy('r.capturedAt', 'desc').orderBy('r.host');
  return qb.orderBy('r.score', 'desc').orderBy('r.host');
}

/** One page of the review queue: each host once (its latest result), in the filter's order (score by default). */
export async function queuePage(
  store: Store,
  filter: QueueFilter,
  page: { offset: number; limit: number },
  now: Date = new Date(),
): Promise<{ rows: QueueRow[]; total: number }> {
  const { db, dialect } = databaseOf(store);
  const count = await filtered(queueBase(db, now.toISOString()), filter, dialect)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await ordered(filtered(queueBase(db, now.toISOString()), filter, dialect), filter.sort)
    .select(['r.host', 'r.scanId', 'r.index', 'r.verdict', 'r.score', 'r.platform', 'r.finalUrl', 'r.capturedAt', 'r.firstSeen', 'dec.decision', 'dec.actor'])
    .select(['c.actor as claimedBy', 'c.expiresAt as claimExpiresAt'])
    .select(sql<string | null>`CASE WHEN s.kind = 'snapshot' THEN ${titleOf(dialect)} ELSE NULL END`.as('title'))
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      host: r.host!,
      scanId: r.scanId,
      index: r.index,
      verdict: r.verdict,
      score: r.score,
      platform: r.platform,
      finalUrl: r.finalUrl,
      title: r.title,
      capturedAt: r.capturedAt,
      firstSeen: r.firstSeen,
      decision: r.decision,
      decidedBy: r.actor,
      claimedBy: r.claimedBy,
      claimExpiresAt: r.claimExpiresAt,
    })),
  };
}

/** Every host of the queue in queue order (for next/previous site) with who claims it, without paging. */
export async function queueHosts(store: Store, filter: QueueFilter, now: Date = new Date()): Promise<{ host: string; claimedBy: string | null }[]> {
  const { db, dialect } = databaseOf(store);
  const rows = await ordered(filtered(queueBase(db, now.toISOString()), filter, dialect), filter.sort).select(['r.host', 'c.actor as claimedBy']).execute();
  return rows.map((r) => ({ host: r.host!, claimedBy: r.claimedBy }));
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
    .select(['v.host', 'v.capturedAt', 'v.verdict', 'v.platform'])
    .where('v.host', 'in', (eb) =>
      eb
        .selectFrom('verdicts')
        .select('host')
        .where('verdict', 'in', ['counterfeit', 'suspicious'])
        .where('host', 'is not', null)
        .union(eb.selectFrom('decisions').select('host')),
    )
    .orderBy('v.host')
    .orderBy('v.capturedAt')
    .orderBy('v.scanId')
    .execute();
  return rows.map((r) => ({ host: r.host!, capturedAt: r.capturedAt, verdict: r.verdict, platform: r.platform }));
}

/** The MIME type and size recorded when an artifact was stored, or null for an unknown hash. */
export async function artifactInfo(store: Store, sha256: string): Promise<{ mime: string; bytes: number } | null> {
  const row = await databaseOf(store).db.selectFrom('artifacts').select(['mime', 'bytes']).where('sha256', '=', sha256).executeTakeFirst();
  return row ?? null;
}
