/**
 * A plain HTTP client (no browser, no script) that goes through the guard proxy like every other request
 * of a scan: http:// as an absolute-URI request to the proxy, https:// through a CONNECT tunnel. It is
 * what curl, a search engine's crawler or a link checker sees — the cloaking detector compares it with
 * the browser's render — and it follows a few same-site links for the depth check, cheaply.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { load as loadHtml } from 'cheerio';
import type { LinkInfo, PlainFetchView, SiteRootInfo, SubpageInfo } from '../model/snapshot.js';
import { folderOf, isBelowRoot, siteOf } from '../model/host.js';

/** curl's own user agent: the plain client announces itself as what it is. */
export const CURL_UA = 'curl/8.5.0';

/** Bounds of one plain fetch. */
export interface PlainFetchOptions {
  /** The guard proxy's URL (http://127.0.0.1:port). */
  readonly proxy: string;
  readonly userAgent: string;
  readonly maxRedirects: number;
  readonly maxBytes: number;
  /** Bound on the whole fetch, redirects included. */
  readonly timeoutMs: number;
}

/** One plain fetch's answer: bytes cut at maxBytes, decoded to text. */
export interface PlainAnswer {
  readonly status: number;
  readonly finalUrl: string;
  readonly contentType: string | null;
  readonly body: string;
  readonly truncated: boolean;
}

/** The charset a response declares (header first, then <meta charset>), defaulting to UTF-8. */
function charsetOf(contentType: string | null, head: Buffer): string {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head.subarray(0, 4096).toString('latin1'))?.[1];
  const cs = (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
  return cs === 'gb2312' ? 'gbk' : cs;
}

function decode(bytes: Buffer, contentType: string | null): string {
  try {
    return new TextDecoder(charsetOf(contentType, bytes)).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** Opens a TLS connection to host:port through the proxy's CONNECT. */
export function tunnel(proxy: URL, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.hostname,
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers: { host: `${host}:${port}` },
      signal,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`proxy refused CONNECT ${host}:${port} (${res.statusCode})`));
        return;
      }
      // Certificates are not judged here: a counterfeit's bad certificate is still its answer.
      resolve(tls.connect({ socket, servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** One request/response, no redirects followed; the body read up to maxBytes. */
async function once(url: URL, opts: PlainFetchOptions, signal: AbortSignal): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; truncated: boolean }> {
  const proxy = new URL(opts.proxy);
  const headers = { 'user-agent': opts.userAgent, accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    if (url.protocol === 'http:') {
      const req = http.request({ host: proxy.hostname, port: Number(proxy.port || 80), method: 'GET', path: url.href, headers: { ...headers, host: url.host }, signal });
      req.once('response', resolve);
      req.once('error', reject);
      req.end();
      return;
    }
    const port = Number(url.port || 443);
    tunnel(proxy, url.hostname, port, signal).then((socket) => {
      const req = https.request({ host: url.hostname, port, method: 'GET', path: `${url.pathname}${url.search}`, headers, createConnection: () => socket, signal });
      req.once('response', resolve);
      req.once('error', reject);
      req.end();
    }, reject);
  });
  const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const stream: Readable =
    enc === 'gzip' ? res.pipe(createGunzip()) : enc === 'deflate' ? res.pipe(createInflate()) : enc === 'br' ? res.pipe(createBrotliDecompress()) : res;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > opts.maxBytes) {
        truncated = true;
        break;
      }
    }
  } catch (err) {
    // A body cut short or badly compressed: keep what arrived.
    if (chunks.length === 0 && !(res.statusCode && res.statusCode >= 300 && res.statusCode < 400)) throw err;
  } finally {
    res.destroy();
  }
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, opts.maxBytes), truncated };
}

/** One plain fetch's answer as bytes (a script to hash byte for byte), cut at maxBytes. */
export interface PlainBytes {
  readonly status: number;
  readonly finalUrl: string;
  readonly contentType: string | null;
  readonly bytes: Buffer;
  readonly truncated: boolean;
}

/** GETs a URL through the proxy as bytes, following up to maxRedirects HTTP redirects, bounded in time and size. */
export async function plainGetBytes(url: string, opts: PlainFetchOptions): Promise<PlainBytes> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new Error(`no answer within ${Math.round(opts.timeoutMs / 1000)} s`)), opts.timeoutMs);
  try {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new Error(`redirect to a non-web URL ${current.href}`);
      const r = await once(current, opts, ctl.signal);
      const location = r.headers.location;
      if (r.status >= 300 && r.status < 400 && location) {
        if (hop >= opts.maxRedirects) throw new Error(`more than ${opts.maxRedirects} redirects`);
        current = new URL(location, current);
        continue;
      }
      const contentType = (r.headers['content-type'] as string | undefined) ?? null;
      return { status: r.status, finalUrl: current.href, contentType, bytes: r.body, truncated: r.truncated };
    }
  } catch (err) {
    if (ctl.signal.aborted) throw ctl.signal.reason instanceof Error ? ctl.signal.reason : new Error('aborted');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** GETs a URL through the proxy, following up to maxRedirects HTTP redirects, bounded in time and size. */
export async function plainGet(url: string, opts: PlainFetchOptions): Promise<PlainAnswer> {
  const a = await plainGetBytes(url, opts);
  return { status: a.status, finalUrl: a.finalUrl, contentType: a.contentType, body: decode(a.bytes, a.contentType), truncated: a.truncated };
}

/** The <title> of an HTML text, white space folded. */
export function htmlTitle(html: string): string {
  return loadHtml(html)('title').first().text().replace(/\s+/g, ' ').trim();
}

/** The plain client's view of a URL for the cloaking detector (text as `htmlText` gives it). */
export async function plainFetchView(url: string, opts: PlainFetchOptions, htmlText: (html: string) => string): Promise<PlainFetchView> {
  const a = await plainGet(url, opts);
  const isHtml = a.contentType === null || /html|xml|text\/plain/i.test(a.contentType);
  return {
    status: a.status,
    finalUrl: a.finalUrl,
    title: isHtml ? htmlTitle(a.body) : '',
    text: isHtml ? htmlText(a.body) : '',
  };
}

const SKIP_EXT = /\.(?:jpe?g|png|gif|svg|ico|webp|bmp|css|js|pdf|docx?|xlsx?|pptx?|zip|rar|7z|gz|exe|apk|ipa|dmg|mp[34]|avi|mov)(?:$|\?)/i;
const PREFERRED = /查询|通知|关于|帮助|公告|说明|指南/;


/**
 * Up to `max` same-site links worth following for the depth check: on the page's registrable domain, web
 * URLs other than the page itself, no files; links whose text says 查询/通知/关于/帮助 first.
 */
export function pickSubpages(pageUrl: string, links: readonly LinkInfo[], max: number): string[] {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return [];
  }
  const site = siteOf(page.hostname);
  const self = `${page.origin}${page.pathname}${page.search}`;
  const seen = new Set<string>([self]);
  const candidates: { url: string; preferred: boolean; order: number }[] = [];
  links.forEach((l, order) => {
    let u: URL;
    try {
      u = new URL(l.href);
    } catch {
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
    if (siteOf(u.hostname) !== site || SKIP_EXT.test(u.pathname)) return;
    const key = `${u.origin}${u.pathname}${u.search}`;
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push({ url: key, preferred: PREFERRED.test(l.text), order });
  });
  candidates.sort((a, b) => Number(b.preferred) - Number(a.preferred) || a.order - b.order);
  return candidates.slice(0, max).map((c) => c.url);
}

/** Fetches each subpage once (in parallel, each bounded); a failure is a row with status null. */
export async function fetchSubpages(urls: readonly string[], opts: PlainFetchOptions): Promise<SubpageInfo[]> {
  return Promise.all(
    urls.map(async (url): Promise<SubpageInfo> => {
      try {
        const a = await plainGet(url, opts);
        return { url, status: a.status, title: /html/i.test(a.contentType ?? 'html') ? htmlTitle(a.body) : '', finalHost: new URL(a.finalUrl).hostname };
      } catch {
        return { url, status: null, title: '', finalHost: null };
      }
    }),
  );
}

/** Whether `target` (resolved) is the page itself or a page in its folder (the folder `/` only counts exactly). */
function intoPage(target: URL, page: URL, folder: string): boolean {
  if (target.host !== page.host) return false;
  const bare = (path: string) => path.replace(/\/+$/, '');
  if (bare(target.pathname) === bare(page.pathname)) return true;
  return folder !== '/' && (target.pathname + '/').startsWith(folder);
}

/**
 * The front page of a page's site, when the page sits below it (null for a front page itself): its title, its
 * text (as `htmlText` reads it, capped) and whether it leads to the page — a link, a frame or a meta refresh to
 * the page or into its folder, or redirects ending there. A failure is a row with status null.
 */
export async function fetchSiteRoot(pageUrl: string, opts: PlainFetchOptions, htmlText: (html: string) => string, textCap: number): Promise<SiteRootInfo | null> {
  if (isBelowRoot(pageUrl) !== true) return null;
  const page = new URL(pageUrl);
  const folder = folderOf(pageUrl) ?? '/';
  const url = `${page.origin}/`;
  let a: PlainAnswer;
  try {
    a = await plainGet(url, opts);
  } catch {
    return { url, status: null, finalUrl: null, title: '', text: '', leadsToPage: false };
  }
  const final = new URL(a.finalUrl);
  const isHtml = a.contentType === null || /html|xml/i.test(a.contentType);
  const $ = loadHtml(isHtml ? a.body : '');
  const targets = [
    ...$('a[href], area[href]').map((_, el) => $(el).attr('href')).get(),
    ...$('frame[src], iframe[src]').map((_, el) => $(el).attr('src')).get(),
    ...$('meta[http-equiv]')
      .filter((_, el) => /refresh/i.test($(el).attr('http-equiv') ?? ''))
      .map((_, el) => /url\s*=\s*['"]?([^'";]+)/i.exec($(el).attr('content') ?? '')?.[1] ?? '')
      .get(),
  ];
  const leads =
    intoPage(final, page, folder) ||
    targets.some((t) => {
      try {
        return intoPage(new URL(t.trim(), a.finalUrl), page, folder);
      } catch {
        return false;
      }
    });
  return {
    url,
    status: a.status,
    finalUrl: a.finalUrl,
    title: isHtml ? htmlTitle(a.body) : '',
    text: isHtml ? htmlText(a.body).slice(0, textCap) : '',
    leadsToPage: leads,
  };
}
