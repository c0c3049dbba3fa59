import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../model/snapshot.js';
import { loadRules } from '../../rules/index.js';
import type { DetectorInput } from '../types.js';
import type { Reference } from '../../model/reference.js';
import type { Signal } from '../../model/signal.js';
import {
  ARTICLE_SIGNAL,
  COPY_SIGNAL,
  FORM_SIGNAL,
  OWN_QUERY_SIGNAL,
  PHRASES_SIGNAL,
  containment,
  contentMatch,
  jaccard,
  parkedMeasure,
  shingles,
} from './index.js';
import { expectSignal } from '../../../test/fixtures/signals.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import {
  advertorial,
  blog,
  memCopy,
  memOfficial,
  memRewritten,
  newsArticle,
  shop,
  trainingSchool,
  zlaqOfficial,
} from '../../../test/fixtures/content-pages.js';

const { platforms } = loadRules();
const references: Reference[] = [
  { platform: 'mem-cx', snapshot: memOfficial },
  { platform: 'mohurd-zlaq', snapshot: zlaqOfficial },
];

function run(snapshot: PageSnapshot, refs: readonly Reference[] = references): Signal[] {
  const input: DetectorInput = { snapshot, references: refs, platforms, readArtifact: () => null };
  return contentMatch.detect(input);
}
const signal = (signals: Signal[], id: string): Signal | undefined => signals.find((s) => s.id === id);
const scoreOf = (signals: Signal[], id: string): number => signal(signals, id)?.score ?? 0;

describe('shingles', () => {
  it('cuts Chinese into character bigrams and ASCII into words', () => {
    expect([...shingles('证件查询 cx.mem')]).toEqual(['证件', '件查', '查询', 'cx', 'mem']);
  });
  it('folds full-width letters and spaces so a re-typed copy matches', () => {
    expect(jaccard(shingles('ＣＸ　证件'), shingles('cx 证件'))).toBe(1);
  });
  it('measures containment one way', () => {
    expect(containment(shingles('证件查询'), shingles('证件查询平台说明'))).toBe(1);
    expect(containment(shingles('证件查询平台说明'), shingles('证件查询'))).toBeLessThan(0.5);
  });
});

describe('content-match flags counterfeit content', () => {
  const cases: { name: string; page: PageSnapshot; refs?: Reference[]; id: string; min: number; max?: number; platform: string | null }[] = [
    { name: 'a verbatim copy reproduces the reference title and text', page: memCopy, id: COPY_SIGNAL, min: 0.85, platform: 'mem-cx' },
    { name: 'a verbatim copy has the official query form and field names', page: memCopy, id: FORM_SIGNAL, min: 0.9, platform: 'mem-cx' },
    { name: 'a verbatim copy shows the platform phrases', page: memCopy, id: PHRASES_SIGNAL, min: 0.8, platform: 'mem-cx' },
    { name: 'a rewritten copy still has a query form shaped like the platforms’', page: memRewritten, id: FORM_SIGNAL, min: 0.75, platform: 'mem-cx' },
    { name: 'a rewritten copy keeps some phrases', page: memRewritten, id: PHRASES_SIGNAL, min: 0.3, platform: 'mem-cx' },
    { name: 'a rewritten copy copies the title only in part', page: memRewritten, id: COPY_SIGNAL, min: 0.15, max: 0.6, platform: 'mem-cx' },
    { name: 'without references a copy still gets the form signal', page: memCopy, refs: [], id: FORM_SIGNAL, min: 0.85, platform: 'mem-cx' },
    { name: 'without references a copy still gets the phrases signal', page: memCopy, refs: [], id: PHRASES_SIGNAL, min: 0.8, platform: 'mem-cx' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = expectSignal(run(c.page, c.refs), c.id, c);
      expect(s.platform ?? null).toBe(c.platform);
      expect(s.detail).toMatch(/\S/);
    });
  }

  it('points the copy signal at the platform it copies, not the best-phrased one', () => {
    const zlaqCopy: PageSnapshot = { ...zlaqOfficial, finalUrl: 'http://zlaq-mohurd.cn/', url: 'http://zlaq-mohurd.cn/' };
    const s = signal(run(zlaqCopy), COPY_SIGNAL);
    expect(s?.platform).toBe('mohurd-zlaq');
    expect(s?.score).toBeGreaterThan(0.9);
  });

  it('gives no copy signal when no reference is available', () => {
    expect(signal(run(memCopy, []), COPY_SIGNAL)).toBeUndefined();
  });

  it('keeps the machine-readable measures as evidence', () => {
    const e = signal(run(memCopy), COPY_SIGNAL)?.evidence as Record<string, number>;
    expect(e.titleJaccard).toBe(1);
    expect(e.textContainment).toBeGreaterThan(0.95);
  });
});

describe('content-match does not make benign pages look like copies', () => {
  const cases: { name: string; page: PageSnapshot; maxCopy: number; maxForm: number; maxPhrases: number }[] = [
    { name: 'a news report quoting the platform', page: newsArticle, maxCopy: 0.3, maxForm: 0, maxPhrases: 0.6 },
    { name: 'a training school linking to the platform', page: trainingSchool, maxCopy: 0.25, maxForm: 0.3, maxPhrases: 0.4 },
    { name: 'a shop with a login form and captcha', page: shop, maxCopy: 0.15, maxForm: 0.15, maxPhrases: 0 },
    { name: 'an unrelated blog', page: blog, maxCopy: 0, maxForm: 0, maxPhrases: 0 },
  ];
  for (const c of cases) {
    it(`keeps ${c.name} weak`, () => {
      const signals = run(c.page);
      expect(scoreOf(signals, COPY_SIGNAL)).toBeLessThanOrEqual(c.maxCopy);
      expect(scoreOf(signals, FORM_SIGNAL)).toBeLessThanOrEqual(c.maxForm);
      expect(scoreOf(signals, PHRASES_SIGNAL)).toBeLessThanOrEqual(c.maxPhrases);
    });
  }
});

describe('content-match reads articles about a platform as benign', () => {
  it('emits content.article for a news report linking to the official host', () => {
    const s = signal(run(newsArticle), ARTICLE_SIGNAL);
    expect(s?.score).toBeGreaterThanOrEqual(0.6);
    expect((s?.evidence as { officialLinks: string[] }).officialLinks).toContain('cx.mem.gov.cn');
  });
  it('emits a weaker content.article for a training school linking to the platform', () => {
    const s = signal(run(trainingSchool), ARTICLE_SIGNAL);
    expect(s?.score ?? 0).toBeLessThan(scoreOf(run(newsArticle), ARTICLE_SIGNAL));
  });
  it('gives an advertorial that sells certificates with a WeChat to buy from no discount, though it reads like news', () => {
    // Without the pitch the same page would read as an article: the pitch is what takes the discount away.
    const noPitch = { ...advertorial, text: advertorial.text.split('\n').filter((l) => !/微信|免考|包过/.test(l)).join('\n') };
    expect(scoreOf(run(noPitch), ARTICLE_SIGNAL)).toBeGreaterThanOrEqual(0.35);
    expect(signal(run(advertorial), ARTICLE_SIGNAL)).toBeUndefined();
    // The news report condemns the same words and leaves no contact: it keeps its reading.
    expect(scoreOf(run(newsArticle), ARTICLE_SIGNAL)).toBeGreaterThanOrEqual(0.6);
  });
  it('gives a page that sends its readers to check their certificate at another site no discount, though it reads like news', () => {
    const check = '证书办好后请您自己上网查询：电脑打开 cxmem-chaxun.net 输入身份证号即可查到，全国联网。';
    const pointing = { ...newsArticle, text: `${newsArticle.text}\n${check}` };
    expect(signal(run(pointing), ARTICLE_SIGNAL)).toBeUndefined();
    // Named as a fake, the same address is what a report warns of: the reading stays.
    const warning = { ...newsArticle, text: `${newsArticle.text}\n警方提示：cxmem-chaxun.net 是假冒的查询网站，切勿相信。` };
    expect(scoreOf(run(warning), ARTICLE_SIGNAL)).toBeGreaterThanOrEqual(0.6);
  });
  const none: { name: string; page: PageSnapshot }[] = [
    { name: 'a verbatim copy', page: memCopy },
    { name: 'a rewritten copy', page: memRewritten },
    { name: 'a copy padded with the news report’s prose and links', page: { ...memCopy, text: `${memCopy.text}\n${newsArticle.text}`, links: newsArticle.links } },
    { name: 'a blog that never mentions a platform', page: blog },
  ];
  for (const c of none) {
    it(`gives no content.article to ${c.name}`, () => {
      expect(signal(run(c.page), ARTICLE_SIGNAL)).toBeUndefined();
    });
  }
});

describe('content-match output', () => {
  it('returns [] for an empty page', () => {
    expect(run({ ...blog, title: '', text: '', forms: [], links: [] })).toEqual([]);
  });
  it('keeps every score within 0..1', () => {
    for (const p of [memCopy, memRewritten, newsArticle, trainingSchool, shop, blog]) {
      for (const s of run(p)) expect(s.score >= 0 && s.score <= 1).toBe(true);
    }
  });
});

describe('content-match reads a header drawn as an image through its OCR text', () => {
  // A copy whose banner (agency and platform title) is a picture: the text holds only the form.
  const imageHeader: PageSnapshot = {
    ...memCopy,
    title: '证件信息查询',
    text: '证件信息查询\n证件号码\n姓名\n验证码\n查询',
  };
  const ocrText = '中华人民共和国应急管理部\n特种作业操作证及安全生产知识和管理能力考核合格信息查询';

  it('counts the platform phrases the OCR read in the header band', () => {
    const without = signal(run(imageHeader), PHRASES_SIGNAL);
    const withOcr = signal(run({ ...imageHeader, ocrText }), PHRASES_SIGNAL);
    expect(withOcr?.platform).toBe('mem-cx');
    expect(withOcr?.score ?? 0).toBeGreaterThan(without?.score ?? 0);
    expect(withOcr?.score ?? 0).toBeGreaterThanOrEqual(0.5);
  });

  it('does not count a heading twice when the OCR only repeats the text', () => {
    const plain = run(memCopy);
    const repeated = run({ ...memCopy, ocrText: memCopy.text.split('\n').slice(0, 3).join('\n') });
    expect(scoreOf(repeated, PHRASES_SIGNAL)).toBe(scoreOf(plain, PHRASES_SIGNAL));
  });
});

describe('content.parked: a name held for sale, not used', () => {
  const page = (text: string, forms: PageSnapshot['forms'] = []) => pageSnapshot('http://zlaq-mohurd.top/', { title: 'zlaq-mohurd.top', text, forms, links: [] });
  it('reads a registrar\'s or domainer\'s sale notice as a parking page', () => {
    expect(parkedMeasure(page('zlaq-mohurd.top\n此域名正在出售，欢迎议价。\n一口价 ￥9,800\n联系域名持有人'), 0).score).toBeGreaterThanOrEqual(0.8);
    expect(parkedMeasure(page('zlaq-mohurd.top\nThis domain may be for sale. Make an offer'), 0).score).toBeGreaterThanOrEqual(0.6);
  });
  it('never reads a page with a query form, or one with content of its own, as parked', () => {
    expect(parkedMeasure(page('证书查询 此域名正在出售 证件号码 姓名'), 0.8).score).toBe(0);
    const article = `${'住建部提醒：近期有不法分子注册与官方相近的域名，部分域名正在出售，请勿轻信。'.repeat(12)}`;
    expect(parkedMeasure(page(article), 0).score).toBe(0);
  });
});

describe('content.own-query: a school\'s, association\'s or company\'s own query that says it is not the platform', () => {
  const form = pageSnapshot('http://x.example/').forms;
  const page = (text: string, forms: PageSnapshot['forms'] = form) =>
    pageSnapshot('http://www.hengan-px.example/cx/', { title: '学员证书查询 - 恒安职业培训学校', text, forms, links: [] });
  const OWN = [
    '学员证书查询',
    '姓名 证件号码 查询',
    '本查询只提供本校学员的培训合格证明，该证明不是特种作业操作证，不能代替操作证上岗。',
    '操作证请到应急管理部官方平台 cx.mem.gov.cn 查询。',
  ].join('\n');

  it('reads whose records it holds, what it is not and where the official check is', () => {
    const s = signal(run(page(OWN)), OWN_QUERY_SIGNAL);
    expect(s?.score).toBe(1);
    expect(s?.evidence).toMatchObject({ scope: '本校学员', official: ['cx.mem.gov.cn'] });
    expect(String(s?.evidence?.['denial'])).toMatch(/^不是特种作业操作证/);
  });

  it('needs all three, and a query form of its own', () => {
    expect(signal(run(page(OWN.replace('cx.mem.gov.cn', 'cx-mem-chaxun.com'))), OWN_QUERY_SIGNAL)).toBeUndefined();
    expect(signal(run(page(OWN.replace('本校学员', '学员'))), OWN_QUERY_SIGNAL)).toBeUndefined();
    expect(signal(run(page(OWN.replace('该证明不是特种作业操作证，不能代替操作证上岗', '该证明即特种作业操作证'))), OWN_QUERY_SIGNAL)).toBeUndefined();
    expect(signal(run(page(OWN, [])), OWN_QUERY_SIGNAL)).toBeUndefined();
  });

  it('never reads a seller\'s reassurance or a copy of the official page as a disclaimer', () => {
    const seller = '本店学员证书全国联网，不是假证，应急管理部 cx.mem.gov.cn 可查，微信 hazs2026\n姓名 证件号码 查询';
    expect(signal(run(page(seller)), OWN_QUERY_SIGNAL)).toBeUndefined();
    expect(signal(run(memCopy), OWN_QUERY_SIGNAL)).toBeUndefined();
  });
});
