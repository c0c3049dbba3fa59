import { describe, expect, it } from 'vitest';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { captureInSandbox, hasTesseract } from '../../test/fixtures/capture.js';
import { PROBE_VALUES } from './probe.js';

// Small hand-made sites served by the real sandbox proxy/DNS/WHOIS, captured by real Chromium.
const html = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const whois = { created: '2026-10-01', registrar: 'NameSilo, LLC', registrant: 'REDACTED FOR PRIVACY', privacy: true };
const BANNER = encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="80"><rect width="640" height="80" fill="#fff"/>' +
    '<text x="10" y="56" font-size="44" font-family="Noto Sans CJK SC, sans-serif" fill="#b00">特种作业操作证查询</text></svg>',
);
const sites: CorpusSite[] = [
  {
    host: 'hops.example.com', label: 'counterfeit', platform: 'mem-cx', note: 'http → meta → script hops', a: ['8.8.4.4'], whois,
    routes: {
      '/': { kind: 'redirect', location: 'http://hops.example.com/meta', status: 302 },
      '/meta': { kind: 'page', body: html('meta hop', '<meta http-equiv="refresh" content="1;url=/js">稍候') },
      '/js': { kind: 'page', body: html('js hop', '<script>location.href = "/final"</script>') },
      '/final': {
        kind: 'page',
        body: html('特种作业操作证查询', `<div id="late"></div>
          <form action="/query" method="post"><label for="zjhm">证件号码</label><input id="zjhm" name="zjhm">
          <table><tr><td>姓名</td><td><input name="xm"></td></tr></table><button type="submit">查询</button></form>
          <script>setTimeout(() => { document.getElementById('late').textContent = '脚本之后才出现的文字'; }, 400);</script>`),
      },
    },
  },
  {
    host: 'probe.example.com', label: 'hostile', platform: null, note: 'page asks for private addresses', a: ['8.8.4.5'], whois,
    routes: {
      '/': {
        kind: 'page',
        body: html('probe', `<img src="http://router.example.net/logo.png"><script>fetch('http://192.168.1.1/').catch(() => {});</script>内网探测`),
      },
    },
  },
  { host: 'router.example.net', label: 'hostile', platform: null, note: 'resolves to a private address', a: ['10.20.30.40'], routes: { '/logo.png': { kind: 'page', body: 'x' } } },
  { host: 'loop.example.org', label: 'hostile', platform: null, note: 'resolves to loopback', a: ['127.0.0.1'], routes: { '/': { kind: 'page', body: html('l', 'l') } } },
  { host: 'gone.example.org', label: 'unregistered', platform: null, note: 'NXDOMAIN', routes: {} },
  { host: 'loop-redirect.example.org', label: 'hostile', platform: null, note: 'loop', a: ['8.8.4.6'], routes: { '/': { kind: 'hostile', behaviour: 'redirect-loop' } } },
  { host: 'file.example.org', label: 'hostile', platform: null, note: 'download', a: ['8.8.4.7'], routes: { '/': { kind: 'hostile', behaviour: 'download' } } },
  {
    host: 'valid.example.com', label: 'counterfeit', platform: 'mem-cx', note: 'query form that declares anything valid', a: ['8.8.4.8'], whois,
    routes: {
      '/': {
        kind: 'page',
        // The heading is a picture (an SVG banner), as counterfeits draw it: only OCR can read it.
        body: html('特种作业操作证查询', `<img alt="" width="640" height="80" src="data:image/svg+xml,${BANNER}"><div id="ua"></div>
          <form action="/query" method="post"><label for="zjhm">证件号码</label><input id="zjhm" name="zjhm">
          <label for="xm">姓名</label><input id="xm" name="xm"><label for="yzm">验证码</label><input id="yzm" name="yzm">
          <button type="submit">查询</button></form>
          <a href="/tzgg">通知公告</a> <a href="/about">关于我们</a> <a href="http://cx.mem.gov.cn/">官网</a>
          <script>document.getElementById('ua').textContent = /MicroMessenger/.test(navigator.userAgent) ? '微信内打开' : '电脑端打开';</script>`),
      },
      '/about': { kind: 'page', body: html('关于我们', '关于我们') },
      '/query': { kind: 'query', answer: 'always-valid' },
    },
  },
  {
    host: 'norecord.example.com', label: 'counterfeit', platform: 'mem-cx', note: 'query form that answers no record', a: ['8.8.4.9'], whois,
    routes: {
      '/': {
        kind: 'page',
        body: html('证书查询', `<form action="/cx" method="post"><td>身份证号</td><input name="sfzh"><td>姓名</td><input name="xm"><input type="submit" value="查询"></form>`),
      },
      '/cx': { kind: 'query', answer: 'no-record' },
    },
  },
  {
    host: 'script.example.com', label: 'counterfeit', platform: 'mem-cx', note: 'script-driven query posting to another site', a: ['8.8.4.10'], whois,
    routes: {
      '/': {
        kind: 'page',
        body: html('证件核验', `<div>证件号码 <input id="sfzh"></div><div>姓名 <input id="xm"></div><a href="javascript:void 0" id="go">查询</a><div id="result"></div>
          <script>document.getElementById('go').onclick = function () {
            var body = new URLSearchParams({ sfzh: document.getElementById('sfzh').value, xm: document.getElementById('xm').value });
            fetch('http://api.check-cert.net/check', { method: 'POST', mode: 'no-cors', body: body }).catch(function () {}).then(function () {
              document.getElementById('result').textContent = '查无此人，请核对后重新输入';
            });
          };</script>`),
      },
    },
  },
  { host: 'api.check-cert.net', label: 'counterfeit', platform: null, note: 'back end of script.example.com', a: ['8.8.4.11'], routes: { '/check': { kind: 'query', answer: 'no-record' } } },
  ...['spin-a.example.com', 'spin-b.example.com'].map((host, i): CorpusSite => ({
    host, label: 'benign', platform: null, note: 'endless and finite animations, a focused field', a: [`8.8.4.${20 + i}`], whois,
    routes: {
      '/': {
        kind: 'page',
        body: html('动画', `<style>@keyframes spin { to { transform: rotate(360deg); } } @keyframes grow { from { width: 10px; } to { width: 300px; } }
          .spin { width: 80px; height: 80px; background: #c00; animation: spin 0.7s linear infinite; }
          .grow { height: 20px; background: #06c; animation: grow 60s linear forwards; }</style>
          <div class="spin"></div><div class="grow"></div><input autofocus placeholder="证件号码">`),
      },
    },
  })),
  {
    host: 'cx.mem.gov.cn', label: 'official', platform: 'mem-cx', note: 'official host: never probed', a: ['124.239.227.90'],
    routes: {
      '/': { kind: 'page', body: html('特种作业操作证查询', `<form action="/query" method="post"><label for="zjhm">证件号码</label><input id="zjhm" name="zjhm"><button>查询</button></form>`) },
      '/query': { kind: 'query', answer: 'no-record' },
    },
  },
];

const inputs = [
  'hops.example.com', 'http://probe.example.com/', 'loop.example.org', 'gone.example.org', 'http://loop-redirect.example.org/', 'http://file.example.org/',
  'http://valid.example.com/', 'http://norecord.example.com/', 'http://script.example.com/', 'http://cx.mem.gov.cn/', 'http://valid.example.com/?again=1',
  'http://spin-a.example.com/', 'http://spin-b.example.com/',
];
// The pipeline passes the official hosts from rules/; the crawler itself does not read rules.
const run = captureInSandbox(sites, inputs, { neverProbe: ['cx.mem.gov.cn'] });
const { outcomes } = run;
const ok = (input: string) => outcomes.ok(input);

describe('capture through the sandbox proxy', () => {
  it('gives every target exactly one outcome', () => {
    expect(outcomes.size).toBe(13);
  });

  it('follows http, meta-refresh and script redirects and records each hop with its kind', () => {
    const { snapshot } = ok('hops.example.com');
    expect(snapshot.finalUrl).toBe('http://hops.example.com/final');
    expect(snapshot.redirects.map((h) => h.kind)).toEqual(['http', 'meta', 'script']);
    expect(snapshot.redirects[0]).toMatchObject({ from: 'http://hops.example.com/', to: 'http://hops.example.com/meta', status: 302 });
  });

  it('falls back from https to http for a bare host and says so', () => {
    const { snapshot } = ok('hops.example.com');
    expect(snapshot.url).toBe('http://hops.example.com/');
    expect(snapshot.notes.join(' ')).toMatch(/https:\/\/hops\.example\.com\/ unreachable.*retried over http/);
  });

  it('captures text a script writes after load, and keeps the pre-script text apart', () => {
    const { snapshot } = ok('hops.example.com');
    expect(snapshot.text).toContain('脚本之后才出现的文字');
    expect(snapshot.staticText).not.toContain('脚本之后才出现的文字');
    expect(snapshot.title).toBe('特种作业操作证查询');
  });

  it('reads forms with their action, method and field labels (label for=, table cell)', () => {
    const { snapshot } = ok('hops.example.com');
    const form = snapshot.forms[0]!;
    expect(form).toMatchObject({ action: 'http://hops.example.com/query', method: 'post' });
    expect(form.fields.find((f) => f.name === 'zjhm')?.label).toBe('证件号码');
    expect(form.fields.find((f) => f.name === 'xm')?.label).toBe('姓名');
  });

  it('screenshots a page at rest: animations ended or stopped, no caret, so the same page gives the same pixels', () => {
    // Two sites serving one page, visited at different moments of their animations and of the caret's blink.
    expect(ok('http://spin-a.example.com/').snapshot.screenshot?.sha256).toBe(ok('http://spin-b.example.com/').snapshot.screenshot?.sha256);
  });

  it('stores a PNG screenshot and the rendered HTML as hashed artifacts', () => {
    const { snapshot, artifacts } = ok('hops.example.com');
    const png = artifacts.find((a) => a.ref.sha256 === snapshot.screenshot?.sha256)!;
    expect(png.data.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(png.ref.bytes).toBeGreaterThan(1000);
    const page = artifacts.find((a) => a.ref.sha256 === snapshot.html?.sha256)!;
    expect(page.data.toString('utf8')).toContain('脚本之后才出现的文字');
  });

  it('records DNS and WHOIS for the target', () => {
    const { snapshot } = ok('hops.example.com');
    expect(snapshot.dns?.a).toEqual(['8.8.4.4']);
    expect(snapshot.whois?.raw).toMatch(/NameSilo/);
  });

  it('records the time of each step of the visit', () => {
    const { snapshot } = ok('hops.example.com');
    expect(Object.keys(snapshot.timings.steps ?? {})).toEqual(
      expect.arrayContaining(['dns', 'whois', 'navigation', 'settle', 'extract', 'screenshot', 'favicon', 'extra.plain-fetch']),
    );
    expect(Object.values(snapshot.timings.steps ?? {}).every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
  });

  it("refuses the page's own requests to private addresses and lists them", () => {
    const { snapshot } = ok('http://probe.example.com/');
    const blocked = snapshot.blockedRequests.join('\n');
    expect(blocked).toMatch(/router\.example\.net.*10\.20\.30\.40/);
    expect(blocked).toMatch(/192\.168\.1\.1/);
    expect(run.sandbox.requests.some((r) => r.host === 'router.example.net')).toBe(false);
  });

  it('refuses a target that resolves to loopback without visiting it', () => {
    const o = outcomes.get('loop.example.org')!;
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.stage).toBe('refused');
      expect(o.error).toMatch(/127\.0\.0\.1.*--allow-private/);
    }
    expect(run.sandbox.requests.some((r) => r.host === 'loop.example.org')).toBe(false);
  });

  it('calls an unregistered name unreachable at the DNS stage', () => {
    const o = outcomes.get('gone.example.org')!;
    expect(o).toMatchObject({ ok: false, stage: 'dns' });
    if (!o.ok) expect(o.error).toMatch(/NXDOMAIN/);
  });

  it('records a redirect loop and a download as failures of that target only', () => {
    const loop = outcomes.get('http://loop-redirect.example.org/')!;
    const file = outcomes.get('http://file.example.org/')!;
    expect(loop.ok || file.ok).toBe(false);
    if (!loop.ok) expect(loop.error).toMatch(/redirect loop/);
    if (!file.ok) expect(file.error).toMatch(/download refused/);
  });
});

describe('active probe of a certificate-query form', () => {
  it('submits the impossible certificate and calls an always-valid answer valid', () => {
    const first = ok('http://valid.example.com/').snapshot.probe ?? ok('http://valid.example.com/?again=1').snapshot.probe;
    expect(first?.classification).toBe('valid');
    expect(first?.echoed).toBe(true);
    expect(first?.submitted.map((x) => x.role).sort()).toEqual(['captcha', 'idNumber', 'name']);
    expect(first?.request).toMatchObject({ method: 'POST', host: 'valid.example.com', path: '/query', fields: { zjhm: PROBE_VALUES.idNumber, xm: '测试无此人', yzm: '0000' } });
    expect(first?.postsTo).toMatchObject({ host: 'valid.example.com', crossHost: false });
    expect(first?.answer).toMatchObject({ navigated: true, scriptBuilt: false, status: 200 });
    expect(first?.answer.text).toContain('证件有效');
  });

  it('stores the answer screenshot as an artifact', () => {
    const { snapshot, artifacts } = ok('http://valid.example.com/');
    const shot = snapshot.probe?.answer.screenshot;
    expect(shot).toBeTruthy();
    expect(artifacts.some((a) => a.ref.sha256 === shot?.sha256 && a.data.subarray(1, 4).toString('latin1') === 'PNG')).toBe(true);
  });

  it('classifies the no-record answer', () => {
    const p = ok('http://norecord.example.com/').snapshot.probe;
    expect(p?.classification).toBe('no-record');
    expect(p?.matched).toBe('没有查询到');
    expect(p?.request?.fields).toMatchObject({ sfzh: PROBE_VALUES.idNumber });
  });

  it('records where a script-driven form really posts and that the answer was written by script', () => {
    const p = ok('http://script.example.com/').snapshot.probe;
    expect(p?.via).toBe('click');
    expect(p?.postsTo).toMatchObject({ host: 'api.check-cert.net', path: '/check', method: 'POST', crossHost: true });
    expect(p?.answer).toMatchObject({ navigated: false, domChanged: true, scriptBuilt: true });
    expect(p?.answer.text).toBe('查无此人，请核对后重新输入');
    expect(p?.classification).toBe('no-record');
  });

  it('probes a host once per scan and shares the record with the second visit', () => {
    const posts = run.sandbox.requests.filter((r) => r.host === 'valid.example.com' && r.url.endsWith('/query'));
    expect(posts).toHaveLength(1);
    const a = ok('http://valid.example.com/').snapshot.probe;
    const b = ok('http://valid.example.com/?again=1').snapshot.probe;
    expect([a?.sharedFrom, b?.sharedFrom].filter(Boolean)).toHaveLength(1);
  });

  it('never probes an official platform host', () => {
    const { snapshot } = ok('http://cx.mem.gov.cn/');
    expect(snapshot.probe).toBeUndefined();
    expect(snapshot.notes.join(' ')).toMatch(/probe: not made .*official platform/);
    expect(run.sandbox.requests.some((r) => r.host === 'cx.mem.gov.cn' && r.url.endsWith('/query'))).toBe(false);
  });

  it('leaves pages without a query form alone', () => {
    expect(ok('http://probe.example.com/').snapshot.probe).toBeUndefined();
  });
});

describe('extra views of a visit', () => {
  it('fetches the start URL with a plain client: the title, and none of the script-written text', () => {
    const { snapshot } = ok('http://valid.example.com/');
    expect(snapshot.plainFetch).toMatchObject({ status: 200, finalUrl: 'http://valid.example.com/', title: '特种作业操作证查询' });
    expect(snapshot.plainFetch?.text).toContain('证件号码');
    expect(snapshot.plainFetch?.text).not.toContain('打开');
  });

  it('renders the page again as WeChat on a phone', () => {
    const { snapshot } = ok('http://valid.example.com/');
    expect(snapshot.text).toContain('电脑端打开');
    expect(snapshot.mobile?.userAgent).toContain('MicroMessenger');
    expect(snapshot.mobile?.text).toContain('微信内打开');
    expect(snapshot.mobile?.title).toBe('特种作业操作证查询');
    // Its forms too: a query WeChat alone is shown is judged on what WeChat shows.
    expect(snapshot.mobile?.forms?.[0]?.fields.map((f) => [f.name, f.label]).slice(0, 3)).toEqual([['zjhm', '证件号码'], ['xm', '姓名'], ['yzm', '验证码']]);
  });

  it('follows same-site links (通知/关于 first) and records their status and title', () => {
    const subs = ok('http://valid.example.com/').snapshot.subpages ?? [];
    expect(subs.map((x) => [x.url, x.status])).toEqual([
      ['http://valid.example.com/tzgg', 404],
      ['http://valid.example.com/about', 200],
    ]);
    expect(subs[1]?.title).toBe('关于我们');
  });

  it('records the hosting network of the addresses from the bundled IP databases', () => {
    expect(ok('http://valid.example.com/').snapshot.hosting).toEqual([{ ip: '8.8.4.8', asn: 15169, org: 'Google LLC', country: 'US' }]);
  });

  it.runIf(hasTesseract)('reads the header band with OCR', () => {
    const { snapshot } = ok('http://valid.example.com/');
    expect(snapshot.ocrText ?? '', snapshot.notes.join('; ')).toContain('特种作业');
  });
});
