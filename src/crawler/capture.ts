import { createHash } from 'node:crypto';
import { load as loadHtml } from 'cheerio';
import { Configuration, PlaywrightCrawler } from 'crawlee';
import { chromium, type Page, type Response } from 'playwright';
import { CHROMIUM_ARGS, DESKTOP_UA, VIEWPORT } from './browser.js';
import { oneShotCrawlOptions } from './crawlee-options.js';
import { makeResolver, resolveTargetHost } from './dns.js';
import { ipLiteral, isPrivateAddress } from './guard.js';
import { startGuardProxy } from './guard-proxy.js';
import { EXTRACT_SOURCE, FAVICON_SOURCE, REFRESH_DELAY_SOURCE } from './in-page.js';
import { newExtrasState, runExtras, type ExtrasState } from './extras.js';
import { captureSiteIdentity } from './site-identity.js';
import type { Target } from './targets.js';
import { lookupWhois } from './whois.js';
import type {
  Artifact,
  ArtifactRef,
  CaptureOutcome,
  DnsAnswer,
  FormInfo,
  LinkInfo,
  PageSnapshot,
  RedirectHop,
  Timings,
  WhoisAnswer,
} from '../model/snapshot.js';

/** Everything a capture needs to know about the network and its bounds (see DESIGN.md, NET). */
export interface CaptureOptions {
  readonly chromiumPath: string;
  readonly proxy: string | null;
  readonly dnsServer: string | null;
  readonly whoisServer: string | null;
  readonly allowPrivate: boolean;
  readonly concurrency: number;
  /** Bound on one navigation (the first document's response). */
  readonly navigationTimeoutMs: number;
  /** Bound on everything after the navigation (settling, extraction, screenshot). */
  readonly handlerTimeoutMs: number;
  /** How long to wait for the network to go idle before capturing anyway. */
  readonly idleTimeoutMs: number;
  /** Quiet time after idle so pages built by script are captured. */
  readonly settleMs: number;
  /** Bytes a visit may download (all resources together) before it is aborted. */
  readonly maxBytes: number;
  /** Full-page screenshots are cut at this height. */
  readonly maxScreenshotHeight: number;
  /** Skip WHOIS (references refresh of the official hosts needs none). */
  readonly whois: boolean;
  /**
   * Submit a certificate-query form once with an impossible certificate (`--no-probe` turns it off).
   * Never on an official platform's host or any .gov.cn host, and once per host per scan.
   */
  readonly probe: boolean;
  /** OCR the screenshot's header band (tesseract chi_sim); skipped with a note when tesseract is missing. */
  readonly ocr: boolean;
  /** Fetch the start URL again with a plain HTTP client (curl's user agent) for the cloaking check. */
  readonly plainFetch: boolean;
  /** Render the start URL again as WeChat on a phone for the cloaking check. */
  readonly mobile: boolean;
  /** Follow up to this many same-site links with a plain fetch (0: none). */
  readonly depth: number;
  /** Look the addresses up in the bundled IP databases (network, country). */
  readonly hosting: boolean;
  /**
   * Hosts the probe must never submit a query to: the official platforms (the pipeline passes them from
   * rules/, which the crawler does not read). `.gov.cn` hosts are never probed either.
   */
  readonly neverProbe: readonly string[];
}

export const DEFAULT_CAPTURE: Omit<CaptureOptions, 'chromiumPath' | 'proxy' | 'dnsServer' | 'whoisServer'> = {
  allowPrivate: false,
  concurrency: 4,
  navigationTimeoutMs: 20_000,
  handlerTimeoutMs: 40_000,
  idleTimeoutMs: 5_000,
  settleMs: 600,
  maxBytes: 15 * 1024 * 1024,
  maxScreenshotHeight: 6_000,
  whois: true,
  probe: true,
  ocr: true,
  plainFetch: true,
  mobile: true,
  depth: 3,
  hosting: true,
  neverProbe: [],
};

const TEXT_CAP = 100_000;
const HTML_CAP = 5 * 1024 * 1024;
const LINK_CAP = 500;
const FAVICON_CAP = 256 * 1024;
const MAX_SCRIPTED_HOPS = 5;

/** Failure kinds for which an https:// URL is retried once over http:// (DESIGN.md, scan). */
const UNREACHABLE_OVER_TLS =
  /ERR_TUNNEL_CONNECTION_FAILED|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_SSL_|ERR_CERT_|ERR_EMPTY_RESPONSE|ERR_PROXY_CONNECTION_FAILED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_FAILED/;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function artifact(data: Buffer, mime: string): Artifact {
  return { ref: { sha256: sha256(data), mime, bytes: data.length }, data };
}

/** Turns a browser error into one line an analyst can read. */
export function describeFailure(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/^page\.goto: /, '').replace(/\s+at .*$/, '');
  if (/Download is starting/.test(message)) return 'download refused: the page is a file download, not a web page';
  if (/ERR_TOO_MANY_REDIRECTS/.test(message)) return 'redirect loop: too many redirects (net::ERR_TOO_MANY_REDIRECTS)';
  const timeout = /Navigation timed out after (\d+)|Timeout (\d+)ms exceeded|navigation timed out after (\d+)/i.exec(message);
  if (timeout) {
    const ms = Number(timeout[1] ?? timeout[2] ?? timeout[3]) * (timeout[1] || timeout[3] ? 1000 : 1);
    return `no answer: the site sent nothing within ${Math.round(ms / 1000)} s`;
  }
  if (/Detected a session error/.test(message)) {
    const inner = /net::[A-Z_]+/.exec(message)?.[0];
    return inner ? `connection failed (${inner})` : 'connection failed through the proxy';
  }
  if (/requestHandler timed out/.test(message)) return 'the page never settled: capture timed out';
  return first.slice(0, 300);
}

interface DocResponse {
  readonly response: Response;
  readonly body: Promise<string | null>;
}

/** Per-visit bookkeeping filled by page listeners before and during the navigation. */
interface VisitState {
  docs: DocResponse[];
  bytes: number;
  overCap: boolean;
  dialogs: number;
  popups: number;
  downloads: number;
}

interface Pending {
  readonly index: number;
  readonly target: Target;
  readonly dns: DnsAnswer;
  readonly whois: Promise<WhoisAnswer | null>;
  readonly startedAt: Date;
  readonly dnsMs: number;
  readonly whoisMs: () => number | null;
  readonly notes: string[];
  readonly blocked: string[];
  visit?: VisitState;
  renderStarted?: number;
}

function timings(p: { startedAt: Date; dnsMs: number | null; whoisMs: number | null; renderMs: number | null }): Timings {
  const finished = new Date();
  return {
    startedAt: p.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    dnsMs: p.dnsMs,
    whoisMs: p.whoisMs,
    renderMs: p.renderMs,
    totalMs: finished.getTime() - p.startedAt.getTime(),
  };
}

/** Builds the redirect chain from the main frame's document responses, oldest first. */
async function redirectChain(docs: readonly DocResponse[]): Promise<RedirectHop[]> {
  const hops: RedirectHop[] = [];
  let previous: DocResponse | null = null;
  for (const doc of docs) {
    const httpHops: RedirectHop[] = [];
    let req = doc.response.request();
    for (let from = req.redirectedFrom(); from; req = from, from = req.redirectedFrom()) {
      const status = (await from.response().catch(() => null))?.status();
      httpHops.unshift({ from: from.url(), to: req.url(), kind: 'http', ...(status ? { status } : {}) });
    }
    if (previous) {
      const first = httpHops[0]?.from ?? doc.response.url();
      const prevBody = (await previous.body) ?? '';
      const kind = /<meta[^>]+http-equiv\s*=\s*["']?refresh/i.test(prevBody) ? 'meta' : 'script';
      hops.push({ from: previous.response.url(), to: first, kind });
    }
    hops.push(...httpHops);
    previous = doc;
  }
  return hops;
}

/** Visible text of raw HTML, before any script ran (what a plain HTTP fetch sees). */
export function htmlText(html: string): string {
  const $ = loadHtml(html);
  $('script, style, noscript, template').remove();
  return $('body').text().replace(/\s+/g, ' ').trim().slice(0, TEXT_CAP);
}

/** Waits for the network to go idle plus a settle; follows meta-refresh and script redirects a few hops. */
async function settle(page: Page, visit: VisitState, opts: CaptureOptions): Promise<void> {
  for (let hop = 0; hop < MAX_SCRIPTED_HOPS; hop++) {
    await page.waitForLoadState('networkidle', { timeout: opts.idleTimeoutMs }).catch(() => undefined);
    const docsBefore = visit.docs.length;
    const urlBefore = page.url();
    let refreshDelay: number | null = null;
    try {
      refreshDelay = (await page.evaluate(REFRESH_DELAY_SOURCE)) as number | null;
    } catch {
      continue; // the page navigated while we asked: settle the new one
    }
    const wait = refreshDelay !== null && refreshDelay <= 10 ? refreshDelay * 1000 + 1500 : opts.settleMs;
    await page.waitForTimeout(wait);
    if (visit.docs.length === docsBefore && page.url() === urlBefore) return;
  }
}

interface Extracted {
  title: string;
  text: string;
  forms: FormInfo[];
  links: LinkInfo[];
  iconHref: string | null;
  height: number;
}

/** Reads title, text, forms (with their labels), links and the icon link from the rendered page. */
async function extract(page: Page): Promise<Extracted> {
  // A source string, not a function: tsx's esbuild adds `__name` helpers to functions, which the page lacks.
  return (await page.evaluate(`(${EXTRACT_SOURCE})(${TEXT_CAP}, ${LINK_CAP})`)) as Extracted;
}

const NAVIGATED_UNDER_US = /Execution context was destroyed|navigating and changing the content|Target page, context or browser has been closed|frame was detached/i;

/** Extracts the page and its HTML; when a late navigation destroys the document meanwhile, settles and retries. */
async function readSettled(page: Page, visit: VisitState, opts: CaptureOptions): Promise<{ ex: Extracted; content: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const ex = await extract(page);
      return { ex, content: await page.content() };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (attempt >= 2 || !NAVIGATED_UNDER_US.test(message) || page.isClosed()) throw err;
      await settle(page, visit, opts);
    }
  }
}

/** Fetches the favicon from inside the page, so the request passes the same guard as the page's own. */
async function fetchFavicon(page: Page, href: string): Promise<Artifact | null> {
  const got = (await page
    .evaluate(`(${FAVICON_SOURCE})(${JSON.stringify(href)}, ${FAVICON_CAP})`)
    .catch(() => null)) as { b64: string; mime: string } | null;
  if (!got || !/^image\//.test(got.mime)) return null;
  return artifact(Buffer.from(got.b64, 'base64'), got.mime);
}

/** Sets up the listeners that bound a visit: dialogs dismissed, popups closed, downloads and oversize refused. */
async function guardPage(page: Page, visit: VisitState): Promise<void> {
  page.on('dialog', (d) => {
    visit.dialogs++;
    d.dismiss().catch(() => undefined);
  });
  page.on('popup', (p) => {
    visit.popups++;
    p.close().catch(() => undefined);
  });
  page.on('download', (d) => {
    visit.downloads++;
    d.cancel().catch(() => undefined);
  });
  page.on('response', (res) => {
    const req = res.request();
    if (!req.isNavigationRequest() || res.frame() !== page.mainFrame()) return;
    const status = res.status();
    if (status >= 300 && status < 400 && res.headers()['location']) return; // part of an http chain
    visit.docs.push({ response: res, body: res.text().catch(() => null) });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.dataReceived', (e: { dataLength: number; encodedDataLength: number }) => {
    visit.bytes += Math.max(e.dataLength, e.encodedDataLength);
    if (!visit.overCap && visit.bytes > visitCap.get(page)!) {
      visit.overCap = true;
      cdp.send('Page.stopLoading').catch(() => undefined);
    }
  });
}
const visitCap = new WeakMap<Page, number>();

/**
 * Captures every target: DNS first (an unregistered name costs no browser visit), the private-address
 * rule, WHOIS alongside, then a render in Chromium through the guard proxy (and `--proxy`). Each outcome is
 * handed to `onOutcome` as soon as it is known, so a killed scan keeps what it finished.
 */
export async function captureTargets(
  targets: readonly { index: number; target: Target }[],
  opts: CaptureOptions,
  onOutcome: (index: number, outcome: CaptureOutcome) => Promise<void> | void,
): Promise<void> {
  if (targets.length === 0) return;
  const resolver = makeResolver({ server: opts.dnsServer });
  // Scan-wide state of the extra views: one probe per host, one "tesseract is missing" note.
  const extras: ExtrasState = newExtrasState();
  const whoisCache = new Map<string, { answer: Promise<WhoisAnswer>; ms: number | null }>();
  const pending = new Map<number, Pending>();

  const whoisFor = (domain: string | null) => {
    if (!opts.whois || !domain) return { answer: Promise.resolve(null), ms: () => null };
    let entry = whoisCache.get(domain);
    if (!entry) {
      const started = Date.now();
      const e: { answer: Promise<WhoisAnswer>; ms: number | null } = { answer: Promise.resolve(null as never), ms: null };
      e.answer = lookupWhois(domain, { server: opts.whoisServer }).finally(() => {
        e.ms = Date.now() - started;
      });
      whoisCache.set(domain, e);
      entry = e;
    }
    const fixed = entry;
    return { answer: fixed.answer as Promise<WhoisAnswer | null>, ms: () => fixed.ms };
  };

  // Stage 1: DNS and the private-address rule, bounded concurrency.
  const renderable: Pending[] = [];
  let next = 0;
  const dnsWorker = async () => {
    while (next < targets.length) {
      const { index, target } = targets[next++]!;
      const startedAt = new Date();
      const literal = ipLiteral(target.host);
      const t0 = Date.now();
      const dns: DnsAnswer = await resolveTargetHost(target.host, { server: opts.dnsServer }, resolver);
      const dnsMs = Date.now() - t0;
      const w = whoisFor(literal ? null : target.registrableDomain);
      const base = { input: target.input, url: target.url, dns, notes: [] as string[] };
      if (dns.error) {
        await onOutcome(index, {
          ok: false,
          ...base,
          error: dns.error === 'NXDOMAIN' ? `DNS: ${target.host} does not exist (NXDOMAIN)` : `DNS: no address for ${target.host} (${dns.error})`,
          stage: 'dns',
          whois: await w.answer,
          timings: timings({ startedAt, dnsMs, whoisMs: w.ms(), renderMs: null }),
        });
        continue;
      }
      const priv = [...dns.a, ...dns.aaaa].find(isPrivateAddress);
      if (priv && !opts.allowPrivate) {
        await onOutcome(index, {
          ok: false,
          ...base,
          error: `refused: ${target.host} resolves to ${priv}, a loopback/private/link-local address (use --allow-private to scan it)`,
          stage: 'refused',
          whois: await w.answer,
          timings: timings({ startedAt, dnsMs, whoisMs: w.ms(), renderMs: null }),
        });
        continue;
      }
      const p: Pending = { index, target, dns, whois: w.answer, whoisMs: w.ms, startedAt, dnsMs, notes: [], blocked: [] };
      pending.set(index, p);
      renderable.push(p);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, targets.length) }, dnsWorker));
  if (renderable.length === 0) return;

  // Stage 2: render. Requests the page makes are attributed to the visit by the page's pending entry.
  const guard = await startGuardProxy({
    upstreamProxy: opts.proxy,
    dnsServer: opts.dnsServer,
    allowPrivate: opts.allowPrivate,
    onBlocked: (url, reason) => {
      // The proxy can't tell which page asked; every visit in flight learns of it and the detail names the host.
      for (const p of pending.values()) if (p.renderStarted !== undefined) p.blocked.push(`${url} — ${reason}`);
    },
  });

  const fail = async (p: Pending, error: string) => {
    pending.delete(p.index);
    await onOutcome(p.index, {
      ok: false,
      input: p.target.input,
      url: p.target.url,
      error,
      stage: 'fetch',
      dns: p.dns,
      whois: await p.whois,
      notes: p.notes,
      timings: timings({ startedAt: p.startedAt, dnsMs: p.dnsMs, whoisMs: p.whoisMs(), renderMs: p.renderStarted ? Date.now() - p.renderStarted : null }),
    });
  };

  const config = new Configuration({ persistStorage: false, purgeOnStart: true, headless: true });
  const crawler: PlaywrightCrawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        useIncognitoPages: true,
        launchOptions: { executablePath: opts.chromiumPath, headless: true, args: [...CHROMIUM_ARGS] },
      },
      browserPoolOptions: {
        useFingerprints: false,
        retireBrowserAfterPageCount: 200,
        prePageCreateHooks: [
          (_id, _controller, pageOptions) => {
            // Incognito pages get a context each: these are its options (fixed identity, no downloads).
            Object.assign(pageOptions ?? {}, {
              viewport: { ...VIEWPORT },
              userAgent: DESKTOP_UA,
              locale: 'zh-CN',
              timezoneId: 'Asia/Shanghai',
              deviceScaleFactor: 1,
              acceptDownloads: false,
              serviceWorkers: 'block',
              ignoreHTTPSErrors: true,
            });
          },
        ],
      },
      ...oneShotCrawlOptions(guard.url),
      // Start at full concurrency: the autoscaler's slow start from 1 page costs more than a small scan takes.
      minConcurrency: Math.max(1, opts.concurrency),
      maxConcurrency: Math.max(1, opts.concurrency),
      navigationTimeoutSecs: opts.navigationTimeoutMs / 1000,
      requestHandlerTimeoutSecs: opts.handlerTimeoutMs / 1000,
      preNavigationHooks: [
        async ({ page, request }, gotoOptions) => {
          const p = pending.get(request.userData['index'] as number);
          if (!p) return;
          p.renderStarted ??= Date.now();
          const visit: VisitState = { docs: [], bytes: 0, overCap: false, dialogs: 0, popups: 0, downloads: 0 };
          p.visit = visit;
          visitCap.set(page, opts.maxBytes);
          await guardPage(page, visit);
          if (gotoOptions) gotoOptions.waitUntil = 'domcontentloaded';
        },
      ],
      requestHandler: async ({ page, request }) => {
        const handlerStarted = Date.now();
        const p = pending.get(request.userData['index'] as number);
        if (!p || !p.visit) return;
        const visit = p.visit;
        if (visit.overCap) throw new Error(`response over the ${Math.round(opts.maxBytes / 1048576)} MB size limit: visit aborted`);
        await settle(page, visit, opts);
        if (visit.overCap) throw new Error(`response over the ${Math.round(opts.maxBytes / 1048576)} MB size limit: visit aborted`);
        const last = visit.docs.at(-1);
        const status = last?.response.status() ?? null;
        // 599 is proxy-chain's answer for an upstream that spoke no valid HTTP (or hung up).
        if (status === 599) throw new Error('no valid HTTP answer: the server sent malformed data or closed the connection');
        if (status !== null && status >= 500) throw new Error(`HTTP ${status}: the server answered with an error page only`);
        // A script hop that fires late (a busy machine runs the page's timers late) navigates under our
        // feet: settle on the new document and read again, a couple of times at most.
        const { ex, content } = await readSettled(page, visit, opts);
        const html = Buffer.from(content.slice(0, HTML_CAP), 'utf8');
        const height = Math.min(Math.max(ex.height, VIEWPORT.height), opts.maxScreenshotHeight);
        const png = await page.screenshot({
          type: 'png',
          fullPage: true,
          clip: { x: 0, y: 0, width: VIEWPORT.width, height },
          animations: 'disabled',
          caret: 'hide',
          timeout: 15_000,
        });
        const iconUrl = ex.iconHref ?? new URL('/favicon.ico', page.url()).href;
        const icon = await fetchFavicon(page, iconUrl);
        const artifacts: Artifact[] = [artifact(png, 'image/png'), artifact(html, 'text/html')];
        if (icon) artifacts.push(icon);
        const rawBody = last ? await last.body : null;
        if (ex.height > opts.maxScreenshotHeight) p.notes.push(`screenshot cut at ${opts.maxScreenshotHeight}px of ${ex.height}px`);
        if (visit.dialogs) p.notes.push(`${visit.dialogs} dialog(s) dismissed`);
        if (visit.popups) p.notes.push(`${visit.popups} popup(s) closed`);
        if (visit.downloads) p.notes.push(`${visit.downloads} download(s) refused`);
        const ref = (a: Artifact | undefined): ArtifactRef | null => a?.ref ?? null;
        // Read before the probe: its submission adds documents to the visit and moves the page.
        const finalUrl = page.url();
        const redirects = await redirectChain(visit.docs);
        // Same-site scripts and the TLS certificate (for linking sites to operators), beside the extras.
        const identity = captureSiteIdentity({ html: content, finalUrl, guardProxy: guard.url, deadline: handlerStarted + opts.handlerTimeoutMs - 4_000 });
        const more = await runExtras(
          {
            page,
            startUrl: request.url,
            finalUrl,
            forms: ex.forms,
            links: ex.links,
            screenshot: png,
            addresses: [...p.dns.a, ...p.dns.aaaa],
            docStatuses: () => visit.docs.map((d) => d.response.status()),
            // What is left of the handler's time bound, less a margin to build and hand over the snapshot.
            deadline: handlerStarted + opts.handlerTimeoutMs - 4_000,
            guardProxy: guard.url,
            textCap: TEXT_CAP,
            htmlText,
          },
          opts,
          extras,
        );
        p.notes.push(...more.notes);
        artifacts.push(...more.artifacts);
        const ident = await identity;
        p.notes.push(...ident.notes), artifacts.push(...ident.artifacts);
        const snapshot: PageSnapshot = {
          version: 1,
          input: p.target.input,
          url: request.url,
          finalUrl,
          redirects,
          status,
          contentType: last?.response.headers()['content-type'] ?? null,
          title: ex.title,
          text: ex.text,
          staticText: rawBody === null ? null : htmlText(rawBody),
          forms: ex.forms,
          links: ex.links,
          favicon: { url: iconUrl, artifact: ref(icon ?? undefined) },
          screenshot: ref(artifacts[0]),
          html: ref(artifacts[1]),
          dns: p.dns,
          whois: await p.whois,
          notes: [...p.notes],
          blockedRequests: [...new Set(p.blocked)],
          timings: timings({ startedAt: p.startedAt, dnsMs: p.dnsMs, whoisMs: p.whoisMs(), renderMs: Date.now() - (p.renderStarted ?? Date.now()) }),
          ...more.fields,
          ...ident.fields,
        };
        pending.delete(p.index);
        await onOutcome(p.index, { ok: true, snapshot, artifacts });
      },
      failedRequestHandler: async ({ request }, error) => {
        const p = pending.get(request.userData['index'] as number);
        if (!p) return;
        const message = error instanceof Error ? error.message : String(error);
        const fallback = p.target.fallbackUrl;
        if (request.userData['attempt'] === 'primary' && fallback && UNREACHABLE_OVER_TLS.test(message)) {
          p.notes.push(`${request.url} unreachable (${describeFailure(message)}); retried over http://`);
          (p.target as { url: string }).url = fallback;
          await crawler.addRequests([
            { url: fallback, uniqueKey: `${p.index}:fallback`, userData: { index: p.index, attempt: 'fallback' } },
          ], { forefront: true }); // next, not behind the whole queue: the visit's time bound is running
          return;
        }
        if (p.visit?.overCap) return fail(p, `response over the ${Math.round(opts.maxBytes / 1048576)} MB size limit: visit aborted`);
        await fail(p, describeFailure(message));
      },
    },
    config,
  );

  try {
    await crawler.run(
      renderable.map((p) => ({
        url: p.target.url,
        uniqueKey: `${p.index}:primary`,
        userData: { index: p.index, attempt: 'primary' },
      })),
    );
  } finally {
    await guard.close();
    // Anything the crawler dropped without calling a handler still gets its one result.
    for (const p of [...pending.values()]) await fail(p, 'the browser gave no result for this target');
  }
}
