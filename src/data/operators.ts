/**
 * Operators (串并案) in the store: the identifiers read from each stored visit, cached by extractor version;
 * the operators a recompute found (pipeline/operators.ts), their member sites, the identifiers that link them
 * with where each was read, and the history of each operator (created, a site joined or left, merged into
 * another, dissolved). Only this module (with the rest of data/) knows the SQL.
 */
import { randomBytes } from 'node:crypto';
import { insertDecision, type Decision, type DecisionRecord } from './review.js';
import { databaseOf, type Store } from './store.js';
import type { Identifier, IdentifierKind, IdentifierSource, IdentifierStrength, OperatorGroup, SharedIdentifier, Sighting } from '../model/identifier.js';
import type { PageSnapshot } from '../model/snapshot.js';

/** A stored visit whose identifiers have not been read at the current extractor version. */
export interface PendingExtraction {
  readonly scanId: string;
  readonly index: number;
  readonly host: string | null;
  readonly snapshot: PageSnapshot;
}

/** Up to `limit` stored page snapshots not yet read at `version` (oldest first). */
export async function pendingExtractions(store: Store, version: number, limit = 100): Promise<PendingExtraction[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('snapshots as s')
    .leftJoin('identifier_extractions as e', (j) => j.onRef('e.scanId', '=', 's.scanId').onRef('e.index', '=', 's.index'))
    .select(['s.scanId', 's.index', 's.host', 's.json'])
    .where('s.kind', '=', 'snapshot')
    .where((eb) => eb.or([eb('e.version', 'is', null), eb('e.version', '<>', version)]))
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ scanId: r.scanId, index: r.index, host: r.host, snapshot: JSON.parse(r.json) as PageSnapshot }));
}

/** Stores the identifiers read from one visit (replacing an older extraction of it). */
export async function saveIdentifiers(store: Store, scanId: string, index: number, version: number, ids: readonly Identifier[], at = new Date()): Promise<void> {
  await databaseOf(store).write(async (trx) => {
    await trx.deleteFrom('identifiers').where('scanId', '=', scanId).where('index', '=', index).execute();
    await trx.deleteFrom('identifier_extractions').where('scanId', '=', scanId).where('index', '=', index).execute();
    await trx.insertInto('identifier_extractions').values({ scanId, index, version, extractedAt: at.toISOString() }).execute();
    for (let i = 0; i < ids.length; i += 200) {
      await trx
        .insertInto('identifiers')
        .values(
          ids.slice(i, i + 200).map((id, k) => ({
            scanId,
            index,
            ord: i + k,
            kind: id.kind,
            value: id.value,
            strength: id.strength,
            raw: id.raw,
            source: id.where.source,
            locator: id.where.locator,
            snippet: id.where.snippet,
            shared: id.shared ?? null,
          })),
        )
        .execute();
    }
  });
}

/**
 * Every host's identifiers across all its stored visits: one per (kind, value, source, locator), the newest
 * visit's wording kept. Hosts with no page stored have none.
 */
export async function identifiersByHost(store: Store): Promise<Map<string, Identifier[]>> {
  const rows = await databaseOf(store)
    .db.selectFrom('identifiers as i')
    .innerJoin('snapshots as s', (j) => j.onRef('s.scanId', '=', 'i.scanId').onRef('s.index', '=', 'i.index'))
    .select(['s.host', 'i.kind', 'i.value', 'i.strength', 'i.raw', 'i.source', 'i.locator', 'i.snippet', 'i.shared'])
    .where('s.host', 'is not', null)
    .orderBy('s.capturedAt', 'desc')
    .orderBy('i.scanId')
    .orderBy('i.index')
    .orderBy('i.ord')
    .execute();
  const out = new Map<string, Identifier[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.host}|${r.kind}|${r.value}|${r.source}|${r.locator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = out.get(r.host!) ?? [];
    list.push({
      kind: r.kind as IdentifierKind,
      value: r.value,
      strength: r.strength,
      raw: r.raw,
      where: { source: r.source as IdentifierSource, locator: r.locator, snippet: r.snippet },
      ...(r.shared ? { shared: r.shared } : {}),
    });
    out.set(r.host!, list);
  }
  return out;
}

export type OperatorStatus = 'active' | 'merged' | 'dissolved';

/** An operator as listed: who, since when, how many sites. */
export interface OperatorSummary {
  readonly id: string;
  readonly status: OperatorStatus;
  readonly mergedInto: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly members: readonly { readonly host: string; readonly joinedAt: string }[];
}

/** An operator with the identifiers that link its sites (strong) and support the link (weak). */
export interface StoredOperator extends OperatorSummary {
  readonly links: readonly SharedIdentifier[];
  readonly support: readonly SharedIdentifier[];
}

/** One thing a recompute did to an operator. */
export interface OperatorEvent {
  readonly at: string;
  readonly operatorId: string;
  readonly event: 'created' | 'joined' | 'left' | 'merged' | 'dissolved';
  readonly host: string | null;
  readonly detail: Record<string, unknown>;
}

/** Every operator (active only unless `all`), the largest first. */
export async function listOperators(store: Store, opts: { all?: boolean } = {}): Promise<OperatorSummary[]> {
  const { db } = databaseOf(store);
  const ops = await db
    .selectFrom('operators')
    .selectAll()
    .$if(!opts.all, (qb) => qb.where('status', '=', 'active'))
    .orderBy('memberCount', 'desc')
    .orderBy('id')
    .execute();
  const members = await db.selectFrom('operator_members').selectAll().orderBy('joinedAt').orderBy('host').execute();
  const byOp = new Map<string, { host: string; joinedAt: string }[]>();
  for (const m of members) byOp.set(m.operatorId, [...(byOp.get(m.operatorId) ?? []), { host: m.host, joinedAt: m.joinedAt }]);
  return ops.map((o) => ({ id: o.id, status: o.status, mergedInto: o.mergedInto, createdAt: o.createdAt, updatedAt: o.updatedAt, members: byOp.get(o.id) ?? [] }));
}

/** One operator with its links, or null. */
export async function getOperator(store: Store, id: string): Promise<StoredOperator | null> {
  const { db } = databaseOf(store);
  const op = await db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
  if (!op) return null;
  const members = await db.selectFrom('operator_members').selectAll().where('operatorId', '=', id).orderBy('joinedAt').orderBy('host').execute();
  const links = await db.selectFrom('operator_links').selectAll().where('operatorId', '=', id).orderBy('ord').execute();
  const shared = links.map(
    (l): SharedIdentifier => ({
      kind: l.kind as IdentifierKind,
      value: l.value,
      strength: l.strength as IdentifierStrength,
      hosts: JSON.parse(l.hostsJson) as string[],
      sightings: JSON.parse(l.sightingsJson) as Sighting[],
    }),
  );
  return {
    id: op.id,
    status: op.status,
    mergedInto: op.mergedInto,
    createdAt: op.createdAt,
    updatedAt: op.updatedAt,
    members: members.map((m) => ({ host: m.host, joinedAt: m.joinedAt })),
    links: shared.filter((s) => s.strength === 'strong'),
    support: shared.filter((s) => s.strength === 'weak'),
  };
}

/** Host → the operator it belongs to, for every host in one. */
export async function operatorMembership(store: Store): Promise<Map<string, string>> {
  const rows = await databaseOf(store).db.selectFrom('operator_members').select(['host', 'operatorId']).execute();
  return new Map(rows.map((r) => [r.host, r.operatorId]));
}

/** The operator a host belongs to, or null. */
export async function operatorOfHost(store: Store, host: string): Promise<string | null> {
  const row = await databaseOf(store).db.selectFrom('operator_members').select('operatorId').where('host', '=', host.toLowerCase()).executeTakeFirst();
  return row?.operatorId ?? null;
}

/** Every id ever given (active, merged and dissolved), so a new operator never reuses one. */
export async function operatorIdsEverUsed(store: Store): Promise<string[]> {
  return (await databaseOf(store).db.selectFrom('operators').select('id').execute()).map((r) => r.id);
}

/** An operator's history, oldest first (and, for an operator merged into it, that operator's too). */
export async function operatorEvents(store: Store, id: string): Promise<OperatorEvent[]> {
  const { db } = databaseOf(store);
  const absorbed = (await db.selectFrom('operators').select('id').where('mergedInto', '=', id).execute()).map((r) => r.id);
  const rows = await db
    .selectFrom('operator_events')
    .selectAll()
    .where('operatorId', 'in', [id, ...absorbed])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: r.at, operatorId: r.operatorId, event: r.event, host: r.host, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** A recompute's outcome to save: each group with its id, and the earlier operators merged or dissolved. */
export interface OperatorsToSave {
  readonly assigned: readonly { readonly id: string; readonly group: OperatorGroup; readonly isNew: boolean }[];
  readonly merged: readonly { readonly id: string; readonly into: string }[];
  readonly dissolved: readonly string[];
}

/** What saving a recompute changed, for the caller to report. */
export interface OperatorChanges {
  readonly created: readonly string[];
  readonly merged: readonly { id: string; into: string }[];
  readonly dissolved: readonly string[];
  readonly joined: readonly { id: string; host: string }[];
  readonly left: readonly { id: string; host: string }[];
}

/**
 * Saves a recompute's operators in one transaction: each group under its id with its members and links;
 * a host moved to another operator is moved (one operator per host); operators merged or dissolved are kept
 * with their status (their ids are never reused) and every change is written to the operator's history.
 */
export async function saveOperators(store: Store, assignment: OperatorsToSave, now = new Date()): Promise<OperatorChanges> {
  const at = now.toISOString();
  const changes = { created: [] as string[], merged: [...assignment.merged], dissolved: [...assignment.dissolved], joined: [] as { id: string; host: string }[], left: [] as { id: string; host: string }[] };
  await databaseOf(store).write(async (trx) => {
    const before = new Map((await trx.selectFrom('operator_members').select(['host', 'operatorId']).execute()).map((r) => [r.host, r.operatorId]));
    const event = (operatorId: string, e: OperatorEvent['event'], host: string | null, detail: Record<string, unknown> = {}) =>
      trx.insertInto('operator_events').values({ at, operatorId, event: e, host, detail: JSON.stringify(detail) }).execute();
    const placed = new Set<string>();
    for (const { id, group, isNew } of assignment.assigned) {
      const row = { status: 'active' as const, mergedInto: null, updatedAt: at, memberCount: group.members.length };
      if (isNew) {
        await trx.insertInto('operators').values({ id, createdAt: at, ...row }).execute();
        await event(id, 'created', null, { members: group.members });
        changes.created.push(id);
      } else await trx.updateTable('operators').set(row).where('id', '=', id).execute();
      for (const host of group.members) {
        placed.add(host);
        const was = before.get(host);
        if (was === id) continue;
        if (was === undefined) await trx.insertInto('operator_members').values({ host, operatorId: id, joinedAt: at }).execute();
        else await trx.updateTable('operator_members').set({ operatorId: id, joinedAt: at }).where('host', '=', host).execute();
        if (!isNew) changes.joined.push({ id, host });
        await event(id, 'joined', host, was === undefined ? {} : { from: was });
      }
      await trx.deleteFrom('operator_links').where('operatorId', '=', id).execute();
      const shared = [...group.links, ...group.support];
      for (const [ord, s] of shared.entries()) {
        await trx
          .insertInto('operator_links')
          .values({ operatorId: id, ord, kind: s.kind, value: s.value, strength: s.strength, hostsJson: JSON.stringify(s.hosts), sightingsJson: JSON.stringify(s.sightings) })
          .execute();
      }
    }
    // Hosts in no group any more leave their operator.
    for (const [host, was] of before) {
      if (placed.has(host)) continue;
      await trx.deleteFrom('operator_members').where('host', '=', host).execute();
      changes.left.push({ id: was, host });
      await event(was, 'left', host);
    }
    for (const m of assignment.merged) {
      await trx.updateTable('operators').set({ status: 'merged', mergedInto: m.into, updatedAt: at, memberCount: 0 }).where('id', '=', m.id).execute();
      await trx.deleteFrom('operator_links').where('operatorId', '=', m.id).execute();
      await event(m.id, 'merged', null, { into: m.into });
    }
    for (const id of assignment.dissolved) {
      await trx.updateTable('operators').set({ status: 'dissolved', updatedAt: at, memberCount: 0 }).where('id', '=', id).execute();
      await trx.deleteFrom('operator_links').where('operatorId', '=', id).execute();
      await event(id, 'dissolved', null);
    }
  });
  return changes;
}

/**
 * An analyst's decision on a whole operator: the same decision recorded on every member site (so takedown
 * lists and statistics read it as for any site), each with its audit entry, and one audit entry for the
 * operator — all in one transaction.
 */
export async function decideOperator(
  store: Store,
  input: { operatorId: string; decision: Decision; note?: string; actor: string; at?: Date },
): Promise<DecisionRecord[]> {
  const at = (input.at ?? new Date()).toISOString();
  const note = input.note ?? '';
  return databaseOf(store).write(async (trx) => {
    const hosts = (await trx.selectFrom('operator_members').select('host').where('operatorId', '=', input.operatorId).orderBy('host').execute()).map((r) => r.host);
    // One batch: one undo takes the whole operator's decision back.
    const batch = randomBytes(8).toString('hex');
    const out: DecisionRecord[] = [];
    for (const host of hosts) out.push(await insertDecision(trx, { host }, { decision: input.decision, note, actor: input.actor, at, batch }));
    const audits = [{ action: `operator.decision.${input.decision}`, subject: input.operatorId, detail: { note, hosts, batch } }];
    for (const a of audits) await trx.insertInto('audit_log').values({ at, actor: input.actor, action: a.action, subject: a.subject, detail: JSON.stringify(a.detail) }).execute();
    return out;
  });
}
