/**
 * How good are the verdicts? Scans the labelled corpus through the sandbox (the same code paths as a real scan
 * with --proxy/--dns/--whois) and measures, for the tuning part and each held-aside round apart: recall with
 * and without the probe, false counterfeits, platform attribution and review load (benign sites an analyst has
 * to look at). Used by `npm run eval` (bench/eval.ts) and by the CI test (test/eval.test.ts), which asserts the
 * bars below on one scan.
 *
 * Without the probe: the stored snapshots are scored again with their probe record removed — what a
 * `--no-probe` scan captures, since the capture reads the page before it probes. `verifyNoProbe` scans the
 * corpus a second time with the probe really off and reports any verdict that differs.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { findChromium } from '../src/crawler/browser.js';
import { openStore, type Store } from '../src/data/store.js';
import { parseTarget } from '../src/crawler/targets.js';
import type { TargetResult } from '../src/model/result.js';
import { refreshReferences } from '../src/pipeline/references.js';
import { rescoreScan } from '../src/pipeline/rescore.js';
import { loadReferences, resultOf, runScan } from '../src/pipeline/scan.js';
import { loadRules } from '../src/rules/index.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import { hostOf } from '../src/model/host.js';
import type { CorpusSite } from '../src/sandbox/corpus/types.js';
import { startSandbox } from '../src/sandbox/index.js';

/** The bars every part must meet (issue: detection that holds on the real internet). */
export const BARS = {
  /** Counterfeits called counterfeit, with and without the probe: all of them on the part tuned on. */
  tuningRecall: 1,
  /** The same on each held-aside round. */
  heldAsideRecall: 0.95,
  /** Benign or official sites called counterfeit. */
  falseCounterfeits: 0,
  /** Counterfeits attributed to the platform they impersonate. */
  attribution: 0.95,
  /** Benign sites called suspicious, over the whole corpus: each one costs an analyst's time. */
  reviewLoad: 0.1,
} as const;

export const labelled: readonly CorpusSite[] = corpus.filter((s) => s.label === 'counterfeit' || s.label === 'benign' || s.label === 'official');

/** The parts measured apart: what each has been exposed to is `holdout` in corpus/types.ts and the README. */
export const PARTS: readonly { readonly name: string; readonly heldAside: boolean; readonly sites: readonly CorpusSite[] }[] = [
  { name: 'tuning part', heldAside: false, sites: labelled.filter((s) => s.holdout === undefined) },
  { name: 'held-aside round 1 (read once, 2026-11-23)', heldAside: true, sites: labelled.filter((s) => s.holdout === 1) },
  { name: 'held-aside round 2 (second author; read 2026-11-23, its miss tuned on 2026-12-04)', heldAside: true, sites: labelled.filter((s) => s.holdout === 2) },
  { name: 'held-aside round 3 (third author; figures seen 2026-12-04)', heldAside: true, sites: labelled.filter((s) => s.holdout === 3) },
  { name: 'held-aside round 4 (fourth author, with operators; its miss tuned on 2026-12-04)', heldAside: true, sites: labelled.filter((s) => s.holdout === 4) },
  { name: 'held-aside round 5 (fifth author; its two misses tuned on 2026-12-04)', heldAside: true, sites: labelled.filter((s) => s.holdout === 5) },
  { name: 'held-aside round 6 (sixth author; measured blind, its two misses tuned on 2026-12-04)', heldAside: true, sites: labelled.filter((s) => s.holdout === 6) },
  { name: 'held-aside round 7 (seventh author; measured blind, its misses tuned on 2026-12-05)', heldAside: true, sites: labelled.filter((s) => s.holdout === 7) },
].filter((p) => p.sites.length > 0);

/** One verdict as measured: what the corpus says and what jianzhen said. */
export interface Judged {
  readonly verdict: string;
  readonly score: number;
  readonly platform: string | null;
  readonly top: string;
}

/** One part's figures, for one way of scanning (with or without the probe). */
export interface PartFigures {
  readonly counterfeits: number;
  readonly benign: number;
  readonly official: number;
  /** label → verdict → count */
  readonly table: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly caught: number;
  readonly flagged: number;
  readonly recall: number;
  readonly falseCounterfeits: readonly string[];
  readonly attributed: number;
  readonly misattributed: readonly string[];
  readonly reviewLoad: readonly string[];
  readonly missed: readonly string[];
}

function figures(sites: readonly CorpusSite[], by: ReadonlyMap<string, Judged>): PartFigures {
  const table = new Map<string, Map<string, number>>();
  for (const s of sites) {
    const v = by.get(s.host)?.verdict ?? 'missing';
    const row = table.get(s.label) ?? new Map<string, number>();
    row.set(v, (row.get(v) ?? 0) + 1);
    table.set(s.label, row);
  }
  const v = (s: CorpusSite) => by.get(s.host);
  const fakes = sites.filter((s) => s.label === 'counterfeit');
  const caught = fakes.filter((s) => v(s)?.verdict === 'counterfeit');
  return {
    counterfeits: fakes.length,
    benign: sites.filter((s) => s.label === 'benign').length,
    official: sites.filter((s) => s.label === 'official').length,
    table,
    caught: caught.length,
    flagged: fakes.filter((s) => ['counterfeit', 'suspicious'].includes(v(s)?.verdict ?? '')).length,
    recall: fakes.length === 0 ? 1 : caught.length / fakes.length,
    falseCounterfeits: sites.filter((s) => s.label !== 'counterfeit' && v(s)?.verdict === 'counterfeit').map((s) => s.host),
    attributed: caught.filter((s) => v(s)?.platform === s.platform).length,
    misattributed: caught.filter((s) => v(s)?.platform !== s.platform).map((s) => `${s.host}: ${v(s)?.platform} instead of ${s.platform}`),
    reviewLoad: sites.filter((s) => s.label === 'benign' && v(s)?.verdict === 'suspicious').map((s) => `${s.host} ${v(s)?.score}`),
    missed: fakes.filter((s) => v(s)?.verdict !== 'counterfeit').map((s) => `${s.host} → ${v(s)?.verdict} ${v(s)?.score}: ${v(s)?.top}`),
  };
}

/** The whole measurement: per part, with and without the probe. */
export interface Evaluation {
  readonly scanId: string;
  readonly parts: readonly { readonly name: string; readonly heldAside: boolean; readonly withProbe: PartFigures; readonly withoutProbe: PartFigures }[];
  /** Benign called suspicious over the whole corpus, with and without the probe. */
  readonly reviewLoad: { readonly withProbe: number; readonly withoutProbe: number; readonly benign: number };
  readonly captureMs: number | null;
}

const topOf = (r: { signals: readonly { id: string; score: number; weight: number }[] }): string =>
  r.signals
    .slice(0, 4)
    .map((x) => `${x.id} ${x.score.toFixed(2)}×${x.weight}`)
    .join(', ');

/** Scans the labelled corpus into `db` (fresh) through a new sandbox; `probe: false` is a real --no-probe scan. */
export async function captureCorpus(db: string, opts: { probe?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<TargetResult[]> {
  rmSync(dirname(db), { recursive: true, force: true });
  mkdirSync(dirname(db), { recursive: true });
  const sandbox = await startSandbox();
  const store = await openStore(db);
  try {
    const capture = {
      chromiumPath: findChromium(process.env['JIANZHEN_CHROMIUM'] ?? null),
      proxy: sandbox.proxyUrl,
      dnsServer: sandbox.dnsServer,
      whoisServer: sandbox.whoisServer,
      allowPrivate: false,
      concurrency: 4,
      probe: opts.probe ?? true,
    };
    await refreshReferences(store, capture);
    const report = await runScan(store, { targets: labelled.map((s) => s.entry ?? s.host), capture, identity: { eval: true, probe: capture.probe } }, (p) =>
      opts.onProgress?.(p.done, p.total),
    );
    return report.results;
  } finally {
    await store.close();
    await sandbox.close();
  }
}

/**
 * Re-scores a stored scan in memory with each snapshot's probe record removed (nothing is saved). A snapshot
 * without a probe keeps its stored verdict, which assumes the results were scored by the current rules (a
 * fresh capture, or `--rescore`).
 */
export async function withoutProbe(store: Store, results: readonly TargetResult[]): Promise<Map<string, Judged>> {
  const rules = loadRules();
  const { references, artifacts } = await loadReferences(store);
  const out = new Map<string, Judged>();
  for (const r of results) {
    const key = hostOf(r.input) ?? r.input;
    const parsed = parseTarget(r.input);
    // Without a probe record the snapshot scores as it did: its stored verdict is the one without the probe.
    if (r.snapshot === null || r.snapshot.probe === undefined || r.snapshot.probe === null || !parsed.ok) {
      out.set(key, { verdict: r.verdict, score: r.score, platform: r.platform, top: r.error ?? '' });
      continue;
    }
    const { result } = await resultOf(r.index, parsed.target, { ok: true, snapshot: { ...r.snapshot, probe: null }, artifacts: [] }, { rules, references, artifacts, store });
    out.set(key, { verdict: result.verdict, score: result.score, platform: result.platform, top: topOf(result) });
  }
  return out;
}

/** Verdicts by host (an input may be a bare host or a URL). */
const judged = (results: readonly TargetResult[]): Map<string, Judged> =>
  new Map(results.map((r) => [hostOf(r.input) ?? r.input, { verdict: r.verdict, score: r.score, platform: r.platform, top: r.error ?? topOf(r) }]));

/**
 * Measures results of a scan of the corpus held in `store` (its references re-score the snapshots without the
 * probe): what `npm run eval` prints and the CI test asserts. Sites of the corpus the scan did not cover count
 * as missing.
 */
export async function evaluateResults(store: Store, results: readonly TargetResult[], captureMs: number | null = null): Promise<Evaluation> {
  const withP = judged(results);
  const withoutP = await withoutProbe(store, results);
  const parts = PARTS.map((p) => ({ name: p.name, heldAside: p.heldAside, withProbe: figures(p.sites, withP), withoutProbe: figures(p.sites, withoutP) }));
  const benign = labelled.filter((s) => s.label === 'benign');
  const load = (m: Map<string, Judged>) => benign.filter((s) => m.get(s.host)?.verdict === 'suspicious').length;
  return { scanId: '', parts, reviewLoad: { withProbe: load(withP), withoutProbe: load(withoutP), benign: benign.length }, captureMs };
}

/** Measures a scan of the corpus stored in `db`: the latest scan, re-scored with the current rules first when asked. */
export async function evaluateStore(db: string, opts: { rescore?: boolean; captureMs?: number | null } = {}): Promise<Evaluation> {
  const store = await openStore(db);
  try {
    const scan = (await store.listScans(1))[0];
    if (!scan) throw new Error(`no scan in ${db}; run npm run eval without --rescore first`);
    const results = opts.rescore ? (await rescoreScan(store, scan.id)).results : await store.listResults(scan.id);
    return { ...(await evaluateResults(store, results, opts.captureMs ?? null)), scanId: scan.id };
  } finally {
    await store.close();
  }
}

/** Every bar a part misses, as sentences (empty when all are met). */
export function missedBars(e: Evaluation): string[] {
  const out: string[] = [];
  for (const p of e.parts) {
    const need = p.heldAside ? BARS.heldAsideRecall : BARS.tuningRecall;
    for (const [how, f] of [['with the probe', p.withProbe], ['without the probe', p.withoutProbe]] as const) {
      if (f.recall < need) out.push(`${p.name}: recall ${how} ${f.recall.toFixed(3)} < ${need}`);
      if (f.falseCounterfeits.length > BARS.falseCounterfeits) out.push(`${p.name}: ${how}, benign/official called counterfeit: ${f.falseCounterfeits.join(', ')}`);
      if (f.caught > 0 && f.attributed / f.caught < BARS.attribution) out.push(`${p.name}: attribution ${how} ${(f.attributed / f.caught).toFixed(3)} < ${BARS.attribution}`);
    }
  }
  for (const [how, n] of [['with the probe', e.reviewLoad.withProbe], ['without the probe', e.reviewLoad.withoutProbe]] as const) {
    if (n / e.reviewLoad.benign > BARS.reviewLoad) out.push(`review load ${how}: ${n}/${e.reviewLoad.benign} benign sites suspicious > ${BARS.reviewLoad}`);
  }
  return out;
}

const VERDICTS = ['counterfeit', 'suspicious', 'benign', 'official', 'unreachable'] as const;
const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(3)} (${a}/${b})`);

/** The printed report: per part, the confusion table with the probe, then recall and the rest with and without it. */
export function formatEvaluation(e: Evaluation): string {
  const lines: string[] = [];
  for (const p of e.parts) {
    const f = p.withProbe;
    const g = p.withoutProbe;
    lines.push(
      `\n== ${p.name}: ${f.counterfeits + f.benign + f.official} sites (${f.counterfeits} counterfeit, ${f.benign} benign, ${f.official} official)`,
      `${'label \\ verdict'.padEnd(16)}${VERDICTS.map((v) => v.padStart(13)).join('')}   (with the probe)`,
      ...['counterfeit', 'benign', 'official'].map((l) => `${l.padEnd(16)}${VERDICTS.map((v) => String(f.table.get(l)?.get(v) ?? 0).padStart(13)).join('')}`),
      `${''.padEnd(42)}${'with the probe'.padEnd(24)}without the probe`,
      `${'recall (counterfeit called counterfeit)'.padEnd(42)}${ratio(f.caught, f.counterfeits).padEnd(24)}${ratio(g.caught, g.counterfeits)}`,
      `${'flagged (counterfeit or suspicious)'.padEnd(42)}${ratio(f.flagged, f.counterfeits).padEnd(24)}${ratio(g.flagged, g.counterfeits)}`,
      `${'benign/official called counterfeit'.padEnd(42)}${String(f.falseCounterfeits.length).padEnd(24)}${g.falseCounterfeits.length}`,
      `${'platform attribution'.padEnd(42)}${ratio(f.attributed, f.caught).padEnd(24)}${ratio(g.attributed, g.caught)}`,
      `${'review load (benign called suspicious)'.padEnd(42)}${ratio(f.reviewLoad.length, f.benign).padEnd(24)}${ratio(g.reviewLoad.length, g.benign)}`,
    );
    for (const [how, x] of [['', f], [' without the probe', g]] as const) {
      for (const m of x.missed) lines.push(`  missed${how}: ${m}`);
      for (const m of x.falseCounterfeits) lines.push(`  FALSE COUNTERFEIT${how}: ${m}`);
      for (const m of x.misattributed) lines.push(`  misattributed${how}: ${m}`);
      for (const m of x.reviewLoad) lines.push(`  benign suspicious${how}: ${m}`);
    }
  }
  lines.push(
    `\nreview load over the corpus: ${e.reviewLoad.withProbe}/${e.reviewLoad.benign} benign sites suspicious with the probe, ${e.reviewLoad.withoutProbe}/${e.reviewLoad.benign} without`,
  );
  const missed = missedBars(e);
  lines.push(
    `the bars (recall ${BARS.tuningRecall} on the tuning part and ≥ ${BARS.heldAsideRecall} on each held-aside round, with and without the probe; ` +
      `no false counterfeit; attribution ≥ ${BARS.attribution}; review load ≤ ${BARS.reviewLoad}): ${missed.length === 0 ? 'all met' : `NOT met:\n  ${missed.join('\n  ')}`}`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Compares the without-probe figures (a re-score with the probe removed) with a real --no-probe scan of the
 * corpus: the hosts whose verdict or score differ (empty when the re-score is exact).
 */
export async function verifyNoProbe(db: string, noProbeDb: string, onProgress?: (done: number, total: number) => void): Promise<string[]> {
  const real = judged(await captureCorpus(noProbeDb, { probe: false, ...(onProgress ? { onProgress } : {}) }));
  const store = await openStore(db);
  try {
    const scan = (await store.listScans(1))[0];
    if (!scan) throw new Error(`no scan in ${db}`);
    const derived = await withoutProbe(store, await store.listResults(scan.id));
    const diff: string[] = [];
    for (const s of labelled) {
      const a = derived.get(s.host);
      const b = real.get(s.host);
      if (a?.verdict !== b?.verdict || a?.score !== b?.score) diff.push(`${s.host}: re-score ${a?.verdict} ${a?.score}, --no-probe scan ${b?.verdict} ${b?.score}`);
    }
    return diff;
  } finally {
    await store.close();
  }
}
