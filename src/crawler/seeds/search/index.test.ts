import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../errors.js';
import { corpus, searchFixtures } from '../../../sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { searchEngineSites } from '../../../sandbox/search-engines.js';
import { baiduFormat, parseBaiduPage } from './baidu.js';
import { bingFormat, decodeBingAdClick, decodeBingClick, parseBingPage } from './bing.js';
import { findSearchProvider, searchProviders } from './index.js';
import { redirectTarget } from './serp.js';
import { parseSo360Page, so360Format } from './so360.js';
import { parseSogouPage, sogouFormat } from './sogou.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

const QUERY = '特种作业操作证 查询';
const expected = searchFixtures.find((f) => f.query === QUERY)!.results.map((r) => r.url);
const counterfeitHosts = new Set(corpus.filter((s) => s.label === 'counterfeit').map((s) => s.host));
const hostOf = (u: string) => new URL(u).hostname;
// Baidu's saved page gives government sites' real address in `mu`, as Baidu does for many official cards.
const isGov = (u: string) => hostOf(u).endsWith('.gov.cn');

/** The saved result page as the sandbox proxy serves it (plain HTTP through the proxy, like a crawler). */
async function savedPage(pageUrl: string): Promise<string> {
  const url = pageUrl.replace(/^https:/, 'http:');
  const { request } = await import('node:http');
  const proxy = new URL(sandbox.proxyUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: proxy.hostname, port: proxy.port, path: url, headers: { host: new URL(url).host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('result-page parsers on the saved pages', () => {
  it('reads Baidu results: mu targets directly, the rest as /link?url= redirects to resolve', async () => {
    const hits = parseBaiduPage(await savedPage(baiduFormat.pageUrl(QUERY, 1)), 'http://www.baidu.com/s');
    expect(hits).toHaveLength(expected.length);
    expect(hits.filter((h) => !h.redirect).map((h) => h.url)).toEqual(expected.filter(isGov));
    expect(hits.filter((h) => h.redirect).every((h) => h.url.startsWith('http://www.baidu.com/link?url='))).toBe(true);
    expect(hits[1]?.title).toBe('全国特种作业人员证书查询系统');
  });

  it('reads Bing results and decodes its /ck/a click links without a request', async () => {
    const hits = parseBingPage(await savedPage(bingFormat.pageUrl(QUERY, 1)), 'http://cn.bing.com/search');
    expect(hits.map((h) => h.url)).toEqual(expected);
    expect(hits.every((h) => !h.redirect)).toBe(true);
    expect(hits[2]?.snippet).toContain('应急管理部');
    expect(decodeBingClick(`https://www.bing.com/ck/a?!&&p=x&u=a1${Buffer.from('http://cx-mem.top/').toString('base64url')}&ntb=1`)).toBe('http://cx-mem.top/');
  });

  it('reads Sogou results: data-url targets directly, relative /link?url= otherwise', async () => {
    const hits = parseSogouPage(await savedPage(sogouFormat.pageUrl(QUERY, 1)), 'http://www.sogou.com/web?query=x');
    expect(hits).toHaveLength(expected.length);
    expect(hits.filter((h) => !h.redirect).map((h) => h.url)).toEqual([expected[3]]);
    expect(hits.filter((h) => h.redirect).every((h) => h.url.startsWith('http://www.sogou.com/link?url='))).toBe(true);
  });

  it('reads 360 results from data-mdurl and data-url', async () => {
    const hits = parseSo360Page(await savedPage(so360Format.pageUrl(QUERY, 1)), 'http://www.so.com/s');
    expect(hits.map((h) => h.url)).toEqual(expected);
  });

  it('reads a redirect answer from Location, a meta refresh or location.replace', () => {
    expect(redirectTarget(302, 'http://a.cn/', '', 'http://www.baidu.com/link')).toBe('http://a.cn/');
    expect(redirectTarget(200, undefined, `<script>window.location.replace("http://b.cn/x")</script>`, 'http://www.sogou.com/')).toBe('http://b.cn/x');
    expect(redirectTarget(200, undefined, `<META http-equiv="refresh" content="0;URL='http://c.cn/'">`, 'http://www.sogou.com/')).toBe('http://c.cn/');
    expect(redirectTarget(200, undefined, '<p>nothing</p>', 'http://www.sogou.com/')).toBeNull();
  });
});

describe('search providers through the sandbox proxy', () => {
  it('Baidu finds the counterfeits, its /link?url= redirects resolved through the proxy', async () => {
    const hits = await findSearchProvider('baidu').search(QUERY, { proxy: sandbox.proxyUrl });
    expect(hits.map((h) => h.url)).toEqual(expected);
    expect(hits.filter((h) => counterfeitHosts.has(hostOf(h.url))).length).toBeGreaterThanOrEqual(3);
    const resolved = sandbox.requests.filter((r) => r.host === 'www.baidu.com' && r.url.includes('/link?url=') && r.status === 302);
    expect(resolved.length).toBe(expected.filter((u) => !isGov(u)).length);
  });

  it('Sogou resolves its script redirects, and unknown queries give no results', async () => {
    const sogou = findSearchProvider('sogou');
    expect((await sogou.search(QUERY, { proxy: sandbox.proxyUrl })).map((h) => h.url)).toEqual(expected);
    expect(await sogou.search('没有这个查询词', { proxy: sandbox.proxyUrl })).toEqual([]);
  });

  it('Bing and 360 find the same results; SearXNG answers from its JSON API', async () => {
    for (const id of ['bing', '360']) {
      expect((await findSearchProvider(id).search(QUERY, { proxy: sandbox.proxyUrl })).map((h) => h.url)).toEqual(expected);
    }
    const sx = await findSearchProvider('searxng').search(QUERY, { searxngUrl: sandbox.searxngUrl });
    expect(sx.map((h) => h.url)).toEqual(expected);
  });

  it('says an engine it cannot reach is unreachable', async () => {
    await expect(findSearchProvider('baidu').search(QUERY, { proxy: 'http://127.0.0.1:9', timeoutMs: 3000 })).rejects.toThrow(/baidu: result page unreachable/);
  });
});

describe('registry', () => {
  it('lists every engine once and refuses an unknown one as a usage error', () => {
    expect(searchProviders.map((p) => p.id)).toEqual(['searxng', 'baidu', 'bing', 'sogou', '360']);
    expect(() => findSearchProvider('google')).toThrow(UsageError);
  });

  it('keeps the search engines out of the labelled corpus', () => {
    const hosts = new Set(corpus.map((s) => s.host));
    expect(searchEngineSites.map((s) => s.host)).toEqual(['www.baidu.com', 'cn.bing.com', 'www.sogou.com', 'www.so.com']);
    expect(searchEngineSites.some((s) => hosts.has(s.host))).toBe(false);
  });
});

describe('paid results and the engines\' own verticals', () => {
  const AD_QUERY = '免考 包过 电工证';
  const adResults = searchFixtures.find((f) => f.query === AD_QUERY)!.results.map((r) => r.url);

  it('reads every engine\'s paid results as seeds marked ad, their landing page decoded or resolved', async () => {
    for (const id of ['baidu', 'bing', 'sogou', '360']) {
      const hits = await findSearchProvider(id).search(AD_QUERY, { proxy: sandbox.proxyUrl });
      const ads = hits.filter((h) => h.ad);
      expect(ads.map((h) => h.url), id).toEqual([adResults[0]]);
      expect(ads[0]?.engine).toBe(id);
      expect(hits.filter((h) => !h.ad).every((h) => h.ad === undefined)).toBe(true);
    }
  });

  it('never makes an engine\'s own vertical pages (news.so.com, m.so.com, zhidao.baidu.com) targets', async () => {
    const parsed = parseSo360Page(await savedPage(so360Format.pageUrl(AD_QUERY, 1)), 'http://www.so.com/s');
    expect(parsed.map((h) => hostOf(h.url))).toEqual(expect.arrayContaining(['news.so.com', 'm.so.com']));
    for (const id of ['baidu', 'sogou', '360']) {
      const hits = await findSearchProvider(id).search(AD_QUERY, { proxy: sandbox.proxyUrl });
      expect(hits.filter((h) => /(^|\.)(so|baidu|sogou)\.com$/.test(hostOf(h.url))), id).toEqual([]);
      expect(new Set(hits.map((h) => h.url)), id).toEqual(new Set(adResults));
    }
  });

  it('decodes Bing\'s /aclick landing pages in the forms Bing writes them', () => {
    const target = 'https://tezhong-banzheng.com/lp?a=1';
    const percent = Buffer.from(encodeURIComponent(target)).toString('base64url');
    expect(decodeBingAdClick(`https://www.bing.com/aclick?ld=e8x&u=${percent}&ntb=1`)).toBe(target);
    expect(decodeBingAdClick(`https://www.bing.com/aclick?ld=e8x&u=a1${Buffer.from(target).toString('base64url')}`)).toBe(target);
    expect(decodeBingAdClick('https://www.bing.com/aclick?ld=e8x&u=%%%')).toBeNull();
    expect(decodeBingAdClick('https://example.com/aclick?u=x')).toBeNull();
  });
});
