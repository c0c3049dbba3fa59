/**
 * The nightly schedule on a cluster (`jianzhen schedule --redis URL`): each job of the schedule file becomes a
 * BullMQ job scheduler (its cron pattern, in the schedule's time zone, Asia/Shanghai by default). However many
 * schedule processes run, on however many machines, Redis makes one job per tick and one process takes it: a
 * job never runs twice. A process killed mid-run leaves its job stalled; another takes it over and the run
 * resumes from the store (runJob resumes the run of the same job and date).
 *
 * Every process brings the schedulers in line with its file at start, one process at a time (a lock in Redis), and
 * touches a scheduler only when it is missing, differs from the file or has no next tick queued. Upserting an existing scheduler is not safe
 * while ticks flow: BullMQ reckons the next tick from the caller's clock and, when it replaces the waiting job, adds
 * that tick's job even if it already exists, so a tick that fell due between the reckoning and the script (a
 * loaded machine) was handed out a second time. A changed scheduler is therefore removed and added anew, which
 * refuses an existing tick instead.
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
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
  try {
    await whileHolding(connection, `${PREFIX}:${QUEUE}:install`, async () => {
      for (const job of config.jobs) await install(queue, job, config.timezone, log);
      // A scheduler whose job left the file is removed, so an edited file takes effect on the next start.
      const names = new Set(config.jobs.map((j) => j.name));
      for (const s of await queue.getJobSchedulers()) if (s.key && !names.has(s.key)) await queue.removeJobScheduler(s.key);
    }, log);
  } catch (err) {
    await queue.close();
    connection.disconnect();
    throw err;
  }

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

const KEEP = { removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 } };

/** States in which a scheduler's next tick is still to come (or being run): its chain of ticks goes on. */
const LIVE = new Set(['delayed', 'waiting', 'prioritized', 'active', 'waiting-children']);

/**
 * Makes the job's scheduler match the file: left alone when it already does and its next tick is queued, else
 * (re)made — a changed file, or a chain of ticks broken (a next tick that was never queued, or got lost).
 */
async function install(queue: Queue<Tick>, job: ScheduleConfig['jobs'][number], timezone: string, log: (line: string) => void): Promise<void> {
  const have = await queue.getJobScheduler(job.name);
  const template = { name: job.name, data: { job: job.name }, opts: KEEP };
  const same =
    have &&
    have.pattern === job.cron &&
    have.tz === timezone &&
    have.name === template.name &&
    JSON.stringify(have.template?.data) === JSON.stringify(template.data) &&
    JSON.stringify(have.template?.opts?.removeOnComplete) === JSON.stringify(KEEP.removeOnComplete) &&
    JSON.stringify(have.template?.opts?.removeOnFail) === JSON.stringify(KEEP.removeOnFail);
  const queued = same && have.next != null && LIVE.has(await queue.getJobState(`repeat:${job.name}:${have.next}`));
  if (same && queued) return;
  if (have) {
    await queue.removeJobScheduler(job.name);
    log(
      same
        ? `${job.name}: its next tick was not queued; the scheduler is made anew`
        : `${job.name}: the schedule changed ("${have.pattern ?? have.every}" ${have.tz ?? ''} → "${job.cron}" ${timezone})`,
    );
  }
  // With no scheduler left, BullMQ refuses (rather than repeats) a tick whose job exists: it ran under the old
  // scheduler at the very moment of the change, or this machine's clock is behind the one that ran it. The next
  // tick is then reckoned again once the clock has moved on, for up to a minute of difference between clocks.
  for (let attempt = 1; ; attempt++) {
    try {
      await queue.upsertJobScheduler(job.name, { pattern: job.cron, tz: timezone }, template);
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== SCHEDULER_JOB_ID_COLLISION || attempt >= 60) {
        throw new Error(`the scheduler of job "${job.name}" could not be set up: ${errorMessage(err)}; no tick of it runs until a schedule process starts again`, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** BullMQ's ErrorCode.SchedulerJobIdCollision: the tick's job already exists. */
const SCHEDULER_JOB_ID_COLLISION = -10;

/**
 * Runs `fn` holding a lock in Redis, waiting while another process holds it. The lock lapses after five minutes
 * (an install waits out at most a minute of clock difference a job), so a process that died holding it delays the
 * others by at most that.
 */
async function whileHolding(redis: Redis, key: string, fn: () => Promise<void>, log: (line: string) => void): Promise<void> {
  const token = randomUUID();
  for (let waited = false; (await redis.set(key, token, 'PX', 300_000, 'NX')) !== 'OK'; waited = true) {
    if (!waited) log('schedule: another schedule process is setting up the schedulers; waiting for it');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    await fn();
  } finally {
    // Not releasing only delays the next process by the lock's lapse; the install's own error is the one to tell.
    await redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`, 1, key, token).catch(() => undefined);
  }
}
