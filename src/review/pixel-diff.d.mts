/** A PNG as wide as the overlap: changed pixels red, unchanged transparent (an overlay). */
export interface PixelDiff {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** Share of compared pixels that differ, 0..1. */
  readonly ratio: number;
}

/** Diffs two PNG screenshots over their overlapping top-left region; null when either is not a PNG. */
export function pixelDiff(suspect: Uint8Array, reference: Uint8Array): PixelDiff | null;
