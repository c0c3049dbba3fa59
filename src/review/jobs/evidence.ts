/**
 * Evidence packets as console jobs: each selected site gets a fresh recorded visit and a signed packet
 * (src/reports/evidence), built one after another with one browser, into `<store folder>/evidence/`, signed
 * with the keys in `<store folder>/keys/`. The console user is the 提取人; the officer's 案由, 案件编号,
 * 提取单位 and 见证人 come from the form. A job resumed after a restart skips the sites already done.
 */
import * as path from 'node:path';
import type { Store } from '../../data/store.js';
import type { LeadCapture } from '../../pipeline/leads.js';
import { buildEvidencePacket, loadOrCreateKeys } from '../../reports/evidence/index.js';
import { launchEvidenceBrowser } from '../../pipeline/evidence.js';
import { errorMessage } from '../../errors.js';
import { selectedSites } from '../export-policy.js';
import type { JobHandler } from './index.js';

export const EVIDENCE = 'evidence';

export interface EvidenceCustody {
  readonly caseCause: string | null;
  readonly caseNumber: string | null;
  readonly unit: string | null;
  readonly witnesses: readonly string[];
}
export interface EvidenceInput {
  readonly hosts: readonly string[];
  readonly custody: EvidenceCustody;
}
/** Per site: the packet built (or null), whether the fresh visit reached the site, and why not. */
export interface EvidenceOutcome {
  readonly host: string;
  readonly packetId: string | null;
  readonly reachable: boolean;
  readonly error: string | null;
}
export interface EvidenceProgress {
  readonly outcomes: readonly EvidenceOutcome[];
}

/** The evidence handler over a store and the console's capture options. */
export function evidenceHandler(store: Store, capture: NonNullable<LeadCapture>): JobHandler<EvidenceInput, EvidenceProgress, EvidenceProgress> {
  return {
    kind: EVIDENCE,
    async run(job, ctx) {
      const outcomes: EvidenceOutcome[] = [...(job.progress?.outcomes ?? [])];
      const done = new Set(outcomes.map((o) => o.host));
      const todo = (await selectedSites(store, job.input.hosts)).filter((s) => !done.has(s.host));
      if (todo.length === 0) return { outcomes };
      const root = store.home;
      const keys = loadOrCreateKeys(path.join(root, 'keys'));
      const browser = await launchEvidenceBrowser(capture.chromiumPath);
      try {
        for (const site of todo) {
          try {
            const built = await buildEvidencePacket(store, browser, site, {
              outDir: path.join(root, 'evidence'),
              proxy: capture.proxy ?? null,
              dns: capture.dnsServer ?? null,
              allowPrivate: capture.allowPrivate ?? false,
              keys,
              actor: job.actor,
              custody: { ...job.input.custody, witnesses: [...job.input.custody.witnesses] },
            });
            outcomes.push({ host: site.host, packetId: built.record.id, reachable: built.visitOk, error: built.visitOk ? null : built.visitError });
          } catch (err) {
            outcomes.push({ host: site.host, packetId: null, reachable: false, error: errorMessage(err) });
          }
          await ctx.progress({ outcomes });
        }
      } finally {
        await browser.close();
      }
      return { outcomes };
    },
  };
}
