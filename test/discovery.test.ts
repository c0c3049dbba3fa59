/**
 * Discovery end to end: `jianzhen scan --engine baidu --search …` through the sandbox
 * proxy finds the corpus's counterfeits on Baidu's saved result page, with Baidu's /link?url= redirects
 * resolved, and scans them; feeds, the CT log, certstream and a certificate photo's QR code each yield
 * the look-alikes through gatherSeedTargets (no browser: one Chromium launch per file).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherSeedTargets } from '../src/cli/seeds.js';
import { loadConfig } from '../src/config/index.js';
import { corpus, searchFixtures } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

const BIN = fileURLToPath(new URL('../bin/jianzhen.js', import.meta.url));
const QUERY = '特种作业操作证 查询';
const dir = mkdtempSync(join(tmpdir(), 'jianzhen-discovery-'));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const label = new Map(corpus.map((s) => [s.host, s.label]));
const hostOf = (u: string) => u.replace(/^https?:\/\//, '').replace(/[/:].*$/, '');

let sandbox: Sandbox;
let scan: { code: number | null; stdout: string; stderr: string };
let doc: { results: { input: string; verdict: string; error: string | null }[] };

beforeAll(async () => {
  sandbox = await startSandbox();
  const json = join(dir, 'scan.json');
  scan = await run([
    'scan', '--engine', 'baidu', '--search', QUERY,
    '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer,
    '--db', join(dir, 'jianzhen.db'), '--json', json, '--concurrency', '3',
  ]);
  doc = JSON.parse(readFileSync(json, 'utf8'));
}, 300_000);

afterAll(async () => {
  await sandbox?.close();
});

describe('jianzhen scan --engine baidu --search', () => {
  it('scans every Baidu result, redirect links resolved to the real sites', () => {
    expect(scan.stderr).toMatch(/search baidu "特种作业操作证 查询": 6 results/);
    const expected = searchFixtures.find((f) => f.query === QUERY)!.results.map((r) => r.url);
    expect(doc.results.map((r) => r.input)).toEqual(expected);
    expect(doc.results.some((r) => r.input.includes('baidu.com'))).toBe(false);
    const redirects = sandbox.requests.filter((r) => r.host === 'www.baidu.com' && r.url.includes('/link?url=') && r.status === 302);
    expect(redirects.length).toBeGreaterThanOrEqual(4);
  });

  it('finds the corpus counterfeits among them and flags them', () => {
    const fakes = doc.results.filter((r) => label.get(hostOf(r.input)) === 'counterfeit');
    expect(fakes.map((r) => hostOf(r.input)).sort()).toEqual(['cx-mem-gov.cn', 'cx.mem.gov.cn.chaxun-zs.top', 'tzzy-chaxun.com']);
    for (const r of fakes) expect(['counterfeit', 'suspicious']).toContain(r.verdict);
    expect(doc.results.find((r) => hostOf(r.input) === 'cx.mem.gov.cn')?.verdict).toBe('official');
  });
});

describe('discovery seeds without a browser', () => {
  it('gathers look-alikes from a feed, the CT log, certstream and a certificate photo, screened', async () => {
    const photo = join(dir, 'cert.jpg');
    const qr = await QRCode.toBuffer('http://cx-mem-gov.org/zs?id=8812', { type: 'png', width: 240, margin: 2 });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="640"><rect width="100%" height="100%" fill="#f4ecd8"/><text x="450" y="90" font-size="44" text-anchor="middle">特种作业操作证</text><rect x="60" y="160" width="180" height="240" fill="#cfd8e3"/></svg>`;
    writeFileSync(photo, await sharp(Buffer.from(svg)).composite([{ input: qr, left: 600, top: 340 }]).rotate(3, { background: '#888' }).jpeg({ quality: 75 }).toBuffer());
    const flags = {
      feed: [`${sandbox.feedsUrl}/nrd/2026-09-20.zip`],
      ctLog: `${sandbox.feedsUrl}/`,
      ctEntries: '1000',
      certstream: sandbox.certstreamUrl,
      certstreamSeconds: '2',
      qr: [photo],
    };
    const { targets, notes } = await gatherSeedTargets(flags, loadConfig({ db: join(dir, 'x.db') }));
    expect(targets).toEqual(expect.arrayContaining(['cx-mem-gov.cn', 'cx-rnem-gov.cn', 'mohurd-zlaq.com.cn', 'http://cx-mem-gov.org/zs?id=8812']));
    // The screen drops the unrelated noise that makes up most of every feed.
    expect(targets.filter((t) => !label.has(hostOf(t)))).toEqual([]);
    expect(notes.some((n) => /^CT log .*kept by the domain screen/.test(n))).toBe(true);
    expect(notes.some((n) => /^certstream .*kept by the domain screen/.test(n))).toBe(true);
  });

  it('refuses an unknown engine and an engine without keywords (exit 2)', async () => {
    const unknown = await run(['scan', '--engine', 'google', '--search', QUERY]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--engine google: unknown search engine \(known: searxng, baidu, bing, sogou, 360\)/);
    const lonely = await run(['scan', '--engine', 'baidu', '--url', 'example.com']);
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toMatch(/--engine needs --search/);
  });
});
