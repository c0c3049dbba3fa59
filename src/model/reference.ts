/**
 * A platform's reference capture: the snapshot of its official entry point taken by `references refresh`, which
 * the detectors compare a suspect page against. The store keeps them (history kept, the newest per platform
 * wins), the pipeline loads them once per scan, the detectors read them.
 */
import type { PlatformId } from './platform.js';
import type { PageSnapshot } from './snapshot.js';

export interface Reference {
  readonly platform: PlatformId;
  readonly snapshot: PageSnapshot;
}

/** A reference capture as stored, with when it was taken. */
export interface StoredReference extends Reference {
  readonly capturedAt: string;
}
