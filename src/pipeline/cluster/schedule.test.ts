import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns } from '../../data/schedule-runs.js';
import { openStore } from '../../data/store.js';
import { redisMissing, startRedis, type RedisServer } from '../../../test/services/redis.js';
import { parseScheduleConfig } from '../schedule.js';
import { startClusterSchedule } from './schedule.js';

const missing = redisMissing();

describe.skipIf(missing !== null)(`the schedule on a cluster${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let redis: RedisServer;
  let dir: string;

  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'jianzhen-cluster-schedule-'));
  });

  afterAll(async () => {
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs each tick of a job once although two schedule processes serve it', async () => {
    const config = parseScheduleConfig({ db: 'jianzhen.db', jobs: [{ name: 'weekly', cron: '* * * * * *', kind: 'summary' }] }, dir);
    const logs: string[] = [];
    const a = await startClusterSchedule(config, redis.url, { log: (l) => logs.push(`a ${l}`), chromiumPath: '/unused' });
    const b = await startClusterSchedule(config, redis.url, { log: (l) => logs.push(`b ${l}`), chromiumPath: '/unused' });
    // Ticks for at least three seconds, and until two were taken, however slowly a busy machine runs them.
    await new Promise((r) => setTimeout(r, 3_000));
    await expect.poll(() => a.ticks().length + b.ticks().length).toBeGreaterThanOrEqual(2);
    await Promise.all([a.stop(), b.stop()]);
    const ticks = [...a.ticks(), ...b.ticks()];
    const store = await openStore(config.db);
    const runs = await listRuns(store, 'weekly');
    await store.close();
    expect(ticks.length, logs.join('\n')).toBeGreaterThanOrEqual(2);
    // One run per tick: no tick taken by both processes, and the store holds exactly one run per tick.
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(runs.length).toBe(ticks.length);
    expect(runs.every((r) => r.status === 'done')).toBe(true);
  }, 300_000);

  it('hands no tick out twice when a process starts, or changes the schedule, just after a tick was taken', async () => {
    // A loaded machine reckons the next tick late. BullMQ's upsert then replaced the waiting next tick with the tick
    // just taken, and handed it out again: here each later process starts the moment a tick was taken, its clock
    // set back by 400 ms while it starts.
    const file = (timezone: string) =>
      parseScheduleConfig({ db: 'jianzhen-flow.db', timezone, jobs: [{ name: 'flow', cron: '* * * * * *', kind: 'summary' }] }, dir);
    const logs: string[] = [];
    const a = await startClusterSchedule(file('Asia/Shanghai'), redis.url, { log: (l) => logs.push(`a ${l}`), chromiumPath: '/unused' });
    const later: Awaited<ReturnType<typeof startClusterSchedule>>[] = [];
    const ticks = () => [...a.ticks(), ...later.flatMap((p) => p.ticks())];
    const realNow = Date.now;
    try {
      for (let i = 0; i < 6; i++) {
        // Half of them bring the same file, half a changed one (the same ticks under another name of the zone).
        const config = file(i % 2 === 0 ? 'Asia/Shanghai' : 'Asia/Chongqing');
        const taken = a.ticks().length;
        await expect.poll(() => a.ticks().length, { interval: 5 }).toBeGreaterThan(taken);
        Date.now = () => realNow() - 400;
        try {
          later.push(await startClusterSchedule(config, redis.url, { log: (l) => logs.push(`${i} ${l}`), chromiumPath: '/unused' }));
        } finally {
          Date.now = realNow;
        }
        await later.at(-1)!.stop();
      }
      const taken = a.ticks().length;
      await expect.poll(() => a.ticks().length).toBeGreaterThan(taken + 1);
    } finally {
      Date.now = realNow;
      await a.stop();
    }
    const all = ticks();
    expect(all.filter((id, i) => all.indexOf(id) !== i), logs.join('\n')).toEqual([]);
    // The first later process brings a's file; each after it changes the zone back or forth.
    expect(logs.filter((l) => l.includes('the schedule changed')).length).toBe(5);
  }, 300_000);

  it('makes a scheduler anew when its next tick was lost, and leaves a sound one alone', async () => {
    const config = parseScheduleConfig({ db: 'jianzhen-chain.db', jobs: [{ name: 'nightly', cron: '0 3 * * *', kind: 'summary' }] }, dir);
    const logs: string[] = [];
    const next = async (): Promise<{ id: string; state: string }> => {
      const queue = new Queue('schedule', { connection: { url: redis.url }, prefix: 'jianzhen' });
      try {
        const id = `repeat:nightly:${(await queue.getJobScheduler('nightly'))?.next}`;
        return { id, state: await queue.getJobState(id) };
      } finally {
        await queue.close();
      }
    };
    await (await startClusterSchedule(config, redis.url, { log: (l) => logs.push(`a ${l}`), chromiumPath: '/unused' })).stop();
    const first = await next();
    expect(first.state).toBe('delayed');
    await (await startClusterSchedule(config, redis.url, { log: (l) => logs.push(`b ${l}`), chromiumPath: '/unused' })).stop();
    expect(await next()).toEqual(first);
    expect(logs.filter((l) => l.includes('nightly:'))).toEqual([]);
    // The next tick goes missing (a worker that failed to queue it, a lost Redis write): the next start mends it.
    const raw = new Redis(redis.url);
    await raw.zrem('jianzhen:schedule:delayed', first.id);
    await raw.del(`jianzhen:schedule:${first.id}`);
    raw.disconnect();
    expect((await next()).state).toBe('unknown');
    await (await startClusterSchedule(config, redis.url, { log: (l) => logs.push(`c ${l}`), chromiumPath: '/unused' })).stop();
    expect(logs).toContain('c nightly: its next tick was not queued; the scheduler is made anew');
    expect((await next()).state).toBe('delayed');
  }, 300_000);
});
