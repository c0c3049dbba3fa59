/**
 * The nightly schedule's runs: one row per run of a job, with the target list fixed at its start
 * (so a killed run resumes the same scan) and the diff it found (new, changed, gone).
 */
import type { Selectable } from 'kysely';
import type { Tables } from './database.js';
import { databaseOf, type Store } from './store.js';

export type RunStatus = 'running' | 'done' | 'failed';

/** One run of a scheduled job. */
export interface ScheduleRun {
  readonly id: string;
  readonly job: string;
  readonly kind: string;
  /** The run's date in the schedule's time zone (YYYY-MM-DD): one target list per job and date. */
  readonly runDate: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly scanId: string | null;
  readonly status: RunStatus;
  readonly targets: readonly string[];
  readonly sources: readonly string[];
  readonly diff: unknown;
  readonly error: string | null;
}

type Row = Selectable<Tables['schedule_runs']>;

function toRun(r: Row): ScheduleRun {
  return {
    id: r.id,
    job: r.job,
    kind: r.kind,
    runDate: r.run_date,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    scanId: r.scan_id,
    status: r.status,
    targets: JSON.parse(r.targets_json) as string[],
    sources: JSON.parse(r.sources_json) as string[],
    diff: r.diff_json === null ? null : (JSON.parse(r.diff_json) as unknown),
    error: r.error,
  };
}

/** Starts a run record (status running) with its fixed target list. */
export async function startRun(
  store: Store,
  run: { id: string; job: string; kind: string; runDate: string; startedAt: string; targets: readonly string[]; sources: readonly string[] },
): Promise<ScheduleRun> {
  await databaseOf(store)
    .db.insertInto('schedule_runs')
    .values({
      id: run.id,
      job: run.job,
      kind: run.kind,
      run_date: run.runDate,
      started_at: run.startedAt,
      status: 'running',
      targets_json: JSON.stringify(run.targets),
      sources_json: JSON.stringify(run.sources),
    })
    .execute();
  return (await getRun(store, run.id))!;
}

/** The unfinished run of a job for a date (left by a killed process), to resume it. */
export async function unfinishedRun(store: Store, job: string, runDate: string): Promise<ScheduleRun | null> {
  const row = await databaseOf(store)
    .db.selectFrom('schedule_runs')
    .selectAll()
    .where('job', '=', job)
    .where('run_date', '=', runDate)
    .where('status', '=', 'running')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

/** Records the scan a run uses (known once runScan has created or found it). */
export async function setRunScan(store: Store, id: string, scanId: string): Promise<void> {
  await databaseOf(store).db.updateTable('schedule_runs').set({ scan_id: scanId }).where('id', '=', id).execute();
}

/** Closes a run with its diff (done) or its error (failed). */
export async function finishRun(
  store: Store,
  id: string,
  end: { status: 'done' | 'failed'; diff?: unknown; error?: string | null; at?: string },
): Promise<void> {
  await databaseOf(store)
    .db.updateTable('schedule_runs')
    .set({
      status: end.status,
      finished_at: end.at ?? new Date().toISOString(),
      diff_json: end.diff === undefined ? null : JSON.stringify(end.diff),
      error: end.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/** One run by id, or null. */
export async function getRun(store: Store, id: string): Promise<ScheduleRun | null> {
  const row = await databaseOf(store).db.selectFrom('schedule_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRun(row) : null;
}

/** Runs, newest first; of one job when given. */
export async function listRuns(store: Store, job?: string, limit = 50): Promise<ScheduleRun[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('schedule_runs')
    .selectAll()
    .$if(job !== undefined, (qb) => qb.where('job', '=', job!))
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}
