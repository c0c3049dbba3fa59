/**
 * The pixel diff behind the site page's overlay: the suspect's screenshot against the impersonated platform's
 * reference, computed server-side with pixelmatch and cached in memory per pair of hashes (both inputs are
 * immutable artifacts, so a cached diff never goes stale).
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** Tallest region compared: the first screens are what a victim sees; a 6000 px page would cost for nothing. */
const MAX_HEIGHT = 2400;

export interface PixelDiff {
  /** A PNG as wide as the overlap: changed pixels red, unchanged transparent (an overlay). */
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** Share of compared pixels that differ, 0..1. */
  readonly ratio: number;
}

function crop(png: PNG, width: number, height: number): Uint8Array {
  if (png.width === width && png.height === height) return png.data;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) out.set(png.data.subarray(y * png.width * 4, y * png.width * 4 + width * 4), y * width * 4);
  return out;
}

/** Diffs two PNG screenshots over their overlapping top-left region; null when either is not a PNG. */
export function pixelDiff(suspect: Buffer, reference: Buffer): PixelDiff | null {
  let a: PNG, b: PNG;
  try {
    a = PNG.sync.read(suspect);
    b = PNG.sync.read(reference);
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

/** A small bounded cache of diffs keyed by the two hashes; the oldest entry goes first. */
export class DiffCache {
  private readonly entries = new Map<string, PixelDiff | null>();
  constructor(private readonly capacity = 64) {}

  /** Returns the cached diff of (suspect, reference), computing it with `compute` on a miss. */
  async get(suspectSha: string, referenceSha: string, compute: () => Promise<PixelDiff | null>): Promise<PixelDiff | null> {
    const key = `${suspectSha}:${referenceSha}`;
    if (this.entries.has(key)) return this.entries.get(key)!;
    const value = await compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
