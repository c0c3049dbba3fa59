/**
 * Lead scans as console jobs: one target (typed, or read from a certificate's QR code) scanned in the
 * background through the same runScan as `jianzhen scan`, with the console's NET options. A lead resumed
 * after a restart is scanned afresh (a lead is always a new look at the site).
 */
import type { Store } from '../../data/store.js';
import type { LeadCapture } from '../../pipeline/leads.js';
import { runScan } from '../../pipeline/scan.js';
import type { TargetResult } from '../../model/result.js';
import type { JobHandler } from './index.js';

export const LEAD = 'lead';

export interface LeadInput {
  readonly target: string;
  /** How the target was given: typed, or read from a QR code in a photo. */
  readonly source: 'url' | 'qr';
}
export interface LeadProgress {
  readonly done: number;
  readonly total: number;
  readonly scanId?: string | null;
}
export type LeadResult = Pick<TargetResult, 'host' | 'verdict' | 'score' | 'platform' | 'error'> & { scanId: string };

/** The lead handler over a store and the console's capture options. */
export function leadHandler(store: Store, capture: NonNullable<LeadCapture>, identity: Record<string, unknown>): JobHandler<LeadInput, LeadProgress, LeadResult | null> {
  return {
    kind: LEAD,
    async run(job, ctx) {
      const report = await runScan(
        store,
        { targets: [job.input.target], capture, identity: { ...identity, lead: job.id }, fresh: true },
        (p) => void ctx.progress({ done: p.done, total: p.total }).catch(() => undefined),
      );
      const r = report.results[0];
      return r ? { host: r.host, verdict: r.verdict, score: r.score, platform: r.platform, error: r.error, scanId: report.scan.id } : null;
    },
  };
}
