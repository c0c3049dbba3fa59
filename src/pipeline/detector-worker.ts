/**
 * The detector worker (see detect.ts): receives the scan's references once, then one snapshot at a time with
 * its artifacts, runs every detector on it, timed, and answers with the findings.
 */
import { parentPort } from 'node:worker_threads';
import type { Reference } from '../model/reference.js';
import type { Platform } from '../model/platform.js';
import { detect, type FromWorker, type ToWorker } from './detect.js';

let references: readonly Reference[] = [];
let platforms: readonly Platform[] = [];
const stored = new Map<string, Buffer>();
const bytes = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

parentPort?.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    references = m.references;
    platforms = m.platforms;
    for (const [sha, u8] of m.artifacts) stored.set(sha, bytes(u8));
    return;
  }
  const local = new Map(m.artifacts.map(([sha, u8]) => [sha, bytes(u8)]));
  let answer: FromWorker;
  try {
    answer = { id: m.id, detection: detect({ snapshot: m.snapshot, references, platforms, readArtifact: (sha) => local.get(sha) ?? stored.get(sha) ?? null }, true) };
  } catch (err) {
    answer = { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(answer);
});
