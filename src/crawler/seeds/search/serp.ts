import { load, type CheerioAPI, type SelectorType } from 'cheerio';
import { CheerioCrawler, Configuration } from '@crawlee/cheerio';
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

/** Whether a URL is on `domain` or one of its subdomains (an engine's own links and redirects). */
export function isOnDomain(url: string, domain: string): boolean {
  const host = new URL(url).hostname;
  return host === domain || host.endsWith(`.${domain}`);
}

/** The result page URL for a query: `page` 1 carries the query alone, later pages also `pageParam=pageValue(page)`. */
export function pagedUrl(base: string, queryParam: string, pageParam: string, pageValue: (page: number) => number): SerpFormat['pageUrl'] {
  return (query, page) => {
    const params = new URLSearchParams({ [queryParam]: query });
    if (page > 1) params.set(pageParam, String(pageValue(page)));
    return `${base}?${params}`;
  };
}

/** Elements found by a selector, typed through cheerio itself (its node types come from an undeclared package). */
type Found = ReturnType<ReturnType<CheerioAPI['root']>['find']>;

/** One result block as a block kind's `target` sees it. */
export interface ResultBlock {
  readonly $: CheerioAPI;
  readonly block: Found;
  /** The block's title link, and its href made absolute. */
  readonly link: Found;
  readonly href: string;
  readonly pageUrl: string;
  /** What the page gave so far (engines repeat a paid result in two slots). */
  readonly hits: readonly RawHit[];
}

/** Where a result block leads: the target, or the engine's redirect to request (`redirect`), and whether it is paid. */
export type BlockTarget = Pick<RawHit, 'url' | 'redirect' | 'ad'>;

/** A kind of result block on an engine's page (its paid results, its organic ones) and how to read one. */
export interface BlockKind {
  /** CSS selector of the blocks, in page order. */
  readonly blocks: SelectorType;
  /** The title link inside a block (the first match; `h3 a`, as most engines write it, when not given); a block without an http(s) one is skipped. */
  readonly link?: string;
  /** The snippet inside a block (the first match). */
  readonly snippet: string;
  /** Every block of this kind is a paid result. */
  readonly ad?: boolean;
  /** Where the block leads; null skips it. This is all that differs from engine to engine. */
  target(block: ResultBlock): BlockTarget | null;
}

/**
 * A result-page parser from its block kinds, read in the order given (paid results where the engine puts them):
 * every engine's page is blocks with a title link and a snippet, and only where a block leads differs.
 */
export function blockParser(kinds: readonly BlockKind[]): SerpFormat['parse'] {
  return (html, pageUrl) => {
    const $ = load(html);
    const hits: RawHit[] = [];
    for (const kind of kinds) {
      $(kind.blocks).each((_i, el) => {
        const block = $(el);
        const link = block.find(kind.link ?? 'h3 a').first();
        const href = absoluteUrl(link.attr('href'), pageUrl);
        const target = href === null ? null : kind.target({ $, block, link, href, pageUrl, hits });
        if (target === null) return;
        const ad = kind.ad === true || target.ad === true;
        const snippet = cleanText(block.find(kind.snippet).first().text());
        hits.push({ url: target.url, title: cleanText(link.text()), snippet, redirect: target.redirect, ...(ad ? { ad } : {}) });
      });
    }
    return hits;
  };
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
