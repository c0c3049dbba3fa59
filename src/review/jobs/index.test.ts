import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getJob } from '../../data/jobs.js';
import { openStore, type Store } from '../../data/store.js';
import { counter } from '../../../test/fixtures/count-job.js';
import { INTERRUPTED, StoreJobs } from './index.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jianzhen-jobs-'));
  store = await openStore(join(dir, 'jianzhen.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('runs a job to the end and keeps its result in the store', async () => {
  const jobs = new StoreJobs(store, [counter(null)]);
  jobs.start();
  const job = await jobs.submit('count', { items: 3 }, 'li');
  await jobs.idle();
  expect(await getJob(store, job.id)).toMatchObject({ state: 'done', result: { counted: 3 }, progress: { done: 3 }, actor: 'li' });
  await jobs.close();
});

it('resumes a job whose console died mid-way from its saved progress, in a new console', async () => {
  const dead = new StoreJobs(store, [counter(2)], { heartbeatMs: 60_000 });
  dead.start();
  const job = await dead.submit('count', { items: 5 }, 'li');
  await expect.poll(async () => (await getJob(store, job.id))?.progress).toEqual({ done: 2 });
  // The first console is gone without a word (no close): its heartbeat stops.
  const handler = counter(null);
  const restarted = new StoreJobs(store, [handler], { staleMs: 0, pollMs: 50 });
  restarted.start();
  await expect.poll(async () => (await getJob(store, job.id))?.state).toBe('done');
  expect(handler.started).toEqual([2]);
  expect(await getJob(store, job.id)).toMatchObject({ attempts: 2, result: { counted: 5 } });
  await restarted.close();
});

it('fails a job that keeps dying, with the reason, instead of retrying it for ever', async () => {
  const first = new StoreJobs(store, [counter(0)], { heartbeatMs: 60_000 });
  first.start();
  const job = await first.submit('count', { items: 2 }, 'li');
  await expect.poll(async () => (await getJob(store, job.id))?.state).toBe('running');
  for (let i = 0; i < 2; i++) {
    // With staleMs 0 a heartbeat is stale once the clock has passed it: one written in the very millisecond the next
    // console looks is not, and that console would look again only a poll (and a heartbeat) later, in step.
    const heartbeat = Date.parse((await getJob(store, job.id))?.heartbeatAt ?? '');
    await expect.poll(() => Date.now()).toBeGreaterThan(heartbeat);
    const again = new StoreJobs(store, [counter(0)], { staleMs: 0, pollMs: 60_000, maxAttempts: 2, heartbeatMs: 60_000 });
    again.start();
    await expect.poll(async () => (await getJob(store, job.id))?.attempts).toBeGreaterThanOrEqual(2);
  }
  await expect.poll(async () => (await getJob(store, job.id))?.state).toBe('failed');
  expect((await getJob(store, job.id))?.error).toBe(INTERRUPTED);
});

it('puts its running job back in the queue on a clean shutdown, for the next console to run at once', async () => {
  const closing = new StoreJobs(store, [counter(1)]);
  closing.start();
  const job = await closing.submit('count', { items: 3 }, 'li');
  await expect.poll(async () => (await getJob(store, job.id))?.progress).toEqual({ done: 1 });
  await closing.close();
  expect(await getJob(store, job.id)).toMatchObject({ state: 'queued', attempts: 0 });
  const next = new StoreJobs(store, [counter(null)]);
  next.start();
  await expect.poll(async () => (await getJob(store, job.id))?.state).toBe('done');
  await next.close();
});
