import { load } from 'cheerio';
import { absoluteUrl, cleanText, serpProvider, type RawHit, type SerpFormat } from './serp.js';

/**
 * Decodes Bing's click-tracking link (`https://www.bing.com/ck/a?!&&p=…&u=a1<base64url>&ntb=1`): the `u`
 * parameter is "a1" followed by the target URL in base64url, so no request is needed. Null when it is not one.
 */
export function decodeBingClick(href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (!/(^|\.)bing\.com$/.test(u.hostname) || u.pathname !== '/ck/a') return null;
  const enc = u.searchParams.get('u');
  if (!enc?.startsWith('a1')) return null;
  const target = Buffer.from(enc.slice(2), 'base64url').toString('utf8');
  return absoluteUrl(target, href);
}

/**
 * Decodes Bing's ad click link (`https://www.bing.com/aclick?ld=…&u=…`): `u` is the landing page in base64,
 * of the URL itself or of its percent-encoding (aHR0cHMlM2ElMmYl… is "https%3a%2f%"), with or without Bing's
 * "a1" prefix. Null when it is not one or does not decode; the provider then asks Bing where it leads.
 */
export function decodeBingAdClick(href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (!/(^|\.)bing\.com$/.test(u.hostname) || u.pathname !== '/aclick') return null;
  const enc = u.searchParams.get('u');
  if (!enc) return null;
  for (const candidate of [enc, enc.replace(/^a1/, '')]) {
    let text = Buffer.from(candidate, 'base64url').toString('utf8');
    if (/^https?%3a/i.test(text)) {
      try {
        text = decodeURIComponent(text);
      } catch {
        continue;
      }
    }
    if (/^https?:\/\//i.test(text)) return absoluteUrl(text, href);
  }
  return null;
}

/**
 * Bing's result page (cn.bing.com): organic results are `#b_results > li.b_algo`, the title link in `h2 a`
 * (a /ck/a click link or the plain target), the snippet in `.b_caption p`. Paid results come first, as
 * `li.b_ad` blocks of `li` items (`.sb_add`) whose title link is an /aclick link: kept and marked `ad`.
 */
export function parseBingPage(html: string, pageUrl: string): RawHit[] {
  const $ = load(html);
  const hits: RawHit[] = [];
  $('#b_results > li.b_ad li, #b_results > li.b_ad .sb_add').each((_i, el) => {
    const item = $(el);
    if (item.parents('li').filter((_j, p) => $(p).is('.sb_add')).length > 0) return; // an item's own list
    const a = item.find('h2 a, .b_title a').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href || hits.some((h) => h.title === a.text().trim() && h.ad)) return;
    const url = decodeBingAdClick(href) ?? decodeBingClick(href) ?? href;
    const snippet = cleanText(item.find('.b_caption p, .b_caption, .b_adSlug + p').first().text());
    hits.push({ url, title: cleanText(a.text()), snippet, redirect: url === href && /(^|\.)bing\.com$/.test(new URL(href).hostname), ad: true });
  });
  $('#b_results > li.b_algo').each((_i, el) => {
    const block = $(el);
    const a = block.find('h2 a').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href) return;
    const url = decodeBingClick(href) ?? href;
    const title = cleanText(a.text());
    const snippet = cleanText(block.find('.b_caption p, .b_lineclamp2, .b_lineclamp3').first().text());
    // A /ck/a link whose `u` could not be decoded is still Bing's redirect: ask it.
    hits.push({ url, title, snippet, redirect: url === href && /\/ck\/a$/.test(new URL(href).pathname) });
  });
  return hits;
}

/** Bing China (cn.bing.com/search), 10 results a page. */
export const bingFormat: SerpFormat = {
  id: 'bing',
  description: 'Bing China result pages (cn.bing.com); click links decoded without a request',
  pageUrl: (query, page) => {
    const params = new URLSearchParams({ q: query });
    if (page > 1) params.set('first', String((page - 1) * 10 + 1));
    return `https://cn.bing.com/search?${params}`;
  },
  parse: parseBingPage,
  ownDomains: ['bing.com', 'bing.net', 'msn.com', 'msn.cn'],
};

/** The Bing provider for `--engine bing`. */
export const bingProvider = serpProvider(bingFormat);
