import { fileURLToPath } from 'node:url';
import type { CorpusSite, SearchFixture } from './corpus/types.js';
import { startDnsServer } from './dns-server.js';
import { startFeedServer } from './feeds.js';
import { startProxy, type ProxyLogEntry } from './proxy.js';
import { startSearxng } from './searxng.js';
import { hostPort, startWhoisServer, type RunningServer } from './whois-server.js';
import { untilStopped } from '../signals.js';

export type { ProxyLogEntry } from './proxy.js';

/** Where the sandbox's four servers listen; 0 (the default) picks a free port. */
export interface SandboxPorts {
  proxy?: number;
  dns?: number;
  whois?: number;
  searxng?: number;
  feeds?: number;
}

export interface SandboxOptions {
  /** Sites served; defaults to the bundled corpus. */
  corpus?: readonly CorpusSite[];
  /** Saved result sets for the search API; defaults to the bundled ones. */
  searchFixtures?: readonly SearchFixture[];
  /** Root of page routes' `file`; defaults to corpus/pages/ beside this file. */
  pagesDir?: string;
  /** Address every server binds; default 127.0.0.1 (only loopback is ever a target). */
  host?: string;
  ports?: SandboxPorts;
  /** How long a `stall` route holds its socket open; default 180000 ms. */
  stallMs?: number;
  /** The sandbox's clock: the instant the corpus's "now" stands for (default: when it starts). */
  clock?: Date;
}

/** A running sandbox internet: the addresses to hand a scan, the proxy's request log, and a way to stop. */
export interface Sandbox {
  /** http://127.0.0.1:P */
  proxyUrl: string;
  /** 127.0.0.1:P */
  dnsServer: string;
  /** 127.0.0.1:P */
  whoisServer: string;
  /** http://127.0.0.1:P */
  searxngUrl: string;
  /** http://127.0.0.1:P — domain lists, NRD files and an RFC 6962 CT log (`${feedsUrl}/ct/v1/get-sth`); see feeds.ts. */
  feedsUrl: string;
  /** ws://127.0.0.1:P/certstream — a certstream-format WebSocket. */
  certstreamUrl: string;
  /** Every request the proxy saw, in arrival order. */
  requests: ProxyLogEntry[];
  /** DNS questions asked, by "name TYPE" (e.g. "cx-mem-gov.cn A"). */
  dnsQueries: ReadonlyMap<string, number>;
  /** WHOIS queries, by the name asked. */
  whoisQueries: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

const DEFAULT_STALL_MS = 180_000;

function httpUrl(host: string, port: number): string {
  return `http://${hostPort(host, port)}`;
}

async function loadBundledCorpus(): Promise<{ corpus: readonly CorpusSite[]; searchFixtures: readonly SearchFixture[] }> {
  const bundled = await import('./corpus/index.js');
  return { corpus: bundled.corpus, searchFixtures: bundled.searchFixtures };
}

/** Starts the sandbox internet (HTTP proxy, DNS, WHOIS, SearXNG) on loopback for tests, the demo and benchmarks. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  // The bundled corpus is loaded only when needed, so callers with their own don't depend on it.
  const bundled = opts.corpus && opts.searchFixtures ? undefined : await loadBundledCorpus();
  const corpus = opts.corpus ?? bundled?.corpus ?? [];
  const searchFixtures = opts.searchFixtures ?? bundled?.searchFixtures ?? [];
  const host = opts.host ?? '127.0.0.1';
  const ports = opts.ports ?? {};
  const pagesDir = opts.pagesDir ?? fileURLToPath(new URL('./corpus/pages/', import.meta.url));
  const requests: ProxyLogEntry[] = [];

  const started: RunningServer[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.close()));
  };
  // The search engines' saved result pages are served like sites but are not labelled corpus entries.
  const { buildSearchEngineSites } = await import('./search-engines.js');
  const served = [...corpus, ...buildSearchEngineSites(searchFixtures)];
  try {
    const proxy = await startProxy({
      corpus: served,
      pagesDir,
      host,
      port: ports.proxy ?? 0,
      stallMs: opts.stallMs ?? DEFAULT_STALL_MS,
      log: requests,
    });
    started.push(proxy);
    const dns = await startDnsServer({ corpus: served, host, port: ports.dns ?? 0 });
    started.push(dns);
    const whois = await startWhoisServer({ corpus, host, port: ports.whois ?? 0, ...(opts.clock ? { clock: opts.clock } : {}) });
    started.push(whois);
    const searxng = await startSearxng({ fixtures: searchFixtures, host, port: ports.searxng ?? 0 });
    started.push(searxng);
    const feeds = await startFeedServer({ corpus, host, port: ports.feeds ?? 0 });
    started.push(feeds);

    let closing: Promise<void> | undefined;
    return {
      proxyUrl: httpUrl(host, proxy.port),
      dnsServer: hostPort(host, dns.port),
      whoisServer: hostPort(host, whois.port),
      searxngUrl: httpUrl(host, searxng.port),
      feedsUrl: feeds.url,
      certstreamUrl: feeds.certstreamUrl,
      requests,
      dnsQueries: dns.queries,
      whoisQueries: whois.queries,
      close: () => (closing ??= closeAll()),
    };
  } catch (err) {
    // A port already taken must not leave the other servers listening.
    await closeAll();
    throw err;
  }
}

/** Runs `jianzhen sandbox`: starts the sandbox, prints its endpoints, and serves until SIGINT/SIGTERM. */
export async function runSandboxCommand(opts: { host?: string; ports?: SandboxPorts } = {}): Promise<void> {
  const sandbox = await startSandbox({ host: opts.host, ports: opts.ports });
  const lines = [
    `proxy   ${sandbox.proxyUrl}`,
    `dns     ${sandbox.dnsServer}`,
    `whois   ${sandbox.whoisServer}`,
    `searxng ${sandbox.searxngUrl}`,
    `feeds   ${sandbox.feedsUrl}  (CT log: ${sandbox.feedsUrl}/  certstream: ${sandbox.certstreamUrl})`,
    '',
    'example:',
    `  jianzhen scan --proxy ${sandbox.proxyUrl} --dns ${sandbox.dnsServer} --whois ${sandbox.whoisServer} --searxng ${sandbox.searxngUrl} --search "特种作业操作证 查询"`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  process.stderr.write('sandbox running; press Ctrl-C to stop\n');
  await untilStopped({ ownWay: true });
  await sandbox.close();
}
