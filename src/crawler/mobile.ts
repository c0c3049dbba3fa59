/**
 * The mobile WeChat view: counterfeits are spread by SMS and WeChat links, and some
 * show the certificate query only to WeChat's in-app browser. A second render of the same URL in a fresh
 * context of the same browser, with a phone's viewport, touch and WeChat's user agent, through the same
 * guard proxy. Bounded; its failure is the caller's note.
 */
import type { Browser, Page } from 'playwright';
import { DOM_QUIET_SOURCE, EXTRACT_SOURCE, REFRESH_DELAY_SOURCE } from './in-page.js';
import type { ArtifactRef, FormInfo, MobileView } from '../model/snapshot.js';

/** WeChat 8.0 in-app browser (XWEB) on Android 13, as the app announces itself. */
export const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
export const MOBILE_VIEWPORT = { width: 412, height: 915 } as const;
/** Quiet that means the phone's page is done, and how long to wait for it at most. */
const QUIET_MS = 500;
const QUIET_CAP_MS = 1_500;

/** What the mobile render needs. */
export interface MobileOptions {
  readonly proxy: string;
  /** When the render must be finished by (epoch ms). */
  readonly deadline: number;
  readonly textCap: number;
  /** Bytes the mobile visit may download before it is cut short. */
  readonly maxBytes: number;
  readonly keep: (png: Buffer) => ArtifactRef;
}

/**
 * Waits until the phone's page is done: the load event, then no change to the document for QUIET_MS (both
 * bounded by what is left of the visit); a meta refresh due within 3 s is followed, as WeChat would.
 */
async function settleMobile(page: Page, left: () => number): Promise<void> {
  await page.waitForLoadState('load', { timeout: Math.max(0, Math.min(3_000, left() - 1_500)) }).catch(() => undefined);
  const until = Date.now() + Math.max(0, Math.min(QUIET_CAP_MS, left() - 1_500));
  try {
    while (Date.now() < until && ((await page.evaluate(DOM_QUIET_SOURCE)) as number) < QUIET_MS) await new Promise((r) => setTimeout(r, 100));
    const refresh = (await page.evaluate(REFRESH_DELAY_SOURCE)) as number | null;
    if (refresh !== null && refresh <= 3) {
      await page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: Math.max(0, Math.min(refresh * 1000 + 1_000, left() - 1_500)) }).catch(() => undefined);
      await page.waitForLoadState('load', { timeout: Math.max(0, Math.min(2_000, left() - 1_500)) }).catch(() => undefined);
    }
  } catch {
    // The page navigated while we watched it (a script hop): the new one is read as it is.
    await page.waitForLoadState('domcontentloaded', { timeout: Math.max(0, Math.min(2_000, left() - 1_500)) }).catch(() => undefined);
  }
}

/** Renders `url` as WeChat on a phone; returns the view. Throws (for a note) when it cannot. */
export async function renderMobile(browser: Browser, url: string, opts: MobileOptions): Promise<MobileView> {
  const left = (): number => opts.deadline - Date.now();
  if (left() < 3_000) throw new Error('no time left in the visit');
  const context = await browser.newContext({
    proxy: { server: opts.proxy },
    userAgent: WECHAT_UA,
    viewport: { ...MOBILE_VIEWPORT },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: false,
    serviceWorkers: 'block',
    ignoreHTTPSErrors: true,
  });
  try {
    const page = await context.newPage();
    page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    page.on('popup', (p) => void p.close().catch(() => undefined));
    let bytes = 0;
    page.on('response', (r) => {
      const len = Number(r.headers()['content-length'] ?? 0);
      bytes += Number.isFinite(len) ? len : 0;
      if (bytes > opts.maxBytes) void page.close().catch(() => undefined);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(1_000, left() - 1_500) });
    await settleMobile(page, left);
    const got = (await page.evaluate(
      `({ title: (document.title || '').replace(/\\s+/g, ' ').trim(), text: ((document.body && document.body.innerText) || '').slice(0, ${opts.textCap}), forms: (${EXTRACT_SOURCE})(1, 1).forms })`,
    )) as { title: string; text: string; forms: FormInfo[] };
    let screenshot: ArtifactRef | null = null;
    if (left() > 1_000) {
      const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide', timeout: Math.min(5_000, left() - 500) }).catch(() => null);
      if (png) screenshot = opts.keep(png);
    }
    return { userAgent: WECHAT_UA, finalUrl: page.url(), title: got.title, text: got.text, forms: got.forms, screenshot };
  } finally {
    await context.close().catch(() => undefined);
  }
}
