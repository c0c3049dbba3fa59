import { describe, expect, it } from 'vitest';
import { align, bestPlacement, layerOf, type Layer, type Placement, type SearchWindow } from './align.js';
import { gridFor, productSums, spectrumOf, type ProductSums } from './correlation.js';
import { columns, rows, summed, type Grey } from './image.js';

const SIDE = 0.2;

function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A coarse page top as screenshots give it: white, a dark banner with light lettering, blocks of text below. */
function pageTop(width: number, height: number, seed: number): Grey {
  const next = stream(seed);
  const data = new Float32Array(width * height).fill(250);
  const put = (x0: number, y0: number, w: number, h: number, level: () => number): void => {
    for (let y = y0; y < Math.min(height, y0 + h); y++) for (let x = x0; x < Math.min(width, x0 + w); x++) data[y * width + x] = level();
  };
  const bannerTop = Math.floor(next() * Math.max(1, height / 3));
  put(0, bannerTop, width, 14, () => 40 + 20 * next());
  for (let k = 0; k < 12; k++) put(Math.floor(next() * width), bannerTop + 3 + Math.floor(next() * 8), 6, 3, () => 230);
  for (let k = 0; k < 40; k++) put(Math.floor(next() * width), bannerTop + 16 + Math.floor(next() * height), 10, 2, () => 30 + 100 * next());
  return { width, height, data };
}

/** A page that repeats one small tile: many placements score alike, the hardest case for "first one on ties". */
function tiled(width: number, height: number): Grey {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = (x % 8) * 30 + (y % 4 === 0 ? 15 : 0) + (((x % 8) * 7 + y * 3) % 5);
  return { width, height, data };
}

const fresh = (g: Grey): Layer => layerOf(g);

function both(top: Grey, band: Grey, minOverlap = 0.7): { direct: Placement; transformed: Placement } {
  return {
    direct: align(fresh(top), fresh(band), minOverlap, SIDE, Infinity),
    transformed: align(fresh(top), fresh(band), minOverlap, SIDE, 0),
  };
}

function expectSame(a: Placement, b: Placement): void {
  expect(b.dx).toBe(a.dx);
  expect(b.dy).toBe(a.dy);
  // To the last bit, not to a tolerance.
  expect(Object.is(b.c, a.c)).toBe(true);
}

describe('align', () => {
  it('finds a header band where it was cut from the page, with and without transforms', () => {
    const page = pageTop(128, 120, 3);
    const band = columns(rows(page, 37, 16), 0, 128);
    // The band is the page's rows 37..52: at dy 37, dx 0 it matches all but its own bottom edge and its own
    // equalisation (ranks among its pixels, not the page's), so nearly 1, less the pull towards the top.
    const { direct, transformed } = both(page, band);
    expect(direct).toMatchObject({ dx: 0, dy: 37 });
    expect(direct.c).toBeGreaterThan(0.99 - 0.002 * 37);
    expectSame(direct, transformed);
  });

  const shapes: { why: string; page: [number, number]; band: [number, number]; minOverlap: number }[] = [
    { why: 'a full page top', page: [128, 120], band: [128, 16], minOverlap: 0.7 },
    { why: 'a first screen only (800 px tall)', page: [128, 80], band: [128, 16], minOverlap: 0.7 },
    { why: 'a content column narrower than the band', page: [56, 120], band: [128, 16], minOverlap: 0.5 },
    { why: 'a page no taller than the band', page: [128, 12], band: [128, 16], minOverlap: 0.5 },
  ];
  for (const s of shapes) {
    it(`gives the pixel-by-pixel search's placement and correlation bit for bit on ${s.why}`, () => {
      for (let seed = 1; seed <= 4; seed++) {
        const page = pageTop(s.page[0], s.page[1], seed);
        const band = rows(pageTop(s.band[0], 40, seed + 100), 0, s.band[1]);
        const { direct, transformed } = both(page, band, s.minOverlap);
        expectSame(direct, transformed);
      }
    });
  }

  it('keeps the first of placements that tie on a repeating page, as the pixel-by-pixel search does', () => {
    const page = tiled(160, 100);
    const band = rows(tiled(128, 16), 0, 16);
    const { direct, transformed } = both(page, band);
    expectSame(direct, transformed);
  });

  it('scores nothing on a blank page (every correlation is undefined) and stays at the origin', () => {
    const blank = { width: 128, height: 120, data: new Float32Array(128 * 120).fill(255) };
    const band = rows(pageTop(128, 40, 9), 0, 16);
    const { direct, transformed } = both(blank, band);
    expect(direct).toEqual({ dx: 0, dy: 0, c: -1 });
    expectSame(direct, transformed);
  });
});

describe('bestPlacement', () => {
  /** The sums moved anywhere within a bound `scale` times theirs, the bound raised to match. */
  function shaken(sums: ProductSums, scale: number, seed: number): ProductSums {
    const next = stream(seed);
    const error = sums.error * scale;
    // Mostly near the edge of the bound: the worst a transform could legitimately do.
    const move = (v: number): number => v + error * (next() < 0.5 ? -1 : 1) * (next() < 0.5 ? 0.999 : next());
    return { ...sums, edges: sums.edges.map(move), grey: sums.grey.map(move), error };
  }

  /** Layers given directly (no edge filter, no equalisation): a tiling repeats exactly, so placements tie exactly. */
  const tiledLayer = (width: number, height: number, nudge = 0): Layer => {
    const g = tiled(width, height);
    // A page pixel left of every placement from dx 8 on: the tied placements before dx 8 score a hair below 1.
    g.data[5 * width + 3]! += nudge;
    return { edges: summed(g), grey: summed({ ...g, data: g.data.map((v) => 255 - v) }), spectra: new Map() };
  };
  const scenes: { why: string; page: Layer; band: Layer }[] = [
    { why: 'a band cut from the page', page: fresh(pageTop(128, 60, 5)), band: fresh(rows(pageTop(128, 60, 5), 20, 16)) },
    { why: 'another page', page: fresh(pageTop(128, 60, 5)), band: fresh(rows(pageTop(128, 40, 105), 0, 16)) },
    { why: 'a tiling, placements tied exactly', page: tiledLayer(160, 60), band: tiledLayer(128, 16) },
    // One grey level off by 0.1, 0.14, 0.2: the first tie scores 1 − 6e-10, 1 − 1.2e-9, 1 − 2.5e-9, and the later,
    // perfect one must stay behind it, barely pass it, pass it (the tie margin is 1e-9).
    ...[0.1, 0.14, 0.2].map((nudge) => ({ why: `a tiling, the first ties a hair worse (${nudge})`, page: tiledLayer(160, 60, nudge), band: tiledLayer(128, 16) })),
    { why: 'a tiling through the edge filter and equalisation, ties in the last bits', page: fresh(tiled(160, 60)), band: fresh(tiled(128, 16)) },
  ];
  for (const { why, page, band } of scenes) {
    it(`decides as the pixel-by-pixel search whatever the sums err by within their bound (${why})`, () => {
      const window: SearchWindow = { minDx: -26, maxDx: 26, maxDy: page.edges.g.height - 16 };
      const grid = gridFor(page.edges.g, band.edges.g, window.minDx, window.maxDx, window.maxDy);
      const spectrum = (l: Layer) => spectrumOf(l.edges.g, l.grey.g, grid.nx, grid.ny);
      const sums = productSums(spectrum(page), spectrum(band), window.minDx, window.maxDx, window.maxDy);
      const direct = bestPlacement(page, band, 0.7, window, null);
      expectSame(direct, bestPlacement(page, band, 0.7, window, sums));
      // From the transform's own bound through one that blurs a correlation by about the tie margin 1e-9 and far
      // past it: the sums added up again must take over exactly where the estimates stop being decisive.
      for (const scale of [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]) {
        for (let seed = 1; seed <= 8; seed++) expectSame(direct, bestPlacement(page, band, 0.7, window, shaken(sums, scale, seed)));
      }
    });
  }

  it('refuses sums computed for another window', () => {
    const page = fresh(pageTop(128, 60, 5));
    const band = fresh(rows(pageTop(128, 40, 105), 0, 16));
    const grid = gridFor(page.edges.g, band.edges.g, -26, 26, 44);
    const sums = productSums(spectrumOf(page.edges.g, page.grey.g, grid.nx, grid.ny), spectrumOf(band.edges.g, band.grey.g, grid.nx, grid.ny), -26, 26, 44);
    expect(() => bestPlacement(page, band, 0.7, { minDx: -20, maxDx: 26, maxDy: 44 }, sums)).toThrow(/the search's window/);
  });
});
