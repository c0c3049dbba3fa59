import { describe, expect, it } from 'vitest';
import { LoadWatch } from './load-watch.js';

describe('LoadWatch', () => {
  it('counts the time this process could not run', async () => {
    const watch = new LoadWatch().start();
    try {
      const since = Date.now();
      await new Promise((r) => setTimeout(r, 150));
      // Block this thread the way a long synchronous computation would.
      const end = Date.now() + 600;
      while (Date.now() < end) {
        // busy
      }
      await new Promise((r) => setTimeout(r, 150));
      // A busier machine only adds to what was measured: the bound is from below.
      expect(watch.stalledSince(since)).toBeGreaterThanOrEqual(400);
      expect(watch.stalledSince(Date.now() + 1)).toBe(0);
      // Starved for 400 ms or more of a 1 s bound: past the share that makes a timeout ours.
      expect(watch.starvedFor(since, 1_000)).toBe(true);
    } finally {
      watch.stop();
    }
  });
});
