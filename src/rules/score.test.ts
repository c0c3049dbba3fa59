import { describe, expect, it } from 'vitest';
import type { Signal } from '../model/signal.js';
import { RulesInvalidError, loadRules, parseRules, score, unreachableVerdict } from './index.js';
import { officialPlatformOf } from '../model/platform.js';
import { runDetectors } from '../detectors/index.js';
import { pageSnapshot } from '../../test/fixtures/snapshots.js';
import platformsJson from './platforms.json' with { type: 'json' };
import rulesJson from './rules.json' with { type: 'json' };

const rules = loadRules();
const lookalike = (s: number, platform: string | null = 'mem-cx'): Signal => ({
  id: 'domain.lookalike',
  score: s,
  platform,
  detail: `look-alike ${s}`,
});

describe('rules files', () => {
  it('validates the bundled rules.json and platforms.json', () => {
    expect(rules.platforms.map((p) => p.id)).toEqual(['mem-cx', 'mohurd-zlaq', 'samr-cnse']);
    expect(rules.weights['domain.lookalike']).toBeGreaterThan(0);
    expect(rules.thresholds.suspicious).toBeLessThan(rules.thresholds.counterfeit);
  });

  it('rejects a weight outside 0..100, naming the file and the field', () => {
    const bad = { ...rulesJson, weights: { 'domain.lookalike': 150 } };
    expect(() => parseRules(bad, platformsJson)).toThrow(RulesInvalidError);
    expect(() => parseRules(bad, platformsJson)).toThrow(/rules\.json.*weights\.domain\.lookalike/);
  });

  it('rejects an attribution weight outside 0..100, and attributes by the positive weights when a file has none', () => {
    expect(() => parseRules({ ...rulesJson, attribution: { 'content.phrases': -5 } }, platformsJson)).toThrow(/attribution\.content\.phrases/);
    const { attribution: _drop, ...older } = rulesJson;
    const parsed = parseRules(older, platformsJson);
    expect(parsed.attribution['domain.lookalike']).toBe(rulesJson.weights['domain.lookalike']);
    expect(parsed.attribution['content.article']).toBeUndefined();
  });

  it('rejects thresholds in the wrong order', () => {
    const bad = { ...rulesJson, thresholds: { counterfeit: 30, suspicious: 60 } };
    expect(() => parseRules(bad, platformsJson)).toThrow(/suspicious must not exceed/);
  });

  it('rejects an official host listed under two platforms', () => {
    const [first, second] = platformsJson.platforms;
    const bad = { platforms: [first, { ...second, officialHosts: ['cx.mem.gov.cn'] }] };
    expect(() => parseRules(rulesJson, bad)).toThrow(/platforms\.json.*listed twice/);
  });

  it('gives a rules error the usage exit code', () => {
    try {
      parseRules({}, platformsJson);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RulesInvalidError);
      expect((err as RulesInvalidError).exitCode).toBe(2);
    }
  });
});

describe('officialPlatformOf', () => {
  it('knows an exact official host and www before it', () => {
    expect(officialPlatformOf('cx.mem.gov.cn', rules.platforms)?.id).toBe('mem-cx');
    expect(officialPlatformOf('www.cnse.e-cqs.cn', rules.platforms)?.id).toBe('samr-cnse');
    expect(officialPlatformOf('CNSE.SAMR.GOV.CN.', rules.platforms)?.id).toBe('samr-cnse');
  });

  it('does not count a sub-domain or a parent of an official host', () => {
    expect(officialPlatformOf('a.cx.mem.gov.cn', rules.platforms)).toBeNull();
    expect(officialPlatformOf('mem.gov.cn', rules.platforms)).toBeNull();
  });
});

describe('score', () => {
  it('calls an official host official with score 0, whatever the signals say', () => {
    const v = score([lookalike(0.95)], rules, { host: 'cx.mem.gov.cn' });
    expect(v).toMatchObject({ verdict: 'official', score: 0, platform: 'mem-cx' });
    expect(v.contributions).toHaveLength(1);
  });

  it('makes a strong domain look-alike alone suspicious, and counterfeit with a query form on the page', () => {
    const v = score([lookalike(0.9)], rules, { host: 'cx-mem-gov.cn' });
    expect(v.verdict).toBe('suspicious');
    expect(v.platform).toBe('mem-cx');
    const form: Signal = { id: 'content.query-form', score: 0.85, platform: 'mem-cx', detail: 'form' };
    const phrases: Signal = { id: 'content.phrases', score: 0.6, platform: 'mem-cx', detail: 'phrases' };
    const w = score([lookalike(0.9), form, phrases, { id: 'registration.missing', score: 0.45, detail: 'no ICP' }], rules, { host: 'cx-mem-gov.cn' });
    expect(w.verdict).toBe('counterfeit');
    expect(w.score).toBeGreaterThanOrEqual(rules.thresholds.counterfeit);
  });

  it('makes a mid domain look-alike alone suspicious', () => {
    const v = score([lookalike(0.5)], rules, { host: 'tzzy-chaxun.com' });
    expect(v.verdict).toBe('suspicious');
    expect(v.platform).toBe('mem-cx');
  });

  it('calls a site with weak or no signals benign, with no platform', () => {
    expect(score([lookalike(0.2)], rules, { host: 'example.com' })).toMatchObject({ verdict: 'benign', platform: null });
    expect(score([], rules, { host: 'example.com' })).toEqual({ verdict: 'benign', score: 0, platform: null, contributions: [], attribution: [] });
  });

  it('applies the thresholds inclusively', () => {
    const custom = { ...rules, pageEvidence: null, weights: { x: 100 }, thresholds: { counterfeit: 70, suspicious: 40 } };
    const at = (s: number) => score([{ id: 'x', score: s, detail: '' }], custom, { host: null }).verdict;
    expect(at(0.7)).toBe('counterfeit');
    expect(at(0.69)).toBe('suspicious');
    expect(at(0.4)).toBe('suspicious');
    expect(at(0.39)).toBe('benign');
  });

  it('combines independent signals as a noisy-or that never passes 100', () => {
    const custom = { ...rules, pageEvidence: null, weights: { a: 50, b: 50 } };
    const both = score(
      [
        { id: 'a', score: 1, detail: '' },
        { id: 'b', score: 1, detail: '' },
      ],
      custom,
      { host: null },
    );
    expect(both.score).toBe(75);
    const many = Array.from({ length: 20 }, () => ({ id: 'a', score: 1, detail: '' }));
    expect(score(many, custom, { host: null }).score).toBeLessThanOrEqual(100);
  });

  it('lists every signal with its weight, strongest first, and unknown ids with weight 0', () => {
    const v = score(
      [{ id: 'nobody.knows', score: 1, detail: 'mystery' }, lookalike(0.3), lookalike(0.9)],
      rules,
      { host: 'cx-mem-gov.cn' },
    );
    expect(v.contributions.map((c) => [c.id, c.score, c.weight])).toEqual([
      ['domain.lookalike', 0.9, rules.weights['domain.lookalike']],
      ['domain.lookalike', 0.3, rules.weights['domain.lookalike']],
      ['nobody.knows', 1, 0],
    ]);
    expect(v.contributions[2]?.detail).toBe('mystery');
  });

  it('takes the platform with the most attribution weight × strength, and lists each signal\'s platform', () => {
    const custom = { ...rules, pageEvidence: null, weights: { a: 90, b: 60 }, attribution: { b: 100 } };
    const v = score(
      [
        { id: 'b', score: 1, platform: 'samr-cnse', detail: '' },
        { id: 'a', score: 1, platform: 'mem-cx', detail: '' },
        { id: 'b', score: 0.5, platform: 'mem-cx', detail: '' },
      ],
      custom,
      { host: 'fake.example' },
    );
    expect(v.verdict).toBe('counterfeit');
    // `a` proves the site fake but says nothing about which platform (attribution weight 0).
    expect(v.platform).toBe('samr-cnse');
    expect(v.attribution).toEqual([
      { platform: 'samr-cnse', weight: 100 },
      { platform: 'mem-cx', weight: 50 },
    ]);
    expect(v.contributions.map((c) => c.platform)).toEqual(['mem-cx', 'samr-cnse', 'mem-cx']);
  });

  it('attributes by what the page says it is over what its name resembles (bundled rules)', () => {
    // A sales-style page on a name built from a subject word one platform uses, showing another platform's
    // own phrases and copying its text.
    const v = score(
      [
        { id: 'domain.lookalike', score: 0.6, platform: 'mem-cx', detail: 'subject words' },
        { id: 'content.phrases', score: 1, platform: 'mohurd-zlaq', detail: 'phrases' },
        { id: 'content.copy', score: 0.3, platform: 'mohurd-zlaq', detail: 'copy' },
        { id: 'sales.certificate-sales', score: 1, detail: 'sales' },
      ],
      rules,
      { host: 'anquan-zheng.example' },
    );
    expect(v.verdict).toBe('counterfeit');
    expect(v.platform).toBe('mohurd-zlaq');
    // Only the name points at mem-cx; it still ranks, second.
    expect(v.attribution.map((a) => a.platform)).toEqual(['mohurd-zlaq', 'mem-cx']);
  });

  it('attributes by the name alone when nothing on the page names a platform', () => {
    const v = score(
      [
        { id: 'domain.lookalike', score: 1, platform: 'samr-cnse', detail: 'hyphenated official host' },
        { id: 'content.query-form', score: 1, platform: 'mem-cx', detail: 'form' },
      ],
      rules,
      { host: 'cnse-e-cqs.example' },
    );
    expect(v.platform).toBe('samr-cnse');
  });

  it('breaks an attribution tie by the larger counterfeit part', () => {
    const custom = { ...rules, pageEvidence: null, weights: { a: 90, b: 40 }, attribution: { a: 50, b: 50 } };
    const v = score(
      [
        { id: 'b', score: 1, platform: 'mem-cx', detail: '' },
        { id: 'a', score: 1, platform: 'samr-cnse', detail: '' },
      ],
      custom,
      { host: null },
    );
    expect(v.platform).toBe('samr-cnse');
  });

  it('clamps an out-of-range signal score into 0..1', () => {
    const v = score([lookalike(7)], { ...rules, pageEvidence: null }, { host: null });
    expect(v.contributions[0]?.score).toBe(1);
    expect(v.score).toBe(rules.weights['domain.lookalike']);
  });
});

describe('unreachableVerdict', () => {
  it('is unreachable with score 0, no platform and no contributions', () => {
    expect(unreachableVerdict('NXDOMAIN')).toEqual({ verdict: 'unreachable', score: 0, platform: null, contributions: [], attribution: [] });
  });
});

describe('a counterfeit verdict needs evidence from the page', () => {
  const whois = (created: string) => ({
    domain: 'cx-mem-gov.top',
    server: 'whois.nic.top',
    raw: '',
    fields: { creationDate: `${created}T00:00:00Z`, registrar: 'NameSilo, LLC', registrantOrganization: 'REDACTED FOR PRIVACY' },
    error: null,
  });
  // A parked look-alike: the name copies cx.mem.gov.cn, registered a month ago behind a privacy service, and
  // the page has no content (a server's default page).
  const parked = pageSnapshot('http://cx-mem-gov.top/', {
    title: 'Welcome',
    text: 'It works!',
    staticText: 'It works!',
    forms: [],
    links: [],
    whois: whois('2026-10-20'),
  });
  const run = (snapshot: typeof parked) =>
    score(runDetectors({ snapshot, references: [], platforms: rules.platforms, readArtifact: () => null }).signals, rules, { host: 'cx-mem-gov.top' });

  it('calls a parked look-alike with no content at most suspicious, however strong its name', () => {
    const v = run(parked);
    expect(v.contributions.find((c) => c.id === 'domain.lookalike')?.score).toBeGreaterThan(0.8);
    // The name and the record alone would pass the counterfeit threshold…
    const nameAlone = score(v.contributions.map((c) => ({ ...c, platform: c.platform ?? null })), { ...rules, pageEvidence: null }, { host: 'cx-mem-gov.top' });
    expect(nameAlone.verdict).toBe('counterfeit');
    // …but without evidence from the page the verdict stops below it.
    expect(v.verdict).toBe('suspicious');
    expect(v.score).toBe(rules.thresholds.counterfeit - 1);
  });

  it('pulls a parking page (the name held for sale) out of the review queue', () => {
    const forSale = { ...parked, title: 'cx-mem-gov.top 此域名可转让', text: 'cx-mem-gov.top\n此域名正在出售，欢迎议价。\nThis domain may be for sale.' };
    const v = run(forSale);
    expect(v.contributions.find((c) => c.id === 'content.parked')?.score).toBeGreaterThan(0.5);
    expect(v.score).toBeLessThan(run(parked).score);
  });

  it('calls the same name counterfeit once the page presents a certificate query', () => {
    const field = (name: string, label: string) => ({ tag: 'input' as const, type: 'text', name, id: name, label, placeholder: null });
    const query = pageSnapshot('http://cx-mem-gov.top/', {
      whois: whois('2026-10-20'),
      text: '特种作业操作证查询\n证件号码\n姓名\n验证码\n查询',
      forms: [{ action: 'http://cx-mem-gov.top/query', method: 'post', fields: [field('zjhm', '证件号码'), field('xm', '姓名'), field('yzm', '验证码'), { tag: 'button', type: 'submit', name: null, id: null, label: null, placeholder: null }] }],
    });
    const v = run(query);
    expect(v.verdict, v.contributions.map((c) => `${c.id} ${c.score}`).join(', ')).toBe('counterfeit');
  });
});
