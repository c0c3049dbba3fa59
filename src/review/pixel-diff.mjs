// The pixel diff behind the site page's overlay: the suspect's screenshot against the impersonated platform's
// reference, over their overlapping top-left region. Plain JavaScript (with pixel-diff.d.mts beside it)
// because it runs in a worker thread, and a worker does not inherit the TypeScript loader of the process
// that starts it (tsx registers its hooks per thread).
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

// Tallest region compared: the first screens are what a victim sees; a 6000 px page would cost for nothing.
const MAX_HEIGHT = 2400;

function crop(png, width, height) {
  if (png.width === width && png.height === height) return png.data;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) out.set(png.data.subarray(y * png.width * 4, y * png.width * 4 + width * 4), y * width * 4);
  return out;
}

/** Diffs two PNG screenshots; null when either is not a PNG or they do not overlap. */
export function pixelDiff(suspect, reference) {
  let a, b;
  try {
    a = PNG.sync.read(Buffer.from(suspect));
    b = PNG.sync.read(Buffer.from(reference));
  } catch {
    return null;
  }
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height, MAX_HEIGHT);
  if (width === 0 || height === 0) return null;
  const out = new PNG({ width, height });
  const changed = pixelmatch(crop(a, width, height), crop(b, width, height), out.data, width, height, {
    threshold: 0.1,
    diffMask: true,
    diffColor: [220, 38, 38],
  });
  return { png: PNG.sync.write(out), width, height, ratio: changed / (width * height) };
}
