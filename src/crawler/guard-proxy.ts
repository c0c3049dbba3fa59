import type { LookupAddress } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Server, RequestError } from 'proxy-chain';
import { ipLiteral, isPrivateAddress } from './guard.js';
import { makeResolver } from './dns.js';

/** Options of the guard proxy that stands between the browser and the network. */
export interface GuardProxyOptions {
  /** `--proxy`: every request goes on through it; null → straight to the site. */
  readonly upstreamProxy: string | null;
  /** `--dns`: resolver used to decide whether a host is private. */
  readonly dnsServer: string | null;
  readonly allowPrivate: boolean;
  /** Called for every refused request (the snapshot lists them in blockedRequests). */
  readonly onBlocked: (url: string, reason: string) => void;
  /**
   * Called once per host name with the addresses the guard resolved it to (checked, and connected to when
   * there is no upstream proxy): the browser's own record (HAR, serverAddr) only ever sees the guard.
   */
  readonly onResolved?: (host: string, addresses: readonly string[]) => void;
  /**
   * Where a host's addresses come from: the scan's resolve session (crawler/resolve.ts), which answers for a
   * target it has resolved without asking DNS again. Without it the proxy resolves on its own.
   */
  readonly addresses?: (host: string) => Promise<string[]>;
}

export interface GuardProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts an in-process proxy that every browser request passes through. It refuses any request — the
 * document, a redirect, an image, a script's fetch, a WebSocket — whose host is or resolves to a loopback,
 * private or link-local address, unless allowPrivate. A proxy sees every hop, where page.route() misses
 * redirects and service workers.
 */
export async function startGuardProxy(opts: GuardProxyOptions): Promise<GuardProxy> {
  const resolver = makeResolver({ server: opts.dnsServer, timeoutMs: 3000 });
  const cache = new Map<string, Promise<string[]>>();
  const lookup = opts.addresses ?? ((host: string): Promise<string[]> =>
    Promise.all([resolver.resolve4(host).catch(() => []), resolver.resolve6(host).catch(() => [])]).then(([a, b]) => [...a, ...b]));
  // Once per host name, whoever answers: the resolve session or our own lookup.
  const addressesOf = (host: string): Promise<string[]> => {
    const literal = ipLiteral(host);
    if (literal) return Promise.resolve([literal]);
    let hit = cache.get(host);
    if (!hit) {
      hit = lookup(host).then((all) => {
        opts.onResolved?.(host, all);
        return all;
      });
      cache.set(host, hit);
    }
    return hit;
  };

  // The proxy's own connections onward, so closing it ends them: a site that stalls would otherwise keep its
  // request open for minutes after the scan has recorded it, and the process with it.
  const agents = { httpAgent: new HttpAgent({ keepAlive: true }), httpsAgent: new HttpsAgent({ keepAlive: true }) };
  const server = new Server({
    host: '127.0.0.1',
    port: 0,
    verbose: false,
    prepareRequestFunction: async ({ hostname, port, isHttp, request }) => {
      const shown = isHttp ? (request.url ?? `http://${hostname}`) : `https://${hostname}:${port}/`;
      if (!opts.allowPrivate) {
        const addresses = await addressesOf(hostname);
        const bad = addresses.find(isPrivateAddress);
        if (bad) {
          opts.onBlocked(shown, `${hostname} resolves to private address ${bad}`);
          throw new RequestError(`jianzhen: refused ${hostname} (private address ${bad})`, 403);
        }
      }
      if (opts.upstreamProxy) return { upstreamProxyUrl: opts.upstreamProxy, requestAuthentication: false, ...agents };
      // Direct: connect to the address we checked, not one a second lookup might give (DNS rebinding).
      const dnsLookup = ((host: string, options: unknown, cb: unknown) => {
        const callback = (typeof options === 'function' ? options : cb) as (
          err: NodeJS.ErrnoException | null,
          address: string | LookupAddress[],
          family?: number,
        ) => void;
        const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
        addressesOf(host).then((list) => {
          const first = list[0];
          if (!first) return callback(Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '', 4);
          if (all) return callback(null, list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
          return callback(null, first, first.includes(':') ? 6 : 4);
        }, (err: NodeJS.ErrnoException) => callback(err, '', 4));
      }) as never;
      return { requestAuthentication: false, dnsLookup, ...agents };
    },
  });
  // proxy-chain logs every failed upstream connection; the scan records failures itself.
  server.on('requestFailed', () => undefined);
  await server.listen();
  return {
    url: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close(true);
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    },
  };
}
