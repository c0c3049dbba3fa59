/**
 * A small radix-2 fast Fourier transform over a complex plane held as two Float64Arrays (real, imaginary),
 * row-major, `width` columns. The visual match uses it to correlate a reference's header band with every
 * placement on a page at once. Written here rather than taken from npm: the correlation transforms rows and
 * columns separately and skips the rows that are known zero or not needed, which a 1-D package (fft.js) does
 * not offer without copying every column out and back; and the match's exactness rests on an error bound for
 * the very butterflies computed (FFT_ERROR), which is easiest to state for code we hold.
 */

/** A power of two at least `n` (at least 1). */
export function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

interface Tables {
  /** cos and sin of 2πk/n for k < n/2. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** Bit-reversed index of each k < n. */
  readonly reversed: Uint32Array;
}

// Pure constants of a transform length: the search uses two or three lengths, so the map stays tiny.
const TABLES = new Map<number, Tables>();

function tablesOf(n: number): Tables {
  const known = TABLES.get(n);
  if (known !== undefined) return known;
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    // π·k/(n/2) keeps the argument within [0, π): its rounding stays a few units in the last place (see FFT_ERROR).
    cos[k] = Math.cos((Math.PI * k) / (n / 2));
    sin[k] = Math.sin((Math.PI * k) / (n / 2));
  }
  const reversed = new Uint32Array(n);
  for (let k = 1, bits = Math.log2(n); k < n; k++) reversed[k] = ((reversed[k >> 1] ?? 0) >> 1) | ((k & 1) << (bits - 1));
  const t = { cos, sin, reversed };
  TABLES.set(n, t);
  return t;
}

/** Exchanges two points (the bit-reversal permutation). */
function swap(re: Float64Array, im: Float64Array, a: number, b: number): void {
  const tr = re[a]!;
  re[a] = re[b]!;
  re[b] = tr;
  const ti = im[a]!;
  im[a] = im[b]!;
  im[b] = ti;
}

/** One radix-2 butterfly: (a, b) ← (a + w·b, a − w·b). Small enough for the compiler to inline into the loops. */
function butterfly(re: Float64Array, im: Float64Array, a: number, b: number, wr: number, wi: number): void {
  const br = re[b]!;
  const bi = im[b]!;
  const tr = wr * br - wi * bi;
  const ti = wr * bi + wi * br;
  const ar = re[a]!;
  const ai = im[a]!;
  re[b] = ar - tr;
  im[b] = ai - ti;
  re[a] = ar + tr;
  im[a] = ai + ti;
}

/**
 * Transforms rows [y0, y1) in place along x (length `width`, a power of two). `inverse` flips the sign of the
 * exponent and does not divide by the length (the caller scales once for both directions).
 */
export function fftRows(re: Float64Array, im: Float64Array, width: number, y0: number, y1: number, inverse: boolean): void {
  if (width < 2) return;
  const { cos, sin, reversed } = tablesOf(width);
  const sign = inverse ? 1 : -1;
  for (let y = y0; y < y1; y++) {
    const o = y * width;
    for (let k = 0; k < width; k++) {
      const r = reversed[k]!;
      if (r > k) swap(re, im, o + k, o + r);
    }
    for (let size = 2; size <= width; size *= 2) {
      const half = size / 2;
      const step = width / size;
      for (let j = 0; j < half; j++) {
        const wr = cos[j * step]!;
        const wi = sign * sin[j * step]!;
        for (let a = o + j; a < o + width; a += size) butterfly(re, im, a, a + half, wr, wi);
      }
    }
  }
}

/**
 * Transforms columns [x0, x1) in place along y (length `height`, a power of two), all columns in one sweep so
 * the innermost loop runs along a row; same sign and scaling convention as fftRows.
 */
export function fftColumns(
  re: Float64Array,
  im: Float64Array,
  width: number,
  height: number,
  x0: number,
  x1: number,
  inverse: boolean,
): void {
  if (height < 2 || x1 <= x0) return;
  const { cos, sin, reversed } = tablesOf(height);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < height; k++) {
    const r = reversed[k]!;
    if (r <= k) continue;
    for (let x = x0; x < x1; x++) swap(re, im, k * width + x, r * width + x);
  }
  for (let size = 2; size <= height; size *= 2) {
    const half = size / 2;
    const step = height / size;
    for (let start = 0; start < height; start += size) {
      for (let j = 0; j < half; j++) {
        const wr = cos[j * step]!;
        const wi = sign * sin[j * step]!;
        const rowA = (start + j) * width;
        const rowB = rowA + half * width;
        for (let x = x0; x < x1; x++) {
          butterfly(re, im, rowA + x, rowB + x, wr, wi);
        }
      }
    }
  }
}
