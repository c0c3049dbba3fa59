import type { Message } from './messages/index.js';
import type { PlatformId } from './platform.js';

export type Verdict = 'counterfeit' | 'suspicious' | 'benign' | 'official' | 'unreachable';

/** One signal's part in a verdict: what the JSON contract calls a signal. */
export interface Contribution {
  readonly id: string;
  readonly score: number;
  readonly weight: number;
  readonly detail: string;
  /** The reason as a catalogue message, rendered in the reader's language; absent in results stored before it. */
  readonly message?: Message;
  /** The platform this signal points at, when it points at one (what attribution weighs). */
  readonly platform?: PlatformId;
}

export interface ScoredVerdict {
  readonly verdict: Verdict;
  /** 0..100 */
  readonly score: number;
  readonly platform: PlatformId | null;
  readonly contributions: readonly Contribution[];
  /**
   * How strongly the evidence points at each platform (Σ attribution weight × strength), largest first;
   * empty for benign and official verdicts. The first entry is `platform`.
   */
  readonly attribution: readonly { readonly platform: PlatformId; readonly weight: number }[];
}
