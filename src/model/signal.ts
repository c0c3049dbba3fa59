import type { Message } from './messages/index.js';
import type { PlatformId } from './platform.js';

/** What a detector found: a score in 0..1 and the evidence behind it (STYLE.md §3). */
export interface Signal {
  /** Stable id, `detector.aspect`, e.g. `domain.lookalike`. Weights in rules/ are keyed by it. */
  readonly id: string;
  readonly score: number;
  /** The reason in English, rendered from `message` (kept for readers of older stores and plain logs). */
  readonly detail: string;
  /** The reason as data: a catalogue id and its parameters, rendered in the reader's language (model/messages). */
  readonly message?: Message;
  /** The platform this signal points at, when it points at one. */
  readonly platform?: PlatformId | null;
  /** Machine-readable evidence (matched strings, distances, hashes). */
  readonly evidence?: Readonly<Record<string, unknown>>;
}
