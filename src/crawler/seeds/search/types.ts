/** One search result a seed provider returns; `url` is the result's real target (redirect links resolved). */
export interface SearchHit {
  readonly url: string;
  readonly title: string;
  readonly snippet: string;
  readonly query: string;
  /** Provider id that found it (`searxng`, `baidu`, …). */
  readonly engine?: string;
  /** A paid result (推广/广告): sellers of certificates buy ads for their query sites, so ads are seeds too. */
  readonly ad?: boolean;
}

/** What every provider accepts; each provider reads only what it needs. */
export interface SearchOptions {
  /** Result pages to read (default 1). */
  readonly pages?: number;
  /** HTTP proxy every request goes through (SERP providers). */
  readonly proxy?: string | null;
  /** SearXNG base URL (the `searxng` provider). */
  readonly searxngUrl?: string | null;
  /** Per-request timeout; default 15 s. */
  readonly timeoutMs?: number;
}

/** A keyword-search seed provider: one registry entry per engine (search/index.ts). */
export interface SearchProvider {
  readonly id: string;
  /** One line for `--help` and errors. */
  readonly description: string;
  search(query: string, opts: SearchOptions): Promise<SearchHit[]>;
}
