import { Log, LogLevel, ProxyConfiguration } from '@crawlee/core';

/**
 * The Crawlee options every one-shot crawl of jianzhen shares (the browser capture, the plain HTTP fetch of
 * the funnel, search-engine result pages): no log noise (the scan records failures itself), no session pool,
 * no retries, and no session rotation — Crawlee otherwise retries proxy/tunnel errors up to 10 times
 * regardless of maxRequestRetries, and a refused CONNECT is an answer here (fall back to http), not a
 * flaky proxy to rotate away from.
 */
export function oneShotCrawlOptions(proxyUrl: string | null) {
  return {
    log: new Log({ level: LogLevel.OFF }),
    ...(proxyUrl ? { proxyConfiguration: new ProxyConfiguration({ proxyUrls: [proxyUrl] }) } : {}),
    useSessionPool: false,
    persistCookiesPerSession: false,
    maxRequestRetries: 0,
    maxSessionRotations: 0,
  } as const;
}
