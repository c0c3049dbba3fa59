/**
 * The detector worker (see detect.ts): receives the scan's references once, then one snapshot at a time with
 * its artifacts, runs every detector on it, timed, and answers with the findings.
 */
import { parentPort } from 'node:worker_threads';
import type { Reference } from '../model/reference.js';
import type { Platform } from '../model/platform.js';
import { decodeAhead } from '../detectors/visual-match/decode-ahead.js';
import { detect, type FromWorker, type ToWorker } from './detect.js';

let references: readonly Reference[] = [];
let platforms: readonly Platform[] = [];
const stored = new Map<string, Buffer>();
const bytes = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
/** The snapshots waiting, answered in the order they came. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    references = m.references;
    platforms = m.platforms;
    for (const [sha, u8] of m.artifacts) stored.set(sha, bytes(u8));
    return;
  }
  // One at a time, as before the decode became asynchronous: one page's pixels in memory, never several.
  // Anything answer() cannot catch ends the worker, as it did when the work was synchronous: the scan's
  // thread then runs the detectors itself (DetectorRunner's fallBack).
  queue = queue.then(() => answer(m)).catch((err: unknown) => {
    setImmediate(() => {
      throw err;
    });
  });
});

/** Runs the detectors on one snapshot, its screenshot decoded ahead by sharp, and posts the findings. */
async function answer(m: Extract<ToWorker, { type: 'detect' }>): Promise<void> {
  const local = new Map(m.artifacts.map(([sha, u8]) => [sha, bytes(u8)]));
  const shot = m.snapshot.screenshot?.sha256;
  const png = shot === undefined ? undefined : local.get(shot);
  const t0 = performance.now();
  const pixels = png === undefined ? null : await decodeAhead(png);
  const decodeMs = Math.round(performance.now() - t0);
  let reply: FromWorker;
  try {
    const found = detect(
      {
        snapshot: m.snapshot,
        references,
        platforms,
        readArtifact: (sha) => local.get(sha) ?? stored.get(sha) ?? null,
        readPixels: (sha) => (sha === shot ? pixels : null),
      },
      true,
    );
    // The decode is the visual match's first step, wherever it ran.
    const visual = found.steps['detector.visual-match'];
    const detection = visual === undefined || pixels === null ? found : { ...found, steps: { ...found.steps, 'detector.visual-match': visual + decodeMs } };
    reply = { id: m.id, detection };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
}
