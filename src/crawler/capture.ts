/**
 * The browser capture: one desktop render per resolved target in Chromium, through the guard proxy (and
 * `--proxy`), then the extra views the pipeline's policy asks for. The resolve stage (resolve.ts) has
 * already asked DNS and WHOIS; the capture reads its record and asks neither again.
 *
 * Failures are classes (errors.ts): the site's are recorded as its result; ours (a browser that could not
 * open a page, a machine too starved to read an answer that had arrived) are retried and never recorded as
 * the site's `unreachable`.
 */
import { createHash } from 'node:crypto';
import { load as loadHtml } from 'cheerio';
import { PlaywrightCrawler } from '@crawlee/playwright';
import { chromium, type CDPSession, type Page, type Request, type Response } from 'playwright';
import { CHROMIUM_ARGS, DESKTOP_UA, NO_SIGNAL_HANDLERS, VIEWPORT, chromiumEnv } from './browser.js';
import { oneShotCrawlOptions, pinnedCrawlConfiguration } from './crawlee-options.js';
import {
  BrowserFailureError,
  ConnectionFailedError,
  CrawlError,
  crawlErrorOf,
  navigatedUnderUs,
  proxyStatusError,
  NoAnswerError,
  ServerErrorError,
  SlowAnswerError,
  StarvedError,
  TooBigError,
} from './errors.js';
import { startGuardProxy } from './guard-proxy.js';
import { hostingOf } from './hosting.js';
import { AT_REST_SOURCE, BAND_FACTS_SOURCE, DOM_QUIET_SOURCE, EXTRACT_SOURCE, FAVICON_SOURCE, PAINTED_SOURCE, REFRESH_DELAY_SOURCE } from './in-page.js';
import {
  newExtrasState,
  OCR_BAND_PX,
  runExtras,
  type DecideExtras,
  type ExtrasPlan,
  type ExtrasState,
  type PageFacts,
} from './extras.js';
import { LoadWatch } from './load-watch.js';
import { pickSubpages } from './plain-fetch.js';
import { isBelowRoot } from '../model/host.js';
import { blockError, failureOutcome, ResolveSession, visitTimings } from './resolve.js';
import { captureSiteIdentity } from './site-identity.js';
import type { Target } from './targets.js';
import { queryFormIndex } from '../model/query-form.js';
import { snapshotFields, type ResolvedTarget } from '../model/resolved.js';
import type {
  Artifact,
  ArtifactRef,
  CaptureOutcome,
  ExtraDecision,
  ExtraView,
  FormInfo,
  LinkInfo,
  PageSnapshot,
  RedirectHop,
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
  /** How long to wait for the load event before reading the page anyway. */
  readonly idleTimeoutMs: number;
  /** Quiet that means the page is done: no request of its own in flight, no change to the document, this long. */
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
  settleMs: 500,
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

/** How much of a page a capture keeps and follows, whatever the page does: a hostile page can be endless. */
const PAGE_BOUNDS = {
  /** Characters of visible text (the rendered page's, and a plain fetch's through htmlText). */
  textChars: 100_000,
  /** Characters of the serialised HTML stored as the page's source. */
  htmlChars: 5 * 1024 * 1024,
  /** Links read from the page. */
  links: 500,
  /** Bytes of favicon; a larger one is not kept. */
  faviconBytes: 256 * 1024,
  /** Script or refresh hops settled in turn; after these the page is read where it stands. */
  scriptedHops: 5,
  /** The band text handed to the extras policy (enough to find a platform's name in it). */
  bandTextChars: 400,
} as const;

/** How often a visit that failed on our side is tried again before the failure is recorded (as ours). */
const OUR_RETRIES = 2;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function artifact(data: Buffer, mime: string): Artifact {
  return { ref: { sha256: sha256(data), mime, bytes: data.length }, data };
}

interface DocResponse {
  readonly response: Response;
  readonly body: Promise<string | null>;
}

/** Per-visit bookkeeping filled by page listeners before and during the navigation. */
interface VisitState {
  docs: DocResponse[];
  /**
   * Where the main frame was sent by a meta (or Refresh header) refresh, as Chromium reports the navigation's
   * reason: the previous document's body is often gone by the time the chain is built (evicted when the page
   * moved on), so its <meta> cannot be relied on to tell a refresh from a script.
   */
  refreshedTo: Set<string>;
  /** The page's requests still open, by CDP request id, with when each started (epoch ms). */
  inflight: Map<string, number>;
  /**
   * Requests of out-of-process frames (a frame from another site), which the page's CDP session does not see:
   * Playwright reports them, and a frameset that carries the whole page is not quiet until they are done.
   */
  frameInflight: Map<Request, number>;
  bytes: number;
  overCap: boolean;
  dialogs: number;
  popups: number;
  downloads: number;
  /** The page's DevTools session (set once the page is guarded): the screenshot is taken through it. */
  cdp?: CDPSession;
}

/** How long the screenshot may take before the visit fails (on our side: the page had answered). */
const SCREENSHOT_TIMEOUT_MS = 15_000;

/**
 * The full-page screenshot, `height` CSS pixels tall: the page at rest first (finite animations finished,
 * endless ones stopped, the focus taken away so no caret blinks: what Playwright's `animations: 'disabled'`
 * and `caret: 'hide'` do), every frame painted since, then one DevTools capture (beyond the viewport for a
 * page taller than it) with Chromium's fast PNG encoder.
 * Same pixels as Playwright's `page.screenshot`, in under half its time on this machine (its preparation
 * round trips and the default zlib level dominate it); the PNG is about a third larger.
 */
async function screenshotAtRest(page: Page, cdp: CDPSession, height: number): Promise<Buffer> {
  await Promise.all(page.frames().map((f) => f.evaluate(AT_REST_SOURCE).catch(() => undefined)));
  await Promise.all(page.frames().map((f) => f.evaluate(PAINTED_SOURCE).catch(() => undefined)));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`screenshot timed out after ${SCREENSHOT_TIMEOUT_MS / 1000} s`)), SCREENSHOT_TIMEOUT_MS);
  });
  try {
    const shot = cdp.send('Page.captureScreenshot', {
      format: 'png',
      clip: { x: 0, y: 0, width: VIEWPORT.width, height, scale: 1 },
      // Beyond the viewport only when the page is taller: the capture then resizes the view, and frames in
      // other renderer processes may not have painted again at the new size when it is taken.
      captureBeyondViewport: height > VIEWPORT.height,
      optimizeForSpeed: true,
    });
    const { data } = await Promise.race([shot, timeout]);
    return Buffer.from(data, 'base64');
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds per step of one visit (STEPS in model/snapshot.ts names them). */
type Steps = Record<string, number>;

/** Times one step of a visit into `steps`. */
async function timed<T>(steps: Steps, name: string, task: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await task();
  } finally {
    steps[name] = (steps[name] ?? 0) + Date.now() - t0;
  }
}


/** Builds the redirect chain from the main frame's document responses, oldest first. */
async function redirectChain(docs: readonly DocResponse[], refreshedTo: ReadonlySet<string>): Promise<RedirectHop[]> {
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
      const kind = refreshedTo.has(first) || /<meta[^>]+http-equiv\s*=\s*["']?refresh/i.test(prevBody) ? 'meta' : 'script';
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
  return $('body').text().replace(/\s+/g, ' ').trim().slice(0, PAGE_BOUNDS.textChars);
}

/** Requests in flight longer than this are background traffic (long polls, streams): quiet does not wait for them. */
const BACKGROUND_MS = 2_000;
/** How long quiet may take after the load event before the page is read anyway. */
const QUIET_CAP_MS = 1_500;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Whether the page's own requests are done (background traffic aside). */
function networkQuiet(visit: VisitState): boolean {
  const now = Date.now();
  for (const started of visit.inflight.values()) if (now - started < BACKGROUND_MS) return false;
  for (const started of visit.frameInflight.values()) if (now - started < BACKGROUND_MS) return false;
  return true;
}

/**
 * How long every document of the page has been unchanged, in ms: the main document and each frame's (a
 * frameset or an iframe that carries the whole page — masked forwarding — is built after the main document
 * is quiet, often from another site whose traffic this page's session does not see). The main document's
 * failure propagates (it navigated: settle again); a frame that went away meanwhile is left out.
 */
async function quietSince(page: Page): Promise<number> {
  let since = (await page.evaluate(DOM_QUIET_SOURCE)) as number;
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.isDetached()) continue;
    const frameSince = (await frame.evaluate(DOM_QUIET_SOURCE).catch(() => null)) as number | null;
    if (frameSince !== null) since = Math.min(since, frameSince);
  }
  return since;
}

/**
 * Waits until the page is done: the load event (bounded by idleTimeoutMs), then quiet — no request of its own
 * in flight and no change to any of its documents (frames included) for settleMs — bounded by QUIET_CAP_MS. A meta refresh due within
 * 10 s is waited for (it is where the page goes), and the new document settled in turn, a few hops at most.
 * No fixed wait: a static page is read as soon as it is quiet, a busy one at the cap.
 */
async function settle(page: Page, visit: VisitState, opts: CaptureOptions): Promise<void> {
  for (let hop = 0; hop < PAGE_BOUNDS.scriptedHops; hop++) {
    const docsBefore = visit.docs.length;
    const urlBefore = page.url();
    await page.waitForLoadState('load', { timeout: opts.idleTimeoutMs }).catch(() => undefined);
    let refreshDelay: number | null = null;
    try {
      const quietBy = Date.now() + QUIET_CAP_MS;
      for (;;) {
        const sinceChange = await quietSince(page);
        const quiet = sinceChange >= opts.settleMs && networkQuiet(visit);
        if (quiet || Date.now() >= quietBy) break;
        await sleep(Math.min(100, Math.max(20, opts.settleMs - sinceChange), quietBy - Date.now()));
      }
      refreshDelay = (await page.evaluate(REFRESH_DELAY_SOURCE)) as number | null;
    } catch {
      // The page navigated while we watched it: settle the new one once it is there (a busy machine commits a
      // navigation late; without this wait the hops would be spent in a moment on the document going away).
      await page.waitForLoadState('domcontentloaded', { timeout: opts.idleTimeoutMs }).catch(() => undefined);
      continue;
    }
    if (refreshDelay !== null && refreshDelay <= 10) {
      await page
        .waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: refreshDelay * 1000 + 1_500 })
        .catch(() => undefined);
    }
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
/** What the header band OCR would read holds (BAND_FACTS_SOURCE). */
interface BandFacts {
  pictures: number;
  text: string;
}

/**
 * Reads the page in one round trip: title, text, forms (with their labels), links, the icon link, the
 * header band's facts and the HTML (serialised as Playwright's page.content() does).
 */
async function extract(page: Page): Promise<{ ex: Extracted; band: BandFacts; content: string }> {
  // A source string, not a function: tsx's esbuild adds `__name` helpers to functions, which the page lacks.
  return (await page.evaluate(`(() => {
    const ex = (${EXTRACT_SOURCE})(${PAGE_BOUNDS.textChars}, ${PAGE_BOUNDS.links});
    let band;
    try { band = (${BAND_FACTS_SOURCE})(${OCR_BAND_PX}, ${PAGE_BOUNDS.bandTextChars}); } catch (e) { band = { pictures: 1, text: '' }; }
    let content = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
    if (document.documentElement) content += document.documentElement.outerHTML;
    return { ex, band, content };
  })()`)) as { ex: Extracted; band: BandFacts; content: string };
}

/**
 * Reads the page; when a late navigation destroys the document meanwhile, settles and reads again, as many times
 * as settle follows hops. A page that is still moving after that was not read because of our timing, not for
 * anything the site did wrong: the visit fails on our side, to be made again (and, failing that, judged from
 * the plain HTTP fetch), never recorded as the site's failure.
 */
async function readSettled(page: Page, visit: VisitState, opts: CaptureOptions): Promise<{ ex: Extracted; band: BandFacts; content: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await extract(page);
    } catch (err) {
      if (!navigatedUnderUs(err) || page.isClosed()) throw err;
      if (attempt >= PAGE_BOUNDS.scriptedHops) {
        throw new BrowserFailureError(`the page was still navigating after ${attempt + 1} attempts to read it`, { cause: err });
      }
      await settle(page, visit, opts);
    }
  }
}

/** Fetches the favicon from inside the page, so the request passes the same guard as the page's own. */
async function fetchFavicon(page: Page, href: string): Promise<Artifact | null> {
  const got = (await page
    .evaluate(`(${FAVICON_SOURCE})(${JSON.stringify(href)}, ${PAGE_BOUNDS.faviconBytes})`)
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
  const ownSession = (req: Request): boolean => {
    try {
      return req.frame() === page.mainFrame() || req.frame().parentFrame() === null;
    } catch {
      return true; // a service worker's request: not a frame's
    }
  };
  page.on('request', (req) => {
    if (!ownSession(req)) visit.frameInflight.set(req, Date.now());
  });
  page.on('requestfinished', (req) => void visit.frameInflight.delete(req));
  page.on('requestfailed', (req) => void visit.frameInflight.delete(req));
  page.on('response', (res) => {
    const req = res.request();
    if (!req.isNavigationRequest() || res.frame() !== page.mainFrame()) return;
    const status = res.status();
    if (status >= 300 && status < 400 && res.headers()['location']) return; // part of an http chain
    visit.docs.push({ response: res, body: res.text().catch(() => null) });
  });
  const cdp = await page.context().newCDPSession(page);
  visit.cdp = cdp;
  await cdp.send('Network.enable');
  await cdp.send('Page.enable');
  const mainFrameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
  cdp.on('Page.frameRequestedNavigation', (e: { frameId: string; reason: string; url: string }) => {
    if (e.frameId === mainFrameId && (e.reason === 'metaTagRefresh' || e.reason === 'httpHeaderRefresh')) visit.refreshedTo.add(e.url);
  });
  // Requests in flight, for settling on network quiet; streams never finish, so they never count.
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; type?: string }) => {
    if (e.type !== 'WebSocket' && e.type !== 'EventSource') visit.inflight.set(e.requestId, Date.now());
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string }) => void visit.inflight.delete(e.requestId));
  cdp.on('Network.loadingFailed', (e: { requestId: string }) => void visit.inflight.delete(e.requestId));
  cdp.on('Network.dataReceived', (e: { dataLength: number; encodedDataLength: number }) => {
    visit.bytes += Math.max(e.dataLength, e.encodedDataLength);
    if (!visit.overCap && visit.bytes > visitCap.get(page)!) {
      visit.overCap = true;
      cdp.send('Page.stopLoading').catch(() => undefined);
    }
  });
}
const visitCap = new WeakMap<Page, number>();

/** A target the capture renders: its parse and its resolved record. */
export interface CaptureItem {
  readonly index: number;
  readonly target: Target;
  readonly resolved: ResolvedTarget;
}

/** What the pipeline lends the capture beyond its options. */
export interface CaptureHooks {
  /** The scan's resolve session: the guard proxy reads a target's addresses from it. */
  readonly session?: ResolveSession;
  /** The extras policy; without one every enabled extra view is taken on every visit. */
  readonly decide?: DecideExtras;
  /** Aborted when the caller can no longer use outcomes (its store failed): no new visit starts. */
  readonly signal?: AbortSignal;
}

/** When a visit's render would have begun had its attempts run back to back (null: no render yet). */
function renderStart(p: { renderStarted?: number; renderedMs: number }): number | null {
  return p.renderStarted === undefined ? (p.renderedMs > 0 ? Date.now() - p.renderedMs : null) : p.renderStarted - p.renderedMs;
}

interface Pending {
  readonly index: number;
  readonly target: Target;
  readonly resolved: ResolvedTarget;
  /** The URL being tried (the http:// fallback replaces an unreachable https:// one). */
  url: string;
  readonly notes: string[];
  readonly blocked: string[];
  steps: Steps;
  ourRetries: number;
  transientRetried: boolean;
  visit?: VisitState;
  /** When the current attempt's render began; `renderedMs` holds the earlier attempts' (queue waits excluded). */
  renderStarted?: number;
  renderedMs: number;
  navStarted?: number;
}

/** The views the options allow, with why each other one is not taken. */
function enabledViews(opts: CaptureOptions, state: ExtrasState): { on: ExtraView[]; off: ExtraDecision[] } {
  const on: ExtraView[] = [];
  const off: ExtraDecision[] = [];
  const turnedOff = (view: ExtraView, flag: string) =>
    off.push({ view, ran: false, reason: `turned off for this scan (${flag})`, reasonZh: `本次扫描已关闭（${flag}）` });
  if (opts.plainFetch) on.push('plainFetch');
  else turnedOff('plainFetch', 'plain fetch');
  if (opts.depth > 0) on.push('depth');
  else turnedOff('depth', 'depth 0');
  if (!opts.ocr) turnedOff('ocr', 'OCR');
  else if (state.ocrMissing !== null) off.push({ view: 'ocr', ran: false, reason: `OCR unavailable: ${state.ocrMissing}`, reasonZh: '本机未安装 OCR（tesseract）' });
  else on.push('ocr');
  if (opts.mobile) on.push('mobile');
  else turnedOff('mobile', 'mobile render');
  if (opts.probe) on.push('probe');
  else turnedOff('probe', '--no-probe');
  return { on, off };
}

/** The views taken in each round: cheap plain fetches first, then the ones that cost a browser or OCR. */
const ROUNDS: readonly (readonly ExtraView[])[] = [
  ['plainFetch', 'depth'],
  ['ocr', 'mobile', 'probe'],
];

/**
 * Captures every resolved target: a desktop render in Chromium through the guard proxy (and `--proxy`),
 * then the extra views the policy (`hooks.decide`) finds worth their time. A record the resolve stage
 * blocked (no address, a private one) costs no visit. Each outcome is handed to `onOutcome` as soon as it is
 * known (a rendered one once its page is closed), so a killed scan keeps what it finished; every call has
 * returned when this returns.
 */
export async function captureTargets(
  items: readonly CaptureItem[],
  opts: CaptureOptions,
  onOutcome: (index: number, outcome: CaptureOutcome) => Promise<void> | void,
  hooks: CaptureHooks = {},
): Promise<void> {
  if (items.length === 0) return;
  const session = hooks.session ?? new ResolveSession({ dnsServer: opts.dnsServer, whoisServer: opts.whoisServer, allowPrivate: opts.allowPrivate, whois: false });
  // Scan-wide state of the extra views: one probe per host, one "tesseract is missing" note.
  const extras: ExtrasState = newExtrasState();
  const pending = new Map<number, Pending>();
  const watch = new LoadWatch().start();

  const renderable: Pending[] = [];
  for (const item of items) {
    const blocked = blockError(item.resolved);
    if (blocked !== null) {
      await onOutcome(item.index, failureOutcome(item.resolved, { url: item.target.url }, blocked));
      continue;
    }
    const p: Pending = { ...item, url: item.target.url, notes: [], blocked: [], steps: {}, ourRetries: 0, transientRetried: false, renderedMs: 0 };
    pending.set(item.index, p);
    renderable.push(p);
  }
  if (renderable.length === 0) {
    watch.stop();
    return;
  }

  // Requests the page makes are attributed to the visit by the page's pending entry.
  const guard = await startGuardProxy({
    upstreamProxy: opts.proxy,
    dnsServer: opts.dnsServer,
    allowPrivate: opts.allowPrivate,
    addresses: (host) => session.addresses(host),
    onBlocked: (url, reason) => {
      // The proxy can't tell which page asked; every visit in flight learns of it and the detail names the host.
      for (const p of pending.values()) if (p.renderStarted !== undefined) p.blocked.push(`${url} — ${reason}`);
    },
  });

  const fail = async (p: Pending, err: CrawlError) => {
    pending.delete(p.index);
    await onOutcome(p.index, failureOutcome(p.resolved, p, err, visitTimings(p.resolved, renderStart(p), p.steps)));
  };

  // A visit's snapshot is handed over (detectors, verdict, store) after its page is closed, so the browser renders
  // the next target meanwhile. At most `concurrency` snapshots wait for their hand-over: beyond that the visit
  // holds its page until one is done, so a slow store or detector slows the capture instead of filling memory.
  const handing = new Set<Promise<void>>();
  const handOver = async (p: Pending, outcome: CaptureOutcome) => {
    while (handing.size >= Math.max(1, opts.concurrency)) await Promise.race(handing);
    const task: Promise<void> = Promise.resolve()
      .then(() => onOutcome(p.index, outcome))
      .catch((err: unknown) => {
        // What the caller's handler throws is its own failure, not the site's; say so rather than lose it silently.
        process.stderr.write(`capture: handing over the result of ${p.url} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      })
      .finally(() => void handing.delete(task));
    handing.add(task);
  };

  const config = pinnedCrawlConfiguration({ headless: true });
  const crawler: PlaywrightCrawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        useIncognitoPages: true,
        launchOptions: { executablePath: opts.chromiumPath, headless: true, args: [...CHROMIUM_ARGS], env: chromiumEnv(), ...NO_SIGNAL_HANDLERS },
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
          p.renderStarted = Date.now();
          p.navStarted = Date.now();
          const visit: VisitState = { docs: [], refreshedTo: new Set(), inflight: new Map(), frameInflight: new Map(), bytes: 0, overCap: false, dialogs: 0, popups: 0, downloads: 0 };
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
        const steps = p.steps;
        if (p.navStarted !== undefined) steps['navigation'] = handlerStarted - p.navStarted;
        if (visit.overCap) throw new TooBigError(opts.maxBytes);
        await timed(steps, 'settle', () => settle(page, visit, opts));
        if (visit.overCap) throw new TooBigError(opts.maxBytes);
        const last = visit.docs.at(-1);
        const status = last?.response.status() ?? null;
        // 590–599 are our guard proxy's word for no answer upstream (refused, reset, no valid HTTP).
        const proxyError = status === null ? null : proxyStatusError(status);
        if (proxyError !== null) throw proxyError;
        if (status !== null && status >= 500) throw new ServerErrorError(status);
        // A script hop that fires late (a busy machine runs the page's timers late) navigates under our
        // feet: settle on the new document and read again, a couple of times at most.
        const { ex, content, band } = await timed(steps, 'extract', () => readSettled(page, visit, opts));
        const html = Buffer.from(content.slice(0, PAGE_BOUNDS.htmlChars), 'utf8');
        const height = Math.min(Math.max(ex.height, VIEWPORT.height), opts.maxScreenshotHeight);
        // The favicon is fetched inside the page while the screenshot is taken: neither waits for the other.
        const iconUrl = ex.iconHref ?? new URL('/favicon.ico', page.url()).href;
        const iconFetch = timed(steps, 'favicon', () => fetchFavicon(page, iconUrl));
        const cdp = visit.cdp;
        const png = await timed(steps, 'screenshot', () =>
          cdp !== undefined
            ? screenshotAtRest(page, cdp, height)
            : page.screenshot({ type: 'png', fullPage: true, clip: { x: 0, y: 0, width: VIEWPORT.width, height }, animations: 'disabled', caret: 'hide', timeout: SCREENSHOT_TIMEOUT_MS }),
        );
        const icon = await iconFetch;
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
        const redirects = await redirectChain(visit.docs, visit.refreshedTo);
        // Same-site scripts and the TLS certificate (for linking sites to operators), beside the extras.
        const identity = captureSiteIdentity({ html: content, finalUrl, guardProxy: guard.url, deadline: handlerStarted + opts.handlerTimeoutMs - 4_000 });
        let snapshot: PageSnapshot = {
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
          ...snapshotFields(p.resolved),
          notes: [],
          blockedRequests: [],
          timings: visitTimings(p.resolved, renderStart(p), steps),
        };
        if (opts.hosting) {
          try {
            const hosting = await timed(steps, 'extra.hosting', async () => hostingOf(p.resolved.addresses));
            snapshot = { ...snapshot, hosting };
          } catch (err) {
            p.notes.push(`hosting: IP database unavailable (${err instanceof Error ? err.message : String(err)})`);
          }
        }

        const facts: PageFacts = {
          queryForm: queryFormIndex(ex.forms) >= 0,
          headerPictures: band.pictures,
          headerText: band.text,
          sameSiteLinks: opts.depth > 0 ? pickSubpages(finalUrl, ex.links, opts.depth).length : 0,
          belowRoot: opts.depth > 0 && isBelowRoot(finalUrl) === true,
        };
        const input = {
          page,
          startUrl: request.url,
          finalUrl,
          forms: ex.forms,
          links: ex.links,
          screenshot: png,
          docStatuses: () => visit.docs.map((d) => d.response.status()),
          // What is left of the handler's time bound, less a margin to build and hand over the snapshot.
          deadline: handlerStarted + opts.handlerTimeoutMs - 4_000,
          guardProxy: guard.url,
          textCap: PAGE_BOUNDS.textChars,
          htmlText,
        };
        const { on, off } = enabledViews(opts, extras);
        const decisions: ExtraDecision[] = [...off];
        const take = async (views: readonly ExtraView[]) => {
          if (views.length === 0) return;
          const more = await runExtras(input, new Set(views), opts, extras);
          p.notes.push(...more.notes);
          artifacts.push(...more.artifacts);
          Object.assign(steps, more.steps);
          snapshot = { ...snapshot, ...more.fields };
        };
        if (hooks.decide === undefined) {
          // No policy (references refresh): every enabled view, as a header without a picture allows OCR.
          await take(on.filter((v) => v !== 'ocr' || facts.headerPictures > 0));
        } else {
          for (const round of ROUNDS) {
            const asked = round.filter((v) => on.includes(v));
            if (asked.length === 0) continue;
            let plan: ExtrasPlan;
            const t0 = Date.now();
            try {
              const answer = await hooks.decide({ index: p.index, host: p.resolved.host, snapshot, artifacts, page: facts, pending: asked });
              plan = answer.plan;
              // The detectors the policy ran are booked as theirs; the rest of its time as the policy's.
              let booked = 0;
              for (const [step, ms] of Object.entries(answer.steps ?? {})) {
                steps[step] = (steps[step] ?? 0) + ms;
                booked += ms;
              }
              steps['extras-policy'] = (steps['extras-policy'] ?? 0) + Math.max(0, Date.now() - t0 - booked);
            } catch (err) {
              // A policy that fails must not cost evidence: take every view it was asked about.
              const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
              plan = Object.fromEntries(asked.map((v) => [v, { run: true, reason: `the extras policy failed (${why}): taken`, reasonZh: '取舍规则出错，照常采集' }]));
            }
            const chosen = asked.filter((v) => plan[v]?.run === true);
            for (const v of asked) {
              const d = plan[v];
              decisions.push({ view: v, ran: d?.run === true, reason: d?.reason ?? 'not asked for', reasonZh: d?.reasonZh ?? '未要求' });
            }
            await take(chosen);
          }
        }
        const ident = await timed(steps, 'site-identity', () => identity);
        p.notes.push(...ident.notes), artifacts.push(...ident.artifacts);
        const order = (v: ExtraView) => ROUNDS.flat().indexOf(v);
        snapshot = {
          ...snapshot,
          notes: [...p.notes],
          blockedRequests: [...new Set(p.blocked)],
          timings: visitTimings(p.resolved, renderStart(p), steps),
          ...(hooks.decide === undefined ? {} : { extras: decisions.sort((a, b) => order(a.view) - order(b.view)) }),
          ...ident.fields,
        };
        pending.delete(p.index);
        await handOver(p, { ok: true, snapshot, artifacts });
      },
      failedRequestHandler: async ({ request }, error) => {
        const p = pending.get(request.userData['index'] as number);
        if (!p) return;
        const visit = p.visit;
        const bytesFromSite = visit === undefined ? null : visit.bytes + visit.docs.length;
        let err = crawlErrorOf(error, { bytesFromSite, timeoutMs: opts.navigationTimeoutMs });
        // A silent server while this process could not run for a good part of the bound: we cannot tell.
        if (err instanceof NoAnswerError && p.navStarted !== undefined && watch.starvedFor(p.navStarted, opts.navigationTimeoutMs)) {
          err = new StarvedError(`this machine was too busy to run for ${Math.round(watch.stalledSince(p.navStarted) / 1000)} s of the visit`, { cause: error });
        }
        if (visit?.overCap) err = new TooBigError(opts.maxBytes);
        const attempt = request.userData['attempt'] as string;
        const fallback = p.resolved.urls[1];
        /** Visits the target again (the time so far counts as render time, the queue wait does not). */
        const again = async (url: string, key: string, next: { attempt: string; forefront: boolean; note: string }) => {
          if (p.renderStarted !== undefined) p.renderedMs += Date.now() - p.renderStarted;
          p.renderStarted = undefined;
          p.notes.push(next.note);
          p.url = url;
          await crawler.addRequests([{ url, uniqueKey: `${p.index}:${key}`, userData: { index: p.index, attempt: next.attempt } }], { forefront: next.forefront });
        };
        if (err instanceof ConnectionFailedError && attempt === 'primary' && fallback !== undefined) {
          // Next, not behind the whole queue: the target's turn is now.
          return again(fallback, 'fallback', { attempt: 'fallback', forefront: true, note: `${request.url} unreachable (${err.message}); retried over http://` });
        }
        if (err instanceof ConnectionFailedError && err.transient && !p.transientRetried) {
          // A connection that broke mid-answer gets one more try before it counts as the site's.
          p.transientRetried = true;
          return again(p.url, `${attempt}:again`, { attempt, forefront: true, note: `visited again: ${err.message}` });
        }
        if (err.blame === 'ours' && p.ourRetries < OUR_RETRIES) {
          // Our failure, not the site's: try the visit again, behind the queue, so a busy moment can pass.
          p.ourRetries++;
          p.steps = {};
          return again(p.url, `${attempt}:retry${p.ourRetries}`, {
            attempt,
            forefront: false,
            note: `visit ${p.ourRetries + 1}: the previous one failed on our side (${err.message})`,
          });
        }
        // An answer that kept arriving too slowly on every try is the site's.
        if (err instanceof StarvedError && err.bytesFromSite !== null && err.bytesFromSite > 0) {
          err = new SlowAnswerError(err.bytesFromSite, Math.round(opts.navigationTimeoutMs / 1000));
        }
        await fail(p, err);
      },
    },
    config,
  );

  const stop = () => crawler.stop('the caller stopped the capture');
  hooks.signal?.addEventListener('abort', stop, { once: true });
  try {
    if (hooks.signal?.aborted) return;
    await crawler.run(
      renderable.map((p) => ({
        url: p.url,
        uniqueKey: `${p.index}:primary`,
        userData: { index: p.index, attempt: 'primary' },
      })),
    );
  } finally {
    hooks.signal?.removeEventListener('abort', stop);
    watch.stop();
    await guard.close();
    while (handing.size > 0) await Promise.all(handing);
    // Anything the crawler dropped without calling a handler still gets its one result.
    for (const p of [...pending.values()]) await fail(p, new BrowserFailureError('the browser gave no result for this target'));
  }
}
