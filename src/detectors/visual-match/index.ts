/**
 * visual-match: does the page look like an official platform's reference capture? Counterfeits copy the
 * look (banner, emblem, query box) even when they rewrite the words or draw the heading as an image, so
 * the screenshot is compared with each reference screenshot:
 *
 *   decode (pngjs) → greyscale box-downscale to 256 px wide → per region: rank-equalised grey and edges
 *   → find the best placement of the reference's header band in the top of the page (an added ad bar
 *   pushes it down, a narrower centred layout moves it sideways) by edge and grey correlation (align.ts: every
 *   placement's product sums from one Fourier cross-correlation, each decision still the pixel-by-pixel one's)
 *   → at that placement, dHash Hamming similarity and pixelmatch ratio of the header band and the first screen.
 *
 * Robustness: recolouring is absorbed by rank equalisation and edges (shade order and outlines survive a
 * hue shift); a top bar by the vertical search; a narrower layout by the horizontal search and by a trimmed,
 * rescaled content column; headings drawn as images are pixels like any other.
 */
import pixelmatch from 'pixelmatch';
import type { PlatformId } from '../../model/platform.js';
import type { Detector, DetectorInput, Rgba } from '../types.js';
import type { Signal } from '../../model/signal.js';
import { reason } from '../reason.js';
import { align, layerOf, type Layer } from './align.js';
import {
  columns,
  contentColumn,
  dHash,
  decodePng,
  equalise,
  greyDownscale,
  hamming,
  hex,
  modeLevel,
  ncc,
  resample,
  rows,
  toRgba,
  window,
  type Grey,
} from './image.js';

/** Signal id; weights in rules.json are keyed by it. */
export const VISUAL_SIGNAL = 'visual.match';

/** Working width: fine enough for the header's shapes, small enough to compare in milliseconds. */
const FINE_WIDTH = 256;
/** Alignment search runs at half the working width. */
const COARSE_WIDTH = 128;
/** The crawler's viewport is 1280×800: the first screen is 0.625 of the width tall. */
const FIRST_SCREEN_RATIO = 800 / 1280;
/** The header band is the top fifth of the first screen. */
const HEADER_SHARE = 0.2;
/** How far down an added top bar may push the header (share of the first screen: 400 px at 1280). */
const MAX_DOWN_SHARE = 0.5;
/** How far sideways a narrower centred layout may move it (share of the width: ±250 px at 1280). */
const MAX_SIDE_SHARE = 0.2;
/** Below this the pages are not alike: no signal. */
const MIN_REPORTED = 0.1;

/** Everything compared about one screenshot, computed once. */
interface Features {
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  /** The whole page at FINE_WIDTH. */
  readonly fine: Grey;
  /** Rows of the first screen and of the header band at FINE_WIDTH. */
  readonly screenRows: number;
  readonly bandRows: number;
  /**
   * Edges and rank-equalised grey (the banner's dark block anchors the placement) at COARSE_WIDTH, with their
   * summed-area tables, of the top of the page (first screen + search depth) and of the header band (the
   * template other pages are searched for). Each keeps its transforms once a search has made them: a page's
   * top serves every reference, a reference's band (cached here) every page, 0.5 MB a grid size (256 × 128).
   */
  readonly top: Layer;
  readonly band: Layer;
  /** The content column of the first screen (fine columns), as sharp's trim would cut it. */
  readonly column: { readonly x0: number; readonly x1: number };
  readonly pageHash: Uint8Array;
}

// The one allowed memo (detector brief): reference features by screenshot SHA-256. Artifacts are immutable
// (named by their hash), so an entry never goes stale; the map is bounded so a long run cannot grow it.
const FEATURE_CACHE = new Map<string, Features | null>();
const FEATURE_CACHE_LIMIT = 64;

/** Computes the features of PNG bytes (or of their pixels, decoded ahead); null when the bytes are not a PNG. */
export function featuresOf(bytes: Buffer, pixels: Rgba | null = null): Features | null {
  const rgba = pixels ?? decodePng(bytes);
  if (rgba === null) return null;
  const fine = greyDownscale(rgba, FINE_WIDTH);
  const screenRows = Math.max(1, Math.round(fine.width * FIRST_SCREEN_RATIO));
  const bandRows = Math.max(2, Math.round(screenRows * HEADER_SHARE));
  const topRows = Math.round(screenRows * (1 + MAX_DOWN_SHARE));
  const half = (g: Grey): Grey =>
    resample(g, 0, 0, g.width, g.height, COARSE_WIDTH, Math.max(1, Math.round((g.height * COARSE_WIDTH) / g.width)));
  const top = rows(fine, 0, topRows);
  return {
    sourceWidth: rgba.width,
    sourceHeight: rgba.height,
    fine,
    screenRows,
    bandRows,
    top: layerOf(half(top)),
    band: layerOf(half(rows(fine, 0, bandRows))),
    column: contentColumn(rows(fine, 0, screenRows)),
    pageHash: dHash(fine),
  };
}

/** Puts an entry in a bounded memo, forgetting the oldest when it is full. */
function remember<V>(memo: Map<string, V>, limit: number, key: string, value: V): void {
  if (memo.size >= limit) {
    const oldest = memo.keys().next().value;
    if (oldest !== undefined) memo.delete(oldest);
  }
  memo.set(key, value);
}

function cachedFeatures(sha256: string, read: (sha: string) => Buffer | null): Features | null {
  if (FEATURE_CACHE.has(sha256)) return FEATURE_CACHE.get(sha256) ?? null;
  const bytes = read(sha256);
  if (bytes === null) return null; // not cached: the artifact may arrive later
  const f = featuresOf(bytes);
  remember(FEATURE_CACHE, FEATURE_CACHE_LIMIT, sha256, f);
  return f;
}

// The outcome for one screenshot against one set of references, by their hashes: the extras policy judges a
// visit after each round of extra views and the scan once more at the end, and none of those views changes the
// desktop screenshot, so the comparison (the costliest detector step) is made once per visit. Keyed by
// immutable artifact hashes, an entry never goes stale; bounded to the visits in flight and just finished.
const OUTCOME_CACHE = new Map<string, VisualMeasure | null>();
const OUTCOME_CACHE_LIMIT = 32;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number): number => Math.round(x * 1000) / 1000;
/** Maps a similarity onto 0..1 between a floor (what unrelated pages reach) and a ceiling (a copy). */
const ramp = (x: number, floor: number, ceiling: number): number => clamp01((x - floor) / (ceiling - floor));

/** How two regions compare once aligned. */
export interface RegionMeasure {
  readonly hashA: string;
  readonly hashB: string;
  readonly hamming: number;
  readonly hashSimilarity: number;
  /** 1 − mismatched pixels / pixels that are not background in either image. */
  readonly pixelSimilarity: number;
  /** Correlation of the equalised grey levels. */
  readonly correlation: number;
  readonly score: number;
}

/** One side of a region comparison, made once: its equalised grey, that grey's hash, RGBA and background. */
interface Side {
  readonly eq: Grey;
  readonly hash: Uint8Array;
  readonly rgba: Uint8Array;
  readonly bg: number;
}

function sideOf(g: Grey): Side {
  const eq = equalise(g);
  return { eq, hash: dHash(eq), rgba: toRgba(eq), bg: modeLevel(eq) };
}

/** Compares two equally sized grey regions after equalising each on its own. */
export function compareRegions(a: Grey, b: Grey): RegionMeasure {
  return compareSides(sideOf(a), sideOf(b));
}

function compareSides(a: Side, b: Side): RegionMeasure {
  const ea = a.eq;
  const eb = b.eq;
  const ham = hamming(a.hash, b.hash);
  const hashSimilarity = 1 - ham / a.hash.length;
  const mismatched = pixelmatch(a.rgba, b.rgba, undefined, ea.width, ea.height, { threshold: 0.2 });
  // White space matches white space on any two pages: count differences against the inked pixels only.
  let ink = 0;
  for (let k = 0; k < ea.data.length; k++) {
    if (Math.abs((ea.data[k] ?? 0) - a.bg) > 40 || Math.abs((eb.data[k] ?? 0) - b.bg) > 40) ink++;
  }
  const pixelSimilarity = clamp01(1 - mismatched / Math.max(ink, 0.05 * ea.data.length));
  const correlation = Math.max(0, ncc(ea, eb, 0, 0, 1) ?? 0);
  // Floors sit where unrelated pages land: random hashes agree on half their bits, two pages with a top
  // banner each still share some ink, and unrelated layouts still correlate a little.
  const score =
    (ramp(hashSimilarity, 0.6, 0.92) + ramp(pixelSimilarity, 0.3, 0.85) + ramp(correlation, 0.25, 0.85)) / 3;
  return {
    hashA: hex(a.hash),
    hashB: hex(b.hash),
    hamming: ham,
    hashSimilarity: round(hashSimilarity),
    pixelSimilarity: round(pixelSimilarity),
    correlation: round(correlation),
    score: round(score),
  };
}

/** Which view of the page matched best. */
export type VariantKind = 'page' | 'column' | 'rescaled-column';

/** The outcome of comparing a page with one reference screenshot. */
export interface VisualMeasure {
  readonly platform: PlatformId;
  readonly score: number;
  /** Placement of the reference on the page, in pixels of the page's screenshot (x: sideways, y: down). */
  readonly offset: { readonly x: number; readonly y: number };
  /** What was compared: the page as it is, its trimmed content column, or that column rescaled. */
  readonly variant: VariantKind;
  readonly alignmentCorrelation: number;
  readonly header: RegionMeasure;
  readonly firstScreen: RegionMeasure;
  readonly pageHashes: { readonly page: string; readonly reference: string; readonly hamming: number };
}

// A reference's regions as compared (most pages overlap it over its whole width, so the same few serve every
// page), and a page view's background (the same view is measured against every reference): made once. Keyed by
// the features and grey images themselves, so they go when those do.
const REF_SIDES = new WeakMap<Features, Map<string, Side>>();
const REF_SIDES_LIMIT = 32;
const BACKGROUNDS = new WeakMap<Grey, number>();

/** A value made once for an owner and a key, kept as long as the owner is (at most `limit` keys an owner). */
function madeOnce<O extends object, V>(table: WeakMap<O, Map<string, V>>, owner: O, key: string, make: () => V, limit = Infinity): V {
  let byKey = table.get(owner);
  if (byKey === undefined) table.set(owner, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) remember(byKey, limit, key, (value = make()));
  return value;
}

const refSide = (ref: Features, h: number, xa: number, xb: number): Side =>
  madeOnce(REF_SIDES, ref, `${h}:${xa}:${xb}`, () => sideOf(columns(rows(ref.fine, 0, h), xa, xb)), REF_SIDES_LIMIT);

function backgroundOf(g: Grey): number {
  let bg = BACKGROUNDS.get(g);
  if (bg === undefined) BACKGROUNDS.set(g, (bg = modeLevel(g)));
  return bg;
}

/** Compares the reference's header band and first screen with the page placed at (dx, dy), over their overlap. */
function measureAt(page: Grey, ref: Features, dx: number, dy: number): { header: RegionMeasure; screen: RegionMeasure } {
  const xa = Math.max(0, -dx);
  const xb = Math.min(ref.fine.width, page.width - dx);
  const bg = backgroundOf(page);
  const region = (h: number): RegionMeasure =>
    compareSides(refSide(ref, h, xa, xb), sideOf(window(page, dx + xa, dy, Math.max(0, xb - xa), h, bg)));
  return { header: region(ref.bandRows), screen: region(ref.screenRows) };
}

// A page's column views (its content column, and that column rescaled to a reference's column width), keyed by
// the page's features, so they go when those do.
const PAGE_VIEWS = new WeakMap<Features, Map<string, { fine: Grey; top: Layer }>>();

const halfOf = (g: Grey): Grey =>
  resample(g, 0, 0, g.width, g.height, Math.max(1, Math.round(g.width / 2)), Math.max(1, Math.round(g.height / 2)));

/**
 * Compares a page's features with one reference's. Variants: the page as it is; when its content column
 * is narrower than the reference's (a fixed narrow layout, sharp-trim style), that column alone, placed
 * anywhere under the reference, and that column rescaled to the reference's column width (a zoomed copy).
 */
export function compareFeatures(page: Features, ref: Features, platform: PlatformId): VisualMeasure {
  const toSource = page.sourceWidth / page.fine.width;
  const top = (g: Grey): Layer => layerOf(halfOf(g));
  const variants: { fine: Grey; top: Layer; minOverlap: number; x0: number; zoom: number; kind: VariantKind }[] = [
    { fine: page.fine, top: page.top, minOverlap: 0.7, x0: 0, zoom: 1, kind: 'page' },
  ];
  const pw = page.column.x1 - page.column.x0;
  const rw = ref.column.x1 - ref.column.x0;
  if (pw < 0.9 * rw && pw >= 0.3 * rw) {
    const topRows = Math.min(page.fine.height, Math.round(ref.screenRows * (1 + MAX_DOWN_SHARE)));
    const f = rw / pw;
    // Made once per page for all references alike (the same rows, the same column width): the views and their
    // layers, which keep their transforms, as the page's own top does.
    const col = madeOnce(PAGE_VIEWS, page, `column:${topRows}:${ref.screenRows}`, () => {
      const fine = columns(rows(page.fine, 0, Math.max(topRows, ref.screenRows * 2)), page.column.x0, page.column.x1);
      return { fine, top: top(rows(fine, 0, topRows)) };
    });
    variants.push({ fine: col.fine, top: col.top, minOverlap: 0.5, x0: page.column.x0, zoom: 1, kind: 'column' });
    const zoomed = madeOnce(PAGE_VIEWS, page, `rescaled:${topRows}:${ref.screenRows}:${rw}`, () => {
      const fine = resample(col.fine, 0, 0, pw, col.fine.height, rw, Math.round(col.fine.height * f));
      return { fine, top: top(rows(fine, 0, topRows)) };
    });
    variants.push({ fine: zoomed.fine, top: zoomed.top, minOverlap: 0.7, x0: page.column.x0, zoom: f, kind: 'rescaled-column' });
  }
  let best: VisualMeasure | null = null;
  for (const v of variants) {
    const a = align(v.top, ref.band, v.minOverlap, MAX_SIDE_SHARE);
    const scale = FINE_WIDTH / COARSE_WIDTH;
    const { header, screen } = measureAt(v.fine, ref, a.dx * scale, a.dy * scale);
    const score = round(0.5 * header.score + 0.5 * screen.score);
    if (best === null || score > best.score) {
      best = {
        platform,
        score,
        // Where the reference's top-left corner lands on the page, in the page screenshot's pixels.
        offset: { x: Math.round((v.x0 + (a.dx * scale) / v.zoom) * toSource), y: Math.round(((a.dy * scale) / v.zoom) * toSource) },
        variant: v.kind,
        alignmentCorrelation: round(a.c),
        header,
        firstScreen: screen,
        pageHashes: { page: hex(page.pageHash), reference: hex(ref.pageHash), hamming: hamming(page.pageHash, ref.pageHash) },
      };
    }
  }
  // variants always holds the page as it is, so best is set.
  return best as VisualMeasure;
}

/** The best match of a screenshot among the references, or null when none can be compared. */
function compareWithReferences(bytes: Buffer, pixels: Rgba | null, input: DetectorInput): VisualMeasure | null {
  // The page's own features are not cached: each page is compared once per visit (OUTCOME_CACHE).
  const page = featuresOf(bytes, pixels);
  if (page === null) return null;
  let best: VisualMeasure | null = null;
  for (const r of input.references) {
    const ref = r.snapshot.screenshot;
    if (ref === null) continue;
    const rf = cachedFeatures(ref.sha256, input.readArtifact);
    if (rf === null) continue;
    const m = compareFeatures(page, rf, r.platform);
    if (best === null || m.score > best.score) best = m;
  }
  return best;
}

/** Runs the visual comparison of one snapshot against every reference screenshot. */
export function detectVisual(input: DetectorInput): Signal[] {
  const shot = input.snapshot.screenshot;
  if (shot === null) return [];
  const key = [shot.sha256, ...input.references.map((r) => `${r.platform}:${r.snapshot.screenshot?.sha256 ?? ''}`)].join('|');
  let best = OUTCOME_CACHE.get(key);
  if (best === undefined) {
    const bytes = input.readArtifact(shot.sha256);
    if (bytes === null) return [];
    best = compareWithReferences(bytes, input.readPixels?.(shot.sha256) ?? null, input);
    // A reference whose bytes are not readable yet makes the outcome provisional: not remembered.
    if (input.references.every((r) => r.snapshot.screenshot === null || FEATURE_CACHE.has(r.snapshot.screenshot.sha256))) {
      remember(OUTCOME_CACHE, OUTCOME_CACHE_LIMIT, key, best);
    }
  }
  if (best === null || best.score < MIN_REPORTED) return [];
  const moved = best.offset.x !== 0 || best.offset.y !== 0;
  const params = {
    platform: best.platform,
    x: best.offset.x,
    y: best.offset.y,
    variant: best.variant,
    header: Math.round(100 * best.header.score),
    screen: Math.round(100 * best.firstScreen.score),
  };
  const id = moved ? (best.variant === 'page' ? 'visual.match-moved' : 'visual.match-moved-variant') : best.variant === 'page' ? 'visual.match' : 'visual.match-variant';
  return [
    {
      id: VISUAL_SIGNAL,
      score: best.score,
      platform: best.platform,
      ...reason(id, params),
      evidence: { ...best },
    },
  ];
}

/** The visual-match detector: the screenshot compared with each platform's reference screenshot. */
export const visualMatch: Detector = {
  id: 'visual-match',
  describe: 'screenshot compared with the official reference screenshots (perceptual hash, pixel ratio, aligned header band)',
  detect: detectVisual,
};
