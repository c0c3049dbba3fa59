/**
 * Analysts' decisions on sites and the audit log. A decision is about a host (the thing a telecom
 * administration takes down), not one scan's row; the latest decision per host wins and every earlier one
 * is kept. Every decision and every export is also written to the audit log (who, when, what).
 */
import { randomBytes } from 'node:crypto';
import type { Executor } from './database.js';
import { databaseOf, hostKey, type Store } from './store.js';

export type Decision = 'confirmed' | 'rejected' | 'pending';

export interface DecisionRecord {
  readonly id: number;
  readonly host: string;
  readonly decision: Decision;
  readonly note: string;
  readonly actor: string;
  readonly scanId: string | null;
  readonly index: number | null;
  readonly decidedAt: string;
  /** Decisions made together share a batch (one undo takes them back); null for one made alone before batches. */
  readonly batch: string | null;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly detail: Record<string, unknown>;
}

/** One host's part of a decision: the host and the result it was made on. */
export interface DecisionTarget {
  readonly host: string;
  readonly scanId?: string | null;
  readonly index?: number | null;
}

/** One decision and its audit row, inside the caller's transaction. */
export async function insertDecision(
  trx: Executor,
  t: DecisionTarget,
  d: { decision: Decision; note: string; actor: string; at: string; batch: string },
): Promise<DecisionRecord> {
  const host = hostKey(t.host);
  const row = await trx
    .insertInto('decisions')
    .values({ host, decision: d.decision, note: d.note, actor: d.actor, scanId: t.scanId ?? null, index: t.index ?? null, decidedAt: d.at, batch: d.batch })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('audit_log')
    .values({
      at: d.at,
      actor: d.actor,
      action: `decision.${d.decision}`,
      subject: host,
      detail: JSON.stringify({ note: d.note, scanId: t.scanId ?? null, index: t.index ?? null, batch: d.batch }),
    })
    .execute();
  return row;
}

/** Records an analyst's decision on a host (and the result it was made on), with its audit entry, atomically. */
export async function recordDecision(
  store: Store,
  input: DecisionTarget & { decision: Decision; note?: string; actor: string; at?: Date },
): Promise<DecisionRecord> {
  const [one] = await recordDecisions(store, { targets: [input], decision: input.decision, note: input.note, actor: input.actor, at: input.at });
  return one!;
}

/**
 * Records one decision on many hosts at once (a bulk decision with one note), each with its audit entry, in
 * one transaction and one batch: either all are recorded or none, and one undo takes them all back.
 */
export async function recordDecisions(
  store: Store,
  input: { targets: readonly DecisionTarget[]; decision: Decision; note?: string; actor: string; at?: Date },
): Promise<DecisionRecord[]> {
  const at = (input.at ?? new Date()).toISOString();
  const batch = randomBytes(8).toString('hex');
  return databaseOf(store).write(async (trx) => {
    const out: DecisionRecord[] = [];
    for (const t of input.targets) out.push(await insertDecision(trx, t, { decision: input.decision, note: input.note ?? '', actor: input.actor, at, batch }));
    return out;
  });
}

/**
 * Takes back an analyst's newest batch of decisions made within `withinMs` (a mistyped key, a bulk decision on
 * the wrong selection): the rows leave the decisions table, so each host's earlier decision (or none) is the
 * latest again, and the audit log records the undo with every row taken back. Returns what was undone (empty
 * when there is nothing recent to undo). Only one's own decisions can be undone.
 */
export async function undoLastDecision(store: Store, input: { actor: string; withinMs: number; now?: Date }): Promise<DecisionRecord[]> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - input.withinMs).toISOString();
  return databaseOf(store).write(async (trx) => {
    const last = await trx.selectFrom('decisions').selectAll().where('actor', '=', input.actor).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!last || last.decidedAt < since) return [];
    const rows = last.batch
      ? await trx.selectFrom('decisions').selectAll().where('actor', '=', input.actor).where('batch', '=', last.batch).orderBy('id').execute()
      : [last];
    await trx.deleteFrom('decisions').where('id', 'in', rows.map((r) => r.id)).execute();
    const undone = rows;
    await trx
      .insertInto('audit_log')
      .values({
        at: now.toISOString(),
        actor: input.actor,
        action: 'decision.undo',
        subject: undone.map((d) => d.host).join(' ').slice(0, 500),
        detail: JSON.stringify({ undone: undone.map((d) => ({ host: d.host, decision: d.decision, note: d.note, decidedAt: d.decidedAt })) }),
      })
      .execute();
    return undone;
  });
}

/** The analyst's newest decisions that an undo would take back now (same rule as undoLastDecision), or []. */
export async function undoableDecisions(store: Store, input: { actor: string; withinMs: number; now?: Date }): Promise<DecisionRecord[]> {
  const { db } = databaseOf(store);
  const since = new Date((input.now ?? new Date()).getTime() - input.withinMs).toISOString();
  const last = await db.selectFrom('decisions').selectAll().where('actor', '=', input.actor).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last || last.decidedAt < since) return [];
  if (!last.batch) return [last];
  return (await db.selectFrom('decisions').selectAll().where('actor', '=', input.actor).where('batch', '=', last.batch).orderBy('id').execute());
}

/** The latest decision on a host, or null when nobody has decided yet. */
export async function latestDecision(store: Store, host: string): Promise<DecisionRecord | null> {
  const row = await databaseOf(store).db.selectFrom('decisions').selectAll().where('host', '=', hostKey(host)).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}

/** The latest decision of every decided host (optionally only those with one decision kind). */
export async function latestDecisions(store: Store, only?: Decision): Promise<DecisionRecord[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('decisions as d')
    .innerJoin(
      (eb) => eb.selectFrom('decisions').select((e) => ['host', e.fn.max('id').as('id')]).groupBy('host').as('last'),
      (j) => j.onRef('last.id', '=', 'd.id'),
    )
    .selectAll('d')
    .$if(only !== undefined, (qb) => qb.where('d.decision', '=', only!))
    .orderBy('d.host')
    .execute();
  return rows;
}

/** Every decision on a host, oldest first. */
export async function decisionHistory(store: Store, host: string): Promise<DecisionRecord[]> {
  const rows = await databaseOf(store).db.selectFrom('decisions').selectAll().where('host', '=', hostKey(host)).orderBy('id').execute();
  return rows;
}

/** Appends to the audit log (exports, logins, evidence builds); decisions write their own entry. */
export async function audit(
  store: Store,
  entry: { actor: string; action: string; subject?: string; detail?: Record<string, unknown>; at?: Date },
): Promise<void> {
  await databaseOf(store)
    .db.insertInto('audit_log')
    .values({ at: (entry.at ?? new Date()).toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject ?? '', detail: JSON.stringify(entry.detail ?? {}) })
    .execute();
}

export interface AuditFilter {
  /** Exact actor name. */
  readonly actor?: string | null;
  /** Exact action, or a prefix ending in '.' ("decision." is every decision). */
  readonly action?: string | null;
  /** Inclusive lower bound, an ISO instant. */
  readonly from?: string | null;
  /** Exclusive upper bound, an ISO instant. */
  readonly until?: string | null;
}

/**
 * One page of the audit log, newest first, filtered by who, what and when, with the number of matching
 * entries: a flood of failed logins never hides the real entries, which a filter or the next page finds.
 */
export async function auditPage(store: Store, filter: AuditFilter, page: { offset: number; limit: number }): Promise<{ rows: AuditEntry[]; total: number }> {
  const { db } = databaseOf(store);
  const base = db
    .selectFrom('audit_log')
    .$if(!!filter.actor, (q) => q.where('actor', '=', filter.actor!))
    .$if(!!filter.action && !filter.action.endsWith('.'), (q) => q.where('action', '=', filter.action!))
    .$if(!!filter.action && filter.action.endsWith('.'), (q) => q.where('action', 'like', `${filter.action!.replace(/[\\%_]/g, '')}%`))
    .$if(!!filter.from, (q) => q.where('at', '>=', filter.from!))
    .$if(!!filter.until, (q) => q.where('at', '<', filter.until!));
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { total: Number(count.n), rows: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> })) };
}

/** Every actor and every action that appears in the audit log (the audit page's filter choices). */
export async function auditFacets(store: Store): Promise<{ actors: string[]; actions: string[] }> {
  const { db } = databaseOf(store);
  const actors = await db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').limit(500).execute();
  const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').limit(200).execute();
  return { actors: actors.map((r) => r.actor), actions: actions.map((r) => r.action) };
}

/** The audit log, newest first. */
export async function auditLog(store: Store, limit = 200): Promise<AuditEntry[]> {
  const rows = await databaseOf(store).db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
