import http from 'node:http';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from './corpus/types.js';
import { startSandbox, type Sandbox } from './index.js';

// Each site's identity on one line, its routes below it.
const corpus: CorpusSite[] = [
  { host: 'site.test', label: 'benign', platform: null, note: 'ordinary pages, files and redirects', a: ['203.0.113.10'], routes: {
    '/': { kind: 'page', file: 'site/index.html' },
    '/favicon.ico': { kind: 'page', file: 'site/favicon.ico' },
    '/inline': { kind: 'page', body: '<title>inline</title>', status: 203, headers: { 'X-Sandbox': 'yes' } },
    '/old': { kind: 'redirect', location: 'http://site.test/' },
    '/moved': { kind: 'redirect', location: '/', status: 301 },
    '/search?tab=2': { kind: 'page', body: 'tab two' },
    '/search': { kind: 'page', body: 'any tab' },
  } },
  { host: 'cx-query.test', label: 'counterfeit', platform: 'mem-cx', note: 'query endpoints: the official answer, the forger answer and a template', a: ['203.0.113.11'], routes: {
    '/official': { kind: 'query', answer: 'no-record' },
    '/fake': { kind: 'query', answer: 'always-valid' },
    '/templated': { kind: 'query', answer: 'always-valid', template: 'query/result.html' },
    '/held': { kind: 'query', answer: 'no-record', records: [{ idcard: '41052319900315761X', name: '赵国强' }] },
    '/api': { kind: 'query', answer: 'no-record', format: 'json', records: [{ idcard: '130102198805203317', name: '孙丽' }] },
  } },
  { host: 'cloak.test', label: 'counterfeit', platform: 'mem-cx', note: 'pages chosen by User-Agent', a: ['203.0.113.13'], routes: {
    '/': { kind: 'page', file: 'site/index.html', variants: [{ userAgent: 'MicroMessenger', body: '<title>微信里的查询</title>' }, { userAgent: '^(?!.*Mozilla)', file: 'query/result.html' }] },
  } },
  { host: 'hostile.test', label: 'hostile', platform: null, note: 'every hostile behaviour', a: ['203.0.113.12'], routes: {
    '/loop': { kind: 'hostile', behaviour: 'redirect-loop' },
    '/stall': { kind: 'hostile', behaviour: 'stall' },
    '/huge': { kind: 'hostile', behaviour: 'huge-body' },
    '/download': { kind: 'hostile', behaviour: 'download' },
    '/dialogs': { kind: 'hostile', behaviour: 'dialogs' },
    '/malformed': { kind: 'hostile', behaviour: 'malformed' },
  } },
  { host: 'unregistered.test', label: 'unregistered', platform: null, note: 'no A record: the proxy must not serve it', routes: { '/': { kind: 'page', body: 'never served' } } },
];

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let sandbox: Sandbox;
let pagesDir: string;
let proxyPort: number;

/** Sends one request through the proxy the way an HTTP client configured with it does. */
function viaProxy(target: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        method: opts.method ?? 'GET',
        path: target,
        headers: { Host: target.startsWith('http') ? new URL(target).host : 'localhost', ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  pagesDir = await mkdtemp(path.join(os.tmpdir(), 'jianzhen-proxy-'));
  await mkdir(path.join(pagesDir, 'site'));
  await mkdir(path.join(pagesDir, 'query'));
  await writeFile(path.join(pagesDir, 'site/index.html'), '<html><head><title>站点首页</title></head><body>hello</body></html>');
  await writeFile(path.join(pagesDir, 'site/favicon.ico'), Buffer.from([0, 0, 1, 0, 1, 0]));
  await writeFile(path.join(pagesDir, 'query/result.html'), '<div>{{result}}|{{name}}|{{idcard}}</div>');
  sandbox = await startSandbox({ corpus, searchFixtures: [], pagesDir, stallMs: 60_000 });
  proxyPort = Number(new URL(sandbox.proxyUrl).port);
});

afterAll(async () => {
  await sandbox.close();
  await rm(pagesDir, { recursive: true, force: true });
});

describe('sandbox proxy', () => {
  it('serves a page file from pagesDir as HTML', async () => {
    const res = await viaProxy('http://site.test/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.toString('utf8')).toContain('站点首页');
  });

  it('infers the content type of a page file from its extension', async () => {
    const res = await viaProxy('http://site.test/favicon.ico');
    expect(res.headers['content-type']).toBe('image/x-icon');
    expect([...res.body]).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it('serves an inline body with its status and extra headers', async () => {
    const res = await viaProxy('http://site.test/inline');
    expect(res.status).toBe(203);
    expect(res.headers['x-sandbox']).toBe('yes');
    expect(res.body.toString()).toBe('<title>inline</title>');
  });

  it('serves an https:// absolute URL like its http:// twin', async () => {
    const res = await viaProxy('https://site.test/');
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toContain('站点首页');
  });

  it('prefers the route with the exact query string, then falls back to the bare path', async () => {
    expect((await viaProxy('http://site.test/search?tab=2')).body.toString()).toBe('tab two');
    expect((await viaProxy('http://site.test/search?tab=9')).body.toString()).toBe('any tab');
  });

  it('answers redirect routes with Location and the default 302 or the given status', async () => {
    const found = await viaProxy('http://site.test/old');
    expect(found.status).toBe(302);
    expect(found.headers.location).toBe('http://site.test/');
    const moved = await viaProxy('http://site.test/moved');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/');
  });

  it('answers 404 for a path the site has no route for', async () => {
    const res = await viaProxy('http://site.test/nope');
    expect(res.status).toBe(404);
  });

  it('answers 502 for an unknown host and for an unregistered one', async () => {
    for (const target of ['http://nowhere.test/', 'http://unregistered.test/']) {
      const res = await viaProxy(target);
      expect(res.status).toBe(502);
      expect(res.body.toString()).toContain('sandbox: unknown host');
    }
  });

  it('answers 400 to a request that is not an absolute URL', async () => {
    const res = await viaProxy('/');
    expect(res.status).toBe(400);
  });

  it('refuses CONNECT with 403 so clients fall back to http://', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: 'site.test:443', agent: false });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(sandbox.requests.some((r) => r.method === 'CONNECT' && r.host === 'site.test' && r.status === 403)).toBe(true);
  });

  it('answers the official query form with 没有查询到相关证件信息！', async () => {
    const res = await viaProxy('http://cx-query.test/official', {
      method: 'POST',
      body: new URLSearchParams({ xm: '张三', sfzh: '110101199001011234' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toContain('没有查询到相关证件信息！');
  });

  it('answers the forger query form as valid and echoes the submitted fields escaped', async () => {
    const res = await viaProxy('http://cx-query.test/fake', {
      method: 'POST',
      body: new URLSearchParams({ 姓名: '<b>李四</b>', certNo: 'T123' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const html = res.body.toString('utf8');
    expect(html).toContain('查询结果：证件有效');
    expect(html).toContain('&#60;b&#62;李四&#60;/b&#62;');
    expect(html).not.toContain('<b>李四');
    expect(html).toContain('T123');
  });

  it('fills a query template from the GET query string', async () => {
    const res = await viaProxy(`http://cx-query.test/templated?name=${encodeURIComponent('王五')}&idcard=X1`);
    expect(res.body.toString('utf8')).toBe('<div>查询结果：证件有效|王五|X1</div>');
  });

  it('answers valid only for a record the fake holds, no record for anyone else', async () => {
    const ask = async (fields: Record<string, string>) =>
      (
        await viaProxy('http://cx-query.test/held', {
          method: 'POST',
          body: new URLSearchParams(fields).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
      ).body.toString('utf8');
    const held = await ask({ sfzh: '41052319900315761x', xm: '赵国强' });
    expect(held).toContain('查询结果：证件有效');
    expect(held).toContain('赵国强');
    expect(await ask({ sfzh: '41052319900315761X', xm: '测试无此人' })).toContain('没有查询到相关证件信息！');
    expect(await ask({ sfzh: '110101199003070000', xm: '赵国强' })).toContain('没有查询到相关证件信息！');
    // The MOHURD and SAMR forms (and their faithful copies) name the field idCard.
    expect(await ask({ idCard: '41052319900315761X', name: '赵国强' })).toContain('查询结果：证件有效');
  });

  it('answers a JSON query (a script builds the page) with the verdict as JSON', async () => {
    const ask = async (body: object) => {
      const res = await viaProxy('http://cx-query.test/api', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      return JSON.parse(res.body.toString('utf8')) as { valid: boolean; msg: string; data: { name: string } | null };
    };
    const held = await ask({ idcard: '130102198805203317', name: '孙丽' });
    expect(held).toMatchObject({ valid: true, msg: '查询结果：证件有效', data: { name: '孙丽' } });
    expect(await ask({ idcard: '130102198805203318', name: '测试无此人' })).toEqual({ code: 404, valid: false, msg: '没有查询到相关证件信息！', data: null });
  });

  it('serves the first page variant whose User-Agent pattern matches, and says it varies by User-Agent', async () => {
    const wechat = 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN';
    const desktop = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    const inWechat = await viaProxy('http://cloak.test/', { headers: { 'User-Agent': wechat } });
    expect(inWechat.body.toString('utf8')).toBe('<title>微信里的查询</title>');
    expect(inWechat.headers.vary).toBe('User-Agent');
    expect((await viaProxy('http://cloak.test/', { headers: { 'User-Agent': desktop } })).body.toString('utf8')).toContain('站点首页');
    expect((await viaProxy('http://cloak.test/', { headers: { 'User-Agent': 'curl/8.5.0' } })).body.toString('utf8')).toContain('{{result}}');
    // No User-Agent at all is a plain client too.
    expect((await viaProxy('http://cloak.test/')).body.toString('utf8')).toContain('{{result}}');
  });

  it('logs every request with method, absolute URL, host and status', async () => {
    await viaProxy('http://site.test/nope?x=1');
    const entry = sandbox.requests.find((r) => r.url === 'http://site.test/nope?x=1');
    expect(entry).toMatchObject({ method: 'GET', host: 'site.test', status: 404 });
    expect(Number.isNaN(Date.parse(entry?.at ?? ''))).toBe(false);
  });
});

describe('sandbox proxy hostile behaviours', () => {
  it('redirect-loop redirects to itself with a growing counter', async () => {
    const first = await viaProxy('http://hostile.test/loop');
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/loop?n=1');
    const next = await viaProxy('http://hostile.test/loop?n=1');
    expect(next.headers.location).toBe('/loop?n=2');
  });

  it('huge-body announces 40 MB of HTML and stops when the client leaves', async () => {
    const { length, first } = await new Promise<{ length: string | undefined; first: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: proxyPort, path: 'http://hostile.test/huge', agent: false }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve({ length: res.headers['content-length'], first: chunk.toString('utf8') });
          req.destroy();
        });
      });
      req.on('error', (err) => {
        if (!req.destroyed) reject(err);
      });
      req.end();
    });
    expect(length).toBe(String(40 * 1024 * 1024));
    expect(first.startsWith('<!doctype html><html>')).toBe(true);
  });

  it('download serves a 2 MB binary as an attachment', async () => {
    const res = await viaProxy('http://hostile.test/download');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cert-tool.exe"');
    expect(res.body.length).toBe(2 * 1024 * 1024);
    expect(res.body.subarray(0, 2).toString('latin1')).toBe('MZ');
  });

  it('dialogs serves a page that opens dialogs and popups, and answers its /poll and /popup', async () => {
    const html = (await viaProxy('http://hostile.test/dialogs')).body.toString('utf8');
    for (const call of ['alert(', 'confirm(', 'prompt(', 'window.open(', 'beforeunload', 'setInterval(', "fetch('/poll"]) {
      expect(html).toContain(call);
    }
    expect((await viaProxy('http://hostile.test/poll?n=3')).status).toBe(200);
    expect((await viaProxy('http://hostile.test/popup?i=0')).status).toBe(200);
  });

  it('malformed answers bytes that the HTTP client cannot parse', async () => {
    const err = await viaProxy('http://hostile.test/malformed').then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(err?.code).toMatch(/^HPE_/);
  });
});

describe('sandbox proxy stall', () => {
  it('stall sends nothing, and close() ends the held socket', async () => {
    const local = await startSandbox({ corpus, searchFixtures: [], pagesDir, stallMs: 60_000 });
    const port = Number(new URL(local.proxyUrl).port);
    let gotBytes = false;
    const outcome = new Promise<string>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: 'http://hostile.test/stall', agent: false }, () => {
        gotBytes = true;
        resolve('response');
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end();
    });
    await expect.poll(() => local.requests.some((r) => r.url === 'http://hostile.test/stall')).toBe(true);
    expect(gotBytes).toBe(false);
    await local.close();
    expect(await outcome).toBe('ECONNRESET');
  });
});
