/**
 * The one browser test of the reports: a real evidence packet built with real Chromium through the
 * sandbox internet (proxy, DNS) and the guard proxy, then verified — and failed on a one-byte change.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EvidenceBrowser } from '../../model/evidence-visit.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../crawler/evidence-visit/index.js';
import { listEvidencePackets } from '../../data/reports.js';
import type { Store } from '../../data/store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { allSiteRecords, type SiteRecord } from '../sites.js';
import { fixtureStore } from '../../../test/fixtures/report-store.js';
import { closeAfterAll } from '../../../test/fixtures/lifecycle.js';
import { launchEvidenceBrowser } from '../../pipeline/evidence.js';
import { buildEvidencePacket, loadOrCreateKeys, readPacket, verifyPacket, type BuiltPacket, type CustodyOptions } from './index.js';
import { canRecordVideo } from '../../crawler/evidence-visit/index.js';
import type { Manifest } from './manifest.js';

let sandbox: Sandbox;
let store: Store;
let dir: string;
let browser: EvidenceBrowser;
let built: BuiltPacket;
let manifest: Manifest;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ store, dir } = await fixtureStore());
  browser = await launchEvidenceBrowser(findChromium());
  const site = (await allSiteRecords(store)).find((s) => s.host === 'cx-mem-gov.cn')!;
  built = await buildEvidencePacket(store, browser, site, {
    outDir: path.join(dir, 'evidence'),
    proxy: sandbox.proxyUrl,
    dns: sandbox.dnsServer,
    allowPrivate: false,
    keys: loadOrCreateKeys(path.join(dir, 'keys'), { sm2: true }),
    actor: 'tester',
    custody: CUSTODY,
  });
  manifest = JSON.parse(fs.readFileSync(path.join(built.dir, 'manifest.json'), 'utf8'));
}, 1_800_000);

const CUSTODY = {
  extractors: ['张伟', '李娜'],
  witnesses: ['王芳'],
  unit: '某市公安局网络安全保卫支队',
  place: '某市公安局网络安全保卫支队电子数据实验室',
  caseCause: '涉嫌伪造国家机关证件案',
  caseNumber: 'A3201002026090001',
  exitIp: '203.0.113.7',
};

/** Builds a packet of `site` (a stored site, or one made from it) with the shared browser and keys. */
function packetOf(site: SiteRecord, o: { proxy: string | null; custody?: CustodyOptions }): Promise<BuiltPacket> {
  return buildEvidencePacket(store, browser, site, {
    outDir: path.join(dir, 'evidence'),
    proxy: o.proxy,
    dns: sandbox.dnsServer,
    allowPrivate: false,
    keys: loadOrCreateKeys(path.join(dir, 'keys'), { sm2: true }),
    actor: 'tester',
    ...(o.custody ? { custody: o.custody } : {}),
  });
}

const manifestOf = (p: BuiltPacket): Manifest => JSON.parse(fs.readFileSync(path.join(p.dir, 'manifest.json'), 'utf8'));
const reportHtml = (p: BuiltPacket): string => fs.readFileSync(path.join(p.dir, 'report.html'), 'utf8');
/** The PDF's text as pdftotext reads it, or null where poppler-utils is not installed. */
function pdfText(p: BuiltPacket): string | null {
  const run = spawnSync('pdftotext', ['-layout', path.join(p.dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  return run.error ? null : run.stdout;
}

closeAfterAll(() => [browser, store, sandbox]);

describe('evidence packet of a counterfeit site', () => {
  it('visits the site afresh through the sandbox and records the packet in the store', async () => {
    expect(built.visitOk).toBe(true);
    expect(sandbox.requests.some((r) => r.host === 'cx-mem-gov.cn')).toBe(true);
    expect((await listEvidencePackets(store, 'cx-mem-gov.cn')).map((p) => p.id)).toContain(built.record.id);
    expect(fs.existsSync(built.zip)).toBe(true);
  });

  it('holds the fresh capture and the stored evidence, each listed with 类别, 文件格式, SHA-256 and SM3', () => {
    const paths = manifest.files.map((f) => f.path);
    for (const p of ['capture/screenshot-full.png', 'capture/page.html', 'capture/page.mhtml', 'capture/visit.har', 'capture/tls.json',
      'stored/screenshot.png', 'stored/snapshot.json', 'stored/verdict.json', 'stored/whois.txt', 'stored/dns.json', 'report.pdf']) {
      expect(paths).toContain(p);
    }
    // Playwright's WebM wherever its ffmpeg slot is filled (npm run setup links Debian's), else the screencast AVI.
    const video = canRecordVideo() ? 'capture/visit.webm' : 'capture/visit.avi';
    expect(paths).toContain(video);
    const head = fs.readFileSync(path.join(built.dir, video)).subarray(0, 12);
    if (video.endsWith('.webm')) expect(head.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML
    else expect([head.subarray(0, 4).toString(), head.subarray(8, 12).toString()]).toEqual(['RIFF', 'AVI ']);
    for (const f of manifest.files) {
      expect(f.category).not.toBe('');
      expect(f.format).not.toBe('');
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.sm3).toMatch(/^[0-9a-f]{64}$/);
    }
    const png = fs.readFileSync(path.join(built.dir, 'capture', 'screenshot-full.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(fs.readFileSync(path.join(built.dir, 'capture', 'page.mhtml'), 'utf8')).toMatch(/^From: <Saved by Blink>|MIME-Version: 1\.0/m);
    const har = JSON.parse(fs.readFileSync(path.join(built.dir, 'capture', 'visit.har'), 'utf8'));
    expect(har.log.entries.some((e: { request: { url: string } }) => e.request.url === 'http://cx-mem-gov.cn/')).toBe(true);
    expect(fs.readFileSync(path.join(built.dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('signs who extracted it, for which case, before whom and from where into the manifest', () => {
    const x = manifest.extraction;
    expect(x.custody).toEqual({
      caseCause: '涉嫌伪造国家机关证件案', caseNumber: 'A3201002026090001', unit: '某市公安局网络安全保卫支队', extractors: ['张伟', '李娜'], witnesses: ['王芳'],
    });
    expect(x.vantagePoint).toMatchObject({ place: '某市公安局网络安全保卫支队电子数据实验室', publicAddress: '203.0.113.7', publicAddressSource: '提取人提供（--exit-ip）' });
    expect(x.accessMethod).toMatch(/^在线提取：/);
    expect(x.status).toEqual({ reachable: true, text: '已访问', reason: null });
  });

  it('prints 案由, 提取人, 提取地点 and a signature block for the 侦查人员 and the 见证人 on the PDF', (ctx) => {
    const html = reportHtml(built);
    for (const text of ['案由', '涉嫌伪造国家机关证件案', '提取人', '张伟、李娜', '见证人', '王芳', '某市公安局网络安全保卫支队电子数据实验室；公网出口地址 203.0.113.7', '七、签名']) {
      expect(html).toContain(text);
    }
    expect(html.match(/<td>侦查人员（提取人）<\/td>/g)).toHaveLength(2);
    expect(html.match(/<td>见证人<\/td>/g)).toHaveLength(1);
    const text = pdfText(built);
    if (text === null) ctx.skip('pdftotext is not installed (apt-get install poppler-utils); report.html, printed to the PDF, was checked');
    for (const t of ['涉嫌伪造国家机关证件案', '张伟', '李娜', '王芳', '侦查人员（提取人）', '203.0.113.7']) expect(text).toContain(t);
  });

  it('keeps the real response headers and names the server of the page', () => {
    const response = JSON.parse(fs.readFileSync(path.join(built.dir, 'capture', 'response.json'), 'utf8'));
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.documents).toEqual([expect.objectContaining({ url: 'http://cx-mem-gov.cn/', status: 200, serverAddresses: ['103.145.87.12'] })]);
    expect(manifest.extraction.documents).toEqual([{ url: 'http://cx-mem-gov.cn/', status: 200, location: null, serverAddresses: ['103.145.87.12'] }]);
  });

  it('writes an extraction record: URL, resolved IP, vantage point, tool versions, UTC and Beijing times, steps', () => {
    const x = manifest.extraction;
    expect(x.url).toBe('http://cx-mem-gov.cn/');
    expect(x.resolvedIps).toEqual(['103.145.87.12']);
    expect(x.vantagePoint.proxy).toBe(sandbox.proxyUrl);
    expect(x.tool.browser).toMatch(/^Chromium \d+\./);
    expect(x.startedAt.shanghai).toMatch(/\+08:00$/);
    expect(Date.parse(x.startedAt.shanghai)).toBe(Date.parse(x.startedAt.utc));
    expect(x.steps.map((s) => s.step).join('\n')).toMatch(/访问 http:\/\/cx-mem-gov\.cn\//);
    // The sandbox refuses https, so the visit is plain http and the TLS file says so.
    expect(JSON.parse(fs.readFileSync(path.join(built.dir, 'capture', 'tls.json'), 'utf8')).note).toMatch(/^http only/);
  });

  it('verifies as a folder and as a ZIP, and fails on a one-byte change to the PDF', async () => {
    expect(verifyPacket(await readPacket(built.dir)).problems).toEqual([]);
    expect(verifyPacket(await readPacket(built.zip)).signatures).toEqual(['Ed25519', 'SM2']);
    const copy = `${built.dir}-tampered`;
    fs.cpSync(built.dir, copy, { recursive: true });
    const pdf = path.join(copy, 'report.pdf');
    const bytes = fs.readFileSync(pdf);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x01;
    fs.writeFileSync(pdf, bytes);
    const report = verifyPacket(await readPacket(copy));
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.startsWith('changed: report.pdf'))).toHaveLength(2);
  });
});

describe('evidence packet of a site that cannot be reached', () => {
  let down: BuiltPacket;
  beforeAll(async () => {
    // No DNS answer and no upstream proxy: the guard proxy itself answers the browser with an HTTP 404.
    const site = (await allSiteRecords(store)).find((s) => s.host === 'zlaq-mohurd.com')!;
    down = await packetOf(site, { proxy: null });
  }, 1_800_000);

  it('says 无法访问 with the reason, never 已访问, and records what was attempted', () => {
    const reason = '域名 zlaq-mohurd.com 没有 DNS 解析结果（NXDOMAIN）；收到的 HTTP 404 是本机防护代理的错误应答，不是网站的页面';
    expect(down.visitOk).toBe(false);
    expect(down.visitError).toBe(`无法访问：${reason}`);
    const x = manifestOf(down).extraction;
    expect(x.status).toEqual({ reachable: false, text: '无法访问', reason });
    const steps = x.steps.map((s) => s.step);
    expect(steps.slice(0, 2)).toEqual(['解析域名 zlaq-mohurd.com（DNS 服务器：' + sandbox.dnsServer + '）', '解析结果：zlaq-mohurd.com → 无地址（NXDOMAIN）']);
    expect(steps).toContain('访问 http://zlaq-mohurd.com/personnel/safety');
    expect(steps.at(-1)).toBe(`结论：无法访问 —— ${reason}`);
    expect(steps.join('\n')).not.toMatch(/page loaded|已访问/);
    // Nobody named: the user who built it is the 提取人, and two signature lines are left for the officers.
    expect(x.custody.extractors).toEqual(['tester']);
    const html = reportHtml(down);
    expect(html).toContain('<span class="down">无法访问</span>：域名 zlaq-mohurd.com 没有 DNS 解析结果');
    expect(html).toContain('下图为扫描时');
    expect(html).not.toContain('已访问');
    expect(html.match(/<td>侦查人员（提取人）<\/td>/g)).toHaveLength(2);
    expect(manifestOf(down).files.find((f) => f.path === 'capture/screenshot-full.png')?.description).toMatch(/此为浏览器显示的错误页/);
  });
});

describe('evidence packet of a site that redirects to another host', () => {
  let hop: BuiltPacket;
  beforeAll(async () => {
    // cx-mem.top (an ad name) answers 302 to the copy on cx-mem-gov.cn: two hosts, two servers.
    const cx = (await allSiteRecords(store)).find((s) => s.host === 'cx-mem-gov.cn')!;
    hop = await packetOf({ ...cx, host: 'cx-mem.top', url: 'http://cx-mem.top/' }, { proxy: sandbox.proxyUrl, custody: CUSTODY });
  }, 1_800_000);

  it('names the server that sent each page of the redirect chain and the captured page', () => {
    expect(hop.visitOk).toBe(true);
    const x = manifestOf(hop).extraction;
    expect(x.documents).toEqual([
      { url: 'http://cx-mem.top/', status: 302, location: 'http://cx-mem-gov.cn/', serverAddresses: ['172.247.33.18'] },
      { url: 'http://cx-mem-gov.cn/', status: 200, location: null, serverAddresses: ['103.145.87.12'] },
    ]);
    const response = JSON.parse(fs.readFileSync(path.join(hop.dir, 'capture', 'response.json'), 'utf8'));
    expect(response.documents[0].headers.location).toBe('http://cx-mem-gov.cn/');
    const html = reportHtml(hop);
    expect(html).toMatch(/http:\/\/cx-mem\.top\/<\/td><td>302<br>跳转至 <span class="mono">http:\/\/cx-mem-gov\.cn\/<\/span><\/td><td class="mono">172\.247\.33\.18<\/td>/);
    expect(html).toMatch(/http:\/\/cx-mem-gov\.cn\/<\/td><td>200<\/td><td class="mono">103\.145\.87\.12<\/td>/);
  });
});
