import { describe, expect, it } from 'vitest';
import type { FormInfo, LinkInfo, PageSnapshot, SiteRootInfo, SubpageInfo } from '../../model/snapshot.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import type { Signal } from '../../model/signal.js';
import { BROKEN_LINKS_SIGNAL, LINKS_TO_OFFICIAL_SIGNAL, OFFICIAL_REFERENCE_SIGNAL, PLANTED_SIGNAL, depth } from './index.js';

const { platforms } = loadRules();

const QUERY_FORM: FormInfo = {
  action: 'http://cx-mem-gov.example/query',
  method: 'post',
  fields: [
    { tag: 'input', type: 'text', name: 'zjhm', id: 'zjhm', label: '证件号码', placeholder: null },
    { tag: 'input', type: 'text', name: 'xm', id: 'xm', label: '姓名', placeholder: null },
  ],
};
const NEWS_FORM: FormInfo = { action: 'http://news.example/search', method: 'get', fields: [{ tag: 'input', type: 'text', name: 'q', id: null, label: null, placeholder: '搜索' }] };

const sub = (path: string, status: number | null, finalHost: string | null = 'cx-mem-gov.example'): SubpageInfo => ({
  url: `http://cx-mem-gov.example${path}`,
  status,
  title: status === 200 ? '关于我们' : '',
  finalHost,
});
const link = (href: string, text = ''): LinkInfo => ({ href, text });

function detect(url: string, over: Partial<PageSnapshot> & { subpages?: SubpageInfo[] }): Signal[] {
  const snapshot = { ...pageSnapshot(url, { forms: [], links: [] }), ...over };
  return depth.detect({ snapshot, references: [], platforms, readArtifact: () => null });
}
const byId = (s: Signal[], id: string): Signal | undefined => s.find((x) => x.id === id);

describe('depth detector', () => {
  it('flags a query page whose same-site links are broken', () => {
    const s = detect('http://cx-mem-gov.example/', { forms: [QUERY_FORM], subpages: [sub('/tzgg', 404), sub('/about', 404), sub('/help', 200)] });
    const b = byId(s, BROKEN_LINKS_SIGNAL);
    expect(b?.score).toBeGreaterThanOrEqual(0.6);
    expect(b?.detail).toContain('404');
  });

  it('does not call broken links evidence on a page without a query form', () => {
    const s = detect('http://blog.example/', { subpages: [sub('/a', 404), sub('/b', 404), sub('/c', 404)] });
    expect(byId(s, BROKEN_LINKS_SIGNAL)).toBeUndefined();
  });

  it('does not flag working links, or one slow link', () => {
    const s = detect('http://cx-mem-gov.example/', { forms: [QUERY_FORM], subpages: [sub('/a', 200), sub('/b', null), sub('/c', 200)] });
    expect(byId(s, BROKEN_LINKS_SIGNAL)).toBeUndefined();
  });

  it('reads a query page whose menu leads to the official platform as a copy', () => {
    const links = [link('http://cx.mem.gov.cn/tzgg', '通知公告'), link('http://cx.mem.gov.cn/help', '帮助'), link('http://cx-mem-gov.example/', '首页')];
    const s = detect('http://cx-mem-gov.example/', { forms: [QUERY_FORM], links });
    const o = byId(s, LINKS_TO_OFFICIAL_SIGNAL);
    expect(o?.platform).toBe('mem-cx');
    expect(o?.score).toBeGreaterThanOrEqual(0.9 - 0.25);
    expect(byId(s, OFFICIAL_REFERENCE_SIGNAL)).toBeUndefined();
  });

  it('counts a followed link that lands on the official host', () => {
    const s = detect('http://cx-mem-gov.example/', { forms: [QUERY_FORM], links: [link('http://cx-mem-gov.example/more')], subpages: [sub('/more', 200, 'cx.mem.gov.cn')] });
    expect(byId(s, LINKS_TO_OFFICIAL_SIGNAL)).toBeDefined();
  });

  it('reads a news article that links to the official platforms as benign evidence, not a copy', () => {
    const links = [link('http://cx.mem.gov.cn/', 'cx.mem.gov.cn'), link('http://zlaq.mohurd.gov.cn/'), link('http://news.example/a2'), link('http://news.example/a3')];
    const s = detect('http://news.example/a1', { forms: [NEWS_FORM], links });
    expect(byId(s, LINKS_TO_OFFICIAL_SIGNAL)).toBeUndefined();
    const b = byId(s, OFFICIAL_REFERENCE_SIGNAL);
    expect(b?.score).toBe(0.75);
    expect(b?.platform).toBeNull();
  });

  it('gives a training school sending readers to the platform only the benign reading', () => {
    const s = detect('http://www.peixun.example/', { links: [link('http://cx.mem.gov.cn/', '官方查询')] });
    expect(s.map((x) => x.id)).toEqual([OFFICIAL_REFERENCE_SIGNAL]);
  });

  it('says nothing about the official platform linking to itself', () => {
    const s = detect('http://cx.mem.gov.cn/', { forms: [QUERY_FORM], links: [link('http://cx.mem.gov.cn/help')], subpages: [sub('/x', 404), sub('/y', 404)] });
    expect(s).toEqual([]);
  });

  it('gives a provincial .gov.cn service with its own query, pointing to the platform, only the benign reading', () => {
    const links = [link('http://cx.mem.gov.cn/', '特种作业操作证查询'), link('http://rst.province.gov.cn/a'), link('http://rst.province.gov.cn/b')];
    const s = detect('http://rst.province.gov.cn/zscx', { forms: [QUERY_FORM], links, subpages: [sub('/x', 404), sub('/y', 404)] });
    expect(s.map((x) => x.id)).toEqual([OFFICIAL_REFERENCE_SIGNAL]);
    expect(s[0]?.detail).toContain('.gov.cn');
  });

  it('says nothing about an unrelated shop', () => {
    expect(detect('http://shop.example/', { links: [link('http://shop.example/cart')], subpages: [sub('/cart', 200)] })).toEqual([]);
  });
});

describe('a platform query planted below another site (depth.planted)', () => {
  const CLAIM = { title: '全国建筑施工特种作业人员证书查询', text: '住房和城乡建设部 工程质量安全监管 建筑施工特种作业 证书查询 请输入证件号码和姓名' };
  const front = (over: Partial<SiteRootInfo> = {}): SiteRootInfo => ({
    url: 'http://www.decor.example/',
    status: 200,
    finalUrl: 'http://www.decor.example/',
    title: '金鼎装饰工程有限公司-家装|工装',
    text: '家装 工装 办公室装修 联系我们',
    leadsToPage: false,
    ...over,
  });
  const planted = (over: Partial<SiteRootInfo> = {}, page: Partial<Omit<PageSnapshot, 'subpages'>> = {}) =>
    byId(detect('http://www.decor.example/Public/cx/index.html', { forms: [QUERY_FORM], ...CLAIM, siteRoot: front(over), ...page }), PLANTED_SIGNAL);

  it("flags a state platform's query whose site's front page is someone else's and does not lead to it", () => {
    const s = planted();
    expect(s?.score).toBe(0.8);
    expect(s?.message?.id).toBe('depth.planted');
    expect(s?.detail).toContain('金鼎装饰工程有限公司');
    expect(s?.detail).toContain('/Public/cx/index.html');
  });

  it('flags it less when the front page has nothing (an error page)', () => {
    expect(planted({ status: 404, title: '', text: '' })?.score).toBe(0.4);
  });

  it('says nothing when the front page leads to the page, or is about the platform itself', () => {
    expect(planted({ leadsToPage: true })).toBeUndefined();
    expect(planted({ title: '恒安职业培训学校', text: '建筑施工特种作业 安管人员 培训 住房和城乡建设部 考核' })).toBeUndefined();
  });

  it('says nothing when the front page did not answer: that may be our own bound', () => {
    expect(planted({ status: null, finalUrl: null, title: '', text: '' })).toBeUndefined();
  });

  it("says nothing about an old site's own query that claims no state platform, or a page without a query form", () => {
    const grades = { title: '学生成绩信息查询', text: '请输入证件号码和姓名查询成绩' };
    expect(planted({}, grades)).toBeUndefined();
    expect(planted({}, { forms: [NEWS_FORM] })).toBeUndefined();
  });

  it('reads the query WeChat alone is shown: the desktop gets only 请在微信客户端打开', () => {
    const mobile = { userAgent: 'MicroMessenger', finalUrl: 'http://www.decor.example/h5/cx/', ...CLAIM, forms: [QUERY_FORM], screenshot: null };
    const desktop = { forms: [], title: '', text: '请在微信客户端打开链接' };
    const s = planted({}, { ...desktop, mobile });
    expect(s?.score).toBe(0.8);
    expect(s?.evidence).toMatchObject({ view: 'mobile' });
    expect(planted({}, { ...desktop, mobile: { ...mobile, forms: [] } })).toBeUndefined();
  });

  it('says nothing on a .gov.cn host', () => {
    const s = detect('http://zjt.province.gov.cn/zscx/', { forms: [QUERY_FORM], ...CLAIM, siteRoot: front() });
    expect(byId(s, PLANTED_SIGNAL)).toBeUndefined();
  });
});
