import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../model/snapshot.js';
import { loadRules } from '../../rules/index.js';
import type { DetectorInput } from '../types.js';
import {
  FINAL_LOOKALIKE_SIGNAL,
  LOOKALIKE_SIGNAL,
  compareHost,
  domainLookalike,
  editDistance,
  foldConfusions,
  foldHomoglyphs,
  segment,
} from './index.js';

const { platforms } = loadRules();

/** A minimal snapshot of a visit to `url` that ended on `finalUrl` (the detector reads only the URLs). */
function snapshotOf(url: string, finalUrl = url): PageSnapshot {
  const now = new Date(0).toISOString();
  return {
    version: 1,
    input: url,
    url,
    finalUrl,
    redirects: finalUrl === url ? [] : [{ from: url, to: finalUrl, kind: 'http', status: 302 }],
    status: 200,
    contentType: 'text/html',
    title: '',
    text: '',
    staticText: null,
    forms: [],
    links: [],
    favicon: null,
    screenshot: null,
    html: null,
    dns: null,
    whois: null,
    notes: [],
    blockedRequests: [],
    timings: { startedAt: now, finishedAt: now, dnsMs: null, whoisMs: null, renderMs: null, totalMs: 0 },
  };
}

function inputOf(url: string, finalUrl = url): DetectorInput {
  return { snapshot: snapshotOf(url, finalUrl), references: [], platforms, readArtifact: () => null };
}

const scoreOf = (host: string): number => compareHost(host, platforms)?.score ?? 0;

describe('domain-lookalike flags look-alike hosts', () => {
  const cases: { name: string; host: string; min: number; platform: string; technique: string }[] = [
    { name: 'hyphenated copy', host: 'cx-mem-gov.cn', min: 0.9, platform: 'mem-cx', technique: 'hyphenated-copy' },
    { name: 'concatenated copy', host: 'cxmemgov.com', min: 0.8, platform: 'mem-cx', technique: 'concatenated-copy' },
    { name: 'concatenated then hyphenated gov', host: 'cxmem-gov.cn', min: 0.9, platform: 'mem-cx', technique: 'concatenated-copy' },
    { name: 'copy on a .com.cn ending', host: 'cx-mem.com.cn', min: 0.7, platform: 'mem-cx', technique: 'lookalike-suffix' },
    { name: 'official host as prefix', host: 'cx.mem.gov.cn.example.top', min: 0.9, platform: 'mem-cx', technique: 'official-host-as-prefix' },
    { name: 'gov.cn borrowed before .com', host: 'cxmem-gov.cn.com', min: 0.9, platform: 'mem-cx', technique: 'lookalike-suffix' },
    { name: 'gov token', host: 'zlaq-mohurd-gov.cn', min: 0.9, platform: 'mohurd-zlaq', technique: 'gov-token' },
    { name: 'rn read as m', host: 'cx-rnem-gov.cn', min: 0.9, platform: 'mem-cx', technique: 'letter-confusion' },
    { name: '0 read as o, whole official host', host: 'cx.mem.g0v.cn', min: 0.95, platform: 'mem-cx', technique: 'folded-copy' },
    { name: '1 read as l', host: 'z1aq-mohurd-gov.com', min: 0.8, platform: 'mohurd-zlaq', technique: 'letter-confusion' },
    { name: 'one-letter typo', host: 'cx-men-gov.cn', min: 0.8, platform: 'mem-cx', technique: 'edit-distance' },
    { name: 'Cyrillic homoglyph via punycode', host: 'cx-m\u0435m-gov.cn', min: 0.95, platform: 'mem-cx', technique: 'homoglyph' },
    { name: 'second official host copied', host: 'cnse-ecqs.cn', min: 0.9, platform: 'samr-cnse', technique: 'edit-distance' },
    { name: 'pinyin subject words', host: 'tzzy-chaxun.com', min: 0.5, platform: 'mem-cx', technique: 'subject-words' },
    { name: 'pinyin abbreviations on .cn', host: 'aqsc-zscx.cn', min: 0.5, platform: 'mem-cx', technique: 'subject-words' },
    { name: 'concatenated pinyin', host: 'tzzychaxun.com', min: 0.5, platform: 'mem-cx', technique: 'subject-words' },
    { name: 'pinyin words on .cn.com', host: 'jianzhu-zhengshu.cn.com', min: 0.6, platform: 'mohurd-zlaq', technique: 'subject-words' },
    { name: 'agency word with gov.cn borrowed', host: 'mem.gov.cn.com', min: 0.6, platform: 'mem-cx', technique: 'gov-token' },
  ];
  for (const c of cases) {
    it(`flags a ${c.name}: ${c.host}`, () => {
      // As a scan receives a host: in punycode (the Cyrillic е of one case, U+0435, in place of the Latin e).
      const r = compareHost(domainToASCII(c.host), platforms);
      expect(r).not.toBeNull();
      expect(r?.score).toBeGreaterThanOrEqual(c.min);
      expect(r?.score).toBeLessThan(1);
      expect(r?.platform).toBe(c.platform);
      expect(r?.techniques).toContain(c.technique);
    });
  }

  it('records the matched official host and the edit distances as evidence', () => {
    const [signal] = domainLookalike.detect(inputOf('http://cx-men-gov.cn/'));
    expect(signal?.id).toBe(LOOKALIKE_SIGNAL);
    expect(signal?.platform).toBe('mem-cx');
    expect(signal?.evidence?.officialHost).toBe('cx.mem.gov.cn');
    expect(signal?.evidence?.distances).toEqual({ 'cx.mem.gov.cn': { name: 1, host: 1 } });
    expect(signal?.detail).toContain('cx.mem.gov.cn');
  });

  it('scores the full copy above the name alone, and the name alone mid-range', () => {
    expect(scoreOf('cx-mem-gov.cn')).toBeGreaterThan(scoreOf('cxmem.com'));
    expect(scoreOf('cxmem.com')).toBeGreaterThanOrEqual(0.4);
    expect(scoreOf('cxmem.com')).toBeLessThanOrEqual(0.6);
  });

  it('counts a gov token alone only weakly and names no platform', () => {
    const r = compareHost('gov-cn.com', platforms);
    expect(r?.platform).toBeNull();
    expect(r?.score).toBeLessThan(0.4);
  });
});

describe('domain-lookalike leaves official and unrelated hosts alone', () => {
  it.each([
    ['official host', 'cx.mem.gov.cn'],
    ['www before an official host', 'www.cx.mem.gov.cn'],
    ['official host outside .gov.cn', 'cnse.e-cqs.cn'],
    ['official host in upper case with a trailing dot', 'ZLAQ.MOHURD.GOV.CN.'],
    ['another host of an official registrable domain', 'www.e-cqs.cn'],
    ['provincial .gov.cn portal', 'yjt.henan.gov.cn'],
    ['IP address', '203.0.113.7'],
  ])('reports nothing for an %s: %s', (_name, host) => {
    expect(compareHost(host, platforms)).toBeNull();
  });

  const low = ['baidu.com', 'people.com.cn', 'www.chinasafety.ac.cn', 'jd.com', 'sina.com.cn', 'memory.com', 'example-cx.com'];
  for (const host of low) {
    it(`scores an unrelated host low: ${host}`, () => {
      expect(scoreOf(host)).toBeLessThan(0.3);
    });
  }

  it('gives the official entry point no signal at all', () => {
    expect(domainLookalike.detect(inputOf('https://cx.mem.gov.cn/'))).toEqual([]);
  });
});

describe('domain-lookalike reads the hosts of the snapshot', () => {
  it('adds a second signal when a redirect ended on another look-alike host', () => {
    const signals = domainLookalike.detect(inputOf('http://jd.com/', 'http://cx-mem-gov.cn/query'));
    expect(signals.map((s) => s.id)).toEqual([FINAL_LOOKALIKE_SIGNAL]);
    expect(signals[0]?.evidence?.host).toBe('cx-mem-gov.cn');
  });

  it('reports only the look-alike it started on when it redirects to the official site', () => {
    const signals = domainLookalike.detect(inputOf('http://cxmemgov.com/', 'https://cx.mem.gov.cn/'));
    expect(signals.map((s) => s.id)).toEqual([LOOKALIKE_SIGNAL]);
  });

  it('falls back to the input when the url is not a URL', () => {
    const input = inputOf('cx-mem-gov.cn');
    const snapshot = { ...input.snapshot, url: '', finalUrl: '' };
    const signals = domainLookalike.detect({ ...input, snapshot });
    expect(signals[0]?.evidence?.host).toBe('cx-mem-gov.cn');
  });
});

describe('domain-lookalike building blocks', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('cxmem', 'xcmem')).toBe(1);
    expect(editDistance('cxmem', 'cxmem')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('folds Cyrillic, Greek and full-width letters to ASCII', () => {
    expect(foldHomoglyphs('\u0441\u0445-m\u0435m').text).toBe('cx-mem');
    expect(foldHomoglyphs('g\u03bfv').text).toBe('gov');
    expect(foldHomoglyphs('\uff43\uff58').text).toBe('cx');
    expect(foldHomoglyphs('plain').changed).toBe(false);
  });

  it('folds letter confusions', () => {
    expect(foldConfusions('cx-rnem-g0v')).toBe('cx-mem-gov');
    expect(foldConfusions('vvww-clear-z1aq')).toBe('www-dear-zlaq');
  });

  it('splits a run-together label into known words, or gives up', () => {
    const vocab = new Set(['tzzy', 'chaxun', 'cx', 'mem', 'gov']);
    expect(segment('tzzychaxun', vocab)).toEqual(['tzzy', 'chaxun']);
    expect(segment('cxmemgov', vocab)).toEqual(['cx', 'mem', 'gov']);
    expect(segment('cxmemory', vocab)).toBeNull();
  });
});
