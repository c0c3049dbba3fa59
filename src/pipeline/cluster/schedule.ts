/**
 * The nightly schedule on a cluster (`jianzhen schedule --redis URL`): each job of the schedule file becomes a
 * BullMQ job scheduler (its cron pattern, in the schedule's time zone, Asia/Shanghai by default). However many
 * schedule processes run, on however many machines, Redis makes one job per tick and one process takes it: a
 * job never runs twice. Upserting a scheduler is idempotent, so every process may upsert the same file. A
 * process killed mid-run leaves its job stalled; another takes it over and the run resumes from the store
 * (runJob resumes the run of the same job and date).
 */
import { Queue, Worker } from 'bullmq';
import { errorMessage } from '../../errors.js';
import { runJob, type RunJobOptions, type RunningSchedule, type ScheduleConfig } from '../schedule.js';
import { connectRedis, PREFIX } from './queues.js';

/** The data of one tick: which job of the schedule file to run. */
interface Tick {
  readonly job: string;
}

const QUEUE = 'schedule';

/** Starts the schedule on the cluster; `stop()` stops taking ticks (a run in progress finishes first). */
export async function startClusterSchedule(config: ScheduleConfig, redis: string, opts: Omit<RunJobOptions, 'now'> = {}): Promise<RunningSchedule & { ticks(): readonly string[] }> {
  const log = opts.log ?? (() => undefined);
  const connection = await connectRedis(redis);
  const queue = new Queue<Tick>(QUEUE, { connection, prefix: PREFIX });
  for (const job of config.jobs) {
    await queue.upsertJobScheduler(
      job.name,
      { pattern: job.cron, tz: config.timezone },
      { name: job.name, data: { job: job.name }, opts: { removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 } } },
    );
  }
  // A scheduler whose job left the file is removed, so an edited file takes effect on the next start.
  const names = new Set(config.jobs.map((j) => j.name));
  for (const s of await queue.getJobSchedulers()) if (s.key && !names.has(s.key)) await queue.removeJobScheduler(s.key);

  // The ticks this process ran (job ids are one per scheduler and tick).
  const ticks: string[] = [];
  const worker = new Worker<Tick>(
    QUEUE,
    async (tick) => {
      ticks.push(tick.id!);
      try {
        await runJob(config, tick.data.job, opts);
      } catch (err) {
        log(`${tick.data.job}: run failed: ${errorMessage(err)}`);
      }
    },
    // A run lasts hours: its lock is renewed every 30 s while it runs, and a dead process's run is taken over
    // within about two minutes.
    { connection, prefix: PREFIX, concurrency: config.jobs.length, lockDuration: 60_000, stalledInterval: 60_000, maxStalledCount: 1 },
  );
  worker.on('error', (err) => log(`schedule: ${errorMessage(err)} (is Redis still up?)`));
  await worker.waitUntilReady();
  log(`schedule on ${PREFIX}/${QUEUE}: ${config.jobs.map((j) => `${j.name} (${j.kind}) at "${j.cron}"`).join(', ')} — time zone ${config.timezone}; once per cluster`);
  return {
    ticks: () => ticks,
    stop: async () => {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
