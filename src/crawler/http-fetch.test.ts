import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { NotAPageError, RedirectLoopError, TargetRefusedError, TooBigError } from './errors.js';
import type { ResolvedTarget } from '../model/resolved.js';
import { DEFAULT_HTTP_FETCH, fetchHttp, httpPageSnapshot, HTTP_ONLY_NOTE, parseHtml, type HttpOutcome } from './http-fetch.js';
import { parseTarget } from './targets.js';

// Small hand-made sites served by the real sandbox proxy and DNS; fetched through the real guard proxy.
const html = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const sites: CorpusSite[] = [
  {
    host: 'hops.example.com', label: 'counterfeit', platform: 'mem-cx', note: 'two http hops to a query form', a: ['8.8.4.4'],
    routes: {
      '/': { kind: 'redirect', location: 'http://hops.example.com/next', status: 301 },
      '/next': { kind: 'redirect', location: '/final', status: 302 },
      '/final': {
        kind: 'page',
        body: html('特种作业操作证查询', `<p>请输入证件号码</p><form action="/query" method="post"><label for="zjhm">证件号码</label><input id="zjhm" name="zjhm">
          <table><tr><td>姓名</td><td><input name="xm"></td></tr></table><button type="submit">查询</button></form>
          <a href="/help">帮助</a><script>document.title = 'x'</script><style>p{}</style>`),
      },
    },
  },
  { host: 'parked.example.com', label: 'benign', platform: null, note: 'a 404 parked page is still an answer', a: ['8.8.4.5'], routes: { '/': { kind: 'page', status: 404, body: html('域名出售', '该域名正在出售') } } },
  { host: 'inner.example.net', label: 'hostile', platform: null, note: 'resolves to a private address', a: ['10.20.30.40'], routes: { '/': { kind: 'page', body: html('内网', '内网') } } },
  { host: 'big.example.org', label: 'hostile', platform: null, note: 'huge body', a: ['8.8.4.6'], routes: { '/': { kind: 'hostile', behaviour: 'huge-body' } } },
  { host: 'file.example.org', label: 'hostile', platform: null, note: 'download', a: ['8.8.4.7'], routes: { '/': { kind: 'hostile', behaviour: 'download' } } },
  { host: 'loop.example.org', label: 'hostile', platform: null, note: 'loop', a: ['8.8.4.8'], routes: { '/': { kind: 'hostile', behaviour: 'redirect-loop' } } },
];

let sandbox: Sandbox;
const outcomes = new Map<string, HttpOutcome>();
const inputs = ['hops.example.com', 'http://parked.example.com/', 'http://inner.example.net/', 'http://big.example.org/', 'http://file.example.org/', 'http://loop.example.org/'];

beforeAll(async () => {
  sandbox = await startSandbox({ corpus: sites, searchFixtures: [] });
  await fetchHttp(
    inputs.map((input, index) => ({ index, target: (parseTarget(input) as { ok: true; target: never }).target })),
    { ...DEFAULT_HTTP_FETCH, proxy: sandbox.proxyUrl, dnsServer: sandbox.dnsServer, maxBytes: 1024 * 1024 },
    (index, outcome) => void outcomes.set(inputs[index]!, outcome),
  );
}, 1_800_000);

afterAll(async () => {
  await sandbox?.close();
});

describe('fetchHttp', () => {
  it('gives every target exactly one outcome', () => {
    expect([...outcomes.keys()].sort()).toEqual([...inputs].sort());
  });

  it('retries a bare host over http when the proxy refuses CONNECT, and follows the http redirect chain', () => {
    const o = outcomes.get('hops.example.com')!;
    if (!o.ok) throw o.error;
    expect(o.snapshot.notes.join(' ')).toMatch(/https:\/\/hops\.example\.com\/ unreachable .*retried over http/);
    expect(o.snapshot.finalUrl).toBe('http://hops.example.com/final');
    expect(o.snapshot.redirects.map((r) => r.to)).toEqual(['http://hops.example.com/next', 'http://hops.example.com/final']);
  });

  it('reads title, script-free text, form labels and links from the plain HTML', () => {
    const o = outcomes.get('hops.example.com')!;
    if (!o.ok) throw o.error;
    expect(o.snapshot.title).toBe('特种作业操作证查询');
    expect(o.snapshot.text).toContain('请输入证件号码');
    expect(o.snapshot.text).not.toContain('document.title');
    expect(o.snapshot.forms[0]!.action).toBe('http://hops.example.com/query');
    expect(o.snapshot.forms[0]!.fields.map((f) => f.label)).toEqual(['证件号码', '姓名', '姓名']); // the button's label is the text before it, as in-page.ts reads it
    expect(o.snapshot.links).toEqual([{ href: 'http://hops.example.com/help', text: '帮助' }]);
    expect(o.snapshot.scripts).toBe(1);
  });

  it('keeps a 404 page as an answer', () => {
    const o = outcomes.get('http://parked.example.com/')!;
    expect(o.ok && o.snapshot.status).toBe(404);
    expect(o.ok && o.snapshot.text).toBe('该域名正在出售');
  });

  it('refuses a host that resolves to a private address (the guard proxy)', () => {
    const o = outcomes.get('http://inner.example.net/')!;
    if (o.ok) throw new Error('expected a refusal');
    expect(o.error).toBeInstanceOf(TargetRefusedError);
    expect(o.error.message).toMatch(/^refused: .*private address 10\.20\.30\.40/);
  });

  it('aborts a body over the size cap, a download and a redirect loop as failures', () => {
    const failed = (input: string) => {
      const o = outcomes.get(input)!;
      if (o.ok) throw new Error(`expected ${input} to fail`);
      return o.error;
    };
    expect(failed('http://big.example.org/')).toBeInstanceOf(TooBigError);
    expect(failed('http://big.example.org/').message).toMatch(/size limit/);
    expect(failed('http://file.example.org/')).toBeInstanceOf(NotAPageError);
    expect(failed('http://file.example.org/').message).toMatch(/not a web page/);
    expect(failed('http://loop.example.org/')).toBeInstanceOf(RedirectLoopError);
    expect(failed('http://loop.example.org/').message).toMatch(/redirect loop/);
  });
});

describe('httpPageSnapshot', () => {
  it('builds a detector-ready snapshot without screenshot, marked http-only, with the HTML as an artifact', () => {
    const o = outcomes.get('hops.example.com')!;
    if (!o.ok) throw o.error;
    const dns = { host: 'hops.example.com', a: ['8.8.4.4'], aaaa: [], ns: [], mx: [], error: null, server: 'test' };
    const resolved: ResolvedTarget = {
      input: 'hops.example.com', host: 'hops.example.com', registrableDomain: 'example.com', urls: ['https://hops.example.com/'],
      dns, addresses: ['8.8.4.4'], privateAddress: null, block: null, whois: null, createdAt: null,
      timings: { startedAt: new Date().toISOString(), dnsMs: 3, whoisMs: null },
    };
    const { snapshot, artifacts } = httpPageSnapshot(o.snapshot, resolved);
    expect(snapshot.dns).toEqual(dns);
    expect(snapshot.resolved?.addresses).toEqual(['8.8.4.4']);
    expect(snapshot.timings.steps).toEqual({ dns: 3, 'http-fetch': o.snapshot.fetchMs });
    expect(snapshot.screenshot).toBeNull();
    expect(snapshot.notes[0]).toBe(HTTP_ONLY_NOTE);
    expect(snapshot.staticText).toBe(snapshot.text);
    expect(artifacts[0]!.ref.sha256).toBe(snapshot.html!.sha256);
    expect(artifacts[0]!.data.toString('utf8')).toContain('<form');
  });
});

describe('parseHtml', () => {
  it('collects inputs outside any form as one script-only form', () => {
    const p = parseHtml(html('t', '<span>证书编号</span><input id="no"><button onclick="q()">查询</button>'), 'http://a.example/');
    expect(p.forms).toHaveLength(1);
    expect(p.forms[0]!.method).toBe('script');
    expect(p.forms[0]!.fields[0]!.label).toBe('证书编号');
  });
});
