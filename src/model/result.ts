import type { CaptureOutcome, PageSnapshot } from './snapshot.js';
import type { Contribution, Verdict } from './verdict.js';

/** A capture that produced no page; it still carries what was learnt (DNS, WHOIS, the URL tried). */
export type CaptureFailure = Extract<CaptureOutcome, { ok: false }>;

/** The funnel stage where a target stopped: its name, DNS, one plain HTTP fetch, or a browser render. */
export type FunnelStage = 'screen' | 'dns' | 'http' | 'render';

/** One signal's part in a verdict, with the evidence the detector gave for it. */
export type StoredSignal = Contribution & {
  evidence?: Readonly<Record<string, unknown>>;
  /** What the detector said as a message id and its parameters, for a Chinese rendering of `detail`. */
  message?: { readonly id: string; readonly params?: Readonly<Record<string, unknown>> };
};

/** One target's scored result: what the store keeps and the `--json` contract prints. */
export interface TargetResult {
  index: number;
  input: string;
  url: string | null;
  finalUrl: string | null;
  host: string | null;
  registrableDomain: string | null;
  verdict: Verdict;
  score: number;
  platform: string | null;
  signals: readonly StoredSignal[];
  evidence: string | null;
  error: string | null;
  snapshot: PageSnapshot | null;
  /** When no page came back: the failed capture, kept so the failure can be explained later. */
  failure?: CaptureFailure | null;
  capturedAt: string;
  /** Where the funnel stopped this target, and why; null for results stored before the funnel existed. */
  stage?: FunnelStage | null;
  stageReason?: string | null;
}
