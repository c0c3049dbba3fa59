import { describe, expect, it } from 'vitest';
import { gridFor, productSums, spectrumOf } from './correlation.js';
import type { Grey } from './image.js';

/** A repeatable grey image in [0, 255) with some flat stretches, as screenshots have. */
function image(width: number, height: number, seed: number): Grey {
  let s = seed >>> 0;
  const data = new Float32Array(width * height);
  for (let k = 0; k < data.length; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[k] = s % 3 === 0 ? 255 : (s / 2 ** 32) * 255;
  }
  return { width, height, data };
}

/** Σ t·p over the overlap, one product at a time, in nccSummed's order. */
function pixelSum(page: Grey, band: Grey, dx: number, dy: number): number {
  let s = 0;
  for (let y = 0; y < band.height; y++) {
    for (let x = 0; x < band.width; x++) {
      const px = x + dx;
      const py = y + dy;
      if (px >= 0 && px < page.width && py >= 0 && py < page.height) s += band.data[y * band.width + x]! * page.data[py * page.width + px]!;
    }
  }
  return s;
}

describe('productSums', () => {
  const cases = [
    { why: 'a page wider and taller than the band', page: [40, 30], band: [24, 6], minDx: -5, maxDx: 5 },
    { why: 'a page narrower than the band (it may sit anywhere under it)', page: [20, 30], band: [24, 6], minDx: -9, maxDx: 5 },
    { why: 'a page shorter than the band (one row of placements)', page: [24, 4], band: [24, 6], minDx: -5, maxDx: 5 },
    { why: 'a window to the right only', page: [40, 12], band: [16, 5], minDx: 2, maxDx: 9 },
  ];
  for (const c of cases) {
    it(`gives every placement's sum over the overlap only, within its error bound, for ${c.why}`, () => {
      const [pw, ph] = c.page as [number, number];
      const [tw, th] = c.band as [number, number];
      const pageE = image(pw, ph, 1);
      const pageG = image(pw, ph, 2);
      const bandE = image(tw, th, 3);
      const bandG = image(tw, th, 4);
      const maxDy = Math.max(0, ph - th);
      const grid = gridFor(pageE, bandE, c.minDx, c.maxDx, maxDy);
      const sums = productSums(spectrumOf(pageE, pageG, grid.nx, grid.ny), spectrumOf(bandE, bandG, grid.nx, grid.ny), c.minDx, c.maxDx, maxDy);
      expect(sums.width).toBe(c.maxDx - c.minDx + 1);
      let worst = 0;
      for (let dy = 0; dy <= maxDy; dy++) {
        for (let dx = c.minDx; dx <= c.maxDx; dx++) {
          const k = dy * sums.width + dx - c.minDx;
          worst = Math.max(worst, Math.abs(sums.edges[k]! - pixelSum(pageE, bandE, dx, dy)), Math.abs(sums.grey[k]! - pixelSum(pageG, bandG, dx, dy)));
        }
      }
      // Wrapped-around pixels would add whole products (thousands): the sums are those of the overlap alone.
      expect(worst).toBeLessThanOrEqual(sums.error);
      expect(worst).toBeLessThan(1e-6);
    });
  }

  it('refuses spectra on a grid too small for the search (sums would wrap around)', () => {
    const page = image(40, 30, 1);
    const band = image(24, 6, 3);
    const small = { nx: 32, ny: 32 };
    expect(gridFor(page, band, -5, 5, 24).nx).toBe(64);
    expect(() => productSums(spectrumOf(page, page, small.nx, small.ny), spectrumOf(band, band, small.nx, small.ny), -5, 5, 24)).toThrow(
      /gridFor's grid/,
    );
  });
});
