/**
 * The review console end to end, in real Chromium, behind a real HTTPS reverse proxy (nginx on loopback with
 * a self-signed certificate, as deployments put HTTPS in front of `jianzhen review --public --public-url`): a
 * store built by scanning a few sites of the bundled corpus through the sandbox (counterfeits, a benign news
 * page, an IDN homograph, and cx-mem-gov.info whose title and text carry script injections), an analyst
 * logging in through the proxy, working through the queue with keyboard shortcuts, confirming one site and
 * rejecting another, exporting a takedown list, a bulk decision and its undo, a lead whose list refreshes
 * while a URL is half typed; hostile text shown inert; unauthenticated requests and forged posts refused.
 * With JIANZHEN_SCREENSHOTS=DIR it also saves what analysts see there (queue, site, bulk decision, audit).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
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
import { sandboxCapture } from './fixtures/sandbox.js';
import { proxyPort, startHttpsProxy, type HttpsProxy } from './services/nginx.js';

const INJECTED_TITLE = '特种作业操作证查询<script>alert(1)</script>';
const targets = ['cx-mem-gov.cn', 'cx-mem-gov.net', 'cx-mem-gov.info', 'zlaq-mohurd.cn', 'xn--cx-mm-2we.com', 'www.workercn.cn'];
const PUBLIC_HOST = 'review.jianzhen.test';
const shots = process.env['JIANZHEN_SCREENSHOTS'] ?? null;

let sandbox: Sandbox;
let store: Store;
let web: RunningConsole;
let proxy: HttpsProxy;
/** The console's public address: what the analyst's browser opens, through nginx. */
let BASE: string;
let browser: Browser;
let page: Page;
let supervisor: User;
const dialogs: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-console-'));
  store = await openStore(join(dir, 'jianzhen.db'));
  const capture = sandboxCapture(sandbox, 2);
  await refreshReferences(store, capture);
  await runScan(store, { targets, capture, identity: { console: true } });
  await createUser(store, { name: 'li', role: 'analyst', password: 'analyst-pass-1' });
  supervisor = await createUser(store, { name: 'zhang', role: 'supervisor', password: 'supervisor-pass-1' });
  const port = await proxyPort();
  BASE = `https://${PUBLIC_HOST}:${port}`;
  web = await startConsole({ store, capture: { ...capture, concurrency: 1 }, identity: { console: true }, port: 0, publicUrl: BASE });
  proxy = await startHttpsProxy({ host: PUBLIC_HOST, port, upstreamPort: web.port });
  if (shots) mkdirSync(shots, { recursive: true });
  // The test host name resolves to the proxy on loopback for this browser only; the certificate is self-signed.
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`], headless: true });
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}, 1_800_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await web?.jobs.idle();
  await web?.close();
  await store?.close();
  await sandbox?.close();
});

const shot = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: name !== 'queue' });
};
const rowHosts = () => page.locator('#queue tbody tr[data-host]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-host')));
const cursorHost = () => page.locator('#queue tr.cursor').getAttribute('data-host');

describe('review console', () => {
  it('redirects an unauthenticated page view to the login page and answers other requests 401', async () => {
    const res = await fetch(`${web.url}/queue`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=%2Fqueue/);
    expect((await fetch(`${web.url}/overview/data.json`)).status).toBe(401);
    const art = (await store.listReferences())[0]!.snapshot.screenshot!.sha256;
    expect((await fetch(`${web.url}/artifact/${art}`)).status).toBe(401);
    expect((await fetch(`${web.url}/export`, { method: 'POST', headers: { origin: web.url }, body: new URLSearchParams({ hosts: 'cx-mem-gov.cn', format: 'csv' }) })).status).toBe(401);
  });

  it('logs an analyst in through the HTTPS proxy and shows the flagged sites by score, hostile titles as inert text', async () => {
    await page.goto(`${BASE}/queue`);
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
    // Behind HTTPS the session cookie is Secure, and the browser kept it: the login worked through the proxy.
    expect(session.secure).toBe(true);
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
    await page.goto(`${BASE}/queue?q=zlaq`);
    expect(await rowHosts()).toEqual(['zlaq-mohurd.cn']);
    await page.goto(`${BASE}/queue?platform=mem-cx`);
    expect(await rowHosts()).not.toContain('zlaq-mohurd.cn');
    await page.goto(`${BASE}/queue?verdict=all&state=all`);
    expect(await rowHosts()).toContain('www.workercn.cn');
  });

  it('works through the queue with j/k and confirms a site with c', async () => {
    await page.goto(`${BASE}/queue`);
    await shot('queue');
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
    expect(await latestDecision(store, 'cx-mem-gov.cn')).toMatchObject({ decision: 'confirmed', actor: 'li' });
    // Decided sites leave the open queue.
    expect(await rowHosts()).not.toContain('cx-mem-gov.cn');
  });

  it('rejects another site from its page with a note (n, then r)', async () => {
    await page.goto(`${BASE}/queue?q=zlaq-mohurd`);
    await Promise.all([page.waitForURL(/\/site\/zlaq-mohurd\.cn/), page.keyboard.press('o')]);
    expect(await page.locator('.site-head .host').textContent()).toBe('zlaq-mohurd.cn');
    await page.keyboard.press('n');
    await page.keyboard.type('官方备案号出现在正文，误报');
    await page.keyboard.press('Escape');
    // No other site matches this filter, so the console goes back to the queue with a confirmation.
    await Promise.all([page.waitForURL(/\/queue\?.*msg=rejected/), page.keyboard.press('r')]);
    expect(await page.locator('.flash').textContent()).toContain('误报');
    expect(await latestDecision(store, 'zlaq-mohurd.cn')).toMatchObject({ decision: 'rejected', actor: 'li', note: '官方备案号出现在正文，误报' });
  });

  it('shows a site page with screenshots, the diff overlay, reasons, WHOIS and the hostile title and text as inert text', async () => {
    await page.goto(`${BASE}/site/cx-mem-gov.info`);
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
    await shot('site');
  });

  it('exports a takedown list of the selected confirmed sites as CSV', async () => {
    await page.goto(`${BASE}/queue?state=confirmed`);
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
    expect((await auditLog(store)).some((e) => e.action === 'export.takedown' && e.actor === 'li' && e.subject === 'cx-mem-gov.cn')).toBe(true);
  });

  it('refuses forged cross-site posts and posts without the CSRF token with 403', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'jz_session')!;
    const headers = { cookie: `jz_session=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' };
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const body = (extra: Record<string, string>) => new URLSearchParams({ host: 'cx-mem-gov.net', decision: 'confirmed', ...extra }).toString();
    const post = (h: Record<string, string>, b: string) => fetch(`${web.url}/decisions`, { method: 'POST', headers: { ...headers, ...h }, body: b, redirect: 'manual' });
    expect((await post({ origin: 'http://evil.example' }, body({ _csrf: token }))).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' }, body({ _csrf: token }))).status).toBe(403);
    expect((await post({ origin: web.url }, body({}))).status).toBe(403);
    expect((await post({ origin: web.url }, body({ _csrf: 'x'.repeat(43) }))).status).toBe(403);
    // From the page itself, a script without the token is refused too.
    const status = await page.evaluate(async () => (await fetch('/decisions', { method: 'POST', body: new URLSearchParams({ host: 'cx-mem-gov.net', decision: 'confirmed' }) })).status);
    expect(status).toBe(403);
    expect(await latestDecision(store, 'cx-mem-gov.net')).toBeNull();
    // The genuine form post with the token works.
    expect((await post({ origin: web.url }, body({ _csrf: token }))).status).toBe(303);
    expect((await latestDecision(store, 'cx-mem-gov.net'))?.decision).toBe('confirmed');
  });

  it('serves only raster images from the artifact store, with nosniff', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'jz_session')!;
    const headers = { cookie: `jz_session=${cookie.value}` };
    const snap = (await store.findResults({ host: 'cx-mem-gov.info', limit: 1 }))[0]!.snapshot!;
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
    const boss = await createSession(store, supervisor);
    const audit = await (await fetch(`${web.url}/audit`, { headers: { cookie: `jz_session=${boss.id}` } })).text();
    expect(audit).toContain('确认假冒');
    expect(audit).toContain('导出下架清单');
    expect(audit).toContain('cx-mem-gov.cn');
    if (shots) {
      const ctx = await browser.newContext({ locale: 'zh-CN', ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });
      const sup = await ctx.newPage();
      await sup.goto(`${BASE}/login`);
      await sup.fill('input[name=name]', 'zhang');
      await sup.fill('input[name=password]', 'supervisor-pass-1');
      await Promise.all([sup.waitForURL(/\/queue/), sup.click('button[type=submit]')]);
      await sup.goto(`${BASE}/audit`);
      await sup.screenshot({ path: join(shots, 'audit.png'), fullPage: false });
      await ctx.close();
    }
  });

  it('draws the overview charts from the store', async () => {
    await page.goto(`${BASE}/overview`);
    const data = (await page.evaluate(async () => (await fetch('/overview/data.json')).json())) as { totals: { confirmed: number; found: number } };
    expect(data.totals.confirmed).toBe(2);
    expect(data.totals.found).toBeGreaterThanOrEqual(3);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0 && (window as unknown as { Chart?: unknown }).Chart !== undefined);
    expect(await page.locator('#chart-error').isHidden()).toBe(true);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('never opens the highlighted site when Enter presses a focused button', async () => {
    await page.goto(`${BASE}/queue?state=all`);
    await page.locator('form.filters button[type=submit]').focus();
    // The filter form's submission (every field in the query), not the highlighted row's site page.
    await Promise.all([page.waitForURL(/\/queue\?platform=/), page.keyboard.press('Enter')]);
    expect(page.url()).not.toContain('/site/');
    expect(page.url()).toContain('state=all');
  });

  it('decides several selected sites at once with one note, and u takes the bulk decision back', async () => {
    await page.goto(`${BASE}/queue`);
    const hosts = ((await rowHosts()) as string[]).slice(0, 2);
    expect(hosts).toHaveLength(2);
    for (const h of hosts) await page.check(`#queue tr[data-host="${h}"] input[type=checkbox]`);
    await page.fill('#bulk-decide input[name=note]', '同一批仿冒站，待核实备案');
    await shot('bulk-select');
    await Promise.all([page.waitForURL(/msg=pending/), page.click('#bulk-decide button[value=pending]')]);
    expect(await page.locator('.flash').textContent()).toContain('已将 2 个站点标记为「待定」');
    expect(await page.locator('#undo-form').textContent()).toContain('同一批仿冒站，待核实备案');
    for (const h of hosts) expect(await latestDecision(store, h)).toMatchObject({ decision: 'pending', actor: 'li', note: '同一批仿冒站，待核实备案' });
    await shot('bulk-decided');
    await Promise.all([page.waitForURL(/msg=undone/), page.keyboard.press('u')]);
    for (const h of hosts) expect((await latestDecision(store, h))?.note ?? '').not.toBe('同一批仿冒站，待核实备案');
  });

  it('keeps a half-typed lead URL while the leads list refreshes itself', async () => {
    await page.goto(`${BASE}/leads`);
    await page.fill('#lead-url', 'cx-mem-gov.org');
    await Promise.all([page.waitForURL(/\/leads\?focus=/), page.click('form[action="/leads"] button[type=submit]')]);
    expect(await page.locator('#leads-list[data-live]').count()).toBe(1);
    await page.locator('#lead-url').pressSequentially('https://zhengshu-', { delay: 20 });
    // The list is replaced in place until the scan is done; the form is never touched.
    await page.waitForFunction(() => /完成|失败/.test(document.querySelector('#leads tr[data-lead] td.state')?.textContent ?? ''), null, { timeout: 240_000 });
    expect(await page.locator('#leads tr[data-lead] td.state').first().textContent()).toBe('完成');
    expect(await page.locator('#lead-url').inputValue()).toBe('https://zhengshu-');
    expect(await page.locator('#leads-list[data-live]').count()).toBe(0);
  }, 300_000);
});
