/**
 * Politeness across machines: at most `limit` visits at once to one registrable domain, whichever workers
 * make them. A Redis sorted set per domain holds the jobs visiting it, each with the time its hold lapses, so
 * the hold of a worker killed mid-visit frees itself (after `holdMs`) and a job taken over after a stall
 * keeps its own hold (a hold is named by the job's id). Redis's clock decides, so machines' clocks need not agree.
 */
import type { Redis } from 'ioredis';
import { PREFIX } from './queues.js';

const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local hold = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], hold)
  return 1
end
return 0
`;

export class DomainLimit {
  constructor(
    private readonly redis: Redis,
    /** Visits at once per registrable domain, across the cluster. */
    readonly limit: number,
    /** How long a hold lasts when its worker dies without releasing it: longer than any one visit. */
    readonly holdMs = 5 * 60_000,
  ) {}

  private key(domain: string): string {
    return `${PREFIX}:domain:${domain}`;
  }

  /** Takes a slot for `holder` on `domain`; false when the domain is busy (try again later). */
  async acquire(domain: string, holder: string): Promise<boolean> {
    const r = await this.redis.eval(ACQUIRE, 1, this.key(domain), String(this.holdMs), String(this.limit), holder);
    return r === 1;
  }

  async release(domain: string, holder: string): Promise<void> {
    await this.redis.zrem(this.key(domain), holder);
  }
}
