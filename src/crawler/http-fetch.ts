/**
 * The plain HTTP fetch: one GET per target with Crawlee's CheerioCrawler, no browser. It is the funnel's
 * middle stage: a render is the most expensive thing a scan does, so most candidates are judged
 * on what a plain fetch sees — the HTML before any script ran — and only those that pass or stay uncertain
 * are rendered. Every request goes through the same guard proxy as the browser's (private addresses
 * refused, chained to `--proxy`), and an https:// URL that cannot be reached is retried once over http://,
 * as capture.ts does (DESIGN.md, scan).
 */
import { createHash } from 'node:crypto';
import { load as loadHtml, type CheerioAPI } from 'cheerio';
import { CheerioCrawler } from '@crawlee/cheerio';
import { oneShotCrawlOptions, pinnedCrawlConfiguration } from './crawlee-options.js';
import { DESKTOP_UA } from './browser.js';
import { htmlText } from './capture.js';
import { startGuardProxy } from './guard-proxy.js';
import type {
  Artifact,
  FormField,
  FormInfo,
  PageSnapshot,
  RedirectHop,
} from '../model/snapshot.js';
import { BrowserFailureError, ConnectionFailedError, httpErrorOf, TargetRefusedError, TooBigError, type CrawlError } from './errors.js';
import { LoadWatch } from './load-watch.js';
import { visitTimings, type ResolveSession } from './resolve.js';
import type { Target } from './targets.js';
import { hostOf } from '../model/host.js';
import { snapshotFields, type ResolvedTarget } from '../model/resolved.js';

/** Network and bounds of the HTTP stage (the NET options of DESIGN.md plus its own limits). */
export interface HttpFetchOptions {
  readonly proxy: string | null;
  readonly dnsServer: string | null;
  readonly allowPrivate: boolean;
  /** Fetches in flight at once. */
  readonly concurrency: number;
  /** Bound on one request, redirects included. */
  readonly timeoutMs: number;
  /** Bytes of body a fetch may read before it is aborted. */
  readonly maxBytes: number;
  /** HTTP redirects followed before the fetch is given up as a loop. */
  readonly maxRedirects: number;
  /** Aborted when the caller can no longer use outcomes (its store failed): no new fetch starts. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_HTTP_FETCH: Omit<HttpFetchOptions, 'proxy' | 'dnsServer'> = {
  allowPrivate: false,
  concurrency: 16,
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 10,
};

/**
 * What one plain fetch saw, in a page snapshot's terms: enough for the page-free and HTML-only detectors. Its
 * redirects are HTTP hops only (a plain fetch runs no meta refresh or script); its text is the HTML's visible
 * text (capture.ts's htmlText: scripts, styles and templates removed); it always has a status.
 */
export interface HttpSnapshot extends Pick<PageSnapshot, 'url' | 'finalUrl' | 'redirects' | 'contentType' | 'title' | 'text' | 'forms' | 'links'> {
  readonly status: number;
  /** <script> elements: a page of scripts and little text is built in the browser, which HTTP cannot see. */
  readonly scripts: number;
  readonly html: Buffer;
  /** e.g. "https unreachable; retried over http". */
  readonly notes: readonly string[];
  readonly fetchMs: number;
}

/** The outcome of one plain fetch. */
export type HttpOutcome =
  | { readonly ok: true; readonly snapshot: HttpSnapshot }
  | { readonly ok: false; readonly url: string; readonly error: CrawlError; readonly notes: readonly string[] };

const LINK_CAP = 500;
const HTML_MIME = ['text/html', 'application/xhtml+xml'];


function clean(s: string | undefined | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function absolute(href: string | undefined, base: string): string | null {
  if (href === undefined) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/** Label of a form field as the page shows it: label[for], the wrapping label, the previous table cell. */
function labelOf($: CheerioAPI, el: Parameters<CheerioAPI>[0]): string | null {
  const node = $(el);
  const id = node.attr('id');
  if (id) {
    const byFor = $('label').filter((_, l) => $(l).attr('for') === id).first();
    if (byFor.length) return clean(byFor.text()) || null;
  }
  const wrap = node.closest('label');
  if (wrap.length) return clean(wrap.text()) || null;
  const prevCell = node.closest('td, th, dd').prev();
  if (prevCell.length) return clean(prevCell.text()) || null;
  const before = clean(node.prevAll().first().text());
  return before ? before.slice(-40) : null;
}

/** Reads title, text, forms (with labels), links and the script count from raw HTML, like in-page.ts does. */
export function parseHtml(html: string, baseUrl: string): Pick<HttpSnapshot, 'title' | 'text' | 'forms' | 'links' | 'scripts'> {
  const $ = loadHtml(html);
  const field = (el: Parameters<CheerioAPI>[0]): FormField => {
    const node = $(el);
    const tag = (el as { tagName?: string }).tagName?.toLowerCase() as FormField['tag'];
    return {
      tag,
      type: (node.attr('type') ?? (tag === 'button' ? 'submit' : tag)).toLowerCase(),
      name: node.attr('name') ?? null,
      id: node.attr('id') ?? null,
      label: labelOf($, el),
      placeholder: node.attr('placeholder') ?? null,
    };
  };
  const forms: FormInfo[] = $('form')
    .toArray()
    .map((f) => {
      const action = $(f).attr('action');
      return {
        action: action === undefined ? null : absolute(action, baseUrl),
        method: ($(f).attr('method') ?? 'get').toLowerCase(),
        fields: $(f).find('input, select, textarea, button').toArray().map(field),
      };
    });
  // Query "forms" built without <form>: inputs outside any form form one script-only form (in-page.ts).
  const loose = $('input, select, textarea, button')
    .toArray()
    .filter((el) => $(el).closest('form').length === 0);
  if (loose.some((el) => (el as { tagName?: string }).tagName === 'input' && !['hidden', 'button', 'submit'].includes(($(el).attr('type') ?? 'text').toLowerCase()))) {
    forms.push({ action: null, method: 'script', fields: loose.map(field) });
  }
  const links = $('a[href]')
    .toArray()
    .slice(0, LINK_CAP)
    .map((a) => ({ href: absolute($(a).attr('href'), baseUrl) ?? '', text: clean($(a).text()).slice(0, 200) }))
    .filter((l) => l.href !== '');
  return { title: clean($('title').first().text()), text: htmlText(html), forms, links, scripts: $('script').length };
}

/**
 * Fetches every target once with a plain GET through the guard proxy; each outcome goes to `onOutcome` as
 * soon as it is known. Never throws for one bad site: a failure is an outcome.
 */
export async function fetchHttp(
  targets: readonly { index: number; target: Target }[],
  opts: HttpFetchOptions,
  onOutcome: (index: number, outcome: HttpOutcome) => Promise<void> | void,
  session?: ResolveSession,
): Promise<void> {
  if (targets.length === 0) return;
  const byIndex = new Map(targets.map((t) => [t.index, { target: t.target, notes: [] as string[], started: 0, done: false, retried: false }]));
  const blocked = new Map<string, string>();
  const watch = new LoadWatch().start();
  const guard = await startGuardProxy({
    upstreamProxy: opts.proxy,
    dnsServer: opts.dnsServer,
    allowPrivate: opts.allowPrivate,
    ...(session ? { addresses: (host: string) => session.addresses(host) } : {}),
    // The guard answers a refused request with 403; the handler turns that answer into the refusal it is.
    onBlocked: (url, reason) => blocked.set(hostOf(url) ?? url, reason),
  });
  const finish = async (index: number, outcome: HttpOutcome) => {
    const entry = byIndex.get(index);
    if (!entry || entry.done) return;
    entry.done = true;
    await onOutcome(index, outcome);
  };

  const config = pinnedCrawlConfiguration();
  const crawler: CheerioCrawler = new CheerioCrawler(
    {
      ...oneShotCrawlOptions(guard.url),
      minConcurrency: Math.max(1, opts.concurrency),
      maxConcurrency: Math.max(1, opts.concurrency),
      navigationTimeoutSecs: opts.timeoutMs / 1000,
      requestHandlerTimeoutSecs: Math.max(10, opts.timeoutMs / 1000),
      ignoreSslErrors: true,
      // Error pages are answers too (a 404 parked page, a 403 block page); 5xx stays a failure, as in capture.ts.
      ignoreHttpErrorStatusCodes: [400, 401, 403, 404, 410, 451],
      additionalMimeTypes: ['text/plain'],
      preNavigationHooks: [
        (_ctx, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': DESKTOP_UA, 'accept-language': 'zh-CN,zh;q=0.9' };
          (gotOptions as { maxRedirects?: number }).maxRedirects = opts.maxRedirects;
          // got-scraping would otherwise invent browser-like headers per request; the fetch's identity is fixed.
          (gotOptions as { useHeaderGenerator?: boolean }).useHeaderGenerator = false;
        },
      ],
      postNavigationHooks: [
        ({ response }) => {
          // Crawlee 3.18 has no body-size option: a declared length over the cap is refused at once, and a body
          // that grows past it is cut by destroying the stream (the read then fails).
          const res = response as unknown as NodeJS.ReadableStream & {
            headers?: Record<string, string>;
            on(event: 'downloadProgress', cb: (p: { transferred: number }) => void): void;
            destroy(err: Error): void;
          };
          const declared = Number(res.headers?.['content-length'] ?? 0);
          const over = () => new TooBigError(opts.maxBytes, 'fetch');
          if (declared > opts.maxBytes) throw over();
          res.on('downloadProgress', (p) => {
            if (p.transferred > opts.maxBytes) res.destroy(over());
          });
        },
      ],
      requestHandler: async ({ request, response, body, contentType }) => {
        const index = request.userData['index'] as number;
        const entry = byIndex.get(index);
        if (!entry) return;
        const finalHost = hostOf(request.loadedUrl ?? request.url) ?? request.url;
        const refusal = blocked.get(finalHost);
        if (refusal && response.statusCode === 403) {
          await finish(index, { ok: false, url: request.url, error: new TargetRefusedError(`refused: ${refusal}`), notes: [...entry.notes] });
          return;
        }
        const raw = typeof body === 'string' ? body : body.toString('utf8');
        const html = Buffer.from(raw, 'utf8');
        const finalUrl = request.loadedUrl ?? request.url;
        const redirectUrls = ((response as unknown as { redirectUrls?: (URL | string)[] }).redirectUrls ?? []).map(String);
        const redirects: RedirectHop[] = [];
        let from = request.url;
        for (const to of redirectUrls) {
          redirects.push({ from, to, kind: 'http' });
          from = to;
        }
        const isHtml = HTML_MIME.includes(contentType.type);
        const parsed = isHtml
          ? parseHtml(raw, finalUrl)
          : { title: '', text: raw.replace(/\s+/g, ' ').trim().slice(0, 100_000), forms: [], links: [], scripts: 0 };
        await finish(index, {
          ok: true,
          snapshot: {
            url: request.url,
            finalUrl,
            redirects,
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? null,
            ...parsed,
            html,
            notes: [...entry.notes],
            fetchMs: Date.now() - entry.started,
          },
        });
      },
      failedRequestHandler: async ({ request }, error) => {
        const index = request.userData['index'] as number;
        const entry = byIndex.get(index);
        if (!entry) return;
        const err = httpErrorOf(error, { timeoutMs: opts.timeoutMs, stalled: watch.starvedFor(entry.started, opts.timeoutMs) });
        const fallback = entry.target.fallbackUrl;
        const attempt = request.userData['attempt'] as string;
        if (attempt === 'primary' && fallback && err instanceof ConnectionFailedError) {
          entry.notes.push(`${request.url} unreachable (${err.message}); retried over http://`);
          await crawler.addRequests([{ url: fallback, uniqueKey: `${index}:fallback`, userData: { index, attempt: 'fallback' } }], {
            forefront: true,
          });
          return;
        }
        if (err.blame === 'ours' && !entry.retried) {
          // Our slowness is never the site's failure: the fetch is made once more.
          entry.retried = true;
          entry.notes.push(`fetched again: the first fetch failed on our side (${err.message})`);
          await crawler.addRequests([{ url: request.url, uniqueKey: `${index}:${attempt}:retry`, userData: { index, attempt } }]);
          return;
        }
        await finish(index, { ok: false, url: request.url, error: err, notes: [...entry.notes] });
      },
    },
    config,
  );

  const started = Date.now();
  for (const entry of byIndex.values()) entry.started = started;
  const stop = () => crawler.stop('the caller stopped the fetch');
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    if (opts.signal?.aborted) return;
    await crawler.run(
      targets.map(({ index, target }) => ({ url: target.url, uniqueKey: `${index}:primary`, userData: { index, attempt: 'primary' } })),
    );
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    watch.stop();
    await guard.close();
    // Anything the crawler dropped without a handler still gets its one outcome.
    for (const [index, entry] of byIndex) {
      if (!entry.done) await finish(index, { ok: false, url: entry.target.url, error: new BrowserFailureError('the HTTP fetch gave no result'), notes: entry.notes });
    }
  }
}

/** Marks a snapshot built from a plain fetch; detectors and readers can tell it had no render. */
export const HTTP_ONLY_NOTE = 'http-only';

/**
 * Builds the PageSnapshot the detectors read from a plain fetch: no screenshot, no favicon, rendered text =
 * static text. The HTML is kept as an artifact so the site can be re-scored later without a visit.
 */
export function httpPageSnapshot(
  http: HttpSnapshot,
  resolved: ResolvedTarget,
): { snapshot: PageSnapshot; artifacts: Artifact[] } {
  const html: Artifact = {
    ref: { sha256: createHash('sha256').update(http.html).digest('hex'), mime: 'text/html', bytes: http.html.length },
    data: http.html,
  };
  const timings = visitTimings(resolved, null, { 'http-fetch': http.fetchMs });
  return {
    snapshot: {
      version: 1,
      input: resolved.input,
      url: http.url,
      finalUrl: http.finalUrl,
      redirects: http.redirects,
      status: http.status,
      contentType: http.contentType,
      title: http.title,
      text: http.text,
      staticText: http.text,
      forms: http.forms,
      links: http.links,
      favicon: null,
      screenshot: null,
      html: html.ref,
      ...snapshotFields(resolved),
      notes: [HTTP_ONLY_NOTE, ...http.notes],
      blockedRequests: [],
      timings,
    },
    artifacts: [html],
  };
}
