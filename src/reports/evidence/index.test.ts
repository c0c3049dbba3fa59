/**
 * The one browser test of the reports: a real evidence packet built with real Chromium through the
 * sandbox internet (proxy, DNS) and the guard proxy, then verified — and failed on a one-byte change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../crawler/evidence-visit/index.js';
import { listEvidencePackets } from '../../data/reports.js';
import type { Store } from '../../data/store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { allSiteRecords } from '../sites.js';
import { fixtureStore } from '../../../test/fixtures/report-store.js';
import { buildEvidencePacket, launchEvidenceBrowser, loadOrCreateKeys, readPacket, verifyPacket, type BuiltPacket } from './index.js';
import { canRecordVideo } from '../../crawler/evidence-visit/index.js';
import type { Manifest } from './manifest.js';

let sandbox: Sandbox;
let store: Store;
let dir: string;
let browser: Browser;
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
  });
  manifest = JSON.parse(fs.readFileSync(path.join(built.dir, 'manifest.json'), 'utf8'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await store?.close();
  await sandbox?.close();
});

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

  it('writes an extraction record: URL, resolved IP, vantage point, tool versions, UTC and Beijing times, steps', () => {
    const x = manifest.extraction;
    expect(x.url).toBe('http://cx-mem-gov.cn/');
    expect(x.resolvedIps).toEqual(['103.145.87.12']);
    expect(x.vantagePoint.proxy).toBe(sandbox.proxyUrl);
    expect(x.tool.browser).toMatch(/^Chromium \d+\./);
    expect(x.startedAt.shanghai).toMatch(/\+08:00$/);
    expect(Date.parse(x.startedAt.shanghai)).toBe(Date.parse(x.startedAt.utc));
    expect(x.steps.map((s) => s.step).join('\n')).toMatch(/navigate to http:\/\/cx-mem-gov\.cn\//);
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
