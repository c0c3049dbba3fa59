/**
 * Where the console may be reached from, and the guards that hold every request to it:
 *
 * - Host pinning: a request whose Host is not the console's own address (the loopback address it is bound
 *   to, or the public URL it is served under) is refused, so a web page an analyst visits cannot reach the
 *   loopback console through a DNS name it controls (DNS rebinding).
 * - Trusted origins: a POST must come from one of those addresses (its Origin) or say it is same-origin
 *   (Sec-Fetch-Site, which no page can forge): Hono's csrf middleware. Behind an HTTPS reverse proxy the
 *   browser's origin is the public https:// URL, not http://<Host>, so the origins are configured, not guessed.
 * - Cookies are Secure exactly when the browser talks HTTPS (a Secure cookie sent over http is dropped, and
 *   the login would fail silently); logging in over plain http to a console published over https is refused
 *   with a sentence saying where to log in.
 * - Every POST behind the login carries the session's CSRF token.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { getSession, tokensEqual } from '../data/accounts.js';
import type { Store } from '../data/store.js';
import type { Env, Viewer } from './context.js';
import { errorPage, type NavLink } from './layout.js';

export const SESSION_COOKIE = 'jz_session';

/** The addresses the console answers under, derived once from how it is served. */
export interface ConsoleAddresses {
  /** Host header values accepted (host[:port], lower case). */
  readonly hosts: ReadonlySet<string>;
  /** Origins a POST may come from. */
  readonly origins: ReadonlySet<string>;
  /** The public URL's origin when it is https (the only place to log in from, when set). */
  readonly httpsOrigin: string | null;
  /** The address to tell someone who came the wrong way. */
  readonly canonical: string;
  /** Whether X-Forwarded-For/-Proto from a loopback peer (the reverse proxy) are believed. */
  readonly trustProxy: boolean;
}

/** Whether an address is loopback (the only place the console binds unless `--public` says otherwise). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The console's addresses: bound to loopback, its loopback names on that port; with a public URL, that URL's
 * host and origin too. Bound beyond loopback, only the public URL (the bind address is plain http, where a
 * password would cross the network in clear and the Secure cookie could not work).
 */
export function consoleAddresses(opts: { bindHost: string; port: number; publicUrl?: string | null }): ConsoleAddresses {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  if (isLoopback(opts.bindHost)) {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      hosts.add(`${name}:${opts.port}`);
      origins.add(`http://${name}:${opts.port}`);
    }
    if (/^127\./.test(opts.bindHost)) (hosts.add(`${opts.bindHost}:${opts.port}`), origins.add(`http://${opts.bindHost}:${opts.port}`));
  }
  let httpsOrigin: string | null = null;
  let canonical = `http://127.0.0.1:${opts.port}`;
  if (opts.publicUrl) {
    const u = new URL(opts.publicUrl);
    hosts.add(u.host.toLowerCase());
    origins.add(u.origin);
    canonical = u.origin;
    if (u.protocol === 'https:') httpsOrigin = u.origin;
  }
  return { hosts, origins, httpsOrigin, canonical, trustProxy: !!opts.publicUrl };
}

/** The address of the TCP peer, or null (a request made in-process by a test). */
function peerAddress(c: Context<Env>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * The client's address: the TCP peer, or — when the console sits behind a reverse proxy on this machine —
 * the address the proxy appended last to X-Forwarded-For (the one hop a client cannot forge).
 */
export function clientAddress(c: Context<Env>, addresses: ConsoleAddresses): string | null {
  const peer = peerAddress(c);
  if (addresses.trustProxy && peer !== null && isLoopback(peer.replace(/^::ffff:/, ''))) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded;
  }
  return peer;
}

/**
 * Whether the browser is talking HTTPS: its Origin says so on a POST; otherwise the proxy's X-Forwarded-Proto,
 * or the public URL's scheme when the request came by its host.
 */
export function browserUsesHttps(c: Context<Env>, addresses: ConsoleAddresses): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return origin.startsWith('https:');
  const proto = addresses.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
  if (proto) return proto.split(',')[0]!.trim() === 'https';
  if (addresses.httpsOrigin) return new URL(addresses.httpsOrigin).host === requestHostOf(c);
  return false;
}

function requestHostOf(c: Context<Env>): string {
  return (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
}

/** Refuses a request for another host (DNS rebinding), naming the console's address. */
export function hostPinning(addresses: ConsoleAddresses): MiddlewareHandler<Env> {
  return async (c, next) => {
    const host = requestHostOf(c);
    if (addresses.hosts.has(host)) return next();
    const proxyHint = addresses.trustProxy ? '经反向代理访问时，请让代理转发原始 Host（nginx：proxy_set_header Host $host;）。' : '';
    return c.html(errorPage(null, 421, `此审核台只在 ${addresses.canonical}/ 提供服务，不接受主机名 ${host.slice(0, 100)} 的请求。${proxyHint}`), 421);
  };
}

/**
 * Cross-site posts refused (Hono's csrf: a trusted Origin, or Sec-Fetch-Site: same-origin). A post from the
 * plain-http twin of the https public URL is refused first with the address to use instead.
 */
export function originGuard(addresses: ConsoleAddresses): MiddlewareHandler<Env>[] {
  const plainTwin = addresses.httpsOrigin ? addresses.httpsOrigin.replace(/^https:/, 'http:').replace(/:443$/, '') : null;
  const httpRefusal: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method === 'POST' && plainTwin && c.req.header('origin') === plainTwin) {
      return c.html(
        errorPage(null, 403, `请通过 ${addresses.httpsOrigin}/ 访问并登录：经 http 访问时，浏览器不会保存安全登录 Cookie，登录也不安全。`),
        403,
      );
    }
    return next();
  };
  return [httpRefusal, csrf({ origin: (origin) => addresses.origins.has(origin), secFetchSite: 'same-origin' })];
}

const PUBLIC_PATHS = (path: string) => path === '/login' || path === '/favicon.ico' || path.startsWith('/static/');

/**
 * The session from its cookie; every route but the login page and static files needs one, and every POST
 * behind it the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`).
 */
export function sessionGuard(store: Store, navFor: (role: Viewer['user']['role']) => readonly NavLink[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const raw = getCookie(c, SESSION_COOKIE);
    const session = raw ? await getSession(store, raw) : null;
    const viewer: Viewer | null = session ? { ...session, nav: navFor(session.user.role) } : null;
    c.set('viewer', viewer);
    if (PUBLIC_PATHS(c.req.path)) return next();
    if (!viewer) {
      if (c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html')) {
        return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 302);
      }
      return c.text('未登录', 401);
    }
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody({ all: true });
      const field = body['_csrf'];
      const token = (typeof field === 'string' ? field : '') || c.req.header('x-csrf-token') || '';
      if (!tokensEqual(token, viewer.csrfToken)) return c.html(errorPage(viewer, 403, 'CSRF 校验失败，请刷新页面后重试。'), 403);
    }
    return next();
  };
}
