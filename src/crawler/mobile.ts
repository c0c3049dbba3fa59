/**
 * The mobile WeChat view: counterfeits are spread by SMS and WeChat links, and some
 * show the certificate query only to WeChat's in-app browser. A second render of the same URL in a fresh
 * context of the same browser, with a phone's viewport, touch and WeChat's user agent, through the same
 * guard proxy. Bounded; its failure is the caller's note.
 */
import type { Browser } from 'playwright';
import type { ArtifactRef, MobileView } from '../model/snapshot.js';

/** WeChat 8.0 in-app browser (XWEB) on Android 13, as the app announces itself. */
export const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
export const MOBILE_VIEWPORT = { width: 412, height: 915 } as const;

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
    await page.waitForLoadState('networkidle', { timeout: Math.max(0, Math.min(3_000, left() - 1_500)) }).catch(() => undefined);
    // A meta-refresh or script hop of a second or so still lands before the text is read.
    await page.waitForTimeout(Math.max(0, Math.min(1_200, left() - 1_200)));
    const got = (await page.evaluate(
      `({ title: (document.title || '').replace(/\\s+/g, ' ').trim(), text: ((document.body && document.body.innerText) || '').slice(0, ${opts.textCap}) })`,
    )) as { title: string; text: string };
    let screenshot: ArtifactRef | null = null;
    if (left() > 1_000) {
      const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide', timeout: Math.min(5_000, left() - 500) }).catch(() => null);
      if (png) screenshot = opts.keep(png);
    }
    return { userAgent: WECHAT_UA, finalUrl: page.url(), title: got.title, text: got.text, screenshot };
  } finally {
    await context.close().catch(() => undefined);
  }
}
