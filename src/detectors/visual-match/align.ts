/**
 * The alignment search of the visual match: where does the reference's header band sit in the top of the page?
 * Every placement in the window is scored by the normalised cross-correlation of edges and of equalised grey
 * (nccSummed's value), and the best placement wins, first one on ties.
 *
 * The product sums Σ t·p of every placement come from one Fourier cross-correlation (correlation.ts) instead of
 * one product per band pixel per placement, which was half the detector's time. Those sums carry the transform's
 * rounding, so every decision is still the pixel-by-pixel search's own: one that the rounding bound cannot change
 * is taken on the transformed sums; one it could is taken after adding the products up again (nccSummed); and the
 * best placement's correlation is recomputed the same way before it is returned. The placement and correlation
 * found are those of the pixel-by-pixel search to the last bit, however close two placements come.
 */
import { gridFor, productSums, spectrumOf, type ProductSums, type Spectrum } from './correlation.js';
import { edges, equalise, nccOf, nccSummed, overlapOf, summed, type Grey, type Summed } from './image.js';

/** What the alignment correlates: a region's edges and its equalised grey, each with its summed-area tables. */
export interface Layer {
  readonly edges: Summed;
  readonly grey: Summed;
  /**
   * The layers' transforms by grid size, made when a search first needs them: a page's top is searched for each
   * reference's band on the same grid, and a reference's band (kept with its features) for every page.
   */
  readonly spectra: Map<string, Spectrum>;
}

/** The layers of a coarse grey region. */
export function layerOf(coarse: Grey): Layer {
  return { edges: summed(edges(coarse)), grey: summed(equalise(coarse)), spectra: new Map() };
}

/** The layer's transform on a grid, made on first use and kept with the layer. */
function spectrumAt(layer: Layer, grid: { nx: number; ny: number }): Spectrum {
  const key = `${grid.nx}x${grid.ny}`;
  let s = layer.spectra.get(key);
  if (s === undefined) {
    s = spectrumOf(layer.edges.g, layer.grey.g, grid.nx, grid.ny);
    layer.spectra.set(key, s);
  }
  return s;
}

/**
 * From this many band pixels × placements on, the transforms are used. A full search (105 × 53 placements of a
 * 128 × 16 band: 11 M) is about ten times cheaper with them; a page no taller than the band (one row of 53
 * placements, 1.1e5) costs about the same either way, and a search that small adds its products up itself.
 */
const TRANSFORM_FROM = 2e5;
/** More than rounding can move 0.5·e + 0.5·g − 0.002·dy or best + 1e-9 once e, g and best are given (units of 1e-16). */
const EXPRESSION_ROUNDING = 1e-14;

/** Whether two values may compare either way within `margin` (NaN counts as close: it is recomputed, never trusted). */
const close = (a: number, b: number, margin: number): boolean => !(Math.abs(a - b) > margin);

/** A placement and its score 0.5·edges + 0.5·grey − 0.002·dy. */
export interface Placement {
  readonly dx: number;
  readonly dy: number;
  readonly c: number;
}

/** The placements a search tries: dx ∈ [minDx, maxDx], dy ∈ [0, maxDy]. */
export interface SearchWindow {
  readonly minDx: number;
  readonly maxDx: number;
  readonly maxDy: number;
}

/**
 * Best placement of the reference header band in the top of the page (coarse pixels): the band's left edge lands
 * at page column dx, row dy, with dy from 0 down to where the band reaches the bottom and dx `maxSideShare` of the
 * band's width either way (further left when the page is narrower than the band: a cropped content column may sit
 * anywhere under it). Placements overlapping less than `minOverlap` of the band score −1 in that layer.
 * `transformFrom` is for tests: 0 always transforms, Infinity never.
 */
export function align(pageTop: Layer, band: Layer, minOverlap: number, maxSideShare: number, transformFrom = TRANSFORM_FROM): Placement {
  const slack = Math.round(band.edges.g.width * maxSideShare);
  const window = {
    minDx: -Math.max(0, band.edges.g.width - pageTop.edges.g.width) - slack,
    maxDx: slack,
    maxDy: Math.max(0, pageTop.edges.g.height - band.edges.g.height),
  };
  const placements = (window.maxDy + 1) * (window.maxDx - window.minDx + 1);
  let sums: ProductSums | null = null;
  if (placements * band.edges.g.width * band.edges.g.height >= transformFrom) {
    const grid = gridFor(pageTop.edges.g, band.edges.g, window.minDx, window.maxDx, window.maxDy);
    sums = productSums(spectrumAt(pageTop, grid), spectrumAt(band, grid), window.minDx, window.maxDx, window.maxDy);
  }
  return bestPlacement(pageTop, band, minOverlap, window, sums);
}

/**
 * The best placement in the window, scanned row by row, left to right: 0.5·edges + 0.5·grey − 0.002·dy, each
 * layer nccSummed's correlation, and a placement replaces the best only when it beats it by more than 1e-9. With
 * `sums`, the product sums come from them wherever their error bound cannot change a decision (see the file's
 * comment); without, every correlation is nccSummed's. Either way the answer is the same to the last bit.
 */
export function bestPlacement(pageTop: Layer, band: Layer, minOverlap: number, window: SearchWindow, sums: ProductSums | null): Placement {
  const { minDx, maxDx, maxDy } = window;
  if (sums !== null && (sums.minDx !== minDx || sums.maxDx !== maxDx || sums.maxDy !== maxDy)) {
    throw new Error(`product sums for dx ${sums.minDx}..${sums.maxDx}, dy 0..${sums.maxDy} handed to a search of dx ${minDx}..${maxDx}, dy 0..${maxDy}: compute them for the search's window.`);
  }
  const exact = (page: Summed, ref: Summed, dx: number, dy: number): number => nccSummed(page, ref, dx, dy, minOverlap) ?? -1;
  // A layer's correlation from its transformed product sum; `error` is then how far it may lie from nccSummed's
  // (0 when it is nccSummed's: no transform, or an overlap nccSummed rejects without products).
  let error = 0;
  const estimate = (page: Summed, ref: Summed, dx: number, dy: number, transformed: Float64Array | undefined): number => {
    error = 0;
    if (sums === null || transformed === undefined) return exact(page, ref, dx, dy);
    const o = overlapOf(page, ref, dx, dy, minOverlap);
    if (o === null) return -1;
    error = (sums.error / Math.sqrt(o.vt * o.vp)) * (1 + 1e-9) + EXPRESSION_ROUNDING;
    return nccOf(o, transformed[dy * sums.width + dx - sums.minDx]!);
  };
  // The best so far, its score within `error` of the pixel-by-pixel one (an estimate until settled).
  let best = { dx: 0, dy: 0, c: -1, error: 0 };
  const settle = (): void => {
    if (best.error === 0) return;
    const { dx, dy } = best;
    best = { dx, dy, c: 0.5 * exact(pageTop.edges, band.edges, dx, dy) + 0.5 * exact(pageTop.grey, band.grey, dx, dy) - 0.002 * dy, error: 0 };
  };
  for (let dy = 0; dy <= maxDy; dy++) {
    for (let dx = minDx; dx <= maxDx; dx++) {
      let limit = best.c + 1e-9;
      // Outlines and shades together: edges alone drift onto any text block, shades alone onto any dark bar.
      // The small pull towards the top keeps a footer strip from passing for the header.
      let e = estimate(pageTop.edges, band.edges, dx, dy, sums?.edges);
      let eError = error;
      // The shades' correlation is at most 1: a placement that cannot beat the best even so is not worth
      // correlating. Most placements end here, which cuts the search by a third without changing what it finds.
      let reach = 0.5 * e + 0.5 * 1 - 0.002 * dy;
      if (close(reach, limit, 0.5 * eError + best.error + EXPRESSION_ROUNDING)) {
        // Too close to call on estimates: the best's exact score first, then this placement's edges if still needed.
        settle();
        limit = best.c + 1e-9;
        if (eError > 0 && close(reach, limit, 0.5 * eError + EXPRESSION_ROUNDING)) {
          e = exact(pageTop.edges, band.edges, dx, dy);
          eError = 0;
          reach = 0.5 * e + 0.5 * 1 - 0.002 * dy;
        }
      }
      if (reach <= limit) continue;
      let g = estimate(pageTop.grey, band.grey, dx, dy, sums?.grey);
      const gError = error;
      let c = 0.5 * e + 0.5 * g - 0.002 * dy;
      let cError = eError > 0 || gError > 0 ? 0.5 * eError + 0.5 * gError + EXPRESSION_ROUNDING : 0;
      if (close(c, limit, cError + best.error + EXPRESSION_ROUNDING)) {
        settle();
        limit = best.c + 1e-9;
        if (cError > 0 && close(c, limit, cError + EXPRESSION_ROUNDING)) {
          if (eError > 0) e = exact(pageTop.edges, band.edges, dx, dy);
          if (gError > 0) g = exact(pageTop.grey, band.grey, dx, dy);
          c = 0.5 * e + 0.5 * g - 0.002 * dy;
          cError = 0;
        }
      }
      // Ties keep the first (smallest) shift: the straight comparison wins unless a shift is truly better.
      if (c > limit) best = { dx, dy, c, error: cError };
    }
  }
  settle();
  return { dx: best.dx, dy: best.dy, c: best.c };
}
