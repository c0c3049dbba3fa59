import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisMissing, startRedis, type RedisServer } from '../../../test/services/redis.js';
import { DomainLimit } from './politeness.js';
import { connectRedis } from './queues.js';

const missing = redisMissing();

describe.skipIf(missing !== null)(`the per-domain limit across workers${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let redis: RedisServer;
  let one: Redis;
  let two: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    [one, two] = await Promise.all([connectRedis(redis.url), connectRedis(redis.url)]);
  });
  afterAll(async () => {
    one?.disconnect();
    two?.disconnect();
    await redis?.stop();
  });

  it('lets at most N visits of one domain run at once, whichever worker asks', async () => {
    const a = new DomainLimit(one, 2);
    const b = new DomainLimit(two, 2);
    expect(await a.acquire('cx-mem-gov.cn', 'job-1')).toBe(true);
    expect(await b.acquire('cx-mem-gov.cn', 'job-2')).toBe(true);
    expect(await b.acquire('cx-mem-gov.cn', 'job-3')).toBe(false);
    // Another domain is not held back, and a job taken over after a stall keeps its own slot.
    expect(await b.acquire('zlaq-mohurd.cn', 'job-3')).toBe(true);
    expect(await b.acquire('cx-mem-gov.cn', 'job-1')).toBe(true);
    await a.release('cx-mem-gov.cn', 'job-1');
    expect(await b.acquire('cx-mem-gov.cn', 'job-3')).toBe(true);
  });

  it('frees the slot of a worker that died holding it once the hold lapses', async () => {
    const dead = new DomainLimit(one, 1, 300);
    const live = new DomainLimit(two, 1, 300);
    expect(await dead.acquire('cxmemgov.com', 'job-9')).toBe(true);
    expect(await live.acquire('cxmemgov.com', 'job-10')).toBe(false);
    await expect.poll(() => live.acquire('cxmemgov.com', 'job-10'), { interval: 100 }).toBe(true);
  });
});
