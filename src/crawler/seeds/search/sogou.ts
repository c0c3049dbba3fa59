import { load } from 'cheerio';
import { absoluteUrl, cleanText, serpProvider, type RawHit, type SerpFormat } from './serp.js';

/**
 * Sogou's result page (www.sogou.com/web): results are `.results > .vrwrap` (and the older `.rb`) blocks,
 * the title link in `h3 a` as a relative `/link?url=…` redirect. Some blocks carry the real target in a
 * `data-url` attribute; the others are resolved by requesting the link (Sogou answers with a script that
 * calls `location.replace`, which serp.ts reads). Paid results are `.biz_rb` blocks inside
 * `#promotion_adv_container` or `.biz_sponsor` (and `.sponsored`): kept and marked `ad`.
 */
export function parseSogouPage(html: string, pageUrl: string): RawHit[] {
  const $ = load(html);
  const hits: RawHit[] = [];
  $('#promotion_adv_container .biz_rb, .biz_sponsor .biz_rb, .sponsored .biz_rb').each((_i, el) => {
    const block = $(el);
    const a = block.find('h3 a').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href || hits.some((h) => h.url === href)) return;
    const direct = absoluteUrl(block.find('[data-url]').first().attr('data-url') ?? a.attr('data-url'), pageUrl);
    const snippet = cleanText(block.find('.biz_text, p').first().text());
    if (direct && !isSogou(direct)) hits.push({ url: direct, title: cleanText(a.text()), snippet, redirect: false, ad: true });
    else hits.push({ url: href, title: cleanText(a.text()), snippet, redirect: isSogou(href), ad: true });
  });
  $('.results > .vrwrap, .results > .rb').each((_i, el) => {
    const block = $(el);
    const a = block.find('h3 a').first();
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href) return;
    const title = cleanText(a.text());
    const snippet = cleanText(block.find('.space-txt, .str-text-info, .ft, .str_info').first().text());
    const direct = absoluteUrl(block.find('[data-url]').first().attr('data-url'), pageUrl);
    if (direct && !isSogou(direct)) hits.push({ url: direct, title, snippet, redirect: false });
    else hits.push({ url: href, title, snippet, redirect: isSogou(href) && new URL(href).pathname === '/link' });
  });
  return hits;
}

function isSogou(url: string): boolean {
  return /(^|\.)sogou\.com$/.test(new URL(url).hostname);
}

/** Sogou web search (www.sogou.com/web), 10 results a page. */
export const sogouFormat: SerpFormat = {
  id: 'sogou',
  description: 'Sogou result pages (www.sogou.com), /link?url= redirects resolved through --proxy',
  pageUrl: (query, page) => {
    const params = new URLSearchParams({ query });
    if (page > 1) params.set('page', String(page));
    return `https://www.sogou.com/web?${params}`;
  },
  parse: parseSogouPage,
  ownDomains: ['sogou.com', 'sogoucdn.com', 'sohu.com'],
};

/** The Sogou provider for `--engine sogou`. */
export const sogouProvider = serpProvider(sogouFormat);
