import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../model/snapshot.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import type { Signal } from '../../model/signal.js';
import {
  CLIENT_DEPENDENT_SIGNAL,
  type CloakingSnapshot,
  type MobileView,
  type PlainFetchView,
  SCRIPT_BUILT_SIGNAL,
  cloaking,
  missingShare,
  queryContent,
  similarity,
} from './index.js';

const { platforms } = loadRules();

const MEM_TITLE = '特种作业操作证及安全生产知识和管理能力考核合格信息查询';
/** What a browser shows of a MEM copy (the shape of the corpus's script-built cx-mem-gov.xyz). */
const MEM_QUERY_TEXT = `中华人民共和国应急管理部\n${MEM_TITLE}\n证件核验通道（2026版）已开通\n证件号码\n姓　　名\n查询\n主办单位：中华人民共和国应急管理部`;
const TEA_TITLE = '福鼎白茶 - 茗香茶叶商行';
const TEA_TEXT = '茗香茶叶商行 福鼎白茶 白毫银针 白牡丹 寿眉 老白茶 产地直供 全国包邮 关于我们 联系我们 店铺地址：福建省福鼎市太姥山镇 营业时间 9:00-21:00';
const SHOP_SPA_TEXT = 'CX Memory 创芯存储 DDR5-6400 desktop and server modules, LPDDR5 for laptops. Products Support Where to buy About us Contact';
const NEWS_TEXT =
  '“官网可查”的证书也可能是假的——起底假冒证书查询网站黑产链条。特种作业操作证唯一官方查询网址为 cx.mem.gov.cn，证件号码和姓名输入后即可查询。假网站往往只改动域名中的一两个字符，比如把m写成rn，把点换成横杠。';
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

function snap(overrides: Partial<PageSnapshot> & { mobile?: MobileView; plainFetch?: PlainFetchView } = {}): CloakingSnapshot {
  const { mobile, plainFetch, ...rest } = overrides;
  return { ...pageSnapshot('http://cx-mem-gov.example/', rest), ...(mobile ? { mobile } : {}), ...(plainFetch ? { plainFetch } : {}) };
}

const mobileView = (title: string, text: string, finalUrl = 'http://cx-mem-gov.example/'): MobileView => ({ userAgent: WECHAT_UA, finalUrl, title, text, screenshot: null });
const plainView = (title: string, text: string, status: number | null = 200, finalUrl = 'http://cx-mem-gov.example/'): PlainFetchView => ({ status, finalUrl, title, text });

function detect(snapshot: PageSnapshot): Signal[] {
  return cloaking.detect({ snapshot, references: [], platforms, readArtifact: () => null });
}
const byId = (signals: Signal[], id: string): Signal | undefined => signals.find((s) => s.id === id);

describe('text helpers', () => {
  it('scores identical texts 1 and unrelated texts near 0, ignoring white space', () => {
    expect(similarity('证件 号码', '证件号码')).toBe(1);
    expect(similarity(MEM_QUERY_TEXT, TEA_TEXT)).toBeLessThan(0.05);
    expect(similarity('', '')).toBe(1);
  });

  it('measures the share of rendered text missing from the plain HTML', () => {
    expect(missingShare(MEM_QUERY_TEXT, '')).toBe(1);
    expect(missingShare(MEM_QUERY_TEXT, MEM_QUERY_TEXT)).toBe(0);
  });

  it('recognises certificate-query wording and the platform it points at', () => {
    expect(queryContent(MEM_QUERY_TEXT, platforms)).toMatchObject({ isQuery: true, platform: 'mem-cx' });
    expect(queryContent(TEA_TEXT, platforms).isQuery).toBe(false);
  });
});

describe('cloaking.script-built', () => {
  const cases: { name: string; staticText: string | null; text: string; title?: string; band: [number, number] | null }[] = [
    { name: 'an empty shell whose script writes the certificate query', staticText: '', text: MEM_QUERY_TEXT, band: [0.8, 0.9] },
    { name: 'a harmless shell whose script swaps in the certificate query', staticText: `${TEA_TEXT} ${TEA_TEXT.slice(0, 40)}`, text: MEM_QUERY_TEXT, band: [0.7, 0.8] },
    { name: 'a single-page shop built by script (medium: many honest sites do this)', staticText: 'Loading…', text: SHOP_SPA_TEXT, title: 'CX Memory', band: [0.5, 0.5] },
    { name: 'a server-rendered official page', staticText: MEM_QUERY_TEXT, text: MEM_QUERY_TEXT, band: null },
    { name: 'a server-rendered news article quoting the official address', staticText: NEWS_TEXT, text: NEWS_TEXT, band: null },
    { name: 'a page whose script only adds a captcha line', staticText: MEM_QUERY_TEXT, text: `${MEM_QUERY_TEXT}\n验证码 看不清？换一张`, band: null },
    { name: 'a render too short to judge', staticText: '', text: '加载中', band: null },
    { name: 'a visit without the plain HTML', staticText: null, text: MEM_QUERY_TEXT, band: null },
  ];

  it.each(cases)('$name', ({ staticText, text, title, band }) => {
    const s = byId(detect(snap({ staticText, text, title: title ?? MEM_TITLE })), SCRIPT_BUILT_SIGNAL);
    if (band === null) expect(s).toBeUndefined();
    else {
      expect(s?.score).toBeGreaterThanOrEqual(band[0]);
      expect(s?.score).toBeLessThanOrEqual(band[1]);
    }
  });

  it('quotes the script-only wording and names the platform', () => {
    const s = byId(detect(snap({ staticText: '', text: MEM_QUERY_TEXT })), SCRIPT_BUILT_SIGNAL);
    expect(s?.platform).toBe('mem-cx');
    expect(s?.detail).toContain('appears only after a script runs');
    expect(s?.evidence?.['scriptOnlyPhrases']).toContain('证件号码');
  });
});

describe('cloaking.client-dependent', () => {
  it('flags a query shown only to the WeChat browser while the desktop gets a tea shop, strongly', () => {
    const s = byId(
      detect(snap({ title: TEA_TITLE, text: TEA_TEXT, staticText: TEA_TEXT, mobile: mobileView(MEM_TITLE, MEM_QUERY_TEXT) })),
      CLIENT_DEPENDENT_SIGNAL,
    );
    expect(s?.score).toBe(0.9);
    expect(s?.platform).toBe('mem-cx');
    expect(s?.detail).toContain('mobile WeChat browser is shown a certificate query');
    expect(s?.evidence?.['mobileUserAgent']).toContain('MicroMessenger');
  });

  it('flags a server that gives a plain HTTP client a harmless page and the browser the query, strongly', () => {
    const s = byId(detect(snap({ title: MEM_TITLE, text: MEM_QUERY_TEXT, staticText: MEM_QUERY_TEXT, plainFetch: plainView(TEA_TITLE, TEA_TEXT) })), CLIENT_DEPENDENT_SIGNAL);
    expect(s?.score).toBe(0.9);
    expect(s?.detail).toContain('a plain HTTP client gets "福鼎白茶');
  });

  it('flags a mobile view sent to another registered name with the query, strongly', () => {
    const s = byId(
      detect(snap({ title: TEA_TITLE, text: TEA_TEXT, staticText: TEA_TEXT, mobile: mobileView(MEM_TITLE, MEM_QUERY_TEXT, 'http://cx-mem-gov.top/') })),
      CLIENT_DEPENDENT_SIGNAL,
    );
    expect(s?.score).toBe(0.9);
    expect(s?.evidence?.['comparisons']).toMatchObject([{ a: 'desktop', b: 'mobile', hostDiffers: true }]);
  });

  it('rates a query page that refuses plain clients (403) as medium', () => {
    const s = byId(detect(snap({ title: MEM_TITLE, text: MEM_QUERY_TEXT, staticText: MEM_QUERY_TEXT, plainFetch: plainView('403 Forbidden', '403 Forbidden', 403) })), CLIENT_DEPENDENT_SIGNAL);
    expect(s?.score).toBe(0.6);
  });

  it('rates different pages without a certificate query as weak-medium', () => {
    const s = byId(detect(snap({ title: TEA_TITLE, text: TEA_TEXT, staticText: TEA_TEXT, mobile: mobileView('CX Memory', SHOP_SPA_TEXT) })), CLIENT_DEPENDENT_SIGNAL);
    expect(s?.score).toBe(0.4);
  });

  it.each([
    ['an official page that shows every client the same', { title: MEM_TITLE, text: MEM_QUERY_TEXT, staticText: MEM_QUERY_TEXT, mobile: mobileView(MEM_TITLE, MEM_QUERY_TEXT), plainFetch: plainView(MEM_TITLE, MEM_QUERY_TEXT) }],
    ['a news article that shows every client the same', { title: '起底假冒证书查询网站', text: NEWS_TEXT, staticText: NEWS_TEXT, mobile: mobileView('起底假冒证书查询网站', NEWS_TEXT), plainFetch: plainView('起底假冒证书查询网站', NEWS_TEXT) }],
    ['a site whose mobile version lives on m. of the same name', { title: TEA_TITLE, text: TEA_TEXT, staticText: TEA_TEXT, mobile: mobileView(TEA_TITLE, `${TEA_TEXT} 首页`, 'http://m.cx-mem-gov.example/') }],
    ['a single-page app whose plain HTML matches what the plain client got', { title: MEM_TITLE, text: MEM_QUERY_TEXT, staticText: '', plainFetch: plainView('加载中…', '') }],
    [
      'a script redirect the plain client does not follow',
      {
        finalUrl: 'http://other.example/',
        redirects: [{ from: 'http://cx-mem-gov.example/', to: 'http://other.example/', kind: 'script' as const }],
        title: MEM_TITLE,
        text: MEM_QUERY_TEXT,
        staticText: MEM_QUERY_TEXT,
        plainFetch: plainView('跳转中', '正在跳转，请稍候'),
      },
    ],
    ['a visit without the extra views', { title: TEA_TITLE, text: TEA_TEXT, staticText: TEA_TEXT }],
  ])('says nothing for %s', (_name, overrides) => {
    expect(byId(detect(snap(overrides)), CLIENT_DEPENDENT_SIGNAL)).toBeUndefined();
  });

  it('follows HTTP redirects on both sides before comparing hosts', () => {
    const overrides = {
      finalUrl: 'http://landing.example/',
      redirects: [{ from: 'http://cx-mem-gov.example/', to: 'http://landing.example/', kind: 'http' as const, status: 302 }],
      title: MEM_TITLE,
      text: MEM_QUERY_TEXT,
      staticText: MEM_QUERY_TEXT,
      plainFetch: plainView(MEM_TITLE, MEM_QUERY_TEXT, 200, 'http://landing.example/'),
    };
    expect(byId(detect(snap(overrides)), CLIENT_DEPENDENT_SIGNAL)).toBeUndefined();
  });
});
