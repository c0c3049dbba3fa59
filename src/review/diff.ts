/**
 * Pixel diffs for the site page's overlay, computed in a worker thread (a diff of two full-page screenshots
 * takes seconds of CPU; on the event loop every other analyst's request would wait) and cached per pair of
 * hashes (both inputs are immutable artifacts, so a cached diff never goes stale). One worker: the machine
 * the console shares with scans has few cores, and diffs are rare; requests queue behind each other.
 */
import { Worker } from 'node:worker_threads';
import type { PixelDiff } from './pixel-diff.mjs';

export type { PixelDiff } from './pixel-diff.mjs';

interface Pending {
  resolve: (d: (PixelDiff & { threadId: number }) | null) => void;
  reject: (e: Error) => void;
}

/** A worker thread computing diffs, with a small cache; `close()` ends the thread. */
export class DiffPool {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Promise<(PixelDiff & { threadId: number }) | null>>();

  constructor(private readonly capacity = 64) {}

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./diff-worker.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: { id: number; threadId: number; diff?: { png: Uint8Array; width: number; height: number; ratio: number } | null; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.diff ? { ...m.diff, png: Buffer.from(m.diff.png), threadId: m.threadId } : null);
    });
    const fail = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`diff worker exited (${code})`)));
    this.worker = w;
    return w;
  }

  /**
   * The diff of (suspect, reference) keyed by their hashes, computed from `load` on a miss. `threadId` says
   * which thread computed it (never the main thread's).
   */
  diff(suspectSha: string, referenceSha: string, load: () => Promise<[Buffer, Buffer] | null>): Promise<(PixelDiff & { threadId: number }) | null> {
    const key = `${suspectSha}:${referenceSha}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const computed = (async () => {
      const bytes = await load();
      if (!bytes) return null;
      const id = this.nextId++;
      const worker = this.spawn();
      return new Promise<(PixelDiff & { threadId: number }) | null>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        const [a, b] = bytes.map((x) => new Uint8Array(x));
        worker.postMessage({ id, suspect: a, reference: b }, [a!.buffer, b!.buffer] as ArrayBuffer[]);
      });
    })();
    this.cache.set(key, computed);
    // A failure is not cached: the next request tries again.
    computed.catch(() => this.cache.delete(key));
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    return computed;
  }

  /** Ends the worker thread. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
