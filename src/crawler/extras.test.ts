import { describe, expect, it } from 'vitest';
import { bounded, probeRefusal } from './extras.js';

/** Collects unhandled rejections while `run` and a few turns of the event loop complete. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

describe('bounded', () => {
  it('passes a task that finishes in time through', async () => {
    await expect(bounded(Promise.resolve(7), Date.now() + 1_000, 'x')).resolves.toBe(7);
  });

  it('cuts a task that outlives the deadline and names the step', async () => {
    const slow = new Promise<number>((r) => setTimeout(() => r(1), 500));
    await expect(bounded(slow, Date.now() + 30, 'mobile render')).rejects.toThrow(/mobile render: cut at the visit's time bound/);
  });

  it('refuses a task when no time is left, and its later failure is not an unhandled rejection', async () => {
    const seen = await unhandledDuring(async () => {
      const failing = (async (): Promise<number> => {
        throw new Error('no time left in the visit');
      })();
      await expect(bounded(failing, Date.now() - 1, 'mobile render')).rejects.toThrow(/mobile render: no time left/);
    });
    expect(seen).toEqual([]);
  });

  it('does not leave a cut task failing later unhandled', async () => {
    const seen = await unhandledDuring(async () => {
      const late = new Promise<number>((_, reject) => setTimeout(() => reject(new Error('late')), 20));
      await expect(bounded(late, Date.now() + 5, 'depth')).rejects.toThrow(/depth: cut/);
    });
    expect(seen).toEqual([]);
  });
});

describe('probeRefusal', () => {
  it('refuses official platforms and government hosts, allows the rest', () => {
    expect(probeRefusal('cx.mem.gov.cn', [])).toBe('a .gov.cn host');
    expect(probeRefusal('www.cnse.e-cqs.cn', ['cnse.e-cqs.cn'])).toBe('an official platform');
    expect(probeRefusal('cx-mem-gov.cn', ['cx.mem.gov.cn'])).toBeNull();
  });
});
