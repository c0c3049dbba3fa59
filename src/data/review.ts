/**
 * Analysts' decisions on sites and the audit log. A decision is about a host (the thing a telecom
 * administration takes down), not one scan's row; the latest decision per host wins and every earlier one
 * is kept. Every decision and every export is also written to the audit log (who, when, what).
 */
import type { Selectable } from 'kysely';
import type { Tables } from './database.js';
import { databaseOf, type Store } from './store.js';

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
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly detail: Record<string, unknown>;
}

type DecisionRow = Selectable<Tables['decisions']>;

const toDecision = (r: DecisionRow): DecisionRecord => ({
  id: r.id,
  host: r.host,
  decision: r.decision,
  note: r.note,
  actor: r.actor,
  scanId: r.scan_id,
  index: r.idx,
  decidedAt: r.decided_at,
});

const normHost = (h: string) => h.toLowerCase().replace(/\.+$/, '');

/** Records an analyst's decision on a host (and the result it was made on), with its audit entry, atomically. */
export async function recordDecision(
  store: Store,
  input: { host: string; decision: Decision; note?: string; actor: string; scanId?: string | null; index?: number | null; at?: Date },
): Promise<DecisionRecord> {
  const at = (input.at ?? new Date()).toISOString();
  const host = normHost(input.host);
  return databaseOf(store).write(async (trx) => {
    const row = await trx
      .insertInto('decisions')
      .values({ host, decision: input.decision, note: input.note ?? '', actor: input.actor, scan_id: input.scanId ?? null, idx: input.index ?? null, decided_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('audit_log')
      .values({
        at,
        actor: input.actor,
        action: `decision.${input.decision}`,
        subject: host,
        detail: JSON.stringify({ note: input.note ?? '', scanId: input.scanId ?? null, index: input.index ?? null }),
      })
      .execute();
    return toDecision(row);
  });
}

/** The latest decision on a host, or null when nobody has decided yet. */
export async function latestDecision(store: Store, host: string): Promise<DecisionRecord | null> {
  const row = await databaseOf(store).db.selectFrom('decisions').selectAll().where('host', '=', normHost(host)).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? toDecision(row) : null;
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
  return rows.map(toDecision);
}

/** Every decision on a host, oldest first. */
export async function decisionHistory(store: Store, host: string): Promise<DecisionRecord[]> {
  const rows = await databaseOf(store).db.selectFrom('decisions').selectAll().where('host', '=', normHost(host)).orderBy('id').execute();
  return rows.map(toDecision);
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

/** The audit log, newest first. */
export async function auditLog(store: Store, limit = 200): Promise<AuditEntry[]> {
  const rows = await databaseOf(store).db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
