import { load } from 'cheerio';
import { absoluteUrl, cleanText, serpProvider, type RawHit, type SerpFormat } from './serp.js';

/**
 * Baidu's desktop result page: organic results are `#content_left > div.result.c-container` blocks with the
 * title link in `h3 a`. The link is Baidu's `http://www.baidu.com/link?url=…` redirect; many blocks also
 * carry the real target in their `mu` attribute, and paid results (`EC_result`, `data-tuiguang`, a 广告 tag) in
 * `data-landurl`; those are kept and marked `ad`.
 */
export function parseBaiduPage(html: string, pageUrl: string): RawHit[] {
  const $ = load(html);
  const hits: RawHit[] = [];
  $('#content_left > div').each((_i, el) => {
    const block = $(el);
    const a = block.find('h3 a').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href) return; // related searches, video strips and other cards without a title link
    const title = cleanText(a.text());
    const snippet = cleanText(block.find('.c-abstract, [class^="content-right"], .c-span-last, .c-color-text').first().text());
    const ad = block.is('.EC_result, [data-tuiguang]') || block.find('.ec-tuiguang, .ec_tuiguang_pplink').length > 0;
    const direct = absoluteUrl(block.attr('mu'), pageUrl) ?? absoluteUrl(a.attr('data-landurl'), pageUrl);
    if (direct && !isBaidu(direct)) {
      hits.push({ url: direct, title, snippet, redirect: false, ...(ad ? { ad } : {}) });
      return;
    }
    hits.push({ url: href, title, snippet, redirect: isBaidu(href) && /^\/(link|baidu\.php)$/.test(new URL(href).pathname), ...(ad ? { ad } : {}) });
  });
  return hits;
}

function isBaidu(url: string): boolean {
  return /(^|\.)baidu\.com$/.test(new URL(url).hostname);
}

/** Baidu web search (www.baidu.com/s), 10 results a page. */
export const baiduFormat: SerpFormat = {
  id: 'baidu',
  description: 'Baidu result pages (www.baidu.com), /link?url= redirects resolved through --proxy',
  pageUrl: (query, page) => {
    const params = new URLSearchParams({ wd: query });
    if (page > 1) params.set('pn', String((page - 1) * 10));
    return `https://www.baidu.com/s?${params}`;
  },
  parse: parseBaiduPage,
  ownDomains: ['baidu.com', 'baidu.cn', 'bdimg.com', 'bdstatic.com'],
};

/** The Baidu provider for `--engine baidu`. */
export const baiduProvider = serpProvider(baiduFormat);
