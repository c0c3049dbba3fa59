/**
 * npm run bench:discovery — the discovery stages that run without a browser:
 *   1. the domain screen on 1,000,000 generated names (names/second, peak RSS), against a baseline in the
 *      same run: compareHost on every name without the pre-filter, on a sample, extrapolated;
 *   2. the permutation engine: count and time per official host, and per fuzzer;
 *   3. bulk DNS against the sandbox DNS on 5,000 names (corpus hosts and permutations, mostly NXDOMAIN);
 *   4. coverage: how many corpus counterfeits the screen keeps and the permutations produce, per corpus part
 *      (the tuning part and each held-aside round — see CorpusSite.holdout).
 * Names are generated from a seeded generator and streamed, so peak RSS is the screen's, not the input's.
 * Environment: BENCH_NAMES (default 1000000), BENCH_SAMPLE (20000), BENCH_DNS_NAMES (5000).
 * Timings live here, never in tests.
 */
import { resolveMany, DEFAULT_DNS_CONCURRENCY } from '../src/crawler/seeds/bulk-dns.js';
import { fuzzers, permute } from '../src/crawler/seeds/permutations/index.js';
import { toRegistrable } from '../src/crawler/seeds/permutations/registrable.js';
import { DEFAULT_SCREEN_THRESHOLD, makeScreen, type ScreenStats } from '../src/pipeline/screen.js';
import { loadRules } from '../src/rules/index.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox } from '../src/sandbox/index.js';

const NAMES = Number(process.env['BENCH_NAMES'] ?? 1_000_000);
const SAMPLE = Number(process.env['BENCH_SAMPLE'] ?? 20_000);
const DNS_NAMES = Number(process.env['BENCH_DNS_NAMES'] ?? 5_000);
const { platforms } = loadRules();
const officialHosts = platforms.flatMap((p) => p.officialHosts);

/** mulberry32: a small seeded generator, so every run screens the same names. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PINYIN = ['an', 'ba', 'bao', 'bei', 'cheng', 'chuan', 'da', 'dian', 'dong', 'fang', 'fu', 'gong', 'guo', 'hai', 'hong', 'hua',
  'jia', 'jian', 'jin', 'jing', 'kang', 'ke', 'le', 'li', 'long', 'mei', 'ming', 'nan', 'ping', 'qi', 'quan', 'ren', 'rong', 'shan',
  'shang', 'sheng', 'shi', 'tai', 'tian', 'tong', 'wang', 'wei', 'xin', 'xing', 'xue', 'yang', 'yi', 'yuan', 'yun', 'zhi', 'zhong', 'zi'];
const WORDS = ['best', 'shop', 'cloud', 'tech', 'home', 'news', 'game', 'data', 'mail', 'blog', 'smart', 'green', 'city', 'travel',
  'food', 'art', 'life', 'pay', 'app', 'web', 'star', 'sun', 'blue', 'fast', 'safe', 'easy', 'my', 'go', 'top', 'one', 'pro', 'hub',
  'box', 'link', 'media', 'store', 'world', 'info', 'labs', 'member', 'memory', 'govern', 'samurai', 'query', 'cert', 'check', 'zs'];
const TLDS = ['com', 'com', 'com', 'cn', 'cn', 'net', 'org', 'top', 'xyz', 'com.cn', 'vip', 'cc', 'info', 'shop', 'site', 'online',
  'club', 'cn.com', 'net.cn', 'ltd'];

/** A newly-registered-domains feed, roughly: pinyin and English names, digits, noise, and 2% look-alikes. */
function* generatedNames(count: number, seed: number, lookalikes: readonly string[]): Generator<string> {
  const rnd = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const tld = pick(TLDS);
    if (r < 0.02) yield pick(lookalikes);
    else if (r < 0.42) {
      let s = '';
      for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) s += pick(PINYIN);
      yield `${s}${rnd() < 0.2 ? Math.floor(rnd() * 999) : ''}.${tld}`;
    } else if (r < 0.85) {
      const sep = rnd() < 0.3 ? '-' : '';
      yield `${rnd() < 0.1 ? 'www.' : ''}${pick(WORDS)}${rnd() < 0.6 ? sep + pick(WORDS) : ''}.${tld}`;
    } else {
      let s = '';
      for (let n = 5 + Math.floor(rnd() * 10); n > 0; n--) s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rnd() * 36)];
      yield `${s}.${tld}`;
    }
  }
}

const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (cells: readonly (string | number)[], widths: readonly number[]): string =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 10) : String(c).padStart(widths[i] ?? 10))).join('  ');

function benchPermutations(out: string[]): string[] {
  out.push('', '## Permutation engine (registrable names only; per fuzzer = that fuzzer alone)', '');
  const perFuzzer = fuzzers.map((f) => f.name);
  const widths = [14, ...officialHosts.map((h) => Math.max(9, h.length))];
  out.push(row(['fuzzer', ...officialHosts], widths));
  const counts = new Map<string, number[]>();
  for (const f of fuzzers) {
    counts.set(
      f.name,
      officialHosts.map((h) => new Set([...f.run(h)].map((c) => toRegistrable(c)?.domain).filter(Boolean)).size),
    );
  }
  for (const name of perFuzzer) out.push(row([name, ...(counts.get(name) ?? []).map((n) => fmt(n))], widths));
  const all: string[] = [];
  const totals: string[] = [];
  const times: string[] = [];
  for (const h of officialHosts) {
    permute(h); // warm-up: the first call pays for module and regex compilation
    const t0 = performance.now();
    const perms = permute(h);
    times.push(`${fmt(performance.now() - t0)} ms`);
    totals.push(fmt(perms.length));
    all.push(...perms.map((p) => p.host));
  }
  out.push(row(['unique total', ...totals], widths), row(['time', ...times], widths));
  return all;
}

async function benchScreen(out: string[], lookalikes: readonly string[]): Promise<void> {
  out.push('', `## Domain screen (${fmt(NAMES)} generated names, threshold ${DEFAULT_SCREEN_THRESHOLD}, no network)`, '');
  // Baseline first, on the stream's first SAMPLE names: compareHost on every name, no pre-filter.
  const naive = makeScreen(platforms, { noPrefilter: true });
  const fast = makeScreen(platforms);
  const sample = [...generatedNames(SAMPLE, 42, lookalikes)];
  let t0 = performance.now();
  const naiveKept = sample.filter((n) => naive(n) !== null);
  const naiveMs = performance.now() - t0;
  const fastKeptSample = sample.filter((n) => fast(n) !== null);
  const agree = naiveKept.length === fastKeptSample.length && naiveKept.every((n, i) => n === fastKeptSample[i]);

  const stats: ScreenStats = { seen: 0, invalid: 0, compared: 0, kept: 0 };
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  let rssPeak = rssBefore;
  t0 = performance.now();
  for (const name of generatedNames(NAMES, 42, lookalikes)) {
    fast(name, stats);
    if (stats.seen % 10_000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
    if (stats.seen % 200_000 === 0) process.stderr.write(`screen: ${fmt(stats.seen)} names, ${fmt(stats.kept)} kept\n`);
  }
  const ms = performance.now() - t0;
  const rate = (stats.seen / ms) * 1000;
  const naiveRate = (SAMPLE / naiveMs) * 1000;
  const widths = [44, 10, 10, 10, 8];
  out.push(row(['screen', 'names/s', 'time', 'compared', 'kept'], widths));
  out.push(row(['pre-filter + compareHost', fmt(rate), `${fmt(ms / 1000, 1)} s`, fmt(stats.compared), fmt(stats.kept)], widths));
  out.push(
    row(
      [`baseline: compareHost on all (${fmt(SAMPLE)} sample)`, fmt(naiveRate), `${fmt((NAMES / naiveRate), 1)} s*`, fmt(SAMPLE), fmt(naiveKept.length)],
      widths,
    ),
  );
  out.push(
    '',
    `speed-up: ${fmt(rate / naiveRate, 1)}x   RSS during the screen: ${fmt(rssBefore)} → peak ${fmt(rssPeak)} MB ` +
      `(process max ${fmt(maxRssMb())} MB)   same hits as the baseline on the sample: ${agree ? 'yes' : 'NO'}   (* extrapolated)`,
  );
}

async function benchDns(out: string[], permutations: readonly string[]): Promise<void> {
  out.push('', `## Bulk DNS (sandbox DNS on 127.0.0.1, ${fmt(DNS_NAMES)} names, concurrency ${DEFAULT_DNS_CONCURRENCY})`, '');
  const sandbox = await startSandbox();
  try {
    const corpusHosts = corpus.map((s) => s.host);
    const names = [...new Set([...corpusHosts, ...permutations])].slice(0, DNS_NAMES);
    const tally = { resolves: 0, nxdomain: 0, error: 0 };
    const t0 = performance.now();
    for await (const r of resolveMany(names, { server: sandbox.dnsServer })) tally[r.status]++;
    const ms = performance.now() - t0;
    const cache = new Map();
    for await (const r of resolveMany(names, { server: sandbox.dnsServer, cache })) void r;
    const t1 = performance.now();
    for await (const r of resolveMany(names, { server: sandbox.dnsServer, cache })) void r;
    const cachedMs = performance.now() - t1;
    const widths = [22, 12, 12, 10, 10, 8];
    out.push(row(['run', 'names/s', 'time', 'resolves', 'nxdomain', 'error'], widths));
    out.push(row(['cold', fmt((names.length / ms) * 1000), `${fmt(ms / 1000, 2)} s`, tally.resolves, tally.nxdomain, tally.error], widths));
    out.push(row(['warm (cache)', fmt((names.length / cachedMs) * 1000), `${fmt(cachedMs / 1000, 2)} s`, '', '', ''], widths));
  } finally {
    await sandbox.close();
  }
}

function coverage(out: string[]): void {
  out.push('', '## Coverage of the corpus counterfeits (names only: what a feed or enumeration alone would find)', '');
  const screen = makeScreen(platforms);
  const made = new Set(officialHosts.flatMap((h) => permute(h).flatMap((p) => [p.domain, p.host])));
  const widths = [34, 12, 22, 22];
  out.push(row(['part', 'counterfeits', 'kept by the screen', 'made by permutations'], widths));
  for (const [part, round] of [['tuning part', undefined], ['held-aside round 1', 1], ['held-aside round 2', 2], ['held-aside round 3', 3]] as const) {
    const hosts = corpus.filter((s) => s.label === 'counterfeit' && s.holdout === round).map((s) => s.host);
    const kept = hosts.filter((h) => screen(h) !== null).length;
    const perm = hosts.filter((h) => made.has(h)).length;
    const pct = (n: number) => `${n} (${fmt((100 * n) / Math.max(1, hosts.length))}%)`;
    out.push(row([part, hosts.length, pct(kept), pct(perm)], widths));
  }
  out.push('', 'The rest come from search, feeds and certificate transparency, where the page, not the name, gives them away.');
}

async function main(): Promise<void> {
  const out: string[] = [`# Discovery benchmark — node ${process.version}, ${new Date().toISOString()}`];
  const permutations = benchPermutations(out);
  await benchScreen(out, permutations);
  await benchDns(out, permutations);
  coverage(out);
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
