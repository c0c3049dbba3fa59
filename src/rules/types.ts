/**
 * Rules are data (STYLE.md §5): platforms, signal weights and thresholds. These are their types;
 * the values live in JSON files beside this one and are validated once at load.
 */

/** Stable platform id used in rules, the database and JSON output (DESIGN.md, "Platforms"). */
export type PlatformId = string;

export interface Platform {
  readonly id: PlatformId;
  /** Chinese name of the platform, as shown to analysts. */
  readonly name: string;
  /** The agency that runs it (主办单位). */
  readonly agency: string;
  /** Every host that genuinely serves the platform. */
  readonly officialHosts: readonly string[];
  /** Entry points visited by `references refresh`. The first one is the reference. */
  readonly entryUrls: readonly string[];
  /** ICP filing numbers and other registration numbers the official site shows. */
  readonly registrationNumbers: readonly string[];
  /** Title words and phrases characteristic of the platform. */
  readonly phrases: readonly string[];
}

export type Verdict = 'counterfeit' | 'suspicious' | 'benign' | 'official' | 'unreachable';

/** One signal's part in a verdict: what the JSON contract calls a signal. */
export interface Contribution {
  readonly id: string;
  readonly score: number;
  readonly weight: number;
  readonly detail: string;
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
