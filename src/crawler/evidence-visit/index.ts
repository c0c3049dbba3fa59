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
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright';
import { CHROMIUM_ARGS, DESKTOP_UA, NO_SIGNAL_HANDLERS, VIEWPORT, chromiumEnv } from '../browser.js';
import { hostOf, normaliseHost } from '../../model/host.js';
import type { DocumentHop, EvidenceBrowser, TlsInfo, VisitOptions, VisitResult } from '../../model/evidence-visit.js';
import { makeResolver, resolveHost } from '../dns.js';
import { ipLiteral, isPrivateAddress } from '../guard.js';
import { startGuardProxy } from '../guard-proxy.js';
import { ResolveSession } from '../resolve.js';
import { parseTarget } from '../targets.js';
import { ffmpegSlot } from './ffmpeg.js';
import { describeNavigationError, unreachableReason } from './reachability.js';

export { canRecordVideo } from './ffmpeg.js';
export { describeNavigationError } from './reachability.js';
export { findChromium } from '../browser.js';
import { framesToAvi, startScreencast } from './screencast.js';

export type { DocumentHop, EvidenceBrowser, TlsInfo, VisitOptions, VisitResult } from '../../model/evidence-visit.js';

/** Launches the browser evidence visits and the PDF share: the system Chromium with the house flags. */
export async function launchEvidenceBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], env: chromiumEnv(), headless: true, ...NO_SIGNAL_HANDLERS });
}

const toPem = (b64: string): string => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;

/**
 * Visits one URL with recording on; a failure still returns what was recorded, with `error` set, and a
 * site that could not be reached says so (`reachable`, `unreachableReason`) whatever page the browser showed.
 * The steps and notes are the packet's 提取记录, in Chinese.
 */
export async function evidenceVisit(browser: Browser, opts: VisitOptions): Promise<VisitResult> {
  const steps: { at: string; step: string }[] = [];
  const step = (s: string): void => void steps.push({ at: new Date().toISOString(), step: s });
  const notes: string[] = [];
  const blocked: { url: string; host: string; reason: string }[] = [];
  const startedAt = new Date();
  fs.mkdirSync(opts.workDir, { recursive: true });
  const host = hostOf(opts.url) ?? '';
  const resolverName = opts.dns ?? '系统解析器';

  step(`解析域名 ${host}（DNS 服务器：${resolverName}）`);
  // The resolve stage of a scan, for this one visit: the guard proxy reads the same answer.
  const session = new ResolveSession({ dnsServer: opts.dns, whoisServer: null, allowPrivate: opts.allowPrivate, whois: false });
  const parsed = parseTarget(opts.url);
  const dns = parsed.ok ? (await session.resolve(parsed.target)).dns : await resolveHost(host, { server: opts.dns, timeoutMs: 3000 });
  const resolvedIps = ipLiteral(host) ? [ipLiteral(host)!] : [...dns.a, ...dns.aaaa];
  step(`解析结果：${host} → ${resolvedIps.join('、') || `无地址（${dns.error ?? '无 A/AAAA 记录'}）`}`);

  // What the guard resolved each host to, as it checked (and, direct, connected to) it.
  const resolved = new Map<string, readonly string[]>();
  const guard = await startGuardProxy({
    upstreamProxy: opts.proxy,
    dnsServer: opts.dns,
    allowPrivate: opts.allowPrivate,
    addresses: (h) => session.addresses(h),
    onBlocked: (url, reason) => void blocked.push({ url, host: hostOf(url) ?? '', reason }),
    onResolved: (h, addresses) => void resolved.set(normaliseHost(h) ?? h, addresses),
  });
  step(`启动本机防护代理 ${guard.url}（拒绝访问内网地址${opts.proxy ? `；经上游代理 ${opts.proxy} 转发` : '；直接连接网站'}）`);
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
    step('打开全新的浏览器上下文（无 Cookie、无缓存），录制视频与 HAR');
  } catch (err) {
    // Playwright encodes its video with the ffmpeg in its browser folder (ffmpeg.ts: npm run setup links
    // Debian's there); without it, the DevTools screencast is recorded instead (screencast.ts).
    if (!/ffmpeg/i.test(firstLine(err))) throw err;
    await context?.close().catch(() => undefined);
    context = await browser.newContext(base);
    page = await context.newPage();
    screencast = await startScreencast(await context.newCDPSession(page), VIEWPORT);
    notes.push(
      `录像：Playwright 在 ${ffmpegSlot() ?? '其浏览器目录'} 找不到 ffmpeg（npm run setup 会链接 Debian 的 ffmpeg），改为录制 Chromium DevTools 屏幕画面，保存为 Motion-JPEG AVI`,
    );
    step('打开全新的浏览器上下文（无 Cookie、无缓存），录制 HAR 与 DevTools 屏幕画面');
  }
  // Every main-frame document, redirects included, with its headers read while the page is open (after
  // the context closes Playwright has nothing left to give).
  const documents: Promise<Omit<DocumentHop, 'serverAddresses'>>[] = [];
  let lastResponse: Response | null = null;
  page.on('response', (r) => {
    let main = false;
    try {
      main = r.request().isNavigationRequest() && r.frame() === page.mainFrame();
    } catch {
      main = false; // a service worker's response has no frame
    }
    if (!main) return;
    lastResponse = r;
    step(`收到应答：HTTP ${r.status()} ${r.url()}`);
    documents.push(
      r.allHeaders().catch(() => ({}) as Record<string, string>).then((headers) => ({
        url: r.url(),
        status: r.status(),
        statusText: r.statusText(),
        location: r.status() >= 300 && r.status() < 400 ? (headers['location'] ?? null) : null,
        host: hostOf(r.url()) ?? '',
        headers,
      })),
    );
  });
  const timeout = opts.timeoutMs ?? 30_000;
  let error: string | null = null;
  let url = opts.url;
  let screenshot: Buffer | null = null;
  let html: string | null = null;
  let mhtml: string | null = null;
  let tls: TlsInfo = { scheme: 'http', note: 'http only: the site was visited over plain HTTP, so there is no TLS certificate' };
  const navigate = async (target: string): Promise<void> => {
    step(`访问 ${target}`);
    try {
      await page.goto(target, { waitUntil: 'load', timeout });
    } catch (err) {
      // The site's document arrived but its 'load' never came (an image or script that hangs): that is
      // still the site's page, captured as it stands.
      if (documents.length === 0 || !/Timeout \d+ms exceeded/.test(firstLine(err))) throw err;
      notes.push(`页面在 ${Math.round(timeout / 1000)} 秒内未加载完成，按当时显示的状态提取`);
    }
  };
  try {
    try {
      await navigate(url);
    } catch (err) {
      // As in the scan (DESIGN.md): an https:// address that cannot be reached at all is retried over http://.
      if (!url.startsWith('https://') || documents.length > 0) throw err;
      notes.push(`https 无法访问（${describeNavigationError(firstLine(err))}），已改用 http 访问`);
      step(`https 无法访问：${describeNavigationError(firstLine(err))}`);
      url = `http://${url.slice('https://'.length)}`;
      await navigate(url);
    }
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
    step(`加载结束：浏览器停在 ${page.url()}`);
    const cdp = await context.newCDPSession(page);
    const response = lastResponse as Response | null;
    if (page.url().startsWith('https://') && response) {
      const details = await response.securityDetails().catch(() => null);
      let chainPem: string[] = [];
      try {
        const got = (await cdp.send('Network.getCertificate', { origin: new URL(page.url()).origin })) as { tableNames: string[] };
        chainPem = got.tableNames.map(toPem);
      } catch {
        notes.push('无法从浏览器读取证书链');
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
      step('读取 TLS 证书链');
    }
    screenshot = await page.screenshot({ fullPage: true, type: 'png', timeout: 15_000 });
    step('保存整页截图');
    html = await page.content();
    step('保存渲染后的网页 HTML');
    mhtml = ((await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string }).data;
    step('保存 MHTML 网页快照（Page.captureSnapshot）');
    await cdp.detach().catch(() => undefined);
  } catch (err) {
    error = firstLine(err);
    step(`访问中断：${describeNavigationError(error)}`);
  }
  const finalUrl = page.url() === 'about:blank' || page.url().startsWith('chrome-error:') ? null : page.url();
  const raw = await Promise.all(documents);
  const frames = screencast ? await screencast.stop() : null;
  const video = page.video();
  await context.close();
  step('关闭浏览器上下文（写出视频与 HAR）');
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

  // A host the guard did not look up (allowed private addresses behind an upstream proxy) is asked of the
  // same resolver; an IP literal is its own address.
  const resolver = makeResolver({ server: opts.dns, timeoutMs: 3000 });
  const addressesOf = async (h: string): Promise<readonly string[]> => {
    const literal = ipLiteral(h);
    if (literal) return [literal];
    if (h === host && !resolved.has(h)) return resolvedIps;
    return (
      resolved.get(h) ??
      [...(await resolver.resolve4(h).catch(() => [] as string[])), ...(await resolver.resolve6(h).catch(() => [] as string[]))]
    );
  };
  const hops: DocumentHop[] = [];
  for (const d of raw) hops.push({ ...d, serverAddresses: await addressesOf(d.host) });
  const last = hops.at(-1) ?? null;
  const reason = unreachableReason({
    host,
    addresses: resolvedIps,
    dnsError: dns.error,
    last: last ? { host: last.host, status: last.status, addresses: last.serverAddresses } : null,
    error,
    blocked,
    upstreamProxy: opts.proxy !== null,
  });
  step(reason ? `结论：无法访问 —— ${reason}` : `结论：已访问网站，最终页面 HTTP ${last?.status ?? '?'}${error ? `；提取未完成：${describeNavigationError(error)}` : ''}`);
  if (hops.length > 0) {
    notes.push('HAR 中的 serverIPAddress 是本机防护代理的地址（浏览器只与防护代理相连）；发送每个页面的服务器地址见提取记录的“访问经过”及 capture/response.json');
  }
  const finishedAt = new Date();
  return {
    ok: error === null && reason === null,
    reachable: reason === null,
    unreachableReason: reason,
    error,
    url,
    finalUrl,
    status: last?.status ?? null,
    headers: last?.headers ?? {},
    documents: hops,
    dns,
    resolvedIps,
    startedAt,
    finishedAt,
    screenshot,
    html,
    mhtml,
    harFile: fs.existsSync(harFile) ? harFile : null,
    video: recorded,
    tls,
    blocked: blocked.map((b) => `${b.url}: ${b.reason}`),
    guardProxy: guard.url,
    steps,
    notes,
  };
}

/**
 * This machine's public addresses (none behind NAT): when the visit goes out directly, one of them is what
 * the site saw. Behind NAT or a proxy only the officer can say (`--exit-ip`).
 */
export function publicInterfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !isPrivateAddress(a.address))
    .map((a) => a.address);
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

/** The evidence browser the later stages use (model/evidence-visit.ts): this module's visit and PDF behind one object. */
export async function openEvidenceBrowser(executablePath: string): Promise<EvidenceBrowser> {
  const browser = await launchEvidenceBrowser(executablePath);
  return {
    version: `Chromium ${browser.version()}`,
    visit: (opts) => evidenceVisit(browser, opts),
    printPdf: (html) => printPdf(browser, html),
    exitAddresses: publicInterfaceAddresses,
    describeError: describeNavigationError,
    close: () => browser.close(),
  };
}
