/**
 * Running the detectors for a scan: timed one by one (`detector.<id>` steps), and off the main thread.
 * The detectors are pure but not cheap (the visual comparison decodes and compares full-page screenshots);
 * run on the thread that also relays every byte of the browser through the guard proxy and reads
 * Chromium's DevTools messages, they stall every visit in flight. A worker thread runs them instead; the
 * references' screenshots are handed to it once, each snapshot's own artifacts with the snapshot.
 */
import { Worker } from 'node:worker_threads';
import { detectors, runDetectors, type DetectorFailure } from '../detectors/index.js';
import type { DetectorInput } from '../detectors/types.js';
import type { Reference } from '../model/reference.js';
import type { Platform } from '../model/platform.js';
import type { Signal } from '../model/signal.js';
import type { Artifact, PageSnapshot } from '../model/snapshot.js';

/** What the detectors found on one snapshot, with what each took (`detector.<id>` steps; empty untimed). */
export interface Detection {
  readonly signals: Signal[];
  readonly failures: DetectorFailure[];
  readonly steps: Record<string, number>;
}

/**
 * Whether the detectors see the same in two snapshots of one visit: the partial one the extras policy
 * judged and the final one differ only in notes, blocked requests, timings (their start aside) and the
 * extras decisions when no view was taken in between — and no detector reads those.
 */
export function sameForDetectors(a: PageSnapshot, b: PageSnapshot): boolean {
  const ignored = new Set(['notes', 'blockedRequests', 'timings', 'extras']);
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) if (!ignored.has(key) && x[key] !== y[key]) return false;
  return a.timings.startedAt === b.timings.startedAt;
}

/** Runs every detector on a snapshot, each timed when asked (`detector.<id>` steps). */
export function detect(input: DetectorInput, timed: boolean): Detection {
  if (!timed) return { ...runDetectors(input), steps: {} };
  const signals: Signal[] = [];
  const failures: DetectorFailure[] = [];
  const steps: Record<string, number> = {};
  for (const d of detectors) {
    const t0 = performance.now();
    const one = runDetectors(input, [d]);
    steps[`detector.${d.id}`] = Math.round(performance.now() - t0);
    signals.push(...one.signals);
    failures.push(...one.failures);
  }
  return { signals, failures, steps };
}

/** Messages to the worker (detector-worker.ts). */
export type ToWorker =
  | { readonly type: 'init'; readonly references: readonly Reference[]; readonly platforms: readonly Platform[]; readonly artifacts: readonly (readonly [string, Uint8Array])[] }
  | { readonly type: 'detect'; readonly id: number; readonly snapshot: PageSnapshot; readonly artifacts: readonly (readonly [string, Uint8Array])[] };

/** The worker's answer to one `detect`. */
export interface FromWorker {
  readonly id: number;
  readonly detection?: Detection;
  readonly error?: string;
}

/** What a scan's detectors compare with: the references, the platforms, and where stored bytes come from. */
export interface DetectContext {
  readonly references: readonly Reference[];
  readonly platforms: readonly Platform[];
  readonly readArtifact: (sha256: string) => Buffer | null;
}

/** The detectors of one scan, on a worker thread (on this thread if the worker cannot start or dies). */
export class DetectorRunner {
  /** undefined: not started yet (it starts with the first snapshot); null: the work stays on this thread. */
  private worker: Worker | null | undefined = undefined;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (d: Detection) => void; run: () => Detection }>();

  constructor(private readonly ctx: DetectContext) {}

  /** Where the detectors run now: on the worker, or on this thread (not started, could not start, or died). */
  get thread(): 'worker' | 'this' {
    return this.worker ? 'worker' : 'this';
  }

  /** The detectors' findings on a fresh capture (its own artifacts, then the store's). */
  detect(snapshot: PageSnapshot, artifacts: readonly Artifact[]): Promise<Detection> {
    const local = new Map(artifacts.map((a) => [a.ref.sha256, a.data]));
    const run = () =>
      detect(
        { snapshot, references: this.ctx.references, platforms: this.ctx.platforms, readArtifact: (sha) => local.get(sha) ?? this.ctx.readArtifact(sha) },
        true,
      );
    const worker = this.worker === undefined ? this.start() : this.worker;
    if (worker === null) return Promise.resolve(run());
    const id = this.next++;
    return new Promise<Detection>((resolve) => {
      this.waiting.set(id, { resolve, run });
      // Referenced only while it has work: an idle worker must not keep the process alive.
      if (this.waiting.size === 1) worker.ref();
      const msg: ToWorker = { type: 'detect', id, snapshot, artifacts: artifacts.map((a) => [a.ref.sha256, new Uint8Array(a.data)] as const) };
      worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
    this.fallBack();
  }

  /** Starts the worker and hands it the references and their artifacts; null when it cannot start. */
  private start(): Worker | null {
    try {
      const worker = new Worker(new URL('./detector-worker.mjs', import.meta.url));
      const artifacts: [string, Uint8Array][] = [];
      for (const r of this.ctx.references) {
        for (const ref of [r.snapshot.screenshot, r.snapshot.favicon?.artifact ?? null]) {
          const bytes = ref === null ? null : this.ctx.readArtifact(ref.sha256);
          if (ref !== null && bytes !== null) artifacts.push([ref.sha256, new Uint8Array(bytes)]);
        }
      }
      const init: ToWorker = { type: 'init', references: this.ctx.references, platforms: this.ctx.platforms, artifacts };
      worker.postMessage(init);
      worker.on('message', (m: FromWorker) => this.answer(m));
      // A worker that dies leaves its work to this thread: a scan never loses a verdict to it.
      worker.on('error', () => this.fallBack());
      worker.on('exit', () => this.fallBack());
      worker.unref();
      this.worker = worker;
    } catch {
      this.worker = null;
    }
    return this.worker;
  }

  private answer(m: FromWorker): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) this.worker?.unref();
    // A worker that could not run the detectors (it failed to load them) hands the work back.
    w.resolve(m.detection ?? w.run());
  }

  private fallBack(): void {
    this.worker = null;
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.resolve(w.run());
    }
  }
}
