/**
 * The evidence visit: one fresh, recorded visit of a site for its packet — video, HAR, MHTML, full-page
 * screenshot, HTML after render and the TLS certificate chain — through the guard proxy, so a page can
 * never make the browser reach a private address (DESIGN.md, "The network is hostile").
 *
 * A packet is an extraction in its own right (法发〔2016〕22号 第十四条 asks for the extraction's own record), so
 * reports/evidence asks for this visit through this one entry point (only the crawler drives the browser); the
 * scan's snapshot is included beside it, unchanged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright';
import { CHROMIUM_ARGS, DESKTOP_UA, VIEWPORT } from '../browser.js';
import { startGuardProxy } from '../guard-proxy.js';
import { ResolveSession } from '../resolve.js';
import { parseTarget } from '../targets.js';
import { ffmpegSlot } from './ffmpeg.js';

export { canRecordVideo } from './ffmpeg.js';
export { findChromium } from '../browser.js';
import { framesToAvi, startScreencast } from './screencast.js';

export interface VisitOptions {
  readonly url: string;
  /** `--proxy`: the guard proxy forwards everything through it. */
  readonly proxy: string | null;
  /** `--dns`: the resolver for the guard and for the resolved-IP line of the record. */
  readonly dns: string | null;
  readonly allowPrivate: boolean;
  /** A scratch folder for the video and HAR while the browser writes them. */
  readonly workDir: string;
  readonly timeoutMs?: number;
}

/** A certificate of the chain as the browser saw it. */
export interface TlsInfo {
  readonly scheme: 'https' | 'http';
  readonly note: string;
  readonly protocol?: string | null;
  readonly subjectName?: string | null;
  readonly issuer?: string | null;
  readonly validFrom?: number | null;
  readonly validTo?: number | null;
  /** The chain, leaf first, PEM. */
  readonly chainPem?: readonly string[];
}

export interface VisitResult {
  readonly ok: boolean;
  readonly error: string | null;
  readonly url: string;
  readonly finalUrl: string | null;
  readonly status: number | null;
  readonly headers: Record<string, string>;
  readonly resolvedIps: readonly string[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly screenshot: Buffer | null;
  readonly html: string | null;
  readonly mhtml: string | null;
  /** The HAR file in workDir, read into the packet by the caller. */
  readonly harFile: string | null;
  /** The video of the visit: Playwright's WebM, or the screencast as MJPEG AVI. */
  readonly video: { readonly data: Buffer; readonly format: 'webm' | 'avi' } | null;
  readonly tls: TlsInfo;
  readonly blocked: readonly string[];
  readonly guardProxy: string;
  readonly steps: readonly { at: string; step: string }[];
  readonly notes: readonly string[];
}

/** Launches the browser evidence visits and the PDF share: the system Chromium with the house flags. */
export async function launchEvidenceBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}

const toPem = (b64: string): string => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;

/** Visits one URL with recording on; a failure still returns what was recorded, with `error` set. */
export async function evidenceVisit(browser: Browser, opts: VisitOptions): Promise<VisitResult> {
  const steps: { at: string; step: string }[] = [];
  const step = (s: string): void => void steps.push({ at: new Date().toISOString(), step: s });
  const notes: string[] = [];
  const blocked: string[] = [];
  const startedAt = new Date();
  fs.mkdirSync(opts.workDir, { recursive: true });
  const host = new URL(opts.url).hostname;

  step(`resolve ${host} with ${opts.dns ?? 'the system resolver'}`);
  // The resolve stage of a scan, for this one visit: the guard proxy reads the same answer.
  const session = new ResolveSession({ dnsServer: opts.dns, whoisServer: null, allowPrivate: opts.allowPrivate, whois: false });
  const parsed = parseTarget(opts.url);
  const resolvedIps = parsed.ok ? [...(await session.resolve(parsed.target)).addresses] : await session.addresses(host);
  step(`resolved ${host}: ${resolvedIps.join(', ') || 'no address'}`);

  const guard = await startGuardProxy({
    upstreamProxy: opts.proxy,
    dnsServer: opts.dns,
    allowPrivate: opts.allowPrivate,
    addresses: (h) => session.addresses(h),
    onBlocked: (url, reason) => void blocked.push(`${url}: ${reason}`),
  });
  step(`start the guard proxy ${guard.url} (refuses private addresses${opts.proxy ? `; forwards through ${opts.proxy}` : ''})`);
  const harFile = path.join(opts.workDir, 'visit.har');
  const videoDir = path.join(opts.workDir, 'video');
  const base = {
    proxy: { server: guard.url },
    userAgent: DESKTOP_UA,
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: false,
    recordHar: { path: harFile, content: 'embed' as const, mode: 'full' as const },
  };
  let context: BrowserContext | null = null;
  let page: Page;
  let screencast: { stop(): Promise<{ at: number; jpeg: Buffer }[]> } | null = null;
  try {
    context = await browser.newContext({ ...base, recordVideo: { dir: videoDir, size: VIEWPORT } });
    page = await context.newPage();
    step('open a fresh browser context (no cookies, no cache) recording video and HAR');
  } catch (err) {
    // Playwright encodes its video with the ffmpeg in its browser folder (ffmpeg.ts: npm run setup links
    // Debian's there); without it, the DevTools screencast is recorded instead (screencast.ts).
    if (!/ffmpeg/i.test(firstLine(err))) throw err;
    await context?.close().catch(() => undefined);
    context = await browser.newContext(base);
    page = await context.newPage();
    screencast = await startScreencast(await context.newCDPSession(page), VIEWPORT);
    notes.push(
      `video: Playwright's encoder finds no ffmpeg at ${ffmpegSlot() ?? 'its browser folder'} (npm run setup links Debian's), so the video is Chromium's DevTools screencast as Motion-JPEG AVI`,
    );
    step('open a fresh browser context (no cookies, no cache) recording HAR and the DevTools screencast');
  }
  const timeout = opts.timeoutMs ?? 30_000;
  let response: Response | null = null;
  let error: string | null = null;
  let url = opts.url;
  let screenshot: Buffer | null = null;
  let html: string | null = null;
  let mhtml: string | null = null;
  let tls: TlsInfo = { scheme: 'http', note: 'http only: the site was visited over plain HTTP, so there is no TLS certificate' };
  try {
    try {
      step(`navigate to ${url}`);
      response = await page.goto(url, { waitUntil: 'load', timeout });
    } catch (err) {
      // As in the scan (DESIGN.md): an https:// address that cannot be reached at all is retried over http://.
      if (!url.startsWith('https://')) throw err;
      notes.push(`https unreachable (${firstLine(err)}); retried over http`);
      url = `http://${url.slice('https://'.length)}`;
      step(`https failed; navigate to ${url}`);
      response = await page.goto(url, { waitUntil: 'load', timeout });
    }
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
    step(`page loaded: HTTP ${response?.status() ?? '?'} at ${page.url()}`);
    const cdp = await context.newCDPSession(page);
    if (page.url().startsWith('https://') && response) {
      const details = await response.securityDetails().catch(() => null);
      let chainPem: string[] = [];
      try {
        const got = (await cdp.send('Network.getCertificate', { origin: new URL(page.url()).origin })) as { tableNames: string[] };
        chainPem = got.tableNames.map(toPem);
      } catch {
        notes.push('the certificate chain could not be read from the browser');
      }
      tls = {
        scheme: 'https',
        note: 'certificate chain as presented to the browser',
        protocol: details?.protocol ?? null,
        subjectName: details?.subjectName ?? null,
        issuer: details?.issuer ?? null,
        validFrom: details?.validFrom ?? null,
        validTo: details?.validTo ?? null,
        chainPem,
      };
      step('read the TLS certificate chain');
    }
    screenshot = await page.screenshot({ fullPage: true, type: 'png', timeout: 15_000 });
    step('take a full-page screenshot');
    html = await page.content();
    step('save the HTML after render');
    mhtml = ((await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string }).data;
    step('save an MHTML snapshot (Page.captureSnapshot)');
    await cdp.detach().catch(() => undefined);
  } catch (err) {
    error = firstLine(err);
    step(`visit failed: ${error}`);
  }
  const finalUrl = page.url() === 'about:blank' ? null : page.url();
  const frames = screencast ? await screencast.stop() : null;
  const video = page.video();
  await context.close();
  step('close the browser context (video and HAR written)');
  await guard.close();
  const videoFile = video ? await video.path().catch(() => null) : null;
  const recorded = frames
    ? (() => {
        const avi = framesToAvi(frames);
        return avi ? { data: avi, format: 'avi' as const } : null;
      })()
    : videoFile && fs.existsSync(videoFile)
      ? { data: fs.readFileSync(videoFile), format: 'webm' as const }
      : null;
  const finishedAt = new Date();
  return {
    ok: error === null,
    error,
    url,
    finalUrl,
    status: response?.status() ?? null,
    headers: response ? await response.allHeaders().catch(() => ({})) : {},
    resolvedIps,
    startedAt,
    finishedAt,
    screenshot,
    html,
    mhtml,
    harFile: fs.existsSync(harFile) ? harFile : null,
    video: recorded,
    tls,
    blocked,
    guardProxy: guard.url,
    steps,
    notes,
  };
}

/** Prints an HTML page to PDF with the same browser, offline: the report's images are data: URLs. */
export async function printPdf(browser: Browser, html: string): Promise<Buffer> {
  const context = await browser.newContext({ offline: true, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
  } finally {
    await context.close();
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'error';
}
