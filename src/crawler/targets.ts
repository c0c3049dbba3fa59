import { domainToASCII } from 'node:url';
import { registrableDomainOf } from '../model/host.js';

/** A target parsed from the command line or a list: the URLs to try, in order. */
export interface Target {
  /** Exactly as given. */
  readonly input: string;
  readonly host: string;
  readonly registrableDomain: string | null;
  /** First URL to visit. */
  readonly url: string;
  /** Tried when `url` cannot be reached at all (https → http fallback). */
  readonly fallbackUrl: string | null;
}

export type ParsedTarget = { ok: true; target: Target } | { ok: false; input: string; error: string };

const HOST_RE = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}\.?$/;

/** The longest target accepted: RFC 9110 asks servers to take request lines of at least 8000 octets. */
export const MAX_TARGET_CHARS = 8192;

/** A target fit to print in one line of a message: cut to 100 characters, its full length said. */
export function targetForMessage(input: string): string {
  return input.length <= 100 ? JSON.stringify(input) : `${JSON.stringify(input.slice(0, 100))}… (${input.length} characters)`;
}

/**
 * Parses one target: a URL (http/https) or a bare host name, for which https:// is tried, then http://
 * (DESIGN.md). An https:// URL also falls back to http:// when it cannot be reached at all.
 */
export function parseTarget(input: string): ParsedTarget {
  // Bounded before any other work: a megabyte "line" (a pasted page, a broken export) is one recorded error,
  // never a megabyte host name carried through DNS, the browser, the store and every message.
  if (input.length > MAX_TARGET_CHARS) {
    return { ok: false, input, error: `${input.length} characters long, more than a target may be (${MAX_TARGET_CHARS}); check the list for a broken line` };
  }
  const raw = input.trim();
  if (raw === '') return { ok: false, input, error: 'empty target' };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `https://${raw}`);
  } catch {
    return { ok: false, input, error: `not a URL or host name: ${JSON.stringify(raw)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, input, error: `unsupported scheme ${url.protocol} (only http and https)` };
  }
  if (!hasScheme && /[/?#@\s]/.test(raw.replace(/\/$/, ''))) {
    // "example.com/path" is fine as a URL without scheme; reject only what URL() silently mangled.
    if (/\s|@/.test(raw)) return { ok: false, input, error: `not a URL or host name: ${JSON.stringify(raw)}` };
  }
  const host = domainToASCII(url.hostname.replace(/\.$/, '')).toLowerCase() || url.hostname;
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
  if (!isIp && !HOST_RE.test(host)) return { ok: false, input, error: `not a valid host name: ${JSON.stringify(url.hostname)}` };
  if (!isIp && !host.includes('.')) return { ok: false, input, error: `not a public host name: ${JSON.stringify(host)}` };
  // Credentials in a target (http://user:secret@host/) are neither sent nor stored: on a counterfeit site they
  // are a disguise (http://cx.mem.gov.cn@fake.example/), and anywhere else a secret that belongs in no result.
  // The site is visited at its address without them; `input` stays exactly as given (DESIGN.md).
  url.username = '';
  url.password = '';
  const first = url.href;
  const fallback = url.protocol === 'https:' ? first.replace(/^https:/, 'http:') : null;
  return {
    ok: true,
    target: { input, host, registrableDomain: isIp ? null : registrableDomainOf(host), url: first, fallbackUrl: fallback },
  };
}
