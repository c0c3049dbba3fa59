/**
 * The console's bulk exports for the sites an analyst selected: takedown lists (CSV/JSON, from
 * src/reports/takedown) and evidence packets (src/reports/evidence). This is the one place the console
 * calls the reports library, so a change of its API is a change here only. Every export is audited.
 */
import * as path from 'node:path';
import { audit } from '../data/review.js';
import type { Store } from '../data/store.js';
import { errorMessage } from '../errors.js';
import { buildEvidencePacket, launchEvidenceBrowser, loadOrCreateKeys } from '../reports/evidence/index.js';
import { allSiteRecords, type SiteRecord } from '../reports/sites.js';
import { renderTakedown, takedownRows } from '../reports/takedown/index.js';
import type { LeadCapture } from '../pipeline/leads.js';

export type TakedownFormat = 'csv' | 'json';

export interface Download {
  readonly filename: string;
  readonly contentType: string;
  readonly body: Buffer;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The site records of the selected hosts, in the order given; unknown hosts are skipped. */
export async function selectedSites(store: Store, hosts: readonly string[]): Promise<SiteRecord[]> {
  const byHost = new Map((await allSiteRecords(store)).map((s) => [s.host, s]));
  return hosts.map((h) => byHost.get(h.toLowerCase())).filter((s): s is SiteRecord => s !== undefined);
}

/** The takedown list of the selected hosts as a download, with its audit entry. */
export async function exportTakedownList(
  store: Store,
  input: { hosts: readonly string[]; format: TakedownFormat; actor: string; now?: Date },
): Promise<Download> {
  const now = input.now ?? new Date();
  const sites = await selectedSites(store, input.hosts);
  const body = renderTakedown(takedownRows(sites), input.format, { now });
  await audit(store, {
    actor: input.actor,
    action: 'export.takedown',
    subject: sites.map((s) => s.host).join(' ').slice(0, 500),
    detail: { format: input.format, hosts: sites.map((s) => s.host), count: sites.length },
    at: now,
  });
  return {
    filename: `takedown-${stamp(now)}.${input.format}`,
    contentType: input.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    body,
  };
}

export type EvidenceJobState = 'running' | 'done' | 'failed';

export interface EvidenceJob {
  readonly id: string;
  readonly hosts: readonly string[];
  readonly actor: string;
  readonly startedAt: string;
  state: EvidenceJobState;
  done: number;
  /** Per host: the packet id built, or the error. */
  readonly outcomes: { host: string; packetId: string | null; error: string | null }[];
}

/**
 * Builds evidence packets in the background (each one is a fresh recorded visit: tens of seconds), one job
 * at a time, into `<store folder>/evidence/`, signed with the keys in `<store folder>/keys/`.
 */
export class EvidenceRunner {
  private readonly jobs: EvidenceJob[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly capture: LeadCapture,
  ) {}

  get enabled(): boolean {
    return this.capture !== null;
  }

  /** Queues packets for the hosts and returns the job at once. */
  async start(hosts: readonly string[], actor: string): Promise<EvidenceJob> {
    const job: EvidenceJob = {
      id: `${stamp(new Date())}-${this.jobs.length + 1}`,
      hosts,
      actor,
      startedAt: new Date().toISOString(),
      state: 'running',
      done: 0,
      outcomes: [],
    };
    this.jobs.push(job);
    await audit(this.store, { actor, action: 'export.evidence', subject: hosts.join(' ').slice(0, 500), detail: { job: job.id, hosts } });
    this.chain = this.chain.then(() => this.run(job));
    return job;
  }

  private async run(job: EvidenceJob): Promise<void> {
    const capture = this.capture;
    if (!capture) {
      job.state = 'failed';
      return;
    }
    const root = this.store.home;
    try {
      const keys = loadOrCreateKeys(path.join(root, 'keys'));
      const browser = await launchEvidenceBrowser(capture.chromiumPath);
      try {
        for (const site of await selectedSites(this.store, job.hosts)) {
          try {
            const built = await buildEvidencePacket(this.store, browser, site, {
              outDir: path.join(root, 'evidence'),
              proxy: capture.proxy ?? null,
              dns: capture.dnsServer ?? null,
              allowPrivate: capture.allowPrivate ?? false,
              keys,
              actor: job.actor,
            });
            job.outcomes.push({ host: site.host, packetId: built.record.id, error: built.visitOk ? null : built.visitError });
          } catch (err) {
            job.outcomes.push({ host: site.host, packetId: null, error: errorMessage(err) });
          }
          job.done++;
        }
      } finally {
        await browser.close();
      }
      job.state = 'done';
    } catch (err) {
      job.outcomes.push({ host: '', packetId: null, error: errorMessage(err) });
      job.state = 'failed';
    }
  }

  /** This console run's jobs, newest first. */
  list(): EvidenceJob[] {
    return [...this.jobs].reverse();
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<void> {
    return this.chain;
  }
}
