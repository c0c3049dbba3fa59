import { load } from 'cheerio';
import { absoluteUrl, cleanText, serpProvider, type RawHit, type SerpFormat } from './serp.js';

/**
 * 360 Search's result page (www.so.com/s): results are `ul.result > li.res-list`, the title link in
 * `h3 a` pointing at `https://www.so.com/link?m=…`; the real target is in the link's `data-mdurl`
 * (or `data-url`) attribute, so the redirect is requested only when neither is there. Paid results sit in
 * `#e_idea_pp` (top), `#e_idea_pp_vip_bottom` and `#so_kw-ad`, their landing page in the title link's
 * `e-landurl`: kept and marked `ad`. Results on 360's own verticals (news.so.com, m.so.com) are dropped by the
 * provider (ownDomains).
 */
export function parseSo360Page(html: string, pageUrl: string): RawHit[] {
  const $ = load(html);
  const hits: RawHit[] = [];
  $('#e_idea_pp > li, #e_idea_pp_vip_bottom > li, #so_kw-ad li').each((_i, el) => {
    const block = $(el);
    const a = block.find('h3 a, a[e-landurl]').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href) return;
    const land = absoluteUrl(a.attr('e-landurl'), pageUrl) ?? absoluteUrl(a.attr('data-mdurl'), pageUrl);
    const snippet = cleanText(block.find('.e_haosou_fw_bg_desc, .res-desc, p').first().text());
    if (land) hits.push({ url: land, title: cleanText(a.text()), snippet, redirect: false, ad: true });
    else hits.push({ url: href, title: cleanText(a.text()), snippet, redirect: /(^|\.)so\.com$/.test(new URL(href).hostname), ad: true });
  });
  $('ul.result > li.res-list').each((_i, el) => {
    const block = $(el);
    const a = block.find('h3 a').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href) return;
    const title = cleanText(a.text());
    const snippet = cleanText(block.find('.res-desc, .res-rich .res-comm-con, p.res-desc').first().text());
    const direct = absoluteUrl(a.attr('data-mdurl'), pageUrl) ?? absoluteUrl(a.attr('data-url'), pageUrl);
    if (direct) hits.push({ url: direct, title, snippet, redirect: false });
    else hits.push({ url: href, title, snippet, redirect: /(^|\.)so\.com$/.test(new URL(href).hostname) && new URL(href).pathname === '/link' });
  });
  return hits;
}

/** 360 Search (www.so.com/s), 10 results a page. */
export const so360Format: SerpFormat = {
  id: '360',
  description: '360 Search result pages (www.so.com); targets read from data-mdurl',
  pageUrl: (query, page) => {
    const params = new URLSearchParams({ q: query });
    if (page > 1) params.set('pn', String(page));
    return `https://www.so.com/s?${params}`;
  },
  parse: parseSo360Page,
  ownDomains: ['so.com', '360.cn', '360.com', '360kuai.com', 'haosou.com'],
};

/** The 360 Search provider for `--engine 360`. */
export const so360Provider = serpProvider(so360Format);
