import { absoluteUrl, blockParser, isOnDomain, pagedUrl, serpProvider, type SerpFormat } from './serp.js';

/** The `u` parameter of a Bing tracking link at `path` (click or ad click); null for any other link. */
function bingTarget(href: string, path: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (!isOnDomain(u.href, 'bing.com') || u.pathname !== path) return null;
  return u.searchParams.get('u');
}

/**
 * Decodes Bing's click-tracking link (`https://www.bing.com/ck/a?!&&p=…&u=a1<base64url>&ntb=1`): the `u`
 * parameter is "a1" followed by the target URL in base64url, so no request is needed. Null when it is not one.
 */
export function decodeBingClick(href: string): string | null {
  const enc = bingTarget(href, '/ck/a');
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
  const enc = bingTarget(href, '/aclick');
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
export const parseBingPage = blockParser([
  {
    blocks: '#b_results > li.b_ad li, #b_results > li.b_ad .sb_add',
    link: 'h2 a, .b_title a',
    snippet: '.b_caption p, .b_caption, .b_adSlug + p',
    ad: true,
    target: ({ $, block, link, href, hits }) => {
      if (block.parents('li').filter((_j, p) => $(p).is('.sb_add')).length > 0) return null; // an item's own list
      if (hits.some((h) => h.title === link.text().trim() && h.ad)) return null;
      const url = decodeBingAdClick(href) ?? decodeBingClick(href) ?? href;
      return { url, redirect: url === href && isOnDomain(href, 'bing.com') };
    },
  },
  {
    blocks: '#b_results > li.b_algo',
    link: 'h2 a',
    snippet: '.b_caption p, .b_lineclamp2, .b_lineclamp3',
    target: ({ href }) => {
      const url = decodeBingClick(href) ?? href;
      // A /ck/a link whose `u` could not be decoded is still Bing's redirect: ask it.
      return { url, redirect: url === href && /\/ck\/a$/.test(new URL(href).pathname) };
    },
  },
]);

/** Bing China (cn.bing.com/search), 10 results a page. */
export const bingFormat: SerpFormat = {
  id: 'bing',
  description: 'Bing China result pages (cn.bing.com); click links decoded without a request',
  pageUrl: pagedUrl('https://cn.bing.com/search', 'q', 'first', (page) => (page - 1) * 10 + 1),
  parse: parseBingPage,
  ownDomains: ['bing.com', 'bing.net', 'msn.com', 'msn.cn'],
};

/** The Bing provider for `--engine bing`. */
export const bingProvider = serpProvider(bingFormat);
