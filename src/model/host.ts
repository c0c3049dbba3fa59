/**
 * Host names, one way. Every stage compares hosts as DNS does: case-insensitively, without a trailing dot,
 * IDNs in their ASCII (punycode) form; a host's "site" is its registrable domain under the public suffix list,
 * private suffixes included (x.cn.com is registered by its owner under CentralNic's cn.com, so WHOIS must
 * ask about x.cn.com).
 */
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';

/** A host name as compared everywhere: lower case, ASCII, no trailing dot, no IPv6 brackets; null when empty. */
export function normaliseHost(host: string | null | undefined): string | null {
  if (host === null || host === undefined) return null;
  const bare = host.trim().replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
  if (bare === '') return null;
  if (bare.includes(':')) return bare; // an IPv6 literal
  // The conversion turns ideographic and full-width full stops (。．) into dots: trailing ones go after it.
  const ascii = (domainToASCII(bare) || bare).replace(/\.+$/, '');
  return ascii === '' ? null : ascii;
}

/** The normalised host of a URL, or of a bare host name ("example.com/path" too); null when there is none. */
export function hostOf(urlOrHost: string | null | undefined): string | null {
  if (urlOrHost === null || urlOrHost === undefined) return null;
  const s = urlOrHost.trim();
  if (s === '' || /^(?:tel|sms|mailto|javascript|data|about|blob|weixin|alipays?|intent|market):/i.test(s)) return null;
  try {
    // "mailto:x@y", "javascript:…" are URLs without a host; "example.com:8080" is a host with a port.
    const url = new URL(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(s) ? s : `http://${s}`);
    return normaliseHost(url.hostname);
  } catch {
    return null;
  }
}

/** The registrable domain of a host (`a.b.example.com.cn` → `example.com.cn`), or null for IPs and bare suffixes. */
export function registrableDomainOf(host: string | null | undefined): string | null {
  const h = normaliseHost(host);
  if (h === null || isIpLiteral(h)) return null;
  return getDomain(h, { allowPrivateDomains: true });
}

/** The "site" of a URL or host: its registrable domain, else the host itself (an IP literal, say). */
export function siteOf(urlOrHost: string | null | undefined): string | null {
  const h = hostOf(urlOrHost);
  return h === null ? null : (registrableDomainOf(h) ?? h);
}

/** Whether a (normalised) host is an IPv4 or IPv6 literal. */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** Whether `host` is `domain` or a sub-domain of it. */
export function isUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Whether a host is under .gov.cn (the Chinese government's own second-level domain). */
export function isGovCn(host: string): boolean {
  return isUnder(host, 'gov.cn');
}

/** A site's front page paths: `/` and the index documents web servers answer it with. */
const FRONT_PAGE = /^\/(?:index\.(?:html?|php|aspx?|jsp))?$/i;

/**
 * Whether a URL is a page below its site's root (`/zscx/`, `/Public/cx/index.html`), not the front page. Null for
 * something that is not a URL.
 */
export function isBelowRoot(url: string): boolean | null {
  try {
    return !FRONT_PAGE.test(new URL(url).pathname || '/');
  } catch {
    return null;
  }
}

/**
 * The folder a page sits in, as a path ending in `/`: `/Public/cx/index.html` → `/Public/cx/`, `/zscx/` → `/zscx/`,
 * `/cx.html` → `/`. Null for something that is not a URL.
 */
export function folderOf(url: string): string | null {
  try {
    const path = new URL(url).pathname || '/';
    return path.slice(0, path.lastIndexOf('/') + 1);
  } catch {
    return null;
  }
}
