import type { CaptureItem, CaptureOptions } from '../crawler/capture.js';
import { captureTargets, DEFAULT_CAPTURE } from '../crawler/capture.js';
import { resolveTargets, ResolveSession } from '../crawler/resolve.js';
import { parseTarget } from '../crawler/targets.js';
import type { Store } from '../data/store.js';
import type { Artifact, PageSnapshot } from '../model/snapshot.js';
import { loadRules } from '../rules/index.js';

/** The outcome of refreshing one platform's reference capture. */
export interface ReferenceOutcome {
  readonly platform: string;
  readonly url: string;
  readonly ok: boolean;
  readonly title: string | null;
  readonly finalUrl: string | null;
  readonly error: string | null;
  readonly notes: readonly string[];
}

/**
 * Visits every official platform's entry points (captured exactly like a scanned site) and stores the
 * first one that answers as the platform's reference: screenshot, title, text, forms, footer numbers.
 * The visual, content and registration detectors compare every scanned page against these.
 */
export async function refreshReferences(
  store: Store,
  capture: Omit<CaptureOptions, keyof typeof DEFAULT_CAPTURE> & Partial<typeof DEFAULT_CAPTURE>,
  onOutcome?: (o: ReferenceOutcome) => void,
): Promise<ReferenceOutcome[]> {
  const { platforms } = loadRules();
  const outcomes: ReferenceOutcome[] = [];
  const jobs = platforms.flatMap((p) => p.entryUrls.map((url) => ({ platform: p.id, url })));
  const targets = jobs.map((job, index) => {
    const parsed = parseTarget(job.url);
    if (!parsed.ok) throw new Error(`rules: platform ${job.platform} has an invalid entry URL ${job.url}`);
    return { index, target: parsed.target };
  });
  const results = new Map<number, ReferenceOutcome>();
  const captured = new Map<number, { snapshot: PageSnapshot; artifacts: readonly Artifact[] }>();
  // Official platforms are the one place the WHOIS of a .gov.cn host adds nothing; skip it. Never probe
  // them: the official platforms must not get fake queries from us (the crawler refuses anyway).
  const opts = { ...DEFAULT_CAPTURE, ...capture, whois: false, probe: false };
  const session = new ResolveSession({ dnsServer: opts.dnsServer, whoisServer: opts.whoisServer, allowPrivate: opts.allowPrivate, whois: false });
  const items: CaptureItem[] = [];
  await resolveTargets(targets, session, (t, resolved) => void items.push({ ...t, resolved }));
  await captureTargets(items.sort((a, b) => a.index - b.index), opts, async (index, outcome) => {
    const job = jobs[index]!;
    const o: ReferenceOutcome = outcome.ok
      ? { platform: job.platform, url: job.url, ok: true, title: outcome.snapshot.title, finalUrl: outcome.snapshot.finalUrl, error: null, notes: outcome.snapshot.notes }
      : { platform: job.platform, url: job.url, ok: false, title: null, finalUrl: null, error: outcome.error, notes: outcome.notes };
    results.set(index, o);
    if (outcome.ok) captured.set(index, { snapshot: outcome.snapshot, artifacts: outcome.artifacts });
    onOutcome?.(o);
  }, { session });
  // The reference is the first entry point in rules order that answered, whichever finished first: chosen once
  // all are in (saving as they finish let a later entry point overtake an earlier one still being saved).
  for (const p of platforms) {
    const first = jobs.findIndex((j, i) => j.platform === p.id && captured.has(i));
    const c = captured.get(first);
    if (c !== undefined) await store.saveReference(p.id, c.snapshot, c.artifacts);
  }
  for (let i = 0; i < jobs.length; i++) outcomes.push(results.get(i)!);
  return outcomes;
}
