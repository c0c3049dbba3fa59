// Worker thread of the console's DiffPool (diff.ts): computes one pixel diff per message, off the event loop
// that answers analysts' requests. Plain JavaScript for the reason given in pixel-diff.mjs.
import { parentPort, threadId } from 'node:worker_threads';
import { pixelDiff } from './pixel-diff.mjs';

parentPort.on('message', ({ id, suspect, reference }) => {
  try {
    const diff = pixelDiff(suspect, reference);
    const png = diff ? new Uint8Array(diff.png) : null;
    parentPort.postMessage({ id, threadId, diff: diff && { png, width: diff.width, height: diff.height, ratio: diff.ratio } }, png ? [png.buffer] : []);
  } catch (err) {
    parentPort.postMessage({ id, threadId, error: err instanceof Error ? err.message : String(err) });
  }
});
