/**
 * The console's background jobs (lead scans, evidence packets) as rows, so a job outlives the process that
 * queued it: a restarted console finds queued jobs and runs them, and finds the jobs a dead runner was
 * running (its heartbeat stopped) and queues them again, or fails them with the reason once they were tried
 * too often. A job is claimed by one runner at a time (an atomic state change), so several consoles on one
 * store never run a job twice.
 */
import { sql, type Selectable } from 'kysely';
import type { Tables } from './database.js';
import { databaseOf, type Store } from './store.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobRecord<I = unknown, P = unknown, R = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  readonly actor: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly heartbeatAt: string | null;
  readonly owner: string | null;
  /** How many times a runner has started it (a restart mid-job starts it again). */
  readonly attempts: number;
  readonly input: I;
  readonly progress: P | null;
  readonly result: R | null;
  readonly error: string | null;
}

type JobRow = Selectable<Tables['jobs']>;

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/** A job as stored, with its JSON columns read (the fields keep the order of the columns). */
function toJob<I, P, R>({ inputJson, progressJson, resultJson, error, ...job }: JobRow): JobRecord<I, P, R> {
  return { ...job, input: parse(inputJson) as I, progress: parse(progressJson) as P | null, result: parse(resultJson) as R | null, error };
}

/** Queues a job. */
export async function insertJob(store: Store, input: { id: string; kind: string; actor: string; input: unknown; now?: Date }): Promise<JobRecord> {
  const row = await databaseOf(store)
    .db.insertInto('jobs')
    .values({ id: input.id, kind: input.kind, state: 'queued', actor: input.actor, createdAt: (input.now ?? new Date()).toISOString(), inputJson: JSON.stringify(input.input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toJob(row);
}

/**
 * Takes the oldest queued job of the given kinds for `owner` (state running, attempts + 1, heartbeat now), or
 * null when none is queued. PostgreSQL skips rows another runner is claiming; SQLite's write lock serialises.
 */
export async function claimNextJob(store: Store, input: { kinds: readonly string[]; owner: string; now?: Date }): Promise<JobRecord | null> {
  if (input.kinds.length === 0) return null;
  const now = (input.now ?? new Date()).toISOString();
  const { dialect, write } = databaseOf(store);
  return write(async (trx) => {
    const next = await trx
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'queued')
      .where('kind', 'in', input.kinds)
      .orderBy('createdAt')
      .orderBy('id')
      .limit(1)
      .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .executeTakeFirst();
    if (!next) return null;
    const row = await trx
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', owner: input.owner, startedAt: now, heartbeatAt: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', next.id)
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : null;
  });
}

/** Saves a running job's progress and renews its heartbeat; false when the job is no longer this owner's. */
export async function saveJobProgress(store: Store, input: { id: string; owner: string; progress: unknown; now?: Date }): Promise<boolean> {
  const r = await databaseOf(store)
    .db.updateTable('jobs')
    .set({ progressJson: JSON.stringify(input.progress), heartbeatAt: (input.now ?? new Date()).toISOString() })
    .where('id', '=', input.id)
    .where('owner', '=', input.owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Renews the heartbeat of every job `owner` is running (a long step says it is still alive). */
export async function heartbeatJobs(store: Store, input: { owner: string; now?: Date }): Promise<void> {
  await databaseOf(store)
    .db.updateTable('jobs')
    .set({ heartbeatAt: (input.now ?? new Date()).toISOString() })
    .where('owner', '=', input.owner)
    .where('state', '=', 'running')
    .execute();
}

/** Ends a running job as done (with its result) or failed (with the reason). */
export async function finishJob(
  store: Store,
  input: { id: string; owner: string; state: 'done' | 'failed'; result?: unknown; progress?: unknown; error?: string | null; now?: Date },
): Promise<void> {
  await databaseOf(store)
    .db.updateTable('jobs')
    .set({
      state: input.state,
      finishedAt: (input.now ?? new Date()).toISOString(),
      resultJson: input.result === undefined ? null : JSON.stringify(input.result),
      ...(input.progress === undefined ? {} : { progressJson: JSON.stringify(input.progress) }),
      error: input.error ?? null,
    })
    .where('id', '=', input.id)
    .where('owner', '=', input.owner)
    .execute();
}

/**
 * Jobs whose runner died (running, heartbeat older than `staleBefore`): queued again to resume, keeping their
 * progress, or — once started `maxAttempts` times — failed with `reason`. Returns both lists.
 */
export async function recoverStaleJobs(
  store: Store,
  input: { staleBefore: string; maxAttempts: number; reason: string; kinds: readonly string[]; now?: Date },
): Promise<{ requeued: string[]; failed: string[] }> {
  if (input.kinds.length === 0) return { requeued: [], failed: [] };
  const now = (input.now ?? new Date()).toISOString();
  return databaseOf(store).write(async (trx) => {
    const stale = await trx
      .selectFrom('jobs')
      .select(['id', 'attempts'])
      .where('state', '=', 'running')
      .where('kind', 'in', input.kinds)
      .where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', input.staleBefore)]))
      .execute();
    const failed = stale.filter((j) => Number(j.attempts) >= input.maxAttempts).map((j) => j.id);
    const requeued = stale.filter((j) => Number(j.attempts) < input.maxAttempts).map((j) => j.id);
    if (failed.length) {
      await trx.updateTable('jobs').set({ state: 'failed', finishedAt: now, error: input.reason, owner: null }).where('id', 'in', failed).execute();
    }
    if (requeued.length) {
      await trx.updateTable('jobs').set({ state: 'queued', owner: null, heartbeatAt: null }).where('id', 'in', requeued).execute();
    }
    return { requeued, failed };
  });
}

/** The newest jobs of a kind, newest first. */
export async function listJobs(store: Store, input: { kind: string; limit: number }): Promise<JobRecord[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('jobs')
    .selectAll()
    .where('kind', '=', input.kind)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((r) => toJob(r));
}

/** One job by id, or null. */
export async function getJob(store: Store, id: string): Promise<JobRecord | null> {
  const row = await databaseOf(store).db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : null;
}

/** Whether any job of the kinds is queued or running (pages poll while one is). */
export async function jobsPending(store: Store, kinds: readonly string[]): Promise<boolean> {
  if (kinds.length === 0) return false;
  const row = await databaseOf(store)
    .db.selectFrom('jobs')
    .select(sql<number>`1`.as('one'))
    .where('kind', 'in', kinds)
    .where('state', 'in', ['queued', 'running'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts the jobs a runner is running back in the queue (a clean shutdown): the next runner starts them at once. */
export async function releaseJobs(store: Store, owner: string): Promise<void> {
  await databaseOf(store)
    .db.updateTable('jobs')
    .set((eb) => ({ state: 'queued', owner: null, heartbeatAt: null, attempts: eb('attempts', '-', 1) }))
    .where('owner', '=', owner)
    .where('state', '=', 'running')
    .execute();
}

/**
 * Takes one job by id for `owner`, whether it is queued or was running under a runner that died: a queue that
 * hands each job to one runner at a time (BullMQ, which also takes over a dead runner's job) decides who
 * runs it, not the row. Null when the job is already done or failed, or unknown.
 */
export async function takeJob(store: Store, input: { id: string; owner: string; now?: Date }): Promise<JobRecord | null> {
  const now = (input.now ?? new Date()).toISOString();
  const row = await databaseOf(store)
    .db.updateTable('jobs')
    .set((eb) => ({ state: 'running', owner: input.owner, startedAt: now, heartbeatAt: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', input.id)
    .where('state', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : null;
}
