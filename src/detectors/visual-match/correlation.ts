/**
 * Product sums Σ t·p of a template over an image for every placement in a search window at once, by a 2-D
 * cross-correlation through the Fourier transform: the cost of a few transforms of the padded image instead of
 * one product per template pixel per placement. The template and the image each carry two layers (edges and
 * equalised grey); both ride in one complex transform (edges real, grey imaginary) and come back together.
 *
 * The sums carry the transform's rounding, so each comes with a bound on how far it may lie from the exact sum
 * and from the sum nccSummed adds up pixel by pixel: a caller that must decide exactly as the pixel-by-pixel
 * search does can tell the placements whose decision the rounding cannot change from the few it must recompute.
 */
import { fftColumns, fftRows, powerOfTwoAtLeast } from './fft.js';
import type { Grey } from './image.js';

/**
 * The transform of an image's two layers, zero-padded to nx × ny, as one complex plane Z = E + iG: both layers
 * are real, so each is recovered from Z at k and −k, and one plane holds both (half the memory of two).
 */
export interface Spectrum {
  /** The image's own size (its layers sit at the grid's origin). */
  readonly width: number;
  readonly height: number;
  readonly nx: number;
  readonly ny: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** √(Σ edges² + Σ grey²): the size of the padded input, which scales the transform's rounding. */
  readonly norm: number;
}

/** The padded grid a search needs: a placement's sum must not wrap around and pick up pixels from the far side. */
export function gridFor(
  page: { width: number; height: number },
  band: { width: number; height: number },
  minDx: number,
  maxDx: number,
  maxDy: number,
): { nx: number; ny: number } {
  // The band's columns reach from minDx to band.width − 1 + maxDx on the page: the ones left of the page wrap to
  // nx + minDx and up, which must be at or past the page's right edge (zeros), the ones right of it must stay below nx.
  // Rows reach from 0 to band.height − 1 + maxDy and never wrap.
  return {
    nx: powerOfTwoAtLeast(Math.max(page.width - Math.min(0, minDx), band.width + Math.max(0, maxDx), page.width, band.width)),
    ny: powerOfTwoAtLeast(Math.max(page.height, band.height + maxDy)),
  };
}

/** The spectrum of two equally sized layers (edges, grey) placed at the origin of an nx × ny grid of zeros. */
export function spectrumOf(edges: Grey, grey: Grey, nx: number, ny: number): Spectrum {
  const w = edges.width;
  const h = edges.height;
  const re = new Float64Array(nx * ny);
  const im = new Float64Array(nx * ny);
  let squares = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const e = edges.data[y * w + x]!;
      const g = grey.data[y * w + x]!;
      re[y * nx + x] = e;
      im[y * nx + x] = g;
      squares += e * e + g * g;
    }
  }
  // Rows below the image are zeros and stay zeros along x: only the image's rows are transformed.
  fftRows(re, im, nx, 0, h, false);
  fftColumns(re, im, nx, ny, 0, nx, false);
  return { width: w, height: h, nx, ny, re, im, norm: Math.sqrt(squares) };
}

const UNIT_ROUNDOFF = Number.EPSILON / 2;

/**
 * How far a correlated sum may lie from the exact one, per unit of |page|·|template| (the norms of the padded
 * inputs). A radix-2 transform of 2^s points rounds in s butterfly stages; Percival's bound for a convolution
 * through three such transforms ("Rapid multiplication modulo the sum and difference of highly composite numbers",
 * 2003) is |error|∞ ≤ |x|·|y|·((1+u)^{3s}(1+u√5)^{3s+1}(1+β)^{3s} − 1) with u the unit roundoff and β the error of
 * a twiddle factor (here a few u: Math.cos and Math.sin of an argument in [0, π)). Taken with β = 16u, ten more u
 * for splitting and combining the two layers, and then ten times over. On the eval's stored screenshots (198
 * searches, 1.7 M sums) the transformed sums lay within 3.6e-16·|x|·|y| of exact ones: 2,700 times inside it.
 */
export function transformError(nx: number, ny: number): number {
  const s = Math.log2(nx * ny);
  return 10 * (3 * s * (1 + Math.sqrt(5) + 16) + Math.sqrt(5) + 10) * UNIT_ROUNDOFF;
}

/**
 * How far nccSummed's pixel-by-pixel sum of n products may lie from the exact sum, per unit of |page|·|template|:
 * each product of two Float32 values is exact in a double, and a running sum of n terms is within
 * γ(n−1) = (n−1)u / (1 − (n−1)u) times the sum of their magnitudes, itself at most |page|·|template|
 * (Cauchy–Schwarz). Measured on the same sums: 1.2e-14·|x|·|y| at most, 19 times inside it for a 128 × 16 band.
 */
export function runningSumError(n: number): number {
  return (n * UNIT_ROUNDOFF) / (1 - n * UNIT_ROUNDOFF);
}

/** Product sums for placements dx ∈ [minDx, maxDx], dy ∈ [0, maxDy]: placement (dx, dy) at dy·width + dx − minDx. */
export interface ProductSums {
  readonly minDx: number;
  readonly maxDx: number;
  readonly maxDy: number;
  readonly width: number;
  readonly edges: Float64Array;
  readonly grey: Float64Array;
  /** A bound on how far each sum here lies from the one nccSummed adds up, for every placement and both layers. */
  readonly error: number;
}

/**
 * Σ t·p over the overlap of the band placed with its left edge on page column dx and its top on page row dy, for
 * every placement in the window, for both layers: the inverse transform of conj(T)·P, where the page is zero
 * outside itself so that each sum covers the overlap only. Both spectra must be on the grid gridFor gives.
 */
export function productSums(page: Spectrum, band: Spectrum, minDx: number, maxDx: number, maxDy: number): ProductSums {
  const { nx, ny } = page;
  const needed = gridFor(page, band, minDx, maxDx, maxDy);
  if (band.nx !== nx || band.ny !== ny || needed.nx > nx || needed.ny > ny) {
    throw new Error(`spectra on a ${nx}×${ny} and a ${band.nx}×${band.ny} grid, the search needs ${needed.nx}×${needed.ny}: transform both on gridFor's grid.`);
  }
  const re = new Float64Array(nx * ny);
  const im = new Float64Array(nx * ny);
  const t = band;
  const p = page;
  // Each layer is real: with Z = E + iG, 2E(k) = Z(k) + conj Z(−k) and 2G(k) = −i(Z(k) − conj Z(−k)). The
  // correlations are real too, so W = conj(Tₑ)Pₑ + i·conj(T_g)P_g gives the edges' back as the real part and the
  // grey's as the imaginary, and W(−k) follows from the same products as W(k): each pair (k, −k) is visited once.
  // The factors ½ are left to the final scaling (powers of two, exact).
  for (let ky = 0; ky < ny; ky++) {
    const my = (ny - ky) % ny;
    if (my < ky) continue;
    for (let kx = 0; kx < nx; kx++) {
      const mx = (nx - kx) % nx;
      if (my === ky && mx < kx) continue;
      const k = ky * nx + kx;
      const m = my * nx + mx;
      const tar = t.re[k]!;
      const tai = t.im[k]!;
      const tbr = t.re[m]!;
      const tbi = t.im[m]!;
      const par = p.re[k]!;
      const pai = p.im[k]!;
      const pbr = p.re[m]!;
      const pbi = p.im[m]!;
      // 2Tₑ(k), 2T_g(k), 2Pₑ(k), 2P_g(k).
      const ter = tar + tbr;
      const tei = tai - tbi;
      const tgr = tai + tbi;
      const tgi = tbr - tar;
      const per = par + pbr;
      const pei = pai - pbi;
      const pgr = pai + pbi;
      const pgi = pbr - par;
      // 4·conj(Tₑ)Pₑ and 4·conj(T_g)P_g at k.
      const er = ter * per + tei * pei;
      const ei = ter * pei - tei * per;
      const gr = tgr * pgr + tgi * pgi;
      const gi = tgr * pgi - tgi * pgr;
      // W(−k) = conj(conj(Tₑ)Pₑ) + i·conj(conj(T_g)P_g); written first so that a k equal to −k keeps W(k).
      re[m] = er + gi;
      im[m] = gr - ei;
      re[k] = er - gi;
      im[k] = ei + gr;
    }
  }
  fftRows(re, im, nx, 0, ny, true);
  // Only the searched columns are needed: dx ≥ 0 sits at column dx, dx < 0 wraps to nx + dx.
  const right = Math.max(0, minDx);
  if (minDx < 0 && maxDx + 1 >= nx + minDx) {
    fftColumns(re, im, nx, ny, 0, nx, true);
  } else {
    if (maxDx >= right) fftColumns(re, im, nx, ny, right, maxDx + 1, true);
    if (minDx < 0) fftColumns(re, im, nx, ny, nx + minDx, nx, true);
  }
  const width = maxDx - minDx + 1;
  const edges = new Float64Array(width * (maxDy + 1));
  const grey = new Float64Array(width * (maxDy + 1));
  const scale = 1 / (4 * nx * ny);
  for (let dy = 0; dy <= maxDy; dy++) {
    for (let dx = minDx; dx <= maxDx; dx++) {
      const k = dy * nx + ((dx % nx) + nx) % nx;
      edges[dy * width + dx - minDx] = re[k]! * scale;
      grey[dy * width + dx - minDx] = im[k]! * scale;
    }
  }
  const error = (transformError(nx, ny) + runningSumError(band.width * band.height)) * page.norm * band.norm;
  return { minDx, maxDx, maxDy, width, edges, grey, error };
}
