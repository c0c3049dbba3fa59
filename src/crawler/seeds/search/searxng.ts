import { JianzhenError, UsageError } from '../../../errors.js';
import type { SearchHit, SearchProvider } from './types.js';

export type { SearchHit } from './types.js';

/**
 * Asks a SearXNG instance (its JSON API, `GET /search?q=…&format=json`) for the results of a query,
 * up to `pages` result pages. The instance must have `json` in `search.formats` (SearXNG answers 403 otherwise).
 */
export async function searchSearxng(baseUrl: string, query: string, pages = 1, timeoutMs = 15_000): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (let pageno = 1; pageno <= pages; pageno++) {
    const url = new URL('/search', baseUrl);
    url.searchParams.set('q', query);
    url.searchParams.set('format', 'json');
    url.searchParams.set('pageno', String(pageno));
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    } catch (err) {
      throw new JianzhenError('search', `SearXNG at ${baseUrl} unreachable: ${(err as Error).message}`, 1);
    }
    if (res.status === 403) throw new JianzhenError('search', `SearXNG at ${baseUrl} refused format=json (enable "json" in search.formats)`, 1);
    if (!res.ok) throw new JianzhenError('search', `SearXNG at ${baseUrl} answered HTTP ${res.status}`, 1);
    const body = (await res.json()) as { results?: { url?: unknown; title?: unknown; content?: unknown }[] };
    const results = Array.isArray(body.results) ? body.results : [];
    for (const r of results) {
      if (typeof r.url !== 'string') continue;
      hits.push({ url: r.url, title: String(r.title ?? ''), snippet: String(r.content ?? ''), query, engine: 'searxng' });
    }
    if (results.length < 10) break;
  }
  return hits;
}

/** The SearXNG JSON provider (`--searxng URL`); SearXNG itself fans the query out to its engines. */
export const searxngProvider: SearchProvider = {
  id: 'searxng',
  description: 'a SearXNG instance\'s JSON API (needs --searxng URL)',
  search: async (query, opts) => {
    if (!opts.searxngUrl) throw new UsageError('the searxng engine needs --searxng URL (a SearXNG instance with the JSON API enabled)');
    return searchSearxng(opts.searxngUrl, query, opts.pages ?? 2, opts.timeoutMs);
  },
};
