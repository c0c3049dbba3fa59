/**
 * The review console end to end, in real Chromium: a store built by scanning a few sites of the
 * bundled corpus through the sandbox (counterfeits, a benign news page, and cx-mem-gov.info whose title and
 * text carry script injections), the console on port 0, an analyst logging in, working through the queue
 * with keyboard shortcuts, confirming one site and rejecting another, exporting a takedown list; hostile
 * text shown inert; unauthenticated requests and forged cross-site posts refused.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../src/crawler/browser.js';
import { createSession, createUser, type User } from '../src/data/accounts.js';
import { auditLog, latestDecision } from '../src/data/review.js';
import { openStore, type Store } from '../src/data/store.js';
import { refreshReferences } from '../src/pipeline/references.js';
import { runScan } from '../src/pipeline/scan.js';
import { startConsole, type RunningConsole } from '../src/review/server.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

const INJECTED_TITLE = '特种作业操作证查询<script>alert(1)</script>';
const targets = ['cx-mem-gov.cn', 'cx-mem-gov.net', 'cx-mem-gov.info', 'zlaq-mohurd.cn', 'www.workercn.cn'];

let sandbox: Sandbox;
let store: Store;
let web: RunningConsole;
let browser: Browser;
let page: Page;
let supervisor: User;
const dialogs: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-console-'));
  store = openStore(join(dir, 'jianzhen.db'));
  const capture = {
    chromiumPath: findChromium(),
    proxy: sandbox.proxyUrl,
    dnsServer: sandbox.dnsServer,
    whoisServer: sandbox.whoisServer,
    allowPrivate: false,
    concurrency: 2,
  };
  await refreshReferences(store, capture);
  await runScan(store, { targets, capture, identity: { console: true } });
  await createUser(store, { name: 'li', role: 'analyst', password: 'analyst-pass-1' });
  supervisor = await createUser(store, { name: 'zhang', role: 'supervisor', password: 'supervisor-pass-1' });
  web = await startConsole({ store, capture: null, port: 0 });
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS], headless: true });
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  store?.close();
  await sandbox?.close();
});

const rowHosts = () => page.locator('#queue tbody tr[data-host]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-host')));
const cursorHost = () => page.locator('#queue tr.cursor').getAttribute('data-host');

describe('review console', () => {
  it('redirects an unauthenticated page view to the login page and answers other requests 401', async () => {
    const res = await fetch(`${web.url}/queue`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=%2Fqueue/);
    expect((await fetch(`${web.url}/overview/data.json`)).status).toBe(401);
    const art = store.listReferences()[0]!.snapshot.screenshot!.sha256;
    expect((await fetch(`${web.url}/artifact/${art}`)).status).toBe(401);
    expect((await fetch(`${web.url}/export`, { method: 'POST', body: new URLSearchParams({ hosts: 'cx-mem-gov.cn', format: 'csv' }) })).status).toBe(401);
  });

  it('logs an analyst in and shows the flagged sites by score, hostile titles as inert text', async () => {
    await page.goto(`${web.url}/queue`);
    expect(page.url()).toContain('/login');
    await page.fill('input[name=name]', 'li');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await expect(page.locator('.flash.error').textContent()).resolves.toContain('用户名或密码错误');
    await page.fill('input[name=name]', 'li');
    await page.fill('input[name=password]', 'analyst-pass-1');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/queue$/);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'jz_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    const hosts = await rowHosts();
    expect(hosts).toEqual(expect.arrayContaining(['cx-mem-gov.cn', 'cx-mem-gov.info', 'zlaq-mohurd.cn']));
    expect(hosts).not.toContain('www.workercn.cn');
    const scores = await page.locator('#queue tbody tr td.num').allTextContents();
    expect(scores.map(Number)).toEqual([...scores.map(Number)].sort((a, b) => b - a));
    const injected = page.locator('#queue tr[data-host="cx-mem-gov.info"] .title-cell');
    expect(await injected.textContent()).toBe(INJECTED_TITLE);
    expect(await page.locator('#queue script').count()).toBe(0);
    const csp = (await fetch(`${web.url}/login`)).headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
  });

  it('filters the queue by search and platform', async () => {
    await page.goto(`${web.url}/queue?q=zlaq`);
    expect(await rowHosts()).toEqual(['zlaq-mohurd.cn']);
    await page.goto(`${web.url}/queue?platform=mem-cx`);
    expect(await rowHosts()).not.toContain('zlaq-mohurd.cn');
    await page.goto(`${web.url}/queue?verdict=all&state=all`);
    expect(await rowHosts()).toContain('www.workercn.cn');
  });

  it('works through the queue with j/k and confirms a site with c', async () => {
    await page.goto(`${web.url}/queue`);
    const hosts = (await rowHosts()) as string[];
    expect(await cursorHost()).toBe(hosts[0]);
    await page.keyboard.press('j');
    expect(await cursorHost()).toBe(hosts[1]);
    await page.keyboard.press('k');
    expect(await cursorHost()).toBe(hosts[0]);
    for (let i = 0; i < hosts.indexOf('cx-mem-gov.cn'); i++) await page.keyboard.press('j');
    expect(await cursorHost()).toBe('cx-mem-gov.cn');
    await Promise.all([page.waitForURL(/msg=confirmed/), page.keyboard.press('c')]);
    expect(await page.locator('.flash').textContent()).toContain('cx-mem-gov.cn');
    expect(latestDecision(store, 'cx-mem-gov.cn')).toMatchObject({ decision: 'confirmed', actor: 'li' });
    // Decided sites leave the open queue.
    expect(await rowHosts()).not.toContain('cx-mem-gov.cn');
  });

  it('rejects another site from its page with a note (n, then r)', async () => {
    await page.goto(`${web.url}/queue?q=zlaq-mohurd`);
    await Promise.all([page.waitForURL(/\/site\/zlaq-mohurd\.cn/), page.keyboard.press('o')]);
    expect(await page.locator('.site-head .host').textContent()).toBe('zlaq-mohurd.cn');
    await page.keyboard.press('n');
    await page.keyboard.type('官方备案号出现在正文，误报');
    await page.keyboard.press('Escape');
    // No other site matches this filter, so the console goes back to the queue with a confirmation.
    await Promise.all([page.waitForURL(/\/queue\?.*msg=rejected/), page.keyboard.press('r')]);
    expect(await page.locator('.flash').textContent()).toContain('误报');
    expect(latestDecision(store, 'zlaq-mohurd.cn')).toMatchObject({ decision: 'rejected', actor: 'li', note: '官方备案号出现在正文，误报' });
  });

  it('shows a site page with screenshots, the diff overlay, reasons, WHOIS and the hostile title and text as inert text', async () => {
    await page.goto(`${web.url}/site/cx-mem-gov.info`);
    expect(await page.locator('#site-title').textContent()).toBe(INJECTED_TITLE);
    expect(await page.locator('#site-text').textContent()).toContain('<');
    expect(await page.locator('main script, main iframe').count()).toBe(0);
    const loaded = await page.locator('figure img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(loaded.length).toBeGreaterThanOrEqual(3); // suspect, diff overlay, reference
    expect(loaded.every((w) => w > 0)).toBe(true);
    await page.keyboard.press('d');
    expect(await page.locator('#shot-wrap.show-diff').count()).toBe(1);
    expect(await page.locator('text=判定依据').count()).toBe(1);
    expect(await page.locator('#whois').textContent()).toMatch(/Porkbun/i);
    // Each extra view of the visit, taken or not, with its reason in Chinese.
    const extras = await page.locator('#extras li').allTextContents();
    expect(extras).toHaveLength(5);
    expect(extras.every((line) => /^(已采集|未采集)：/.test(line))).toBe(true);
    expect(dialogs).toEqual([]);
  });

  it('exports a takedown list of the selected confirmed sites as CSV', async () => {
    await page.goto(`${web.url}/queue?state=confirmed`);
    expect(await rowHosts()).toEqual(['cx-mem-gov.cn']);
    await page.check('#queue tr[data-host="cx-mem-gov.cn"] input[type=checkbox]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[value=csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('主机名');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"cx-mem-gov.cn"');
    expect(lines[1]).toContain('mem-cx');
    expect(auditLog(store).some((e) => e.action === 'export.takedown' && e.actor === 'li' && e.subject === 'cx-mem-gov.cn')).toBe(true);
  });

  it('refuses forged cross-site posts and posts without the CSRF token with 403', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'jz_session')!;
    const headers = { cookie: `jz_session=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' };
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const body = (extra: Record<string, string>) => new URLSearchParams({ host: 'cx-mem-gov.net', decision: 'confirmed', ...extra }).toString();
    const post = (h: Record<string, string>, b: string) => fetch(`${web.url}/queue/decision`, { method: 'POST', headers: { ...headers, ...h }, body: b, redirect: 'manual' });
    expect((await post({ origin: 'http://evil.example' }, body({ _csrf: token }))).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' }, body({ _csrf: token }))).status).toBe(403);
    expect((await post({ origin: web.url }, body({}))).status).toBe(403);
    expect((await post({ origin: web.url }, body({ _csrf: 'x'.repeat(43) }))).status).toBe(403);
    // From the page itself, a script without the token is refused too.
    const status = await page.evaluate(async () => (await fetch('/queue/decision', { method: 'POST', body: new URLSearchParams({ host: 'cx-mem-gov.net', decision: 'confirmed' }) })).status);
    expect(status).toBe(403);
    expect(latestDecision(store, 'cx-mem-gov.net')).toBeNull();
    // The genuine form post with the token works.
    expect((await post({ origin: web.url }, body({ _csrf: token }))).status).toBe(303);
    expect(latestDecision(store, 'cx-mem-gov.net')?.decision).toBe('confirmed');
  });

  it('serves only raster images from the artifact store, with nosniff', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'jz_session')!;
    const headers = { cookie: `jz_session=${cookie.value}` };
    const snap = store.findResults({ host: 'cx-mem-gov.info', limit: 1 })[0]!.snapshot!;
    const png = await fetch(`${web.url}/artifact/${snap.screenshot!.sha256}`, { headers });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    // The captured HTML is an artifact too, but is never served.
    expect((await fetch(`${web.url}/artifact/${snap.html!.sha256}`, { headers })).status).toBe(404);
    expect((await fetch(`${web.url}/artifact/..%2f..%2fetc%2fpasswd`, { headers })).status).toBe(404);
  });

  it('keeps the users and audit pages for supervisors, and the audit log records decisions and exports', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'jz_session')!;
    expect((await fetch(`${web.url}/audit`, { headers: { cookie: `jz_session=${cookie.value}` } })).status).toBe(403);
    expect((await fetch(`${web.url}/users`, { headers: { cookie: `jz_session=${cookie.value}` } })).status).toBe(403);
    const boss = createSession(store, supervisor);
    const audit = await (await fetch(`${web.url}/audit`, { headers: { cookie: `jz_session=${boss.id}` } })).text();
    expect(audit).toContain('确认假冒');
    expect(audit).toContain('导出下架清单');
    expect(audit).toContain('cx-mem-gov.cn');
  });

  it('draws the overview charts from the store', async () => {
    await page.goto(`${web.url}/overview`);
    const data = (await page.evaluate(async () => (await fetch('/overview/data.json')).json())) as { totals: { confirmed: number; found: number } };
    expect(data.totals.confirmed).toBe(2);
    expect(data.totals.found).toBeGreaterThanOrEqual(3);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0 && (window as unknown as { Chart?: unknown }).Chart !== undefined);
    expect(await page.locator('#chart-error').isHidden()).toBe(true);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
