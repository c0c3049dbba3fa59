/**
 * The 团伙/案件 view in real Chromium against the real console: a store of a few scanned sites (stored visits
 * with their HTML), operators recomputed, an analyst signed in. The operator page shows its sites, the
 * identifiers that link them with the page evidence, an SVG graph and timeline (no inline script: the CSP
 * forbids it and the browser must report no violation), hostile text inert; a site links to its operator; a
 * decision on the operator lands on every member site and in the audit log.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactOf, pageSnapshot } from '../../../../test/fixtures/snapshots.js';
import { closeAfterAll } from '../../../../test/fixtures/lifecycle.js';
import { findChromium, launchEvidenceBrowser } from '../../../crawler/evidence-visit/index.js';
import { createSession, createUser } from '../../../data/accounts.js';
import { listOperators } from '../../../data/operators.js';
import { auditLog, latestDecision } from '../../../data/review.js';
import { openStore, type Store } from '../../../data/store.js';
import { recomputeOperators } from '../../../pipeline/operators.js';
import { startConsole, type RunningConsole } from '../../server.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
let store: Store;
let web: RunningConsole;
let browser: Browser;
let page: Page;
let id: string;
const dialogs: string[] = [];
const cspViolations: string[] = [];
export const SCREENSHOT = join(tmpdir(), 'jianzhen-operator-page.png');

/** Stores one visit of `host` with a page saying `body`, captured at `at` (alive) or a later failed visit. */
async function visit(n: number, host: string, body: string, at: string, down?: string): Promise<void> {
  const doc = artifactOf(Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>${host}</title></head><body><p>${body}</p></body></html>`), 'text/html');
  const save = async (scan: string, when: string, alive: boolean) => {
    await store.createScan({ id: scan, fingerprint: scan, targets: [host], options: {} });
    await store.saveTargetResult(
      scan,
      {
        index: 0, input: host, url: `http://${host}/`, finalUrl: alive ? `http://${host}/` : null, host, registrableDomain: host, verdict: alive ? 'counterfeit' : 'unreachable',
        score: alive ? 92 : 0, platform: alive ? 'mem-cx' : null, signals: [], evidence: null, error: alive ? null : 'DNS: NXDOMAIN', capturedAt: when, stage: 'render', stageReason: 'test',
        snapshot: alive ? pageSnapshot(`http://${host}/`, { text: body, html: doc.ref }) : null,
      },
      alive ? [doc] : [],
    );
  };
  await save(`s${n}`, at, true);
  if (down) await save(`s${n}-down`, down, false);
}

beforeAll(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'jianzhen-operators-console-')), 'jianzhen.db'));
  await visit(1, 'cx-mem-gov.ltd', `客服微信：zscx_kf88 ${HOSTILE}`, '2026-09-01T02:00:00.000Z');
  await visit(2, 'cxmem-gov.vip', '客服ＶＸ：ＺＳＣＸ＿ＫＦ８８ 热线：１８８－６６１２－３３４５', '2026-09-20T02:00:00.000Z', '2026-11-02T02:00:00.000Z');
  await visit(3, 'cx-mem-zs.top', '手机/微信：+86 188 6612 3345', '2026-10-19T02:00:00.000Z');
  await visit(4, 'lonely.example', '微信：other_id_1', '2026-10-20T02:00:00.000Z');
  await recomputeOperators(store);
  id = (await listOperators(store))[0]!.id;
  const user = await createUser(store, { name: 'li', role: 'analyst', password: 'analyst-pass-1' });
  const session = await createSession(store, user);
  web = await startConsole({ store, capture: null, port: 0 });
  browser = await launchEvidenceBrowser(findChromium());
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1500, height: 1000 } });
  await context.addCookies([{ name: 'jz_session', value: session.id, url: web.url }]);
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}, 1_800_000);

closeAfterAll(() => [browser, web, store]);

describe('团伙 view', () => {
  it('lists the operator with its sites and what links them', async () => {
    await page.goto(`${web.url}/operators`);
    const row = page.locator(`a[href="/operators/${id}"]`);
    expect(await row.count()).toBe(1);
    const text = await page.locator('main').textContent();
    expect(text).toContain('cx-mem-gov.ltd');
    expect(text).not.toContain('lonely.example');
    expect(text).toMatch(/微信号/);
  });

  it("shows an operator's sites (alive, down, when), the linking identifiers with page evidence, a graph and a timeline, all inert", async () => {
    await page.goto(`${web.url}/operators/${id}`);
    const main = (await page.locator('main').textContent()) ?? '';
    for (const host of ['cx-mem-gov.ltd', 'cxmem-gov.vip', 'cx-mem-zs.top']) expect(main).toContain(host);
    expect(main).toContain('存活 2');
    // The evidence: the id as each page wrote it, 全角 included, and the phone in both spellings.
    expect(main).toContain('ＶＸ：ＺＳＣＸ＿ＫＦ８８');
    expect(main).toContain('+86 188 6612 3345');
    expect(main).toContain('zscx_kf88');
    expect(await page.locator('svg.op-graph .site').count()).toBe(3);
    expect(await page.locator('svg.op-graph .hub').count()).toBe(2);
    expect(await page.locator('svg.op-timeline .row').count()).toBe(3);
    expect(await page.locator('svg.op-timeline rect.down').count()).toBe(1);
    expect(await page.locator('main script').count()).toBe(0);
    expect(main).toContain(HOSTILE);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('leads from a site to its operator, and says so when a site belongs to none', async () => {
    await page.goto(`${web.url}/site/cx-mem-zs.top`);
    await page.click('#site-operator');
    expect(page.url()).toBe(`${web.url}/operators/${id}`);
    await page.goto(`${web.url}/operators/of/lonely.example`);
    expect(await page.locator('main').textContent()).toContain('不属于任何团伙');
  });

  it('records a decision on the operator on every member site, with the audit trail', async () => {
    await page.goto(`${web.url}/operators/${id}`);
    await page.fill('textarea[name=note]', '同一微信号与手机号');
    await page.click('#op-confirm');
    await page.waitForURL(/msg=confirmed/);
    expect(await page.locator('.flash').textContent()).toContain('确认假冒');
    for (const host of ['cx-mem-gov.ltd', 'cxmem-gov.vip', 'cx-mem-zs.top']) {
      expect(await latestDecision(store, host)).toMatchObject({ decision: 'confirmed', note: '同一微信号与手机号', actor: 'li' });
    }
    expect(await latestDecision(store, 'lonely.example')).toBeNull();
    expect((await auditLog(store)).find((e) => e.action === 'operator.decision.confirmed')).toMatchObject({ actor: 'li', subject: id });
  });

  it('refuses a decision without the CSRF token', async () => {
    const res = await page.request.post(`${web.url}/operators/${id}/decision`, { form: { decision: 'rejected' } });
    expect(res.status()).toBe(403);
    expect((await latestDecision(store, 'cx-mem-gov.ltd'))?.decision).toBe('confirmed');
  });
});
