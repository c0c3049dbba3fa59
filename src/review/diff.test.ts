import { threadId } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { png } from '../../test/fixtures/console-store.js';
import { DiffPool } from './diff.js';

const pools: DiffPool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

it('computes a diff in a worker thread, not on the event loop that answers requests', async () => {
  const pool = new DiffPool();
  pools.push(pool);
  const d = await pool.diff('a', 'b', async () => [png(100, 80, 10), png(100, 80, 50)]);
  expect(d).not.toBeNull();
  expect(d!.threadId).not.toBe(threadId);
  expect(d!.width).toBe(100);
  // Two 20×20 squares in different places: 800 of 8000 pixels differ.
  expect(d!.ratio).toBeCloseTo(800 / 8000, 3);
  expect(d!.png.subarray(1, 4).toString()).toBe('PNG');
});

it('caches a diff per pair of hashes and answers null for bytes that are not PNG', async () => {
  const pool = new DiffPool();
  pools.push(pool);
  let loads = 0;
  const load = async (): Promise<[Buffer, Buffer]> => (loads++, [png(10, 10, 0), png(10, 10, 5)]);
  await pool.diff('x', 'y', load);
  await pool.diff('x', 'y', load);
  expect(loads).toBe(1);
  expect(await pool.diff('p', 'q', async () => [Buffer.from('<svg/>'), png(10, 10, 0)])).toBeNull();
});
