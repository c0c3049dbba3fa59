import type { CaptureOptions } from '../crawler/capture.js';
import { captureTargets, DEFAULT_CAPTURE } from '../crawler/capture.js';
import type { CaptureOutcome } from '../crawler/snapshot.js';
import { parseTarget, type Target } from '../crawler/targets.js';
import { newScanId, scanFingerprint, type ScanRecord, type Store, type TargetResult } from '../data/store.js';
import { runDetectors } from '../detectors/index.js';
import type { Reference } from '../detectors/types.js';
import { loadRules, score, unreachableVerdict, type Rules } from '../rules/index.js';

/** What one scan is asked to do. The CLI, the scheduler and the review console all call runScan with it. */
export interface ScanRequest {
  /** Targets exactly as given (URLs or bare host names); malformed ones get a result with an error. */
  readonly targets: readonly string[];
  readonly capture: Omit<CaptureOptions, keyof typeof DEFAULT_CAPTURE> & Partial<typeof DEFAULT_CAPTURE>;
  /** Options that define the scan's identity (resume key) beside the targets. */
  readonly identity?: Record<string, unknown>;
  /** Start over even when an unfinished scan of the same targets exists. */
  readonly fresh?: boolean;
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

/** Turns a capture outcome into the stored result: detectors, then the scorer. */
export function resultOf(
  index: number,
  target: Target,
  outcome: CaptureOutcome,
  ctx: { rules: Rules; references: readonly Reference[]; store: Store },
): { result: TargetResult; failures: { detector: string; error: string }[] } {
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
  const { signals, failures } = runDetectors({
    snapshot: snap,
    references: ctx.references,
    platforms: ctx.rules.platforms,
    readArtifact: (sha) => local.get(sha) ?? ctx.store.readArtifact(sha),
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
  const references: Reference[] = store.listReferences().map((r) => ({ platform: r.platform, snapshot: r.snapshot }));
  const identity = req.identity ?? {};
  const fingerprint = scanFingerprint(req.targets, identity);
  const existing = req.fresh ? null : store.findUnfinishedScan(fingerprint);
  const scan = existing ?? store.createScan({ id: newScanId(fingerprint), fingerprint, targets: req.targets, options: identity });
  const done = store.doneIndexes(scan.id);
  const resumed = done.size;
  const total = req.targets.length;
  const started = Date.now();
  let doneThisRun = 0;
  let invalid = 0;
  const detectorFailures: { index: number; detector: string; error: string }[] = [];

  const record = (result: TargetResult, artifacts: Parameters<Store['saveTargetResult']>[2]) => {
    store.saveTargetResult(scan.id, result, artifacts);
    done.add(result.index);
    doneThisRun++;
    onProgress?.({ done: done.size, total, doneThisRun, elapsedMs: Date.now() - started, last: result });
  };

  const toCapture: { index: number; target: Target }[] = [];
  req.targets.forEach((input, index) => {
    const parsed = parseTarget(input);
    if (!parsed.ok) invalid++;
    if (done.has(index)) return;
    if (!parsed.ok) record(invalidResult(index, input, parsed.error), []);
    else toCapture.push({ index, target: parsed.target });
  });

  const byIndex = new Map(toCapture.map((t) => [t.index, t.target]));
  await captureTargets(toCapture, { ...DEFAULT_CAPTURE, ...req.capture }, (index, outcome) => {
    const target = byIndex.get(index)!;
    const { result, failures } = resultOf(index, target, outcome, { rules, references, store });
    for (const f of failures) detectorFailures.push({ index, ...f });
    record(result, outcome.ok ? outcome.artifacts : []);
  });

  store.finishScan(scan.id);
  return {
    scan: store.getScan(scan.id)!,
    results: store.listResults(scan.id),
    resumed,
    invalid,
    detectorFailures,
  };
}
