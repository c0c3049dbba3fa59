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

/** A run as stored, with its JSON columns read (the fields keep the order of the columns). */
function toRun({ targetsJson, sourcesJson, diffJson, error, ...run }: Row): ScheduleRun {
  const diff = diffJson === null ? null : (JSON.parse(diffJson) as unknown);
  return { ...run, targets: JSON.parse(targetsJson) as string[], sources: JSON.parse(sourcesJson) as string[], diff, error };
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
      runDate: run.runDate,
      startedAt: run.startedAt,
      status: 'running',
      targetsJson: JSON.stringify(run.targets),
      sourcesJson: JSON.stringify(run.sources),
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
    .where('runDate', '=', runDate)
    .where('status', '=', 'running')
    .orderBy('startedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

/** Records the scan a run uses (known once runScan has created or found it). */
export async function setRunScan(store: Store, id: string, scanId: string): Promise<void> {
  await databaseOf(store).db.updateTable('schedule_runs').set({ scanId }).where('id', '=', id).execute();
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
      finishedAt: end.at ?? new Date().toISOString(),
      diffJson: end.diff === undefined ? null : JSON.stringify(end.diff),
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
    .orderBy('startedAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}
