import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../data/store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { redisMissing, startRedis, type RedisServer } from '../../../test/services/redis.js';
import type { ScanRequest } from '../scan.js';
import { runClusterScan } from './coordinator.js';
import { connectRedis, PREFIX } from './queues.js';
import { startWorker } from './worker.js';

const missing = redisMissing();

describe.skipIf(missing !== null)(`the coordinator of a scan on a cluster${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    [redis, sandbox] = await Promise.all([startRedis(), startSandbox({ corpus: [], searchFixtures: [] })]);
    dir = mkdtempSync(join(tmpdir(), 'jianzhen-coordinator-'));
    store = await openStore(join(dir, 'jianzhen.db'));
  });

  afterAll(async () => {
    await store?.close();
    await Promise.all([redis?.stop(), sandbox?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('resumes its scan when run again after it was stopped, queueing no target twice', async () => {
    // Names the sandbox does not know: each stops at the resolve stage (NXDOMAIN), one not a host at all.
    const targets = ['cx-mem-gov-a.example-nx.cn', 'not a host!!', 'cx-mem-gov-b.example-nx.cn', 'cx-mem-gov-c.example-nx.cn'];
    const req: ScanRequest = {
      targets,
      capture: { chromiumPath: '', proxy: sandbox.proxyUrl, dnsServer: sandbox.dnsServer, whoisServer: sandbox.whoisServer, allowPrivate: false, concurrency: 1 },
    };
    // The first coordinator queues the targets and is stopped before any worker runs: nothing is lost.
    const stop = new AbortController();
    const first = runClusterScan(store, req, { redis: redis.url, pollMs: 100, signal: stop.signal });
    const connection = await connectRedis(redis.url);
    const queue = new Queue('resolve', { connection, prefix: PREFIX });
    await expect.poll(() => queue.getWaitingCount()).toBe(3);
    stop.abort();
    await expect(first).rejects.toThrow();
    const [unfinished] = await store.listScans(1);
    expect(unfinished!.finishedAt).toBeNull();
    expect([...(await store.doneIndexes(unfinished!.id))]).toEqual([1]);

    // Run again with a worker: the same scan, the same three jobs, one result per input. The three jobs are
    // still queued, so a worker running before the coordinator reads what is done would finish them first and
    // the coordinator would rightly count them resumed: the worker starts once the coordinator has read it.
    let read!: () => void;
    const coordinatorRead = new Promise<void>((resolve) => (read = resolve));
    const watched = new Proxy(store, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (key !== 'doneIndexes' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (scanId: string) => {
          const done = await target.doneIndexes(scanId);
          read();
          return done;
        };
      },
    });
    const lines: string[] = [];
    const second = runClusterScan(watched, req, { redis: redis.url, pollMs: 100, log: (l) => lines.push(l) });
    await coordinatorRead;
    const worker = await startWorker({ redis: redis.url, store, stages: ['resolve'], concurrency: 1, chromiumPath: null, perDomain: 2, ratePerSecond: null });
    const report = await second;
    await worker.close();
    expect(report.scan.id).toBe(unfinished!.id);
    expect(report.resumed).toBe(1);
    expect(report.results.map((r) => [r.input, r.verdict, r.stage ?? null])).toEqual([
      [targets[0], 'unreachable', 'dns'],
      [targets[1], 'unreachable', null],
      [targets[2], 'unreachable', 'dns'],
      [targets[3], 'unreachable', 'dns'],
    ]);
    expect(await queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed', 'failed')).toBe(3);
    await queue.close();
    connection.disconnect();
  }, 60_000);
});
