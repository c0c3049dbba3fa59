import { describe, expect, it } from 'vitest';
import { compareHost } from '../detectors/domain-lookalike/index.js';
import { UsageError } from '../errors.js';
import { loadRules } from '../rules/index.js';
import { corpus } from '../sandbox/corpus/index.js';
import { permute } from '../crawler/seeds/permutations/index.js';
import { DEFAULT_SCREEN_THRESHOLD, buildPrefilter, makeScreen, normaliseName, screenNames, type ScreenHit, type ScreenStats } from './screen.js';
import screenData from './screen.json' with { type: 'json' };

const { platforms } = loadRules();

/** A small seeded generator (mulberry32), so the mix is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A realistic mix: permutations of the official hosts, pinyin names, English names, near misses, noise. */
function mixedNames(count: number, seed: number): string[] {
  const rnd = random(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const perms = ['cx.mem.gov.cn', 'zlaq.mohurd.gov.cn', 'cnse.e-cqs.cn', 'cnse.samr.gov.cn'].flatMap((h) => permute(h).map((p) => p.host));
  const syllables = ['an', 'quan', 'zheng', 'shu', 'cha', 'xun', 'mem', 'tz', 'zy', 'gov', 'cn', 'xin', 'xi', 'jian', 'zhu', 'ke', 'ji', 'cx', 'zs', 'sam', 'r'];
  const words = ['member', 'memory', 'memes', 'govern', 'samurai', 'tzatziki', 'cxense', 'best', 'shop', 'cloud', 'query', 'cert', 'zhengshu'];
  const tlds = ['com', 'cn', 'net', 'com.cn', 'cn.com', 'top', 'xyz', 'org.cn', 'gov.cn'];
  return Array.from({ length: count }, () => {
    const r = rnd();
    if (r < 0.3) return pick(perms);
    const sep = rnd() < 0.3 ? '-' : '';
    if (r < 0.7) return `${pick(syllables)}${pick(syllables)}${sep}${pick(syllables)}.${pick(tlds)}`;
    if (r < 0.9) return `${rnd() < 0.2 ? 'www.' : ''}${pick(words)}${sep}${pick(words)}.${pick(tlds)}`;
    return `${Array.from({ length: 4 + Math.floor(rnd() * 9) }, () => pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join('')}.${pick(tlds)}`;
  });
}

describe('the domain screen', () => {
  it('keeps the corpus counterfeits that are look-alikes by name, with their platform, and drops unrelated names', () => {
    const screen = makeScreen(platforms);
    for (const host of ['cx-mem-gov.cn', 'xn--cx-mm-2we.com', 'cx-rnem-gov.cn', 'tzzy-chaxun.com', 'mohurd-zlaq.com.cn', 'cnse-e-cqs.com']) {
      const hit = screen(host);
      expect(hit, host).not.toBeNull();
      expect(hit?.score).toBeGreaterThanOrEqual(DEFAULT_SCREEN_THRESHOLD);
    }
    expect(screen('samr-cnse.org.cn')?.platform).toBe('samr-cnse');
    for (const host of ['memberstore.com', 'bestshop.cn', 'cloudmemory.net', 'cx.mem.gov.cn', 'yjt.zj.gov.cn']) expect(screen(host), host).toBeNull();
  });

  it('keeps most of the corpus counterfeits and every one it keeps scores at least the threshold', () => {
    const screen = makeScreen(platforms);
    // The bar holds on the corpus it was set on; held-aside rounds 2 and later are measured, not asserted
    // (npm run bench:discovery prints its coverage).
    const counterfeits = corpus.filter((s) => s.label === 'counterfeit' && (s.holdout ?? 0) < 2).map((s) => s.host);
    const hits = counterfeits.map((h) => screen(h)).filter((h): h is ScreenHit => h !== null);
    // The rest carry no official label or subject word at all (chache-zheng.com, api.zs-cxdata.com):
    // only their pages give them away, so they come from search, not from name feeds.
    expect(hits.length / counterfeits.length).toBeGreaterThanOrEqual(0.9);
    expect(hits.every((h) => h.score >= DEFAULT_SCREEN_THRESHOLD)).toBe(true);
  });

  it('never drops in the pre-filter a name that the full comparison keeps', () => {
    const prefilter = buildPrefilter(platforms);
    const names = mixedNames(3000, 7);
    const kept = names.filter((n) => (compareHost(n, platforms)?.score ?? 0) >= DEFAULT_SCREEN_THRESHOLD);
    expect(kept.length).toBeGreaterThan(500);
    expect(kept.filter((n) => !prefilter(n))).toEqual([]);
    // And it is a filter: most unrelated names never reach the full comparison.
    const unrelated = names.filter((n) => compareHost(n, platforms) === null);
    expect(unrelated.filter((n) => prefilter(n)).length).toBeLessThan(unrelated.length / 2);
  });

  it('gives the same hits with and without the pre-filter', () => {
    const names = mixedNames(800, 11);
    const fast = makeScreen(platforms);
    const naive = makeScreen(platforms, { noPrefilter: true });
    expect(names.map((n) => fast(n)?.score ?? null)).toEqual(names.map((n) => naive(n)?.score ?? null));
  });

  it('streams an async feed in input order and reports progress counts', async () => {
    async function* feed(): AsyncGenerator<string> {
      yield 'cx-mem-gov.cn';
      yield '# a comment line';
      yield 'bestshop.cn';
      yield '*.cxmem-gov.cn.com.';
      yield 'http://mem-cx-gov.com/login';
      yield 'not a name';
    }
    const progress: ScreenStats[] = [];
    const hits: ScreenHit[] = [];
    for await (const h of screenNames(feed(), platforms, { onProgress: (s) => progress.push({ ...s }), progressEvery: 2 })) hits.push(h);
    expect(hits.map((h) => h.host)).toEqual(['cx-mem-gov.cn', 'cxmem-gov.cn.com', 'mem-cx-gov.com']);
    expect(hits[1]?.name).toBe('*.cxmem-gov.cn.com.');
    expect(progress.at(-1)).toEqual({ seen: 6, invalid: 2, compared: 3, kept: 3 });
    expect(progress.length).toBe(4);
  });

  it('normalises feed lines to hosts', () => {
    expect(normaliseName('  WWW.Example.COM. ')).toBe('www.example.com');
    expect(normaliseName('*.cx-mem-gov.cn')).toBe('cx-mem-gov.cn');
    expect(normaliseName('https://cx-mem-gov.cn/a?b')).toBe('cx-mem-gov.cn');
    expect(normaliseName('')).toBeNull();
    expect(normaliseName('localhost')).toBeNull();
  });

  it('takes its threshold from screen.json and refuses one outside 0..1', () => {
    expect(DEFAULT_SCREEN_THRESHOLD).toBe(screenData.screen);
    expect(() => makeScreen(platforms, { threshold: 1.5 })).toThrow(UsageError);
    const strict = makeScreen(platforms, { threshold: 0.97 });
    expect(strict('cx-mem-gov.cn')).toBeNull();
  });
});
