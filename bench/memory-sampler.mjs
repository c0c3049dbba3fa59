/**
 * The bench's memory sampler, on a thread of its own (plain JavaScript: a worker runs it without tsx).
 *
 * Each read walks the page tables of every process in the tree and slows the pages loading meanwhile, so the
 * bench reads rarely (run.ts, SAMPLE_MS, says what the reads cost), and here, where it blocks no event loop but
 * this thread's.
 *
 * workerData: { root: pid, intervalMs }. Posts { peak } (bytes) when sent 'stop'.
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
let stopping = false;
const sample = () => {
  peak = Math.max(peak, treeMemory());
};
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  stopping = true;
  sample();
  parentPort.postMessage({ peak });
});
sample();
// The next sample intervalMs after the last one ended: a slow read never piles up.
const loop = () => {
  if (stopping) return;
  sample();
  setTimeout(loop, intervalMs);
};
setTimeout(loop, intervalMs);
