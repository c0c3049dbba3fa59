import { describe, expect, it } from 'vitest';
import { fftColumns, fftRows, powerOfTwoAtLeast } from './fft.js';

/** A repeatable stream of numbers in [-1, 1): tests must not change from run to run. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

/** The discrete Fourier transform by its definition, in O(n²): what the fast one must agree with. */
function dft(re: number[], im: number[], inverse: boolean): { re: number[]; im: number[] } {
  const n = re.length;
  const sign = inverse ? 1 : -1;
  const out = { re: new Array<number>(n).fill(0), im: new Array<number>(n).fill(0) };
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      out.re[k]! += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
      out.im[k]! += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
    }
  }
  return out;
}

describe('fft', () => {
  it('rounds a length up to a power of two', () => {
    expect([0, 1, 2, 3, 5, 128, 129, 154].map(powerOfTwoAtLeast)).toEqual([1, 1, 2, 4, 8, 128, 256, 256]);
  });

  for (const n of [1, 2, 4, 8, 32, 256]) {
    it(`transforms rows of length ${n} as the definition does, both directions`, () => {
      const next = noise(n);
      const rows = 3;
      const re = Float64Array.from({ length: n * rows }, next);
      const im = Float64Array.from({ length: n * rows }, next);
      for (const inverse of [false, true]) {
        const fr = re.slice();
        const fi = im.slice();
        // Only the middle row is transformed: the others must be left as they were.
        fftRows(fr, fi, n, 1, 2, inverse);
        const want = dft(Array.from(re.subarray(n, 2 * n)), Array.from(im.subarray(n, 2 * n)), inverse);
        for (let k = 0; k < n; k++) {
          expect(fr[n + k]).toBeCloseTo(want.re[k]!, 10);
          expect(fi[n + k]).toBeCloseTo(want.im[k]!, 10);
        }
        expect(Array.from(fr.subarray(0, n))).toEqual(Array.from(re.subarray(0, n)));
        expect(Array.from(fi.subarray(2 * n))).toEqual(Array.from(im.subarray(2 * n)));
      }
    });
  }

  it('transforms only the columns asked for, as the definition does along each', () => {
    const width = 8;
    const height = 16;
    const next = noise(7);
    const re = Float64Array.from({ length: width * height }, next);
    const im = Float64Array.from({ length: width * height }, next);
    const fr = re.slice();
    const fi = im.slice();
    fftColumns(fr, fi, width, height, 2, 5, false);
    for (let x = 0; x < width; x++) {
      const col = (a: Float64Array): number[] => Array.from({ length: height }, (_, y) => a[y * width + x]!);
      if (x < 2 || x >= 5) {
        expect(col(fr)).toEqual(col(re));
        continue;
      }
      const want = dft(col(re), col(im), false);
      for (let y = 0; y < height; y++) {
        expect(fr[y * width + x]).toBeCloseTo(want.re[y]!, 10);
        expect(fi[y * width + x]).toBeCloseTo(want.im[y]!, 10);
      }
    }
  });

  it('comes back to the input times the size after a 2-D transform and its inverse', () => {
    const width = 64;
    const height = 32;
    const next = noise(11);
    const re = Float64Array.from({ length: width * height }, () => 255 * next());
    const im = Float64Array.from({ length: width * height }, () => 255 * next());
    const fr = re.slice();
    const fi = im.slice();
    fftRows(fr, fi, width, 0, height, false);
    fftColumns(fr, fi, width, height, 0, width, false);
    fftRows(fr, fi, width, 0, height, true);
    fftColumns(fr, fi, width, height, 0, width, true);
    let worst = 0;
    for (let k = 0; k < width * height; k++) {
      worst = Math.max(worst, Math.abs(fr[k]! / (width * height) - re[k]!), Math.abs(fi[k]! / (width * height) - im[k]!));
    }
    expect(worst).toBeLessThan(1e-10);
  });
});
