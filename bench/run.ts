/**
 * npm run bench — scan throughput against a baseline measured in the same run.
 *
 * jianzhen's scan (DNS, WHOIS, guard proxy, render, settle, extraction, screenshot, the extra views the
 * policy takes, detectors, SQLite) against a bare Playwright loop that only opens and screenshots the same
 * pages through the same sandbox proxy with the same browser and concurrency. Prints pages/minute, peak
 * memory (PSS of the Node process plus its Chromium children), the machine core-seconds a page and the load
 * average for each run, the ratios, where the time of the best full run went (the table `jianzhen scan
 * --profile` prints) and that run's recall and false counterfeits against the corpus labels. Timings live
 * here, never in tests.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, DESKTOP_UA, VIEWPORT, chromiumEnv, findChromium } from '../src/crawler/browser.js';
import { openStore } from '../src/data/store.js';
import type { TargetResult } from '../src/model/result.js';
import { formatProfile, profileOf, viewCounts } from '../src/pipeline/profile.js';
import { refreshReferences } from '../src/pipeline/references.js';
import { runScan } from '../src/pipeline/scan.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import type { CorpusSite } from '../src/sandbox/corpus/types.js';
import { startSandbox } from '../src/sandbox/index.js';

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 2);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
/** Slices of the corpus each round interleaves the three modes over (see main). */
const SLICES = Number(process.env['BENCH_SLICES'] ?? 3);

/**
 * How often the memory sampler reads the tree's PSS (after the previous read ended). Each read walks the page
 * tables of every Chromium process and costs the pages it reads: read every 250 ms (this bench until
 * 2026-12-05, on the main thread) it made the bare loop 29–37 % slower and a scan about 5 %, so every ratio
 * came out too kind to jianzhen (core 0.79 printed; 0.70 measured without it). Read every 2 s from a worker it
 * still cost the bare loop 6–13 % (noisy); every 5 s it reads 2.5 times less often (not measured apart). A peak
 * between two reads can be missed, but at a fixed concurrency the memory is a plateau.
 */
const SAMPLE_MS = 5_000;

/**
 * The machine's busy CPU time so far, in core-seconds (/proc/stat: every process on it, the kernel's work included;
 * null where there is no /proc). What a mode costs the machine, whatever it waits for; other work on the
 * machine lands in it too, so it is read on a machine otherwise idle.
 */
function machineBusy(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return (total - f[3]! - (f[4] ?? 0)) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

const addCpu = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/**
 * Runs fn while a worker thread samples the memory of this process and its descendants (memory-sampler.mjs:
 * PSS of node, Chromium and its renderers), off the main thread that serves the in-process sandbox, and
 * reads what the machine's CPU spent meanwhile.
 */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMemory: number; cpu: number | null; value: T }> {
  const sampler = new Worker(new URL('./memory-sampler.mjs', import.meta.url), { workerData: { root: process.pid, intervalMs: SAMPLE_MS } });
  // A sampler that fails must not take the run down with it: its error is reported once the run is measured.
  let failed: Error | null = null;
  sampler.on('error', (err) => (failed ??= err));
  const t0 = performance.now();
  const busy0 = machineBusy();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    const busy1 = machineBusy();
    const cpu = busy0 === null || busy1 === null ? null : busy1 - busy0;
    const { peak } = await new Promise<{ peak: number }>((resolve, reject) => {
      if (failed !== null) return reject(new Error(`the memory sampler failed: ${failed.message}`));
      sampler.once('message', resolve);
      sampler.once('error', (err) => reject(new Error(`the memory sampler failed: ${err.message}`)));
      sampler.postMessage('stop');
    });
    return { ms, peakMemory: peak, cpu, value };
  } finally {
    await sampler.terminate();
  }
}

/** The baseline: open and screenshot each page, nothing else. */
async function bareLoop(urls: readonly string[], proxy: string, executablePath: string): Promise<number> {
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS], env: chromiumEnv(), proxy: { server: proxy } });
  let next = 0;
  let ok = 0;
  try {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < urls.length) {
          const url = urls[next++]!;
          const context = await browser.newContext({ viewport: { ...VIEWPORT }, userAgent: DESKTOP_UA });
          const page = await context.newPage();
          try {
            await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
            await page.screenshot({ fullPage: true });
            ok++;
          } catch {
            // counted as not ok
          } finally {
            await context.close();
          }
        }
      }),
    );
  } finally {
    await browser.close();
  }
  return ok;
}

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const perMin = (n: number, ms: number) => (n / (ms / 60_000)).toFixed(1);
const load = () => loadavg()[0]!.toFixed(1);

/** Where a corpus site is scanned: its entry (a fake planted at a path of an old site) or its root. */
const urlOf = (s: CorpusSite): string => s.entry ?? `http://${s.host}/`;

/** Recall, false counterfeits and attribution of one scan against the corpus labels, per part (as npm run eval). */
function evalFigures(results: readonly TargetResult[], sites: readonly CorpusSite[]): string[] {
  const byUrl = new Map(results.map((r) => [r.input, r]));
  const rounds = [undefined, ...[...new Set(sites.map((s) => s.holdout).filter((r) => r !== undefined))].sort()];
  const parts = rounds.map((round) => sites.filter((s) => s.holdout === round));
  return parts
    .filter((part) => part.length > 0)
    .map((part) => {
      const of = (s: CorpusSite) => byUrl.get(urlOf(s));
      const fakes = part.filter((s) => s.label === 'counterfeit');
      const caught = fakes.filter((s) => of(s)?.verdict === 'counterfeit');
      const attributed = caught.filter((s) => of(s)?.platform === s.platform);
      const falsePositives = part.filter((s) => s.label !== 'counterfeit' && of(s)?.verdict === 'counterfeit');
      const name = part[0]!.holdout === undefined ? 'tuning part' : `held-aside round ${part[0]!.holdout}`;
      return `${name.padEnd(20)} recall ${caught.length}/${fakes.length}, false counterfeits ${falsePositives.length}${falsePositives.length ? ` (${falsePositives.map((s) => s.host).join(', ')})` : ''}, attribution ${attributed.length}/${caught.length}`;
    });
}

interface Row {
  readonly name: string;
  readonly ms: number;
  readonly rss: number;
  readonly ok: number;
  /** Machine core-seconds over the mode's slices (null without /proc). */
  readonly cpu: number | null;
  readonly load: string;
  readonly results?: readonly TargetResult[];
}

async function main() {
  const executablePath = findChromium(process.env['JIANZHEN_CHROMIUM'] ?? null);
  const sandbox = await startSandbox();
  const sites = corpus.filter((s) => ['official', 'counterfeit', 'benign'].includes(s.label));
  const urls = sites.map(urlOf);
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-bench-'));
  const capture = {
    chromiumPath: executablePath,
    proxy: sandbox.proxyUrl,
    dnsServer: sandbox.dnsServer,
    whoisServer: sandbox.whoisServer,
    allowPrivate: false,
    concurrency: CONCURRENCY,
  };
  // One store with the references, as a real scan has them (the extras policy scores against them); every
  // measured scan is a fresh one in it. The references refresh is not measured.
  const store = await openStore(join(dir, 'bench.db'));
  process.stderr.write(`bench: ${urls.length} rendered pages of the bundled corpus, concurrency ${CONCURRENCY}, ${ROUNDS} round(s), each mode interleaved over ${SLICES} slices; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; every mode renders with ${executablePath}\n`);
  const rows: Row[] = [];
  // The machine is shared: its load moves by the minute. Each round runs the three modes on the same slice of
  // the corpus, one after another, slice by slice (the first mode rotating), so a busy minute falls on all
  // three alike; a mode's time in a round is the sum over its slices.
  const slices = Array.from({ length: SLICES }, (_, i) => urls.filter((_, j) => j % SLICES === i));
  const modes = [
    { name: 'bare Playwright loop' },
    // The progressive capture: each extra view where the policy finds it can change the verdict.
    { name: 'jianzhen scan (full)', extras: {} },
    // The core capture alone: one desktop render, no extra view, so each part's cost shows.
    { name: 'jianzhen scan (core)', extras: { probe: false, ocr: false, plainFetch: false, mobile: false, depth: 0 } },
  ] as const;
  try {
    await refreshReferences(store, capture);
    for (let round = 0; round < ROUNDS; round++) {
      const acc = new Map<string, { ms: number; rss: number; ok: number; cpu: number | null; loads: number[]; results: TargetResult[] }>(
        modes.map((m) => [m.name, { ms: 0, rss: 0, ok: 0, cpu: 0, loads: [], results: [] }]),
      );
      for (const [k, slice] of slices.entries()) {
        for (let j = 0; j < modes.length; j++) {
          const mode = modes[(j + k + round) % modes.length]!;
          const a = acc.get(mode.name)!;
          a.loads.push(loadavg()[0]!);
          if (!('extras' in mode)) {
            const bare = await measure(() => bareLoop(slice, sandbox.proxyUrl, executablePath));
            Object.assign(a, { ms: a.ms + bare.ms, rss: Math.max(a.rss, bare.peakMemory), ok: a.ok + bare.value, cpu: addCpu(a.cpu, bare.cpu) });
          } else {
            const scan = await measure(() =>
              runScan(store, { targets: slice, capture: { ...capture, ...mode.extras }, identity: { bench: round, slice: k, name: mode.name }, fresh: true }),
            );
            const results = scan.value.results;
            Object.assign(a, { ms: a.ms + scan.ms, rss: Math.max(a.rss, scan.peakMemory), ok: a.ok + results.filter((r) => !r.error).length, cpu: addCpu(a.cpu, scan.cpu) });
            a.results.push(...results);
          }
          a.loads.push(loadavg()[0]!);
        }
      }
      for (const m of modes) {
        const a = acc.get(m.name)!;
        const loads = `${Math.min(...a.loads).toFixed(1)}–${Math.max(...a.loads).toFixed(1)}`;
        rows.push({ name: m.name, ms: a.ms, rss: a.rss, ok: a.ok, cpu: a.cpu, load: loads, ...('extras' in m ? { results: a.results } : {}) });
      }
    }
  } finally {
    await store.close();
    await sandbox.close();
  }
  const best = (name: string) => rows.filter((r) => r.name === name).sort((a, b) => a.ms - b.ms)[0]!;
  const bare = best('bare Playwright loop');
  const scan = best('jianzhen scan (full)');
  const core = best('jianzhen scan (core)');
  const ratio = (r: Row) => ((r.ok / r.ms) / (bare.ok / bare.ms)).toFixed(2);
  const perPage = (r: Row) => (r.cpu === null || r.ok === 0 ? '-' : (r.cpu / r.ok).toFixed(3));
  const out = [
    '',
    `${'run'.padEnd(24)} ${'pages'.padStart(6)} ${'time'.padStart(8)} ${'pages/min'.padStart(10)} ${'peak PSS'.padStart(10)} ${'core-s/page'.padStart(12)} ${'load avg'.padStart(12)}`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(24)} ${String(r.ok).padStart(6)} ${`${(r.ms / 1000).toFixed(1)}s`.padStart(8)} ${perMin(r.ok, r.ms).padStart(10)} ${mb(r.rss).padStart(10)} ${perPage(r).padStart(12)} ${r.load.padStart(12)}`,
    ),
    '',
    `best of ${ROUNDS}: full progressive capture ${perMin(scan.ok, scan.ms)} pages/min vs bare loop ${perMin(bare.ok, bare.ms)} pages/min → ratio ${ratio(scan)} (jianzhen/bare throughput); peak memory ${mb(scan.rss)} vs ${mb(bare.rss)} (PSS of node and Chromium, sandbox included)`,
    `core capture only (one desktop render; no probe, OCR, plain fetch, mobile render, depth): ${perMin(core.ok, core.ms)} pages/min → ratio ${ratio(core)}; peak memory ${mb(core.rss)}`,
    `machine CPU a page in the same best runs (core-seconds, /proc/stat, everything on the machine): bare loop ${perPage(bare)}, core ${perPage(core)}, full ${perPage(scan)}`,
    '',
    `where the time went in the best full run (per-step sums over ${scan.results!.length} targets, concurrency ${CONCURRENCY}):`,
    formatProfile(profileOf(scan.results!), viewCounts(scan.results!)),
    '',
    'the same full run against the corpus labels:',
    ...evalFigures(scan.results!, sites),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
