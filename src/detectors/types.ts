import type { PageSnapshot } from '../crawler/snapshot.js';
import type { Platform, PlatformId } from '../rules/types.js';

/** What a detector found: a score in 0..1 and the evidence behind it (STYLE.md §3). */
export interface Signal {
  /** Stable id, `detector.aspect`, e.g. `domain.lookalike`. Weights in rules/ are keyed by it. */
  readonly id: string;
  readonly score: number;
  readonly detail: string;
  /** The platform this signal points at, when it points at one. */
  readonly platform?: PlatformId | null;
  /** Machine-readable evidence (matched strings, distances, hashes). */
  readonly evidence?: Readonly<Record<string, unknown>>;
}

/** A platform's stored reference capture (from `references refresh`). */
export interface Reference {
  readonly platform: PlatformId;
  readonly snapshot: PageSnapshot;
}

/** Everything a detector may look at: the snapshot, the references, the platforms, stored bytes. */
export interface DetectorInput {
  readonly snapshot: PageSnapshot;
  readonly references: readonly Reference[];
  readonly platforms: readonly Platform[];
  /** Reads an artifact's bytes by SHA-256 (screenshots for the visual detector); null if absent. */
  readonly readArtifact: (sha256: string) => Buffer | null;
}

/**
 * A detector is a pure function from a snapshot (+ references) to signals: no network, no database,
 * no logging. Nothing found is [].
 */
export interface Detector {
  readonly id: string;
  readonly describe: string;
  readonly detect: (input: DetectorInput) => Signal[];
}
