/**
 * The evidence visit with real Chromium: through the sandbox internet (upstream proxy + DNS) and straight
 * from the guard proxy, as `evidence build` runs with and without `--proxy`. What it must never do is call
 * a proxy's error page the site's page.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from '../../sandbox/corpus/types.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { evidenceVisit, findChromium, launchEvidenceBrowser, type VisitOptions } from './index.js';

const page = (title: string): CorpusSite['routes'][string] => ({ kind: 'page', body: `<!doctype html><title>${title}</title><h1>${title}</h1>` });
const sites: CorpusSite[] = [
  { host: 'hop.test', label: 'counterfeit', platform: 'mem-cx', note: 'ad name: 302 to the copy', a: ['103.45.249.120'], routes: { '/': { kind: 'redirect', location: 'http://copy.test/cx', status: 302 } } },
  { host: 'copy.test', label: 'counterfeit', platform: 'mem-cx', note: 'the copy', a: ['45.8.1.2', '45.8.1.3'], routes: { '/cx': page('特种作业操作证查询') } },
  { host: 'gone.test', label: 'unregistered', platform: null, note: 'NXDOMAIN', routes: {} },
  { host: 'broken.test', label: 'hostile', platform: null, note: 'not HTTP', a: ['103.45.249.121'], routes: { '/': { kind: 'hostile', behaviour: 'malformed' } } },
];

let sandbox: Sandbox;
let browser: Browser;
const work = fs.mkdtempSync(path.join(tmpdir(), 'jianzhen-visit-'));
let n = 0;
const visit = (o: Partial<VisitOptions> & { url: string }) =>
  evidenceVisit(browser, { proxy: sandbox.proxyUrl, dns: sandbox.dnsServer, allowPrivate: false, workDir: path.join(work, String(++n)), timeoutMs: 20_000, ...o });

beforeAll(async () => {
  sandbox = await startSandbox({ corpus: sites, searchFixtures: [] });
  browser = await launchEvidenceBrowser(findChromium());
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('evidence visit', () => {
  it('names the server of every hop of a redirect and keeps each answer’s real headers', async () => {
    const v = await visit({ url: 'http://hop.test/' });
    expect(v.reachable).toBe(true);
    expect(v.unreachableReason).toBeNull();
    expect(v.documents.map((d) => [d.url, d.status, d.location, d.serverAddresses])).toEqual([
      ['http://hop.test/', 302, 'http://copy.test/cx', ['103.45.249.120']],
      ['http://copy.test/cx', 200, null, ['45.8.1.2', '45.8.1.3']],
    ]);
    expect(v.headers['content-type']).toMatch(/^text\/html/);
    expect(v.status).toBe(200);
    expect(v.finalUrl).toBe('http://copy.test/cx');
    // The HAR only knows the guard proxy's address, hence the hops above.
    const har = JSON.parse(fs.readFileSync(v.harFile!, 'utf8')) as { log: { entries: { serverIPAddress?: string }[] } };
    expect(har.log.entries.every((e) => !e.serverIPAddress || e.serverIPAddress === '127.0.0.1')).toBe(true);
  }, 1_800_000);

  it('calls a name with no DNS answer unreachable when the guard proxy answers 404 for it (no upstream proxy)', async () => {
    const v = await visit({ url: 'http://gone.test/', proxy: null });
    expect(v.status).toBe(404); // proxy-chain's own page for ENOTFOUND
    expect(v.reachable).toBe(false);
    expect(v.ok).toBe(false);
    expect(v.unreachableReason).toBe('域名 gone.test 没有 DNS 解析结果（NXDOMAIN）；收到的 HTTP 404 是本机防护代理的错误应答，不是网站的页面');
    const steps = v.steps.map((s) => s.step);
    expect(steps).toContain('解析结果：gone.test → 无地址（NXDOMAIN）');
    expect(steps).toContain('访问 http://gone.test/');
    expect(steps.at(-1)).toMatch(/^结论：无法访问 —— 域名 gone\.test 没有 DNS 解析结果/);
    expect(steps.join('\n')).not.toMatch(/page loaded|已访问网站/);
  }, 1_800_000);

  it('calls a name with no DNS answer unreachable behind an upstream proxy that answers 502 for it', async () => {
    const v = await visit({ url: 'http://gone.test/' });
    expect(v.status).toBe(502);
    expect(v.unreachableReason).toBe('域名 gone.test 没有 DNS 解析结果（NXDOMAIN）；收到的 HTTP 502 是代理的错误应答，不是网站的页面');
  }, 1_800_000);

  it('calls a refused connection unreachable', async () => {
    const port = await closedPort();
    const v = await visit({ url: `http://127.0.0.1:${port}/`, proxy: null, allowPrivate: true });
    expect(v.reachable).toBe(false);
    expect(v.unreachableReason).toBe('连接被拒绝（HTTP 594 是本机防护代理的错误应答，不是网站的页面）');
  }, 1_800_000);

  it('calls a server that speaks no HTTP unreachable', async () => {
    const v = await visit({ url: 'http://broken.test/' });
    expect(v.reachable).toBe(false);
    expect(v.unreachableReason).toBe('服务器没有给出有效的 HTTP 应答（HTTP 599 是代理的错误应答，不是网站的页面）');
  }, 1_800_000);
});

/** A loopback port nobody listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
