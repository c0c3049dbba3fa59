/**
 * The nightly schedule's runs: one row per run of a job, with the target list fixed at its start
 * (so a killed run resumes the same scan) and the diff it found (new, changed, gone).
 */
import { sqliteOf, type Store } from './store.js';

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

interface Row {
  id: string;
  job: string;
  kind: string;
  run_date: string;
  started_at: string;
  finished_at: string | null;
  scan_id: string | null;
  status: RunStatus;
  targets_json: string;
  sources_json: string;
  diff_json: string | null;
  error: string | null;
}

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
export function startRun(
  store: Store,
  run: { id: string; job: string; kind: string; runDate: string; startedAt: string; targets: readonly string[]; sources: readonly string[] },
): ScheduleRun {
  sqliteOf(store)
    .prepare(
      `INSERT INTO schedule_runs (id, job, kind, run_date, started_at, status, targets_json, sources_json)
       VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
    )
    .run(run.id, run.job, run.kind, run.runDate, run.startedAt, JSON.stringify(run.targets), JSON.stringify(run.sources));
  return getRun(store, run.id)!;
}

/** The unfinished run of a job for a date (left by a killed process), to resume it. */
export function unfinishedRun(store: Store, job: string, runDate: string): ScheduleRun | null {
  const row = sqliteOf(store)
    .prepare(`SELECT * FROM schedule_runs WHERE job = ? AND run_date = ? AND status = 'running' ORDER BY started_at DESC LIMIT 1`)
    .get(job, runDate) as Row | undefined;
  return row ? toRun(row) : null;
}

/** Records the scan a run uses (known once runScan has created or found it). */
export function setRunScan(store: Store, id: string, scanId: string): void {
  sqliteOf(store).prepare('UPDATE schedule_runs SET scan_id = ? WHERE id = ?').run(scanId, id);
}

/** Closes a run with its diff (done) or its error (failed). */
export function finishRun(store: Store, id: string, end: { status: 'done' | 'failed'; diff?: unknown; error?: string | null; at?: string }): void {
  sqliteOf(store)
    .prepare('UPDATE schedule_runs SET status = ?, finished_at = ?, diff_json = ?, error = ? WHERE id = ?')
    .run(end.status, end.at ?? new Date().toISOString(), end.diff === undefined ? null : JSON.stringify(end.diff), end.error ?? null, id);
}

/** One run by id, or null. */
export function getRun(store: Store, id: string): ScheduleRun | null {
  const row = sqliteOf(store).prepare('SELECT * FROM schedule_runs WHERE id = ?').get(id) as Row | undefined;
  return row ? toRun(row) : null;
}

/** Runs, newest first; of one job when given. */
export function listRuns(store: Store, job?: string, limit = 50): ScheduleRun[] {
  const rows = sqliteOf(store)
    .prepare(`SELECT * FROM schedule_runs WHERE (? IS NULL OR job = ?) ORDER BY started_at DESC LIMIT ?`)
    .all(job ?? null, job ?? null, limit) as Row[];
  return rows.map(toRun);
}
