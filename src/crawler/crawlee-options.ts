import { Configuration, Log, LogLevel, ProxyConfiguration } from '@crawlee/core';

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

/** Once an hour: next to nothing, however long a scan runs. */
const NO_SYSTEM_SAMPLING_MS = 3_600_000;

/**
 * A fresh Configuration for one crawl whose concurrency is pinned (minConcurrency = maxConcurrency): no storage on
 * disk and nothing shared with another crawl or process (DESIGN.md, Scale), and no sampling of the system's load.
 * Crawlee samples memory every second by spawning `ps` (a fork of this whole process) for its autoscaler, which a
 * pinned concurrency never consults: that cost a few per cent of a core for the whole of every scan.
 */
export function pinnedCrawlConfiguration(options: { headless?: boolean } = {}): Configuration {
  return new Configuration({ persistStorage: false, purgeOnStart: true, systemInfoIntervalMillis: NO_SYSTEM_SAMPLING_MS, ...options });
}
