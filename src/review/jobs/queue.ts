/**
 * The console's background jobs on BullMQ (`jianzhen review --redis URL`, and `jianzhen worker --stages
 * evidence` for evidence builds), behind the same ConsoleJobs interface as the in-process runner. The job rows stay in the store (the pages read them, whichever console
 * serves the page); the queue decides which console runs a job: one at a time, and when the console running
 * it dies or restarts its lock lapses and a live console (or the restarted one) takes it over, resuming from
 * the progress saved in the row. A job taken over more than `maxAttempts` times is failed with the reason.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { finishJob, getJob, saveJobProgress, takeJob } from '../../data/jobs.js';
import type { Store } from '../../data/store.js';
import { errorMessage } from '../../errors.js';
import { PREFIX } from '../../pipeline/cluster/queues.js';
import { INTERRUPTED, JobRows, queueJobRow, type ConsoleJobs, type JobHandler, type JobRecord } from './index.js';

export interface QueueJobsOptions {
  /** Kinds that cannot run in this console (no browser), with the reason shown on their page. */
  readonly disabled?: ReadonlyMap<string, string>;
  readonly maxAttempts?: number;
  /** How long a dead console's job stays locked, and how often live consoles look for such jobs. */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

/** Each kind of job has its own queue (named by the kind: `lead`, `evidence`), so a process takes only the kinds it can run. */
const queueOf = (kind: string) => kind;

export class QueueJobs extends JobRows implements ConsoleJobs {
  readonly owner = `console-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly handlers: Map<string, JobHandler>;
  private readonly disabled: ReadonlyMap<string, string>;
  private readonly queues = new Map<string, Queue<{ id: string }>>();
  private readonly workers: Worker<{ id: string }>[] = [];

  /**
   * Starts taking the jobs of every kind it has an enabled handler for, over a connection the caller opened
   * (pipeline/cluster/queues.ts connectRedis) and closes. A kind disabled here (no browser) is left on its queue
   * for a console or `jianzhen worker --stages evidence` that can run it.
   */
  constructor(store: Store, connection: Redis, handlers: readonly JobHandler<never, never, unknown>[], opts: QueueJobsOptions = {}) {
    super(store);
    this.handlers = new Map(handlers.map((h) => [h.kind, h as unknown as JobHandler]));
    this.disabled = opts.disabled ?? new Map();
    const maxAttempts = opts.maxAttempts ?? 3;
    for (const kind of this.handlers.keys()) {
      this.queues.set(kind, new Queue<{ id: string }>(queueOf(kind), { connection, prefix: PREFIX }));
      if (this.disabled.has(kind)) continue;
      const worker = new Worker<{ id: string }>(queueOf(kind), (job) => this.runOne(job, maxAttempts), {
        connection,
        prefix: PREFIX,
        concurrency: 1,
        lockDuration: opts.lockDurationMs ?? 30_000,
        stalledInterval: opts.stalledIntervalMs ?? 15_000,
        maxStalledCount: maxAttempts,
      });
      worker.on('error', (err) => process.stderr.write(`jobs: ${kind}: ${errorMessage(err)} (is Redis still up?)\n`));
      // A job stalled too often is failed by BullMQ: its row says why.
      worker.on('failed', (job) => {
        if (job) void this.fail(job.data.id, INTERRUPTED);
      });
      this.workers.push(worker);
    }
  }

  private async runOne(job: Job<{ id: string }>, maxAttempts: number): Promise<void> {
    const record = await takeJob(this.store, { id: job.data.id, owner: this.owner });
    if (!record) return;
    const handler = this.handlers.get(record.kind);
    if (!handler || this.disabled.has(record.kind)) {
      await finishJob(this.store, { id: record.id, owner: this.owner, state: 'failed', error: this.disabled.get(record.kind) ?? `unknown job kind ${record.kind}` });
      return;
    }
    if (record.attempts > maxAttempts) {
      await finishJob(this.store, { id: record.id, owner: this.owner, state: 'failed', error: INTERRUPTED });
      return;
    }
    let progress: unknown = record.progress;
    try {
      const result = await handler.run(record, {
        progress: async (p) => {
          progress = p;
          await saveJobProgress(this.store, { id: record.id, owner: this.owner, progress: p });
        },
      });
      await finishJob(this.store, { id: record.id, owner: this.owner, state: 'done', result, progress });
    } catch (err) {
      await finishJob(this.store, { id: record.id, owner: this.owner, state: 'failed', error: errorMessage(err), progress });
    }
  }

  private async fail(id: string, reason: string): Promise<void> {
    const record = await getJob(this.store, id).catch(() => null);
    if (record && (record.state === 'queued' || record.state === 'running')) {
      await finishJob(this.store, { id, owner: record.owner ?? this.owner, state: 'failed', error: reason }).catch(() => undefined);
    }
  }

  enabled(kind: string): boolean {
    return this.handlers.has(kind) && !this.disabled.has(kind);
  }

  async submit(kind: string, input: unknown, actor: string): Promise<JobRecord> {
    const job = await queueJobRow(this.store, this.handlers, kind, input, actor);
    await this.queues.get(kind)!.add(kind, { id: job.id }, { jobId: job.id, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 30 * 86_400 } });
    return job;
  }

  /** Resolves when no job is queued or running in the cluster (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      let queued = 0;
      for (const q of this.queues.values()) queued += Object.values(await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).reduce((a, b) => a + b, 0);
      if (queued === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Stops taking jobs without waiting for the running one (an evidence build may take minutes): its lock
   * lapses and the next console to look takes it over, resuming from its saved progress.
   */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close(true)));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
