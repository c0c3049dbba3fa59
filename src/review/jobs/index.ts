/**
 * The console's background jobs (lead scans, evidence packets) behind one small interface, so the in-process
 * runner over the store's jobs table can later give way to queues beyond one machine without the areas
 * noticing. The runner here: jobs are rows (data/jobs.ts), run one at a time in this process; a job whose
 * runner died (its heartbeat stopped: a crash, a kill) is queued again and resumes from its saved progress, or
 * is failed with the reason once it was started too often. A clean shutdown puts its running job back at once.
 */
import { randomBytes } from 'node:crypto';
import {
  claimNextJob,
  finishJob,
  heartbeatJobs,
  insertJob,
  jobsPending,
  listJobs,
  recoverStaleJobs,
  releaseJobs,
  saveJobProgress,
  type JobRecord,
} from '../../data/jobs.js';
import type { Store } from '../../data/store.js';
import { errorMessage } from '../../errors.js';

export type { JobRecord } from '../../data/jobs.js';

/** What a running job may do besides its work: save progress (which also proves it is alive). */
export interface JobContext<P> {
  progress(p: P): Promise<void>;
}

/** One kind of job: how to run it. A resumed job gets its saved progress back in `job.progress`. */
export interface JobHandler<I = unknown, P = unknown, R = unknown> {
  readonly kind: string;
  run(job: JobRecord<I, P, R>, ctx: JobContext<P>): Promise<R>;
}

/** What the console's areas ask of the job runner, whatever carries the jobs. */
export interface ConsoleJobs {
  submit(kind: string, input: unknown, actor: string): Promise<JobRecord>;
  list(kind: string, limit?: number): Promise<JobRecord[]>;
  /** Whether a job of these kinds is queued or running (pages keep refreshing while one is). */
  pending(kinds: readonly string[]): Promise<boolean>;
  /** Whether a kind can run here at all (lead scans and packets need a browser). */
  enabled(kind: string): boolean;
  /** Resolves when this runner has nothing queued or running (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreJobsOptions {
  /** How often the runner looks for jobs queued by another console and for dead runners' jobs. */
  readonly pollMs?: number;
  /** A running job whose heartbeat is older than this is a dead runner's. */
  readonly staleMs?: number;
  readonly heartbeatMs?: number;
  /** A job started this many times without finishing is failed. */
  readonly maxAttempts?: number;
  /** Kinds that cannot run in this console (no browser), with the reason shown on their page. */
  readonly disabled?: ReadonlyMap<string, string>;
}

/** Stores a new job's row (queued), named by the time and a random suffix; an unknown kind is refused. */
export async function queueJobRow(store: Store, handlers: ReadonlyMap<string, unknown>, kind: string, input: unknown, actor: string): Promise<JobRecord> {
  if (!handlers.has(kind)) throw new Error(`unknown job kind ${kind}`);
  const id = `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
  return insertJob(store, { id, kind, actor, input });
}

export const INTERRUPTED = '审核台多次在此任务运行中重启或中断，任务已停止；请重新提交。';

/** What every runner reads from the store's jobs table: the rows are the record, whoever runs the jobs. */
export abstract class JobRows {
  constructor(protected readonly store: Store) {}

  list(kind: string, limit = 50): Promise<JobRecord[]> {
    return listJobs(this.store, { kind, limit });
  }

  pending(kinds: readonly string[]): Promise<boolean> {
    return jobsPending(this.store, kinds);
  }
}

/** The in-process runner over the store's jobs table. */
export class StoreJobs extends JobRows implements ConsoleJobs {
  readonly owner = `console-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly handlers: Map<string, JobHandler>;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly o: Required<Omit<StoreJobsOptions, 'disabled'>> & { disabled: ReadonlyMap<string, string> };

  constructor(store: Store, handlers: readonly JobHandler<never, never, unknown>[], opts: StoreJobsOptions = {}) {
    super(store);
    this.handlers = new Map(handlers.map((h) => [h.kind, h as unknown as JobHandler]));
    this.o = { pollMs: 5_000, staleMs: 60_000, heartbeatMs: 10_000, maxAttempts: 3, disabled: new Map(), ...opts };
  }

  private get kinds(): string[] {
    return [...this.handlers.keys()].filter((k) => !this.o.disabled.has(k));
  }

  enabled(kind: string): boolean {
    return this.handlers.has(kind) && !this.o.disabled.has(kind);
  }

  /** Why a kind cannot run here, or null. */
  disabledReason(kind: string): string | null {
    return this.o.disabled.get(kind) ?? null;
  }

  /** Recovers dead runners' jobs, starts the queued ones, and keeps looking every pollMs. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.tick(), this.o.pollMs);
    this.timer.unref();
    void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    try {
      await recoverStaleJobs(this.store, {
        staleBefore: new Date(Date.now() - this.o.staleMs).toISOString(),
        maxAttempts: this.o.maxAttempts,
        reason: INTERRUPTED,
        kinds: this.kinds,
      });
    } catch (err) {
      process.stderr.write(`review: jobs: ${errorMessage(err)}\n`);
    }
    this.kick();
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    while (!this.closed) {
      let job: JobRecord | null;
      try {
        job = await claimNextJob(this.store, { kinds: this.kinds, owner: this.owner });
      } catch (err) {
        process.stderr.write(`review: jobs: ${errorMessage(err)}\n`);
        return;
      }
      if (!job) return;
      await this.runOne(job);
    }
  }

  private async runOne(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    let progress: unknown = job.progress;
    const beat = setInterval(() => void heartbeatJobs(this.store, { owner: this.owner }).catch(() => undefined), this.o.heartbeatMs);
    beat.unref();
    try {
      const result = await handler.run(job, {
        progress: async (p) => {
          progress = p;
          await saveJobProgress(this.store, { id: job.id, owner: this.owner, progress: p });
        },
      });
      if (!this.closed) await finishJob(this.store, { id: job.id, owner: this.owner, state: 'done', result, progress });
    } catch (err) {
      if (!this.closed) await finishJob(this.store, { id: job.id, owner: this.owner, state: 'failed', error: errorMessage(err), progress });
    } finally {
      clearInterval(beat);
    }
  }

  async submit(kind: string, input: unknown, actor: string): Promise<JobRecord> {
    const job = await queueJobRow(this.store, this.handlers, kind, input, actor);
    this.kick();
    return job;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking jobs and puts the one running back in the queue for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await releaseJobs(this.store, this.owner).catch(() => undefined);
  }
}
