import type { CaptureOptions } from '../crawler/capture.js';
import { captureTargets, DEFAULT_CAPTURE } from '../crawler/capture.js';
import type { CaptureOutcome } from '../model/snapshot.js';
import { parseTarget, type Target } from '../crawler/targets.js';
import { newScanId, scanFingerprint, type ScanRecord, type Store } from '../data/store.js';
import { type TargetResult } from '../model/result.js';
import { runDetectors } from '../detectors/index.js';
import type { Reference } from '../detectors/types.js';
import { loadRules, score, unreachableVerdict, type Rules } from '../rules/index.js';
import { loadFunnelRules } from '../rules/funnel.js';
import { recomputeOperators, type RecomputeReport } from './operators.js';
import { errorMessage } from '../errors.js';
import { httpOptionsFrom, runFunnel, usesFunnel, type RenderItem, type RenderMode, type TargetSource } from './funnel.js';

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
function invalidResult(index: number, input: string, error: string): TargetResult {
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
    capturedAt: new Date().toISOString(),
  };
}

function unreachableFields() {
  const v = unreachableVerdict('');
  return { verdict: v.verdict, score: v.score, platform: v.platform, signals: [], evidence: null };
}

/** What scoring a capture needs besides the capture: rules, references and the bytes detectors read. */
export interface ScoringContext {
  readonly rules: Rules;
  readonly references: readonly Reference[];
  /** The references' screenshots, loaded once (see referenceArtifacts). */
  readonly artifacts: ReadonlyMap<string, Buffer>;
  readonly store: Store;
}

/**
 * The stored references and the bytes of their screenshots. Detectors are pure and read artifacts
 * synchronously (DetectorInput.readArtifact), while the artifact store may be remote (S3): what they read
 * is loaded before they run.
 */
export async function loadReferences(store: Store): Promise<{ references: Reference[]; artifacts: Map<string, Buffer> }> {
  const references: Reference[] = (await store.listReferences()).map((r) => ({ platform: r.platform, snapshot: r.snapshot }));
  const artifacts = new Map<string, Buffer>();
  for (const r of references) {
    const sha = r.snapshot.screenshot?.sha256;
    if (!sha || artifacts.has(sha)) continue;
    const bytes = await store.readArtifact(sha);
    if (bytes) artifacts.set(sha, bytes);
  }
  return { references, artifacts };
}

/** Turns a capture outcome into the stored result: detectors, then the scorer. */
export async function resultOf(
  index: number,
  target: Target,
  outcome: CaptureOutcome,
  ctx: ScoringContext,
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
        capturedAt: outcome.timings.finishedAt,
      },
      failures: [],
    };
  }
  const snap = outcome.snapshot;
  const local = new Map(outcome.artifacts.map((a) => [a.ref.sha256, a.data]));
  // A re-scored snapshot comes without its bytes: its screenshot is read from the store first.
  const shot = snap.screenshot?.sha256;
  if (shot && !local.has(shot) && !ctx.artifacts.has(shot)) {
    const bytes = await ctx.store.readArtifact(shot);
    if (bytes) local.set(shot, bytes);
  }
  const { signals, failures } = runDetectors({
    snapshot: snap,
    references: ctx.references,
    platforms: ctx.rules.platforms,
    readArtifact: (sha) => local.get(sha) ?? ctx.artifacts.get(sha) ?? null,
  });
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
      capturedAt: snap.timings.finishedAt,
    },
    failures,
  };
}

/**
 * Runs a scan: parses the targets, resumes an unfinished scan of the same targets and options (so a
 * killed scan never repeats or duplicates finished work), captures what is left, scores each outcome and
 * stores it the moment it is known.
 */
export async function runScan(
  store: Store,
  req: ScanRequest,
  onProgress?: (p: ScanProgress) => void,
): Promise<ScanReport> {
  const rules = loadRules();
  const { references, artifacts: referenceBytes } = await loadReferences(store);
  // The render policy changes verdicts' provenance, so it is part of the scan's identity when it is used.
  const identity = {
    ...(req.identity ?? {}),
    ...(req.render !== undefined ? { render: req.render } : {}),
    ...(req.sources !== undefined ? { sources: req.sources.map((s) => s ?? 'explicit') } : {}),
  };
  const fingerprint = scanFingerprint(req.targets, identity);
  const existing = req.fresh ? null : await store.findUnfinishedScan(fingerprint);
  const scan = existing ?? (await store.createScan({ id: newScanId(fingerprint), fingerprint, targets: req.targets, options: identity }));
  const done = await store.doneIndexes(scan.id);
  const resumed = done.size;
  const total = req.targets.length;
  const started = Date.now();
  let doneThisRun = 0;
  let invalid = 0;
  const detectorFailures: { index: number; detector: string; error: string }[] = [];

  const record = async (result: TargetResult, artifacts: Parameters<Store['saveTargetResult']>[2]) => {
    await store.saveTargetResult(scan.id, result, artifacts);
    done.add(result.index);
    doneThisRun++;
    onProgress?.({ done: done.size, total, doneThisRun, elapsedMs: Date.now() - started, last: result });
  };

  const toCapture: { index: number; target: Target }[] = [];
  for (const [index, input] of req.targets.entries()) {
    const parsed = parseTarget(input);
    if (!parsed.ok) invalid++;
    if (done.has(index)) continue;
    if (!parsed.ok) await record(invalidResult(index, input, parsed.error), []);
    else toCapture.push({ index, target: parsed.target });
  }

  // The official platforms are never probed: the crawler learns their hosts from here, not from rules/.
  const capture = { ...DEFAULT_CAPTURE, neverProbe: rules.platforms.flatMap((p) => p.officialHosts), ...req.capture };
  const mode = req.render ?? 'discovered';
  const direct: RenderItem[] = [];
  const funnelled = toCapture
    .map((t) => ({ ...t, source: req.sources?.[t.index] }))
    .filter((t) => {
      if (usesFunnel(mode, t.source)) return true;
      const reason = mode === 'all' ? '--render all: rendered without the funnel' : 'named explicitly: rendered without the funnel';
      direct.push({ index: t.index, target: t.target, reason, fallback: null });
      return false;
    });
  const ctx: ScoringContext = { rules, references, artifacts: referenceBytes, store };
  const passed = await runFunnel(
    funnelled,
    {
      rules,
      funnel: loadFunnelRules(),
      dnsServer: capture.dnsServer,
      whoisServer: capture.whoisServer,
      allowPrivate: capture.allowPrivate,
      whois: capture.whois,
      http: { ...httpOptionsFrom(capture), concurrency: Math.max(4, capture.concurrency * 4) },
    },
    {
      judge: (index, target, outcome) => resultOf(index, target, outcome, ctx),
      stop: async (result, artifacts, failures) => {
        for (const f of failures) detectorFailures.push({ index: result.index, ...f });
        await record(result, artifacts);
      },
    },
  );
  const toRender = [...direct, ...passed].sort((a, b) => a.index - b.index);
  const byIndex = new Map(toRender.map((t) => [t.index, t]));
  let renders = 0;
  await captureTargets(toRender, capture, async (index, outcome) => {
    const item = byIndex.get(index)!;
    // A failure before the browser (DNS, a refused address) spent no render.
    if (outcome.ok || outcome.stage === 'fetch') renders++;
    if (!outcome.ok && item.fallback) {
      // The render failed but the plain fetch saw a page: keep that verdict rather than lose the site.
      const r = item.fallback.result;
      await record({ ...r, stage: 'render', stageReason: `${item.reason}; render failed (${outcome.error}): verdict from the HTTP fetch` }, item.fallback.artifacts);
      return;
    }
    const { result, failures } = await resultOf(index, item.target, outcome, ctx);
    for (const f of failures) detectorFailures.push({ index, ...f });
    const before = outcome.ok || outcome.stage === 'fetch' ? null : outcome.error;
    const stageReason = before === null ? item.reason : `${item.reason}; stopped before the browser: ${before}`;
    await record({ ...result, stage: before === null ? 'render' : 'dns', stageReason }, outcome.ok ? outcome.artifacts : []);
  });

  await store.finishScan(scan.id);
  const operators = await recomputeOperators(store).catch((err: unknown) => ({ error: errorMessage(err) }));
  return {
    scan: (await store.getScan(scan.id))!,
    results: await store.listResults(scan.id),
    resumed,
    invalid,
    detectorFailures,
    renders,
    operators,
  };
}
