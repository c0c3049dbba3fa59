/**
 * The bench's memory sampler, on a thread of its own (plain JavaScript: a worker runs it without tsx).
 *
 * Reading /proc/<pid>/smaps_rollup of every process of a tree with Chromium in it takes 35 ms idle and about
 * 100 ms under load, walks each process's page tables, and slows the pages being loaded meanwhile: read every
 * 250 ms on the main thread (the bench until 2026-12-05) it made the bare loop 29–37 % slower and the scans about
 * 5 %. So the bench reads rarely (run.ts, SAMPLE_MS), and here, where it stops no event loop but this thread's.
 *
 * workerData: { root: pid, intervalMs }. Posts { peak, samples, meanMs } when sent 'stop'.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { root, intervalMs } = workerData;

/** The pids of root and all its descendants (Chromium's renderers included), from /proc. */
function treePids() {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we read
    }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * Memory of the tree in bytes: the sum of the proportional set sizes (PSS), so pages Chromium's processes share
 * are counted once, not once per process as a sum of RSS would.
 */
function treeMemory() {
  let total = 0;
  for (const pid of treePids()) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += Number(pss?.[1] ?? 0) * 1024;
    } catch {
      // the process ended while we read
    }
  }
  return total;
}

let peak = 0;
let samples = 0;
let spent = 0;
let stopping = false;
const sample = () => {
  const t0 = performance.now();
  peak = Math.max(peak, treeMemory());
  spent += performance.now() - t0;
  samples++;
};
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  stopping = true;
  sample();
  parentPort.postMessage({ peak, samples, meanMs: spent / samples });
});
sample();
// The next sample intervalMs after the last one ended: a slow read never piles up.
const loop = () => {
  if (stopping) return;
  sample();
  setTimeout(loop, intervalMs);
};
setTimeout(loop, intervalMs);
