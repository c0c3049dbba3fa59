import type { Signal } from '../model/signal.js';
import type { Reference } from '../model/reference.js';
import type { PageSnapshot } from '../model/snapshot.js';
import type { Platform } from '../model/platform.js';

/** Pixels of a PNG as pngjs gives them: 8-bit RGBA, row-major. */
export interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Everything a detector may look at: the snapshot, the references, the platforms, stored bytes. */
export interface DetectorInput {
  readonly snapshot: PageSnapshot;
  readonly references: readonly Reference[];
  readonly platforms: readonly Platform[];
  /** Reads an artifact's bytes by SHA-256 (screenshots for the visual detector); null if absent. */
  readonly readArtifact: (sha256: string) => Buffer | null;
  /**
   * The pixels of a PNG artifact when the caller decoded it ahead (8-bit RGBA, exactly what pngjs gives;
   * decode-ahead.ts does it with sharp, off the detectors' JavaScript); null or absent: the detector decodes.
   */
  readonly readPixels?: (sha256: string) => Rgba | null;
}

/**
 * A detector is a pure function from a snapshot (+ references) to signals: no network, no database,
 * no logging. Nothing found is [].
 */
export interface Detector {
  readonly id: string;
  readonly describe: string;
  readonly detect: (input: DetectorInput) => Signal[];
  /**
   * The detector reads a page's text only, so it can read every client's view of the page (the mobile WeChat
   * render as well as the desktop one): a page is judged on the most telling view any client is shown.
   * `benign` lists its signals that speak for a site; those count only as far as every view bears them out.
   */
  readonly views?: { readonly benign: readonly string[] };
}

/**
 * A detector's data.json as the detector reads it: typed by the file itself (so its field list is written once,
 * in the data), read-only all the way down.
 */
export type DetectorData<T> = T extends readonly (infer E)[]
  ? readonly DetectorData<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DetectorData<T[K]> }
    : T;
