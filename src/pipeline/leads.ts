/**
 * Leads submitted by hand in the console (a URL, or a photo of a certificate whose QR code holds one): each
 * becomes a background scan through the same `runScan` as `jianzhen scan`, with the console's NET options.
 * Scans run one at a time (the machine has two cores and a render costs one); their progress is kept in the
 * console instance, not in a module global, so two consoles never share state.
 */
import { randomBytes } from 'node:crypto';
import { decodeQrCodes } from '../crawler/seeds/qr.js';
import { audit } from '../data/review.js';
import type { Store } from '../data/store.js';
import type { TargetResult } from '../model/result.js';
import { errorMessage } from '../errors.js';
import { runScan, type ScanRequest } from './scan.js';

export type LeadState = 'queued' | 'running' | 'done' | 'failed';

export interface Lead {
  readonly id: string;
  readonly target: string;
  /** How the target was given: typed, or read from a QR code in a photo. */
  readonly source: 'url' | 'qr';
  readonly actor: string;
  readonly submittedAt: string;
  state: LeadState;
  done: number;
  total: number;
  scanId: string | null;
  result: Pick<TargetResult, 'host' | 'verdict' | 'score' | 'platform' | 'error'> | null;
  error: string | null;
}

/** Capture options for lead scans; null when the console was started without a browser. */
export type LeadCapture = ScanRequest['capture'] | null;

/** A lead target must be an http(s) URL or a bare host name: nothing else is ever handed to the scanner. */
export function normaliseLead(input: string): string | null {
  const t = input.trim();
  if (t === '' || t.length > 2048 || /\s/.test(t)) return null;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(t)) return t.toLowerCase();
  try {
    const u = new URL(t);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads the web address held by a QR code in a photo of a certificate (src/crawler/seeds/qr.ts, the same
 * decoder as `jianzhen scan --qr`). Returns the first code's address, or its text when no code holds an
 * address (so the analyst sees what was read), or null when there is no code at all.
 */
export async function readQrFromImage(bytes: Buffer): Promise<string | null> {
  const found = await decodeQrCodes(bytes, { maxCodes: 2 });
  return found.find((f) => f.url)?.url ?? found[0]?.text ?? null;
}

/** The console's lead scans: submit, list, and a serial background queue. */
export class LeadRunner {
  private readonly leads = new Map<string, Lead>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly capture: LeadCapture,
    private readonly identity: Record<string, unknown> = {},
  ) {}

  /** Whether lead scans can run (a browser was configured). */
  get enabled(): boolean {
    return this.capture !== null;
  }

  /** Queues a scan of one target and returns its lead record at once. */
  async submit(target: string, source: Lead['source'], actor: string): Promise<Lead> {
    const lead: Lead = {
      id: randomBytes(6).toString('hex'),
      target,
      source,
      actor,
      submittedAt: new Date().toISOString(),
      state: 'queued',
      done: 0,
      total: 1,
      scanId: null,
      result: null,
      error: null,
    };
    this.leads.set(lead.id, lead);
    await audit(this.store, { actor, action: 'lead.submit', subject: target, detail: { lead: lead.id, source } });
    this.chain = this.chain.then(() => this.run(lead));
    return lead;
  }

  private async run(lead: Lead): Promise<void> {
    if (!this.capture) {
      lead.state = 'failed';
      lead.error = '审核台启动时未配置浏览器，无法扫描';
      return;
    }
    lead.state = 'running';
    try {
      const report = await runScan(
        this.store,
        // fresh: a lead is always a new look at the site, never a resume of someone else's scan.
        { targets: [lead.target], capture: this.capture, identity: { ...this.identity, lead: lead.id }, fresh: true },
        (p) => {
          lead.done = p.done;
          lead.total = p.total;
        },
      );
      const r = report.results[0];
      lead.scanId = report.scan.id;
      lead.result = r ? { host: r.host, verdict: r.verdict, score: r.score, platform: r.platform, error: r.error } : null;
      lead.state = 'done';
    } catch (err) {
      lead.state = 'failed';
      lead.error = errorMessage(err);
    }
  }

  /** One lead by id. */
  get(id: string): Lead | null {
    return this.leads.get(id) ?? null;
  }

  /** Every lead of this console run, newest first. */
  list(): Lead[] {
    return [...this.leads.values()].reverse();
  }

  /** Resolves when every queued scan has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }
}
