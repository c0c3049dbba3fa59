import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { findChromium } from './browser.js';
import { captureTargets, DEFAULT_CAPTURE, type CaptureOptions } from './capture.js';
import type { CaptureOutcome } from './snapshot.js';
import { parseTarget } from './targets.js';

// Small hand-made sites served by the real sandbox proxy/DNS/WHOIS, captured by real Chromium.
const html = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const whois = { created: '2026-10-01', registrar: 'NameSilo, LLC', registrant: 'REDACTED FOR PRIVACY', privacy: true };
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
];

let sandbox: Sandbox;
let opts: CaptureOptions;
const outcomes = new Map<string, CaptureOutcome>();

beforeAll(async () => {
  sandbox = await startSandbox({ corpus: sites, searchFixtures: [] });
  opts = {
    ...DEFAULT_CAPTURE,
    chromiumPath: findChromium(),
    proxy: sandbox.proxyUrl,
    dnsServer: sandbox.dnsServer,
    whoisServer: sandbox.whoisServer,
  };
  const inputs = ['hops.example.com', 'http://probe.example.com/', 'loop.example.org', 'gone.example.org', 'http://loop-redirect.example.org/', 'http://file.example.org/'];
  await captureTargets(
    inputs.map((input, index) => ({ index, target: (parseTarget(input) as { ok: true; target: never }).target })),
    opts,
    (index, o) => void outcomes.set(inputs[index]!, o),
  );
}, 180_000);

afterAll(async () => {
  await sandbox?.close();
});

function ok(input: string) {
  const o = outcomes.get(input);
  if (!o?.ok) throw new Error(`expected a snapshot for ${input}, got ${o ? o.error : 'nothing'}`);
  return o;
}

describe('capture through the sandbox proxy', () => {
  it('gives every target exactly one outcome', () => {
    expect(outcomes.size).toBe(6);
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

  it("refuses the page's own requests to private addresses and lists them", () => {
    const { snapshot } = ok('http://probe.example.com/');
    const blocked = snapshot.blockedRequests.join('\n');
    expect(blocked).toMatch(/router\.example\.net.*10\.20\.30\.40/);
    expect(blocked).toMatch(/192\.168\.1\.1/);
    expect(sandbox.requests.some((r) => r.host === 'router.example.net')).toBe(false);
  });

  it('refuses a target that resolves to loopback without visiting it', () => {
    const o = outcomes.get('loop.example.org')!;
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.stage).toBe('refused');
      expect(o.error).toMatch(/127\.0\.0\.1.*--allow-private/);
    }
    expect(sandbox.requests.some((r) => r.host === 'loop.example.org')).toBe(false);
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
