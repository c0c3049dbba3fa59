import { CheerioCrawler, Configuration } from 'crawlee';
import { oneShotCrawlOptions } from '../../crawlee-options.js';
import { JianzhenError } from '../../../errors.js';
import type { SearchHit, SearchOptions, SearchProvider } from './types.js';
import { hostOf, registrableDomainOf } from '../../../model/host.js';

/** One result as a result-page parser sees it, before its redirect link (if any) is resolved. */
export interface RawHit {
  /** The link as the page gives it (absolute), or the real target when the page carries it. */
  readonly url: string;
  readonly title: string;
  readonly snippet: string;
  /** True when `url` is the engine's own redirect (`/link?url=…`) and must be requested to learn the target. */
  readonly redirect: boolean;
  /** A paid result (推广/广告). */
  readonly ad?: boolean;
}

/** A search engine's result-page format: how to ask for a page and how to read one. */
export interface SerpFormat {
  readonly id: string;
  readonly description: string;
  /** The result page URL for a query (https, as the engine serves it); `page` counts from 1. */
  pageUrl(query: string, page: number): string;
  /** Reads the organic and paid results of one result page; `pageUrl` resolves relative links. */
  parse(html: string, pageUrl: string): RawHit[];
  /**
   * The registrable domains of the engine's own estate (news.so.com, m.so.com, baike.baidu.com…): a result that
   * lands there is the engine's vertical, never a scan target.
   */
  readonly ownDomains: readonly string[];
}

/** Whether a URL lands on the engine's own estate (its verticals, its redirects). */
export function isEngineOwn(url: string, format: Pick<SerpFormat, 'ownDomains'>): boolean {
  const domain = registrableDomainOf(hostOf(url));
  return domain !== null && format.ownDomains.includes(domain);
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_REDIRECT_HOPS = 3;
// A desktop browser's identity: the engines serve their plain result pages to it.
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Collapses whitespace the way a browser shows text. */
export function cleanText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Makes a link absolute against the page it is on; null when it is not http(s). */
export function absoluteUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads where an engine's redirect answer points: the Location header (Baidu answers 302), else the
 * target of a meta refresh or `location.replace(…)` (Sogou answers 200 with a script that does it).
 */
export function redirectTarget(status: number, location: string | undefined, body: string, base: string): string | null {
  if (status >= 300 && status < 400 && location) return absoluteUrl(location, base);
  const meta = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["'][^"']*?url=['"]?([^"'>]+)/i.exec(body);
  if (meta?.[1]) return absoluteUrl(meta[1].replace(/&amp;/g, '&'), base);
  const js = /location(?:\.href)?(?:\.replace\(|\s*=\s*)\s*["']([^"']+)["']/i.exec(body);
  if (js?.[1]) return absoluteUrl(js[1], base);
  return null;
}

interface PageResult {
  readonly hits: SearchHit[];
  readonly error: string | null;
}

/**
 * Fetches result pages with Crawlee's CheerioCrawler (through `proxy` when given) and resolves redirect
 * links from inside the handler with the crawler's own `sendRequest`, so both go through the same proxy.
 */
async function crawlPages(format: SerpFormat, query: string, urls: readonly string[], opts: SearchOptions): Promise<Map<string, PageResult>> {
  const out = new Map<string, PageResult>();
  const timeoutSecs = Math.ceil((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000);
  // A fresh Configuration per crawl: no storage on disk, nothing shared with another crawl in this process.
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const crawler = new CheerioCrawler(
    {
      ...oneShotCrawlOptions(opts.proxy ?? null),
      navigationTimeoutSecs: timeoutSecs,
      requestHandlerTimeoutSecs: timeoutSecs * (MAX_REDIRECT_HOPS + 12),
      maxConcurrency: 2,
      preNavigationHooks: [
        (_ctx, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': DESKTOP_UA, 'accept-language': 'zh-CN,zh;q=0.9' };
        },
      ],
      requestHandler: async ({ request, body, sendRequest }) => {
        const html = typeof body === 'string' ? body : body.toString('utf8');
        const base = request.loadedUrl ?? request.url;
        const hits: SearchHit[] = [];
        for (const raw of format.parse(html, base)) {
          let url: string | null = raw.url;
          for (let hop = 0; url && hop < MAX_REDIRECT_HOPS && isEngineRedirect(url, raw.redirect, hop); hop++) {
            try {
              const res = await sendRequest({
                url,
                followRedirect: false,
                throwHttpErrors: false,
                timeout: { request: timeoutSecs * 1000 },
                headers: { 'user-agent': DESKTOP_UA, referer: base },
              });
              url = redirectTarget(res.statusCode, res.headers.location as string | undefined, String(res.body ?? ''), url);
            } catch {
              url = null; // one dead redirect costs one result, never the page
            }
          }
          if (!url || isEngineOwn(url, format)) continue;
          hits.push({ url, title: raw.title, snippet: raw.snippet, query, engine: format.id, ...(raw.ad ? { ad: true } : {}) });
        }
        out.set(request.userData['key'] as string, { hits, error: null });
      },
      failedRequestHandler: ({ request }, err) => {
        out.set(request.userData['key'] as string, { hits: [], error: err.message.split('\n')[0] ?? 'failed' });
      },
    },
    config,
  );
  await crawler.run(urls.map((url) => ({ url, uniqueKey: url, userData: { key: url } })));
  return out;
}

// The first hop is a redirect the parser flagged; later hops only while the answer is still the engine's /link.
function isEngineRedirect(url: string, flagged: boolean, hop: number): boolean {
  if (hop === 0) return flagged;
  return /\/link\?/.test(url);
}

/**
 * Turns a result-page format into a provider: reads `pages` result pages per query; a page the engine
 * cannot be reached for over https:// is retried once over http:// (DESIGN.md's rule for targets).
 */
export function serpProvider(format: SerpFormat): SearchProvider {
  return {
    id: format.id,
    description: format.description,
    search: async (query, opts) => {
      const pages = Math.max(1, opts.pages ?? 1);
      const urls = Array.from({ length: pages }, (_, i) => format.pageUrl(query, i + 1));
      const first = await crawlPages(format, query, urls, opts);
      const failed = urls.filter((u) => first.get(u)?.error !== null);
      const fallback = failed.map((u) => u.replace(/^https:/, 'http:')).filter((u) => !urls.includes(u));
      const second = fallback.length ? await crawlPages(format, query, fallback, opts) : new Map<string, PageResult>();
      const hits: SearchHit[] = [];
      const errors: string[] = [];
      for (const u of urls) {
        let r = first.get(u);
        if (r?.error !== null) r = second.get(u.replace(/^https:/, 'http:')) ?? r;
        if (!r) continue;
        if (r.error !== null) errors.push(r.error);
        hits.push(...r.hits);
      }
      if (hits.length === 0 && errors.length > 0) {
        throw new JianzhenError('search', `${format.id}: result page unreachable: ${errors[0]}`, 1);
      }
      return hits;
    },
  };
}
