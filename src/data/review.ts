/**
 * Analysts' decisions on sites and the audit log. A decision is about a host (the thing a telecom
 * administration takes down), not one scan's row; the latest decision per host wins and every earlier one
 * is kept. Every decision and every export is also written to the audit log (who, when, what).
 */
import { sqliteOf, type Store } from './store.js';

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

interface DecisionRow {
  id: number;
  host: string;
  decision: Decision;
  note: string;
  actor: string;
  scan_id: string | null;
  idx: number | null;
  decided_at: string;
}

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
export function recordDecision(
  store: Store,
  input: { host: string; decision: Decision; note?: string; actor: string; scanId?: string | null; index?: number | null; at?: Date },
): DecisionRecord {
  const db = sqliteOf(store);
  const at = (input.at ?? new Date()).toISOString();
  const host = normHost(input.host);
  return db.transaction(() => {
    const info = db
      .prepare('INSERT INTO decisions (host, decision, note, actor, scan_id, idx, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(host, input.decision, input.note ?? '', input.actor, input.scanId ?? null, input.index ?? null, at);
    db.prepare('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
      at,
      input.actor,
      `decision.${input.decision}`,
      host,
      JSON.stringify({ note: input.note ?? '', scanId: input.scanId ?? null, index: input.index ?? null }),
    );
    return toDecision(db.prepare('SELECT * FROM decisions WHERE id = ?').get(info.lastInsertRowid) as DecisionRow);
  })();
}

/** The latest decision on a host, or null when nobody has decided yet. */
export function latestDecision(store: Store, host: string): DecisionRecord | null {
  const row = sqliteOf(store).prepare('SELECT * FROM decisions WHERE host = ? ORDER BY id DESC LIMIT 1').get(normHost(host)) as
    | DecisionRow
    | undefined;
  return row ? toDecision(row) : null;
}

/** The latest decision of every decided host (optionally only those with one decision kind). */
export function latestDecisions(store: Store, only?: Decision): DecisionRecord[] {
  const rows = sqliteOf(store)
    .prepare(
      `SELECT d.* FROM decisions d JOIN (SELECT host, max(id) AS id FROM decisions GROUP BY host) last ON last.id = d.id
       ${only ? 'WHERE d.decision = ?' : ''} ORDER BY d.host`,
    )
    .all(...(only ? [only] : [])) as DecisionRow[];
  return rows.map(toDecision);
}

/** Every decision on a host, oldest first. */
export function decisionHistory(store: Store, host: string): DecisionRecord[] {
  return (sqliteOf(store).prepare('SELECT * FROM decisions WHERE host = ? ORDER BY id').all(normHost(host)) as DecisionRow[]).map(toDecision);
}

/** Appends to the audit log (exports, logins, evidence builds); decisions write their own entry. */
export function audit(store: Store, entry: { actor: string; action: string; subject?: string; detail?: Record<string, unknown>; at?: Date }): void {
  sqliteOf(store)
    .prepare('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)')
    .run((entry.at ?? new Date()).toISOString(), entry.actor, entry.action, entry.subject ?? '', JSON.stringify(entry.detail ?? {}));
}

/** The audit log, newest first. */
export function auditLog(store: Store, limit = 200): AuditEntry[] {
  const rows = sqliteOf(store).prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as (Omit<AuditEntry, 'detail'> & { detail: string })[];
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
