import { describe, expect, it } from 'vitest';
import type { ExtrasQuestion, PageFacts } from '../crawler/extras.js';
import type { PageSnapshot } from '../model/snapshot.js';
import type { Contribution } from '../model/verdict.js';
import { loadRules, score } from '../rules/index.js';
import { couldChange, judgePartial, planExtras, scoreReach, viewFeeds, type Feed } from './extras-policy.js';

const rules = loadRules();
const signal = (id: string, s: number, platform?: string): Contribution => ({ id, score: s, weight: rules.weights[id] ?? 0, detail: '', ...(platform ? { platform } : {}) });

/** The scorer's own score with each fed signal set to a strength. */
function scored(contributions: readonly Contribution[], set: Readonly<Record<string, number>>): number {
  const ids = new Set([...contributions.map((c) => c.id), ...Object.keys(set)]);
  const signals = [...ids].map((id) => ({ id, score: set[id] ?? contributions.find((c) => c.id === id)!.score, detail: '' }));
  return score(signals, rules, { host: 'example.com' }).score;
}

describe('scoreReach', () => {
  it('gives the scorer\'s own score with the fed signals at their extremes', () => {
    const now = [signal('domain.lookalike', 0.5), signal('content.copy', 0.4), signal('content.article', 0.3), signal('record.established', 0.2)];
    const feeds: Feed[] = [
      { id: 'content.copy', can: 'raise' },
      { id: 'content.article', can: 'any' },
      { id: 'probe.validates-impossible', can: 'any' },
    ];
    const { min, max } = scoreReach(now, feeds, rules);
    expect(Math.round(max)).toBe(scored(now, { 'content.copy': 1, 'content.article': 0, 'probe.validates-impossible': 1 }));
    expect(Math.round(min)).toBe(scored(now, { 'content.copy': 0.4, 'content.article': 1, 'probe.validates-impossible': 0 }));
  });

  it('keeps a signal a view can only lower at or below where it is', () => {
    const now = [signal('domain.lookalike', 0.9), signal('content.article', 0.5)];
    const { max } = scoreReach(now, [{ id: 'content.article', can: 'lower' }], rules);
    expect(Math.round(max)).toBe(scored(now, { 'content.article': 0 }));
    const { min } = scoreReach(now, [{ id: 'content.article', can: 'lower' }], rules);
    expect(Math.round(min)).toBe(scored(now, {}));
  });
});

describe('couldChange', () => {
  const verdictOf = (contributions: Contribution[]) => {
    const v = score(contributions.map((c) => ({ id: c.id, score: c.score, detail: '', platform: c.platform ?? null })), rules, { host: 'example.com' });
    return v;
  };

  it('skips the probe on a counterfeit whose platform no probe signal can move', () => {
    const v = verdictOf([signal('domain.lookalike', 1, 'mem-cx'), signal('content.copy', 1, 'mem-cx'), signal('content.phrases', 1, 'mem-cx')]);
    expect(v.verdict).toBe('counterfeit');
    expect(couldChange(v, viewFeeds('probe', v), rules)).toBeNull();
  });

  it('takes the probe on a benign page: one impossible certificate declared valid would make it counterfeit', () => {
    const v = verdictOf([signal('content.query-form', 0.3)]);
    expect(v.verdict).toBe('benign');
    expect(couldChange(v, viewFeeds('probe', v), rules)?.en).toMatch(/could reach \d+ \(counterfeit\)/);
  });

  it('takes a view that could overturn a narrow platform lead', () => {
    const v = verdictOf([signal('domain.lookalike', 1, 'mem-cx'), signal('content.query-form', 1, 'mem-cx'), signal('registration.gov-claim', 1, 'mohurd-zlaq')]);
    expect(v.verdict).toBe('counterfeit');
    expect(couldChange(v, viewFeeds('mobile', v), rules)?.en).toMatch(/leads by 15/);
  });

  it('never takes a view on an official host', () => {
    const v = { ...verdictOf([]), verdict: 'official' as const };
    expect(couldChange(v, viewFeeds('probe', v), rules)).toBeNull();
  });
});

describe('planExtras', () => {
  const page = (over: Partial<PageFacts> = {}): PageFacts => ({ queryForm: false, headerPictures: 0, headerText: '', sameSiteLinks: 0, belowRoot: false, ...over });
  const snapshotOf = (url: string, title: string, text: string): PageSnapshot => {
    const now = new Date(0).toISOString();
    return {
      version: 1, input: url, url, finalUrl: url, redirects: [], status: 200, contentType: 'text/html', title, text, staticText: text,
      forms: [], links: [], favicon: null, screenshot: null, html: null, dns: null, whois: null, notes: [], blockedRequests: [],
      timings: { startedAt: now, finishedAt: now, dnsMs: null, whoisMs: null, renderMs: null, totalMs: 0 },
    };
  };
  const ask = (url: string, host: string, facts: PageFacts, text = '欢迎光临'): ExtrasQuestion => ({
    index: 0,
    host,
    snapshot: snapshotOf(url, '首页', text),
    artifacts: [],
    page: facts,
    pending: ['plainFetch', 'depth', 'ocr', 'mobile', 'probe'],
  });
  const ctx = { rules, references: [], readArtifact: () => null };
  const decide = (q: ExtrasQuestion) => planExtras(q, judgePartial(q, ctx), rules);

  it('answers every pending view with a reason in English and Chinese', () => {
    const plan = decide(ask('http://cx-mem-gov.cn/', 'cx-mem-gov.cn', page({ queryForm: true, headerPictures: 2, sameSiteLinks: 3 })));
    for (const view of ['plainFetch', 'depth', 'ocr', 'mobile', 'probe'] as const) {
      expect(plan[view]?.reason).toBeTruthy();
      expect(plan[view]?.reasonZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('leaves a view alone when the page gives it nothing to find', () => {
    const plan = decide(ask('http://cx-mem-gov.cn/', 'cx-mem-gov.cn', page()));
    expect(plan.probe).toMatchObject({ run: false, reason: 'no query form' });
    expect(plan.ocr).toMatchObject({ run: false, reason: 'no picture in the header band' });
    expect(plan.depth).toMatchObject({ run: false, reason: 'no same-site link to follow' });
  });

  it('skips OCR when the header text already names a platform', () => {
    const plan = decide(ask('http://cx-mem-gov.cn/', 'cx-mem-gov.cn', page({ headerPictures: 1, headerText: '中华人民共和国应急管理部' })));
    expect(plan.ocr?.run).toBe(false);
    expect(plan.ocr?.reason).toMatch(/already names/);
  });

  it('takes no view on an official platform\'s own host', () => {
    const plan = decide(ask('http://cx.mem.gov.cn/', 'cx.mem.gov.cn', page({ queryForm: true, headerPictures: 1, sameSiteLinks: 2 })));
    expect(Object.values(plan).every((d) => d?.run === false)).toBe(true);
  });

  it('renders as WeChat on a phone a page that asks to be opened there, whatever its desktop view scores', () => {
    for (const text of ['请在微信客户端打开链接', '請用手機掃碼訪問本頁', '本查询仅支持微信访问']) {
      const plan = decide(ask('http://wx-example.cn/', 'wx-example.cn', page(), text));
      expect(plan.mobile, text).toMatchObject({ run: true });
      expect(plan.mobile?.reasonZh, text).toMatch(/要求在微信或手机上打开/);
    }
    expect(decide(ask('http://wx-example.cn/', 'wx-example.cn', page(), '欢迎关注我们的微信公众号')).mobile?.run).toBe(false);
  });

  it('probes a query form while the verdict is open, even behind a look-alike name (a name alone is no proof)', () => {
    const open = decide(ask('http://peixun-example.com/', 'peixun-example.com', page({ queryForm: true })));
    expect(open.probe?.run).toBe(true);
    expect(open.plainFetch).toMatchObject({ run: false, reason: 'nothing suspicious on the page or in its name' });
    const named = decide(ask('http://cx-mem-gov.cn/', 'cx-mem-gov.cn', page({ queryForm: true })));
    expect(named.probe?.run).toBe(true);
    expect(named.probe?.reason).toMatch(/could reach \d+ \(counterfeit\)/);
  });
});
