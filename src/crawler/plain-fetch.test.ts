import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlText } from './capture.js';
import { CURL_UA, fetchSiteRoot, fetchSubpages, pickSubpages, plainFetchView, plainGet, type PlainFetchOptions } from './plain-fetch.js';

/** Front pages by host: HTML, or a path to redirect to. */
const FRONT_PAGES: Readonly<Record<string, string>> = {
  'decor.example': '<title>金鼎装饰工程有限公司</title><body><a href="/about.html">关于我们</a><a href="/Public/case/">工程案例</a><p>家装 工装 办公室装修</p></body>',
  'school.example': '<title>恒安职业培训学校</title><body><a href="/zscx/">培训证书查询</a><p>电工 焊工 培训报名</p></body>',
  'frames.example': '<frameset><frame src="http://frames.example/cx/index.html"></frameset>',
  'refresh.example': '<meta http-equiv="refresh" content="0; url=/cx/">',
  'moved.example': '/cx/',
};

// A forward proxy on loopback that answers absolute-URI requests itself, like the sandbox proxy does.
const seen: { url: string; ua: string }[] = [];
let server: http.Server;
let opts: PlainFetchOptions;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/');
    seen.push({ url: url.href, ua: String(req.headers['user-agent']) });
    // Front pages of sites with a page below them (fetchSiteRoot).
    const front = url.pathname === '/' ? FRONT_PAGES[url.hostname] : undefined;
    if (front !== undefined) return void (front.startsWith('/') ? res.writeHead(302, { Location: front }).end() : res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(front));
    if (url.pathname === '/hop') return void res.writeHead(302, { Location: '/gz' }).end();
    if (url.pathname === '/loop') return void res.writeHead(302, { Location: '/loop' }).end();
    if (url.pathname === '/gz') {
      const body = gzipSync(Buffer.from('<html><head><title> 压缩 页面 </title></head><body><p>证件查询</p><script>document.write("脚本")</script></body></html>'));
      return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip' }).end(body);
    }
    if (url.pathname === '/gbk') {
      // "<title>查询</title>" in GBK, declared only by <meta charset>.
      const body = Buffer.concat([Buffer.from('<meta charset="gbk"><title>'), Buffer.from([0xb2, 0xe9, 0xd1, 0xaf]), Buffer.from('</title>')]);
      return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(body);
    }
    if (url.pathname === '/big') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<title>big</title>${'x'.repeat(300_000)}`);
    res.writeHead(404, { 'Content-Type': 'text/html' }).end('<title>404 Not Found</title>');
  });
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  opts = { proxy: `http://127.0.0.1:${port}`, userAgent: CURL_UA, maxRedirects: 5, maxBytes: 100_000, timeoutMs: 5_000 };
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('plain fetch through a proxy', () => {
  it('follows a redirect, unzips, and reads title and script-free text as curl would see them', async () => {
    const v = await plainFetchView('http://site.example/hop', opts, htmlText);
    expect(v).toEqual({ status: 200, finalUrl: 'http://site.example/gz', title: '压缩 页面', text: '证件查询' });
    expect(seen.find((s) => s.url === 'http://site.example/hop')?.ua).toBe('curl/8.5.0');
  });

  it('decodes a GBK page by its meta charset', async () => {
    expect((await plainFetchView('http://site.example/gbk', opts, htmlText)).title).toBe('查询');
  });

  it('stops following redirects after the bound', async () => {
    await expect(plainGet('http://site.example/loop', opts)).rejects.toThrow(/more than 5 redirects/);
  });

  it('cuts a body at the byte cap and says so', async () => {
    const a = await plainGet('http://site.example/big', opts);
    expect(a.truncated).toBe(true);
    expect(a.body.length).toBeLessThanOrEqual(100_000);
  });

  it('fails an https URL whose CONNECT the proxy refuses', async () => {
    await expect(plainGet('https://site.example/', opts)).rejects.toThrow(/refused CONNECT/);
  });

  it('records subpages with their status and title, and a failure as no status', async () => {
    const rows = await fetchSubpages(['http://site.example/gz', 'http://site.example/nope', 'https://site.example/x'], opts);
    expect(rows).toEqual([
      { url: 'http://site.example/gz', status: 200, title: '压缩 页面', finalHost: 'site.example' },
      { url: 'http://site.example/nope', status: 404, title: '404 Not Found', finalHost: 'site.example' },
      { url: 'https://site.example/x', status: null, title: '', finalHost: null },
    ]);
  });
});

describe('the front page above a page (fetchSiteRoot)', () => {
  const root = (url: string) => fetchSiteRoot(url, opts, htmlText, 1000);

  it('is not fetched for a front page itself', async () => {
    expect(await root('http://decor.example/')).toBeNull();
    expect(await root('http://decor.example/index.php')).toBeNull();
  });

  it("reads another site's front page that does not lead to the page", async () => {
    const r = await root('http://decor.example/Public/cx/index.html');
    expect(r).toMatchObject({ url: 'http://decor.example/', status: 200, title: '金鼎装饰工程有限公司', leadsToPage: false });
    expect(r?.text).toContain('办公室装修');
  });

  it('sees a front page lead to the page: a link into its folder, a frame, a meta refresh, a redirect', async () => {
    expect((await root('http://school.example/zscx/query.html'))?.leadsToPage).toBe(true);
    expect((await root('http://frames.example/cx/index.html'))?.leadsToPage).toBe(true);
    expect((await root('http://refresh.example/cx/index.html'))?.leadsToPage).toBe(true);
    expect((await root('http://moved.example/cx/'))?.leadsToPage).toBe(true);
    expect((await root('http://school.example/zscx'))?.leadsToPage).toBe(true);
  });

  it('a link elsewhere in the site does not lead to the page, and a missing front page is its status', async () => {
    expect((await root('http://decor.example/Public/cx/'))?.leadsToPage).toBe(false);
    expect(await root('http://site.example/deep/cx.html')).toMatchObject({ status: 404, leadsToPage: false });
    expect(await root('https://site.example/deep/cx.html')).toMatchObject({ status: null, finalUrl: null, leadsToPage: false });
  });
});

describe('pickSubpages', () => {
  const links = [
    { href: 'http://www.copy.example/news/1', text: '新闻' },
    { href: 'http://www.copy.example/', text: '首页' },
    { href: 'http://cx.mem.gov.cn/', text: '官网' },
    { href: 'http://static.copy.example/logo.png', text: '' },
    { href: 'http://m.copy.example/help', text: '帮助中心' },
    { href: 'http://www.copy.example/tzgg#top', text: '通知公告' },
    { href: 'javascript:void(0)', text: '查询' },
    { href: 'http://www.copy.example/news/1#x', text: '新闻' },
  ];
  it('takes same-site pages only, 查询/通知/关于/帮助 first, no files, no duplicates, not the page itself', () => {
    expect(pickSubpages('http://www.copy.example/', links, 3)).toEqual([
      'http://m.copy.example/help',
      'http://www.copy.example/tzgg',
      'http://www.copy.example/news/1',
    ]);
  });
  it('gives nothing for a page without links', () => {
    expect(pickSubpages('http://www.copy.example/', [], 3)).toEqual([]);
  });
});
