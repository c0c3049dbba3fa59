/**
 * npm run bench — scan throughput against a baseline measured in the same run.
 *
 * jianzhen's scan (DNS, WHOIS, guard proxy, render, settle, extraction, screenshot, detectors, SQLite)
 * against a bare Playwright loop that only opens and screenshots the same pages through the same sandbox
 * proxy with the same browser and concurrency. Prints pages/minute and peak RSS (the Node process plus
 * its Chromium children) for both, and the ratio. Timings live here, never in tests.
 */
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, DESKTOP_UA, VIEWPORT, findChromium } from '../src/crawler/browser.js';
import { openStore } from '../src/data/store.js';
import { runScan } from '../src/pipeline/scan.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox } from '../src/sandbox/index.js';

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 2);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);

/** RSS in bytes of this process and all its descendants (Chromium's renderers included), from /proc. */
function treeRss(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const pages = Number(fields[21]);
      const pid = Number(name);
      rss.set(pid, pages * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; peakRss: number; value: T }> {
  let peak = treeRss();
  const timer = setInterval(() => (peak = Math.max(peak, treeRss())), 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t0, peakRss: Math.max(peak, treeRss()), value };
  } finally {
    clearInterval(timer);
  }
}

/** The baseline: open and screenshot each page, nothing else. */
async function bareLoop(urls: readonly string[], proxy: string, executablePath: string): Promise<number> {
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS], proxy: { server: proxy } });
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

async function main() {
  const executablePath = findChromium(process.env['JIANZHEN_CHROMIUM'] ?? null);
  const sandbox = await startSandbox();
  const sites = corpus.filter((s) => ['official', 'counterfeit', 'benign'].includes(s.label));
  const urls = sites.map((s) => `http://${s.host}/`);
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-bench-'));
  process.stderr.write(`bench: ${urls.length} rendered pages of the bundled corpus, concurrency ${CONCURRENCY}, ${ROUNDS} round(s) each, alternating\n`);
  const rows: { name: string; ms: number; rss: number; ok: number }[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await measure(() => bareLoop(urls, sandbox.proxyUrl, executablePath));
      rows.push({ name: 'bare Playwright loop', ms: bare.ms, rss: bare.peakRss, ok: bare.value });
      // jianzhen twice: the full capture (probe, OCR, plain fetch, WeChat mobile render, depth, hosting), and
      // the core capture alone (one desktop render), so the cost of each part is visible.
      for (const [name, extras] of [
        ['jianzhen scan (full)', {}],
        ['jianzhen scan (core)', { probe: false, ocr: false, plainFetch: false, mobile: false, depth: 0 }],
      ] as const) {
        const store = await openStore(join(dir, `round-${round}-${Object.keys(extras).length}.db`));
        try {
          const scan = await measure(() =>
            runScan(store, {
              targets: urls,
              capture: {
                chromiumPath: executablePath,
                proxy: sandbox.proxyUrl,
                dnsServer: sandbox.dnsServer,
                whoisServer: sandbox.whoisServer,
                allowPrivate: false,
                concurrency: CONCURRENCY,
                ...extras,
              },
              identity: { bench: round, name },
            }),
          );
          rows.push({ name, ms: scan.ms, rss: scan.peakRss, ok: scan.value.results.filter((r) => !r.error).length });
        } finally {
          await store.close();
        }
      }
    }
  } finally {
    await sandbox.close();
  }
  const best = (name: string) => rows.filter((r) => r.name === name).sort((a, b) => a.ms - b.ms)[0]!;
  const bare = best('bare Playwright loop');
  const scan = best('jianzhen scan (full)');
  const core = best('jianzhen scan (core)');
  const out = [
    '',
    `${'run'.padEnd(24)} ${'pages'.padStart(6)} ${'time'.padStart(8)} ${'pages/min'.padStart(10)} ${'peak RSS'.padStart(10)}`,
    ...rows.map((r) => `${r.name.padEnd(24)} ${String(r.ok).padStart(6)} ${`${(r.ms / 1000).toFixed(1)}s`.padStart(8)} ${perMin(r.ok, r.ms).padStart(10)} ${mb(r.rss).padStart(10)}`),
    '',
    `best of ${ROUNDS}: jianzhen ${perMin(scan.ok, scan.ms)} pages/min vs bare loop ${perMin(bare.ok, bare.ms)} pages/min → ratio ${(
      (scan.ok / scan.ms) / (bare.ok / bare.ms)
    ).toFixed(2)} (jianzhen/bare throughput); peak RSS ${mb(scan.rss)} vs ${mb(bare.rss)} → ${(scan.rss / bare.rss).toFixed(2)}×`,
    `core capture only (one desktop render; no probe, OCR, plain fetch, mobile render, depth): ${perMin(core.ok, core.ms)} pages/min → ratio ${(
      (core.ok / core.ms) / (bare.ok / bare.ms)
    ).toFixed(2)}; peak RSS ${mb(core.rss)} → ${(core.rss / bare.rss).toFixed(2)}×`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
