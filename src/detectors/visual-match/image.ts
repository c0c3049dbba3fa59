/**
 * Small synchronous image operations for the visual detector. Detectors are synchronous pure functions
 * and sharp is asynchronous, so decoding is pngjs (PNG.sync.read) — unless the caller hands in the pixels,
 * decoded ahead with sharp (decode-ahead.ts) — and the rest is plain TypeScript on greyscale Float32 planes:
 * box-filter downscale, rank equalisation, edge magnitude, margin trim, dHash.
 */
import { PNG } from 'pngjs';
import type { Rgba } from '../types.js';

/** A greyscale image, one float 0..255 per pixel, row-major. */
export interface Grey {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Decodes PNG bytes to RGBA; null when the bytes are not a readable PNG. */
export function decodePng(bytes: Buffer): Rgba | null {
  try {
    const png = PNG.sync.read(bytes);
    if (png.width === 0 || png.height === 0) return null;
    return { width: png.width, height: png.height, data: png.data };
  } catch {
    return null;
  }
}

/** Rec. 601 luma weights times every 8-bit level, so a pixel's luma is three lookups and two additions. */
const lumaTable = (weight: number): Float64Array => Float64Array.from({ length: 256 }, (_, v) => weight * v);
const LUMA_R = lumaTable(0.299);
const LUMA_G = lumaTable(0.587);
const LUMA_B = lumaTable(0.114);

/** Where R, G, B and A (in memory order) sit in a 32-bit word read on this machine. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const [SHIFT_R, SHIFT_G, SHIFT_B, SHIFT_A] = LITTLE_ENDIAN ? [0, 8, 16, 24] : [24, 16, 8, 0];

/** A grey value's 8-bit level: Math.round clamped to 0..255 (for the finite values a grey image holds, v + 0.5 truncated). */
const levelOf = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);

/**
 * Box-filter downscale of RGBA to greyscale (Rec. 601 luma) at `targetWidth`, keeping the aspect ratio;
 * every source pixel lands in exactly one target cell, so the cost is one pass over the source.
 * Transparent pixels read as white, as a browser shows them on a blank page. The sums run in source order
 * with the same products as `0.299·r + 0.587·g + 0.114·b` (an opaque pixel adds its luma alone, which is what
 * `luma·1 + 255·0` is), so the result does not depend on how the loop is written.
 */
export function greyDownscale(rgba: Rgba, targetWidth: number): Grey {
  const { width, height, data: d } = rgba;
  const scale = Math.min(1, targetWidth / width);
  const tw = Math.max(1, Math.round(width * scale));
  const th = Math.max(1, Math.round(height * scale));
  const sum = new Float64Array(tw * th);
  // Each target column takes a run of source columns: colStart[c] up to colStart[c + 1].
  const colStart = new Uint32Array(tw + 1);
  for (let x = width - 1; x >= 0; x--) colStart[Math.min(tw - 1, Math.floor((x * tw) / width))] = x;
  colStart[tw] = width;
  const perRow = new Uint32Array(th);
  // Each pixel read as one 32-bit word (a quarter of the loads), its bytes taken out in memory order whatever the
  // machine's; pixels not 4-byte aligned in their buffer (never Chromium's, decoded by pngjs or sharp) are copied.
  const aligned = d.byteOffset % 4 === 0 ? d : d.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.min(th - 1, Math.floor((y * th) / height));
    perRow[row]!++;
    const rowBase = y * width;
    for (let c = 0, cell = row * tw; c < tw; c++, cell++) {
      // The cell's running sum is held while its pixels of this row are added, in order.
      let acc = sum[cell]!;
      for (let i = rowBase + colStart[c]!, end = rowBase + colStart[c + 1]!; i < end; i++) {
        const px = words[i]!;
        const luma = LUMA_R[(px >>> SHIFT_R) & 0xff]! + LUMA_G[(px >>> SHIFT_G) & 0xff]! + LUMA_B[(px >>> SHIFT_B) & 0xff]!;
        const alpha = (px >>> SHIFT_A) & 0xff;
        if (alpha === 255) {
          acc = acc + luma;
        } else {
          const a = alpha / 255;
          acc = acc + luma * a + 255 * (1 - a);
        }
      }
      sum[cell] = acc;
    }
  }
  const data = new Float32Array(tw * th);
  for (let r = 0; r < th; r++) for (let c = 0; c < tw; c++) data[r * tw + c] = sum[r * tw + c]! / Math.max(1, perRow[r]! * (colStart[c + 1]! - colStart[c]!));
  return { width: tw, height: th, data };
}

/** Box-filter resample of a region of a grey image to tw×th (used to halve and to rescale a column). */
export function resample(g: Grey, x0: number, y0: number, w: number, h: number, tw: number, th: number): Grey {
  const data = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    const sy0 = y0 + (ty * h) / th;
    const sy1 = y0 + ((ty + 1) * h) / th;
    for (let tx = 0; tx < tw; tx++) {
      const sx0 = x0 + (tx * w) / tw;
      const sx1 = x0 + ((tx + 1) * w) / tw;
      let s = 0;
      let n = 0;
      for (let y = Math.floor(sy0); y < Math.max(Math.floor(sy0) + 1, Math.ceil(sy1)); y++) {
        if (y < 0 || y >= g.height) continue;
        for (let x = Math.floor(sx0); x < Math.max(Math.floor(sx0) + 1, Math.ceil(sx1)); x++) {
          if (x < 0 || x >= g.width) continue;
          s += g.data[y * g.width + x] ?? 0;
          n++;
        }
      }
      data[ty * tw + tx] = n === 0 ? 255 : s / n;
    }
  }
  return { width: tw, height: th, data };
}

/** Rows [y0, y0+h) of an image (clipped), as a new image. */
export function rows(g: Grey, y0: number, h: number): Grey {
  const from = Math.max(0, Math.min(g.height, y0));
  const to = Math.max(from, Math.min(g.height, y0 + h));
  return { width: g.width, height: to - from, data: g.data.slice(from * g.width, to * g.width) };
}

/**
 * Rank (histogram) equalisation: each grey level becomes its rank among the image's pixels. A recoloured
 * copy keeps the order of its shades (dark banner, light page), so after equalising it reads alike.
 */
export function equalise(g: Grey): Grey {
  const src = g.data;
  const n = src.length;
  // Each pixel's level, worked out once for the histogram and the mapping both.
  if (levels.length < n) levels = new Uint8Array(Math.max(n, 2 * levels.length));
  const hist = new Float64Array(256);
  for (let k = 0; k < n; k++) {
    const level = levelOf(src[k]!);
    levels[k] = level;
    hist[level]!++;
  }
  const cdf = new Float64Array(256);
  let acc = 0;
  for (let i = 0; i < 256; i++) cdf[i] = acc += hist[i]!;
  let min = 0;
  for (let i = 0; i < 256; i++) {
    if (hist[i]! > 0) {
      min = cdf[i]!;
      break;
    }
  }
  const span = Math.max(1, n - min);
  // What each level becomes, worked out once per level rather than once per pixel (the same expression).
  const rank = new Float64Array(256);
  for (let i = 0; i < 256; i++) rank[i] = (255 * Math.max(0, cdf[i]! - min)) / span;
  const data = new Float32Array(n);
  for (let k = 0; k < n; k++) data[k] = rank[levels[k]!]!;
  return { width: g.width, height: g.height, data };
}

/** Scratch for equalise's per-pixel levels, grown as needed (detectors run one at a time on a thread). */
let levels = new Uint8Array(0);

/** Gradient magnitude |dx| + |dy|: edges survive a change of colour (or of polarity) where grey levels do not. */
export function edges(g: Grey): Grey {
  const data = new Float32Array(g.width * g.height);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const k = y * g.width + x;
      const v = g.data[k] ?? 0;
      const dx = x + 1 < g.width ? (g.data[k + 1] ?? 0) - v : 0;
      const dy = y + 1 < g.height ? (g.data[k + g.width] ?? 0) - v : 0;
      data[k] = Math.abs(dx) + Math.abs(dy);
    }
  }
  return { width: g.width, height: g.height, data };
}

/**
 * The content column, as sharp's trim finds it: columns at the left and right edge that stay the colour
 * of the outermost column (within `tolerance`) over the rows given are margin.
 */
export function contentColumn(g: Grey, tolerance = 6): { x0: number; x1: number } {
  const uniform = (x: number, ref: number): boolean => {
    for (let y = 0; y < g.height; y++) if (Math.abs((g.data[y * g.width + x] ?? 0) - ref) > tolerance) return false;
    return true;
  };
  let x0 = 0;
  const left = g.data[0] ?? 0;
  while (x0 < g.width - 1 && uniform(x0, left)) x0++;
  let x1 = g.width;
  const right = g.data[g.width - 1] ?? 0;
  while (x1 > x0 + 1 && uniform(x1 - 1, right)) x1--;
  // Nothing to trim is reported as the whole width (a page whose first column is uniform all the way).
  return x1 - x0 < 4 ? { x0: 0, x1: g.width } : { x0, x1 };
}

/** Difference hash: the image shrunk to (size+1)×size, one bit per horizontal neighbour pair (left brighter). */
export function dHash(g: Grey, size = 8): Uint8Array {
  const s = resample(g, 0, 0, g.width, g.height, size + 1, size);
  const bits = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      bits[y * size + x] = (s.data[y * (size + 1) + x] ?? 0) > (s.data[y * (size + 1) + x + 1] ?? 0) ? 1 : 0;
    }
  }
  return bits;
}

/** Hamming distance of two equally long bit arrays. */
export function hamming(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) d++;
  return d + Math.abs(a.length - b.length);
}

/** A bit array as hex, for evidence. */
export function hex(bits: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 4) {
    out += (((bits[i] ?? 0) << 3) | ((bits[i + 1] ?? 0) << 2) | ((bits[i + 2] ?? 0) << 1) | (bits[i + 3] ?? 0)).toString(16);
  }
  return out;
}

/**
 * Normalised cross-correlation of template `t` placed at (dx, dy) on image `p`, over the overlap only;
 * null when the overlap is under `minOverlap` of the template or either side is flat there.
 */
export function ncc(p: Grey, t: Grey, dx: number, dy: number, minOverlap = 0.7): number | null {
  const xa = Math.max(0, -dx);
  const xb = Math.min(t.width, p.width - dx);
  const ya = Math.max(0, -dy);
  const yb = Math.min(t.height, p.height - dy);
  if (xb <= xa || yb <= ya) return null;
  const n = (xb - xa) * (yb - ya);
  if (n < minOverlap * t.width * t.height) return null;
  let st = 0;
  let sp = 0;
  let stt = 0;
  let spp = 0;
  let stp = 0;
  for (let y = ya; y < yb; y++) {
    const tRow = y * t.width;
    const pRow = (y + dy) * p.width + dx;
    for (let x = xa; x < xb; x++) {
      const a = t.data[tRow + x] ?? 0;
      const b = p.data[pRow + x] ?? 0;
      st += a;
      sp += b;
      stt += a * a;
      spp += b * b;
      stp += a * b;
    }
  }
  const vt = stt - (st * st) / n;
  const vp = spp - (sp * sp) / n;
  if (vt <= 1e-6 * n || vp <= 1e-6 * n) return null;
  return (stp - (st * sp) / n) / Math.sqrt(vt * vp);
}

/** A grey image with its summed-area tables of values and of squares: a rectangle's sum and sum of squares in O(1). */
export interface Summed {
  readonly g: Grey;
  /** (width+1)×(height+1): entry (x, y) holds the sum over [0, x) × [0, y). */
  readonly sum: Float64Array;
  readonly squares: Float64Array;
}

/** The summed-area tables of an image. */
export function summed(g: Grey): Summed {
  const w1 = g.width + 1;
  const sum = new Float64Array(w1 * (g.height + 1));
  const squares = new Float64Array(w1 * (g.height + 1));
  for (let y = 0; y < g.height; y++) {
    let row = 0;
    let rowSq = 0;
    for (let x = 0; x < g.width; x++) {
      const v = g.data[y * g.width + x] ?? 0;
      row += v;
      rowSq += v * v;
      sum[(y + 1) * w1 + x + 1] = (sum[y * w1 + x + 1] ?? 0) + row;
      squares[(y + 1) * w1 + x + 1] = (squares[y * w1 + x + 1] ?? 0) + rowSq;
    }
  }
  return { g, sum, squares };
}

/** Sum over [x0, x1) × [y0, y1) of a summed-area table of an image `width` wide. */
function rectSum(table: Float64Array, width: number, x0: number, y0: number, x1: number, y1: number): number {
  const w1 = width + 1;
  return (table[y1 * w1 + x1] ?? 0) - (table[y0 * w1 + x1] ?? 0) - (table[y1 * w1 + x0] ?? 0) + (table[y0 * w1 + x0] ?? 0);
}

/**
 * Where a template placed on an image overlaps it (template columns [xa, xb), rows [ya, yb), n pixels), with
 * every sum over that overlap the normalised cross-correlation needs apart from the product sum Σ t·p.
 */
export interface Overlap {
  readonly xa: number;
  readonly xb: number;
  readonly ya: number;
  readonly yb: number;
  readonly n: number;
  readonly st: number;
  readonly sp: number;
  readonly vt: number;
  readonly vp: number;
}

/**
 * The overlap of template `t` placed at (dx, dy) on image `p`, from their summed-area tables; null when it is under
 * `minOverlap` of the template or either side is flat there — nccSummed's null rule, decided without the products.
 */
export function overlapOf(p: Summed, t: Summed, dx: number, dy: number, minOverlap = 0.7): Overlap | null {
  const tw = t.g.width;
  const pw = p.g.width;
  const xa = Math.max(0, -dx);
  const xb = Math.min(tw, pw - dx);
  const ya = Math.max(0, -dy);
  const yb = Math.min(t.g.height, p.g.height - dy);
  if (xb <= xa || yb <= ya) return null;
  const n = (xb - xa) * (yb - ya);
  if (n < minOverlap * tw * t.g.height) return null;
  const st = rectSum(t.sum, tw, xa, ya, xb, yb);
  const stt = rectSum(t.squares, tw, xa, ya, xb, yb);
  const sp = rectSum(p.sum, pw, xa + dx, ya + dy, xb + dx, yb + dy);
  const spp = rectSum(p.squares, pw, xa + dx, ya + dy, xb + dx, yb + dy);
  const vt = stt - (st * st) / n;
  const vp = spp - (sp * sp) / n;
  if (vt <= 1e-6 * n || vp <= 1e-6 * n) return null;
  return { xa, xb, ya, yb, n, st, sp, vt, vp };
}

/**
 * The correlation over an overlap given its product sum Σ t·p: one expression shared by nccSummed and by the
 * search that takes its product sums from a Fourier transform, so both round alike but for that sum.
 */
export function nccOf(o: Overlap, stp: number): number {
  return (stp - (o.st * o.sp) / o.n) / Math.sqrt(o.vt * o.vp);
}

/**
 * `ncc` with the sums of both sides taken from their summed-area tables, so each placement costs one product
 * per pixel instead of five sums: the same value (to rounding), for searches that try thousands of placements.
 */
export function nccSummed(p: Summed, t: Summed, dx: number, dy: number, minOverlap = 0.7): number | null {
  const o = overlapOf(p, t, dx, dy, minOverlap);
  if (o === null) return null;
  const tw = t.g.width;
  const pw = p.g.width;
  const td = t.g.data;
  const pd = p.g.data;
  // Float32 times Float32 is exact in a double: the only rounding is the running sum's, in this order.
  let stp = 0;
  for (let y = o.ya; y < o.yb; y++) {
    const tRow = y * tw;
    const pRow = (y + dy) * pw + dx;
    for (let x = o.xa; x < o.xb; x++) stp += td[tRow + x]! * pd[pRow + x]!;
  }
  return nccOf(o, stp);
}

/** A window of `p` the size of `t` at (dx, dy); outside pixels take the page's background `fill`. */
export function window(p: Grey, dx: number, dy: number, w: number, h: number, fill: number): Grey {
  const data = new Float32Array(w * h).fill(fill);
  for (let y = 0; y < h; y++) {
    const py = y + dy;
    if (py < 0 || py >= p.height) continue;
    for (let x = 0; x < w; x++) {
      const px = x + dx;
      if (px >= 0 && px < p.width) data[y * w + x] = p.data[py * p.width + px] ?? fill;
    }
  }
  return { width: w, height: h, data };
}

/** Columns [x0, x1) of an image (clipped), as a new image. */
export function columns(g: Grey, x0: number, x1: number): Grey {
  const a = Math.max(0, Math.min(g.width, x0));
  const b = Math.max(a, Math.min(g.width, x1));
  const w = b - a;
  const data = new Float32Array(w * g.height);
  for (let y = 0; y < g.height; y++) data.set(g.data.subarray(y * g.width + a, y * g.width + b), y * w);
  return { width: w, height: g.height, data };
}

/** The most common grey level (the page background). */
export function modeLevel(g: Grey): number {
  const hist = new Uint32Array(64);
  const d = g.data;
  for (let k = 0; k < d.length; k++) {
    // Math.floor(v / 4) clamped to 0..63; v / 4 is exact, and truncation is the floor for v ≥ 0.
    const q = d[k]! * 0.25;
    hist[q <= 0 ? 0 : q >= 63 ? 63 : q | 0]!++;
  }
  let best = 0;
  for (let i = 1; i < 64; i++) if (hist[i]! > hist[best]!) best = i;
  return best * 4 + 2;
}

/** Each level as an opaque grey RGBA pixel, one 32-bit word in this machine's byte order. */
const GREY_PIXEL = new Uint32Array(new Uint8Array(Array.from({ length: 256 }, (_, v) => [v, v, v, 255]).flat()).buffer);

/** Grey to RGBA bytes (for pixelmatch). */
export function toRgba(g: Grey): Uint8Array {
  const n = g.data.length;
  const words = new Uint32Array(n);
  for (let k = 0; k < n; k++) words[k] = GREY_PIXEL[levelOf(g.data[k]!)]!;
  return new Uint8Array(words.buffer);
}
