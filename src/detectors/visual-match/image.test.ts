import { describe, expect, it } from 'vitest';
import { greyDownscale } from './image.js';

/** Random RGBA with some transparency, from a fixed seed. */
function randomRgba(width: number, height: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) & 0xff;
    if (i % 4 === 3 && (x & 3) !== 0) out[i] = 255; // mostly opaque, as screenshots are
  }
  return out;
}

/** The downscale written plainly: each cell the mean of its pixels' luma (transparent reads as white), summed in source order. */
function plainDownscale(d: Uint8Array, width: number, height: number, targetWidth: number): Float32Array {
  const tw = Math.max(1, Math.round(width * Math.min(1, targetWidth / width)));
  const th = Math.max(1, Math.round(height * Math.min(1, targetWidth / width)));
  const sum = new Float64Array(tw * th);
  const count = new Float64Array(tw * th);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = Math.min(th - 1, Math.floor((y * th) / height)) * tw + Math.min(tw - 1, Math.floor((x * tw) / width));
      const i = (y * width + x) * 4;
      const a = d[i + 3]! / 255;
      const luma = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
      sum[cell] = d[i + 3] === 255 ? sum[cell]! + luma : sum[cell]! + luma * a + 255 * (1 - a);
      count[cell]!++;
    }
  }
  return Float32Array.from(sum, (s, k) => s / Math.max(1, count[k]!));
}

describe('greyDownscale', () => {
  it('gives the same grey from pixels aligned in their buffer or not, and as the plain formula', () => {
    const [width, height] = [517, 389];
    const rgba = randomRgba(width, height, 7);
    // The same bytes one byte into a buffer: not 4-byte aligned, so copied before they are read.
    const shifted = new Uint8Array(rgba.length + 1);
    shifted.set(rgba, 1);
    const aligned = greyDownscale({ width, height, data: rgba }, 128);
    const unaligned = greyDownscale({ width, height, data: shifted.subarray(1) }, 128);
    expect(aligned.width).toBe(128);
    expect(Buffer.from(unaligned.data.buffer).equals(Buffer.from(aligned.data.buffer))).toBe(true);
    expect(Buffer.from(plainDownscale(rgba, width, height, 128).buffer).equals(Buffer.from(aligned.data.buffer))).toBe(true);
  });
});
