import type { CaptureOptions } from '../crawler/capture.js';
import { captureTargets, DEFAULT_CAPTURE } from '../crawler/capture.js';
import type { ExtrasAnswer, ExtrasQuestion } from '../crawler/extras.js';
import { fetchHttp, httpPageSnapshot, type HttpFetchOptions } from '../crawler/http-fetch.js';
import { blockError, failureOutcome, resolveTargets, ResolveSession } from '../crawler/resolve.js';
import { parseTarget, type Target } from '../crawler/targets.js';
import { damagedReference, newScanId, scanFingerprint, type ScanRecord, type Store } from '../data/store.js';
import { errorMessage } from '../errors.js';
import { type TargetResult } from '../model/result.js';
import type { Artifact, CaptureOutcome, PageSnapshot } from '../model/snapshot.js';
import type { Reference } from '../model/reference.js';
import { loadRules, score, unreachableVerdict, type Rules } from '../rules/index.js';
import { loadFunnelRules } from '../rules/funnel.js';
import { recomputeOperators, type RecomputeReport } from './operators.js';
import { detect, DetectorRunner, sameForDetectors, type Detection } from './detect.js';
import { planExtras } from './extras-policy.js';
import { ResultWriter } from './result-writer.js';
import { httpOptionsFrom, runFunnel, usesFunnel, type FunnelItem, type RenderItem, type RenderMode, type TargetSource } from './funnel.js';

/** What one scan is asked to do. The CLI, the scheduler and the review console all call runScan with it. */
export interface ScanRequest {
  /** Targets exactly as given (URLs or bare host names); malformed ones get a result with an error. */
  readonly targets: readonly string[];
  readonly capture: Omit<CaptureOptions, keyof typeof DEFAULT_CAPTURE> & Partial<typeof DEFAULT_CAPTURE>;
  /** Options that define the scan's identity (resume key) beside the targets. */
  readonly identity?: Record<string, unknown>;
  /** Start over even when an unfinished scan of the same targets exists. */
  readonly fresh?: boolean;
  /**
   * Which targets go through the funnel (pipeline/funnel.ts): 'all' renders every target, 'auto' funnels every
   * target, 'discovered' funnels all but explicit ones. Default 'discovered', and a target without a source is
   * explicit, so a caller that gives neither gets every target rendered, as before the funnel.
   */
  readonly render?: RenderMode;
  /** Where each target came from, by index (explicit when missing). */
  readonly sources?: readonly (TargetSource | undefined)[];
  /**
   * The run's clock: every result's `capturedAt` is read from it, so a scheduled run and the history it is
   * compared with share one time line (the scheduler passes its run's `now`). Default: the system clock.
   */
  readonly clock?: () => Date;
  /** How long a busy store is waited for before the scan stops unfinished (default result-writer.ts's STORE_WAIT_MS). */
  readonly storeWaitMs?: number;
}

export interface ScanProgress {
  readonly done: number;
  readonly total: number;
  /** Targets finished in this run (excludes those resumed from an earlier run). */
  readonly doneThisRun: number;
  readonly elapsedMs: number;
  readonly last: TargetResult;
}

export interface ScanReport {
  readonly scan: ScanRecord;
  readonly results: TargetResult[];
  /** Targets already stored by an earlier, interrupted run of the same scan. */
  readonly resumed: number;
  /** Their indexes. */
  readonly resumedIndexes: ReadonlySet<number>;
  /** Inputs that were not a URL or host name. */
  readonly invalid: number;
  /** Detectors that threw (the scan went on; the signal is missing from those verdicts). */
  readonly detectorFailures: readonly { index: number; detector: string; error: string }[];
  /** Browser renders this run started (the funnel's cost measure). */
  readonly renders: number;
  /** The operators recomputed once the scan landed, or why that failed (the scan's results stand either way). */
  readonly operators?: RecomputeReport | { readonly error: string };
}

/** The result for a target that could not be parsed: still one result, in its place, with the reason. */
export function invalidResult(index: number, input: string, error: string, at: Date): TargetResult {
  return {
    index,
    input,
    url: null,
    finalUrl: null,
    host: null,
    registrableDomain: null,
    ...unreachableFields(),
    error: `invalid target: ${error}`,
    snapshot: null,
    failure: null,
    capturedAt: at.toISOString(),
  };
}

function unreachableFields() {
  const v = unreachableVerdict('');
  return { verdict: v.verdict, score: v.score, platform: v.platform, signals: [], evidence: null };
}

/** What scoring an outcome needs: the rules, the references and their bytes, the store, the run's clock. */
export interface ResultContext {
  readonly rules: Rules;
  readonly references: readonly Reference[];
  /** The references' screenshots and favicons, loaded once (see loadReferences). */
  readonly artifacts: ReadonlyMap<string, Buffer>;
  readonly store: Store;
  /** Stamps `capturedAt`; by default the outcome's own finishing time. */
  readonly clock?: () => Date;
  /** Record each detector's time in the snapshot's timings (a scan does; a re-score keeps the stored ones). */
  readonly timeDetectors?: boolean;
}

/**
 * The stored references and the bytes of their screenshots and favicons. Detectors are pure and read
 * artifacts synchronously (DetectorInput.readArtifact), while the artifact store may be remote (S3): what
 * they read is loaded before they run.
 */
export async function loadReferences(store: Store): Promise<{ references: Reference[]; artifacts: Map<string, Buffer> }> {
  const stored = await store.listReferences();
  const references: Reference[] = stored.map((r) => ({ platform: r.platform, snapshot: r.snapshot }));
  const artifacts = new Map<string, Buffer>();
  for (const r of stored) {
    for (const sha of [r.snapshot.screenshot?.sha256, r.snapshot.favicon?.artifact?.sha256]) {
      if (!sha || artifacts.has(sha)) continue;
      const bytes = await store.readArtifact(sha).catch((err: unknown) => {
        throw damagedReference(r.platform, r.capturedAt, store.location, errorMessage(err));
      });
      if (bytes) artifacts.set(sha, bytes);
    }
  }
  return { references, artifacts };
}

/** Step times added together (a step timed twice, e.g. detectors run again after an extra view, sums). */
function addSteps(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...(a ?? {}) };
  for (const [k, ms] of Object.entries(b)) out[k] = (out[k] ?? 0) + ms;
  return out;
}

/** Turns a capture outcome into the stored result: detectors, then the scorer. */
export async function resultOf(
  index: number,
  target: Target,
  outcome: CaptureOutcome,
  ctx: ResultContext,
  /** The detectors' findings on this very snapshot, already made (by the worker, or the extras policy). */
  found?: Detection,
  /** Whether `found`'s detector times are already in the snapshot's timings (the policy booked them). */
  booked = false,
): Promise<{ result: TargetResult; failures: { detector: string; error: string }[] }> {
  if (!outcome.ok) {
    return {
      result: {
        index,
        input: target.input,
        url: outcome.url,
        finalUrl: null,
        host: target.host,
        registrableDomain: target.registrableDomain,
        ...unreachableFields(),
        error: outcome.error,
        snapshot: null,
        failure: outcome,
        capturedAt: ctx.clock?.().toISOString() ?? outcome.timings.finishedAt,
      },
      failures: [],
    };
  }
  const captured = outcome.snapshot;
  const local = new Map(outcome.artifacts.map((a) => [a.ref.sha256, a.data]));
  // A re-scored snapshot comes without its bytes: its screenshot is read from the store first.
  const shot = found === undefined ? captured.screenshot?.sha256 : undefined;
  if (shot && !local.has(shot) && !ctx.artifacts.has(shot)) {
    const bytes = await ctx.store.readArtifact(shot);
    if (bytes) local.set(shot, bytes);
  }
  const { signals, failures, steps } =
    found ??
    detect(
      {
        snapshot: captured,
        references: ctx.references,
        platforms: ctx.rules.platforms,
        readArtifact: (sha) => local.get(sha) ?? ctx.artifacts.get(sha) ?? null,
      },
      ctx.timeDetectors === true,
    );
  const snap: PageSnapshot = booked || Object.keys(steps).length === 0 ? captured : { ...captured, timings: { ...captured.timings, steps: addSteps(captured.timings.steps, steps) } };
  // The target's own host decides `official`: a look-alike that redirects to the real platform is not official.
  const verdict = score(signals, ctx.rules, { host: target.host });
  const evidence = new Map(signals.map((s) => [s.id, s.evidence]));
  return {
    result: {
      index,
      input: target.input,
      url: snap.url,
      finalUrl: snap.finalUrl,
      host: target.host,
      registrableDomain: target.registrableDomain,
      verdict: verdict.verdict,
      score: verdict.score,
      platform: verdict.platform,
      signals: verdict.contributions.map((c) => ({ ...c, ...(evidence.get(c.id) ? { evidence: evidence.get(c.id)! } : {}) })),
      evidence: snap.screenshot ? ctx.store.artifactPath(snap.screenshot.sha256) : null,
      error: null,
      snapshot: snap,
      failure: null,
      capturedAt: ctx.clock?.().toISOString() ?? snap.timings.finishedAt,
    },
    failures,
  };
}

/**
 * Counts results as they are stored and reports progress: `done` holds the indexes stored so far (earlier runs'
 * included); returns what to call with each new result.
 */
export function progressOf(total: number, done: Set<number>, onProgress?: (p: ScanProgress) => void): (result: TargetResult) => void {
  const started = Date.now();
  let doneThisRun = 0;
  return (result) => {
    done.add(result.index);
    doneThisRun++;
    onProgress?.({ done: done.size, total, doneThisRun, elapsedMs: Date.now() - started, last: result });
  };
}

/**
 * Parses the targets a scan has not finished: an input that is not a URL or host name gets its result at once
 * (`recordInvalid`); the rest are returned to visit. `invalid` counts every unparsable input, done or not.
 */
export async function parseTargets(
  targets: readonly string[],
  done: ReadonlySet<number>,
  recordInvalid: (result: TargetResult) => Promise<void>,
  clock: () => Date = () => new Date(),
): Promise<{ toCapture: { index: number; target: Target }[]; invalid: number }> {
  const toCapture: { index: number; target: Target }[] = [];
  let invalid = 0;
  for (const [index, input] of targets.entries()) {
    const parsed = parseTarget(input);
    if (!parsed.ok) invalid++;
    if (done.has(index)) continue;
    if (!parsed.ok) await recordInvalid(invalidResult(index, input, parsed.error, clock()));
    else toCapture.push({ index, target: parsed.target });
  }
  return { toCapture, invalid };
}

/**
 * Finds the unfinished scan of the same targets and options (its fingerprint), or creates it: a killed scan,
 * run again, resumes the same scan whoever runs it (this process, or a cluster's coordinator).
 */
export async function openScan(store: Store, req: ScanRequest): Promise<ScanRecord> {
  // The render policy changes verdicts' provenance, so it is part of the scan's identity when it is used.
  const identity = {
    ...(req.identity ?? {}),
    ...(req.render !== undefined ? { render: req.render } : {}),
    ...(req.sources !== undefined ? { sources: req.sources.map((s) => s ?? 'explicit') } : {}),
  };
  const fingerprint = scanFingerprint(req.targets, identity);
  const existing = req.fresh ? null : await store.findUnfinishedScan(fingerprint);
  return existing ?? (await store.createScan({ id: newScanId(fingerprint), fingerprint, targets: req.targets, options: identity }));
}

/** Splits parsed targets into those the funnel judges first and those rendered directly (with why). */
export function splitByFunnel(
  req: Pick<ScanRequest, 'render' | 'sources'>,
  toCapture: readonly { index: number; target: Target }[],
): { direct: DirectItem[]; funnelled: FunnelItem[] } {
  const mode = req.render ?? 'discovered';
  const direct: DirectItem[] = [];
  const funnelled: FunnelItem[] = [];
  for (const t of toCapture) {
    const source = req.sources?.[t.index];
    if (usesFunnel(mode, source)) funnelled.push({ ...t, source });
    else direct.push({ index: t.index, target: t.target, reason: mode === 'all' ? '--render all: rendered without the funnel' : 'named explicitly: rendered without the funnel' });
  }
  return { direct, funnelled };
}

/**
 * Runs a scan: parses the targets, resumes an unfinished scan of the same targets and options (so a
 * killed scan never repeats or duplicates finished work), resolves each target once, funnels the
 * discovered ones, renders what is left (each extra view only where the extras policy finds it can change
 * the verdict), scores each outcome and stores it the moment it is known.
 */
export async function runScan(
  store: Store,
  req: ScanRequest,
  onProgress?: (p: ScanProgress) => void,
): Promise<ScanReport> {
  const rules = loadRules();
  const clock = req.clock ?? (() => new Date());
  const { references, artifacts: referenceBytes } = await loadReferences(store);
  const scan = await openScan(store, req);
  const done = await store.doneIndexes(scan.id);
  const resumedIndexes: ReadonlySet<number> = new Set(done);
  const resumed = done.size;
  const total = req.targets.length;
  const detectorFailures: { index: number; detector: string; error: string }[] = [];

  // A target is done only once its result is committed; a store that cannot be written stops the scan unfinished.
  const writer = new ResultWriter(store, scan.id, req.storeWaitMs);
  const seen = progressOf(total, done, onProgress);
  const record = async (result: TargetResult, artifacts: Parameters<Store['saveTargetResult']>[2]) => {
    if (!(await writer.save(result, artifacts))) return;
    seen(result);
  };

  const { toCapture, invalid } = await parseTargets(req.targets, done, (result) => record(result, []), clock);

  // The official platforms are never probed: the crawler learns their hosts from here, not from rules/.
  const capture = { ...DEFAULT_CAPTURE, neverProbe: rules.platforms.flatMap((p) => p.officialHosts), ...req.capture };
  const session = new ResolveSession({ dnsServer: capture.dnsServer, whoisServer: capture.whoisServer, allowPrivate: capture.allowPrivate, whois: capture.whois });
  const ctx: ResultContext = { rules, references, artifacts: referenceBytes, store, clock, timeDetectors: true };
  // The renders' detectors run on a worker thread: this one relays the browser's traffic (detect.ts).
  const runner = new DetectorRunner({ references, platforms: rules.platforms, readArtifact: (sha) => referenceBytes.get(sha) ?? null });
  const { direct, funnelled } = splitByFunnel(req, toCapture);

  let renders = 0;
  try {
    // Targets rendered without the funnel are resolved here; one without an address costs no browser.
    const passed = await resolveDirect(direct, session, ctx, record, writer.signal);
    const http = { ...httpOptionsFrom(capture), concurrency: Math.max(4, capture.concurrency * 4), signal: writer.signal };
    passed.push(
      ...(await runFunnel(
        funnelled,
        { rules, funnel: loadFunnelRules(), session, whois: capture.whois, http },
        {
          judge: (index, target, outcome) => resultOf(index, target, outcome, ctx),
          stop: async (result, artifacts, failures) => {
            for (const f of failures) detectorFailures.push({ index: result.index, ...f });
            await record(result, artifacts);
          },
        },
      )),
    );
    renders = await renderStage(passed.sort((a, b) => a.index - b.index), { capture, session, runner, ctx, http, signal: writer.signal, stopped: () => writer.stopped }, record, detectorFailures);
  } finally {
    await runner.close();
  }

  // Finished only with every input stored; otherwise the same command resumes it.
  const unfinished = writer.unfinished(done.size, total) ?? ((await writer.finish()) ? null : writer.unfinished(done.size, total));
  if (unfinished) throw unfinished;
  const operators = await recomputeOperators(store).catch((err: unknown) => ({ error: errorMessage(err) }));
  return {
    scan: (await store.getScan(scan.id))!,
    results: await store.listResults(scan.id),
    resumed,
    resumedIndexes,
    invalid,
    detectorFailures,
    renders,
    operators,
  };
}

/** Stores one target's result (and its artifacts) the moment it is known. */
export type RecordResult = (result: TargetResult, artifacts: readonly Artifact[]) => Promise<void>;

/** A target named explicitly: rendered without the funnel, for this reason. */
export interface DirectItem {
  readonly index: number;
  readonly target: Target;
  readonly reason: string;
}

/**
 * Resolves targets rendered without the funnel: one without an address it may visit is stored as stopped at
 * DNS (it costs no browser); the rest are returned to render.
 */
export async function resolveDirect(
  direct: readonly DirectItem[],
  session: ResolveSession,
  ctx: ResultContext,
  record: RecordResult,
  signal?: AbortSignal,
): Promise<RenderItem[]> {
  const passed: RenderItem[] = [];
  await resolveTargets(direct, session, async (item, resolved) => {
    const blocked = blockError(resolved);
    if (blocked === null) {
      passed.push({ ...item, resolved, fallback: null });
      return;
    }
    const { result } = await resultOf(item.index, item.target, failureOutcome(resolved, { url: item.target.url }, blocked), ctx);
    await record({ ...result, stage: 'dns', stageReason: `${item.reason}; stopped before the browser: ${blocked.message}` }, []);
  }, signal ? { signal } : {});
  return passed;
}

/** What the render stage needs beside its targets: a scan's capture options, resolve session, detectors and scoring. */
export interface RenderStageContext {
  readonly capture: CaptureOptions;
  readonly session: ResolveSession;
  readonly runner: DetectorRunner;
  readonly ctx: ResultContext;
  /** The plain fetch that judges a target whose render failed on our side. */
  readonly http: HttpFetchOptions;
  /** Aborted when the scan must stop (its store cannot be written): no new visit starts. */
  readonly signal?: AbortSignal;
  /** Whether the scan has stopped so (then no plain fetch replaces a failed render). */
  readonly stopped?: () => boolean;
}

/**
 * The render stage: renders each target (extra views only where the extras policy finds they can change the
 * verdict), scores and records each outcome; returns the number of renders started. A scan runs it once over
 * every target to render; a cluster worker runs it per job.
 */
export async function renderStage(
  toRender: readonly RenderItem[],
  rc: RenderStageContext,
  record: RecordResult,
  detectorFailures: { index: number; detector: string; error: string }[],
): Promise<number> {
  const { capture, session, runner, ctx } = rc;
  const rules = ctx.rules;
  let renders = 0;
  const byIndex = new Map(toRender.map((t) => [t.index, t]));
  // Renders that failed on our side (after the capture's own retries) get a plain fetch's verdict instead.
  const ours: RenderItem[] = [];
  // The extras policy judges the visit so far with the detectors; its last judgement is reused when nothing the
  // detectors read changed since (no view taken), so a visit usually costs one run of the detectors.
  const judged = new Map<number, { snapshot: PageSnapshot; found: Detection }>();
  const decide = async (q: ExtrasQuestion): Promise<ExtrasAnswer> => {
    const last = judged.get(q.index);
    const reuse = last !== undefined && sameForDetectors(last.snapshot, q.snapshot);
    const found = reuse ? last.found : await runner.detect(q.snapshot, q.artifacts);
    judged.set(q.index, { snapshot: q.snapshot, found });
    const verdict = score(found.signals, rules, { host: q.host });
    return { plan: planExtras(q, verdict, rules), steps: reuse ? {} : found.steps };
  };
  await captureTargets(
    toRender,
    capture,
    async (index, outcome) => {
      const item = byIndex.get(index)!;
      renders++;
      if (!outcome.ok && item.fallback) {
        // The render failed but the plain fetch saw a page: keep that verdict rather than lose the site.
        const r = item.fallback.result;
        await record({ ...r, stage: 'render', stageReason: `${item.reason}; render failed (${outcome.error}): verdict from the HTTP fetch` }, item.fallback.artifacts);
        return;
      }
      if (!outcome.ok && outcome.blame === 'ours') {
        ours.push({ ...item, reason: `${item.reason}; render failed on our side (${outcome.error})` });
        return;
      }
      const last = judged.get(index);
      judged.delete(index);
      const reuse = outcome.ok && last !== undefined && sameForDetectors(last.snapshot, outcome.snapshot);
      const found = !outcome.ok ? undefined : reuse ? last!.found : await runner.detect(outcome.snapshot, outcome.artifacts);
      const { result, failures } = await resultOf(index, item.target, outcome, ctx, found, reuse);
      for (const f of failures) detectorFailures.push({ index, ...f });
      await record({ ...result, stage: 'render', stageReason: item.reason }, outcome.ok ? outcome.artifacts : []);
    },
    { session, decide, ...(rc.signal ? { signal: rc.signal } : {}) },
  );
  if (ours.length > 0 && rc.stopped?.() !== true) await plainFetchVerdicts(ours, rc.http, session, ctx, record);
  return renders;
}

/**
 * Judges targets whose render failed on our side from one plain HTTP fetch each: a verdict without a
 * screenshot beats none, and our failure is never the site's `unreachable`. A fetch that fails too is
 * recorded with its own error (the site's, or ours again, as the message says).
 */
async function plainFetchVerdicts(
  items: readonly RenderItem[],
  http: HttpFetchOptions,
  session: ResolveSession,
  ctx: ResultContext,
  record: (result: TargetResult, artifacts: readonly Artifact[]) => Promise<void>,
): Promise<void> {
  const byIndex = new Map(items.map((i) => [i.index, i]));
  await fetchHttp(
    items.map((i) => ({ index: i.index, target: i.target })),
    http,
    async (index, outcome) => {
      const item = byIndex.get(index)!;
      const captured: CaptureOutcome = outcome.ok
        ? { ok: true, ...httpPageSnapshot(outcome.snapshot, item.resolved) }
        : failureOutcome(item.resolved, outcome, outcome.error);
      const { result } = await resultOf(index, item.target, captured, ctx);
      await record({ ...result, stage: 'http', stageReason: `${item.reason}: verdict from a plain HTTP fetch` }, captured.ok ? captured.artifacts : []);
    },
    session,
  );
}
