import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getJob } from '../../data/jobs.js';
import { openStore, type Store } from '../../data/store.js';
import { connectRedis } from '../../pipeline/cluster/queues.js';
import { redisMissing, startRedis, type RedisServer } from '../../../test/services/redis.js';
import { counter } from '../../../test/fixtures/count-job.js';
import { QueueJobs } from './queue.js';

const missing = redisMissing();

describe.skipIf(missing !== null)(`console jobs on a Redis queue${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let redis: RedisServer;
  let dir: string;
  let store: Store;
  const connections: Redis[] = [];
  const fast = { lockDurationMs: 1_000, stalledIntervalMs: 500 };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jianzhen-queue-jobs-'));
    store = await openStore(join(dir, 'jianzhen.db'));
    // Each test starts from an empty Redis: BullMQ spaces a queue's stalled-job checks by a key that outlives the
    // workers of the test before (15 s with the default settings), which would hold up a test's faster ones.
    await (await connect()).flushall();
  });
  afterEach(async () => {
    for (const c of connections.splice(0)) c.disconnect();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const connect = async () => {
    const c = await connectRedis(redis.url);
    connections.push(c);
    return c;
  };

  it('runs each job once although two consoles take jobs from the queue', async () => {
    const a = counter(null);
    const b = counter(null);
    const one = new QueueJobs(store, await connect(), [a]);
    const two = new QueueJobs(store, await connect(), [b]);
    const jobs = [];
    for (let i = 0; i < 4; i++) jobs.push(await one.submit('count', { items: 2 }, 'li'));
    await one.idle();
    for (const job of jobs) expect(await getJob(store, job.id)).toMatchObject({ state: 'done', attempts: 1, result: { counted: 2 } });
    expect(a.started.length + b.started.length).toBe(4);
    await Promise.all([one.close(), two.close()]);
  });

  it('leaves a kind a console cannot run to a process that can (a worker taking evidence builds)', async () => {
    const without = counter(null);
    const consoleJobs = new QueueJobs(store, await connect(), [without], { disabled: new Map([['count', 'no browser here']]) });
    const job = await consoleJobs.submit('count', { items: 1 }, 'li');
    const withBrowser = counter(null);
    const worker = new QueueJobs(store, await connect(), [withBrowser]);
    await expect.poll(async () => (await getJob(store, job.id))?.state).toBe('done');
    expect(without.started).toEqual([]);
    expect(withBrowser.started).toEqual([0]);
    await Promise.all([consoleJobs.close(), worker.close()]);
  });

  it('resumes a job whose console died mid-way from its saved progress, in the restarted console', async () => {
    const dead = new QueueJobs(store, await connect(), [counter(2)], fast);
    const job = await dead.submit('count', { items: 5 }, 'li');
    await expect.poll(async () => (await getJob(store, job.id))?.progress).toEqual({ done: 2 });
    // The console stops without finishing its job: its lock lapses, and the restarted console takes the job over.
    await dead.close();
    const handler = counter(null);
    const restarted = new QueueJobs(store, await connect(), [handler], fast);
    await expect.poll(async () => (await getJob(store, job.id))?.state).toBe('done');
    expect(handler.started).toEqual([2]);
    expect(await getJob(store, job.id)).toMatchObject({ attempts: 2, result: { counted: 5 } });
    await restarted.close();
  }, 300_000);
});
