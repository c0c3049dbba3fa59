import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
