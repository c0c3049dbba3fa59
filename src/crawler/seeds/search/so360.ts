import { absoluteUrl, blockParser, isOnDomain, pagedUrl, serpProvider, type SerpFormat } from './serp.js';

/**
 * 360 Search's result page (www.so.com/s): results are `ul.result > li.res-list`, the title link in
 * `h3 a` pointing at `https://www.so.com/link?m=…`; the real target is in the link's `data-mdurl`
 * (or `data-url`) attribute, so the redirect is requested only when neither is there. Paid results sit in
 * `#e_idea_pp` (top), `#e_idea_pp_vip_bottom` and `#so_kw-ad`, their landing page in the title link's
 * `e-landurl`: kept and marked `ad`. Results on 360's own verticals (news.so.com, m.so.com) are dropped by the
 * provider (ownDomains).
 */
export const parseSo360Page = blockParser([
  {
    blocks: '#e_idea_pp > li, #e_idea_pp_vip_bottom > li, #so_kw-ad li',
    link: 'h3 a, a[e-landurl]',
    snippet: '.e_haosou_fw_bg_desc, .res-desc, p',
    ad: true,
    target: ({ link, href, pageUrl }) => {
      const land = absoluteUrl(link.attr('e-landurl'), pageUrl) ?? absoluteUrl(link.attr('data-mdurl'), pageUrl);
      return land ? { url: land, redirect: false } : { url: href, redirect: isOnDomain(href, 'so.com') };
    },
  },
  {
    blocks: 'ul.result > li.res-list',
    snippet: '.res-desc, .res-rich .res-comm-con, p.res-desc',
    target: ({ link, href, pageUrl }) => {
      const direct = absoluteUrl(link.attr('data-mdurl'), pageUrl) ?? absoluteUrl(link.attr('data-url'), pageUrl);
      return direct ? { url: direct, redirect: false } : { url: href, redirect: isOnDomain(href, 'so.com') && new URL(href).pathname === '/link' };
    },
  },
]);

/** 360 Search (www.so.com/s), 10 results a page. */
export const so360Format: SerpFormat = {
  id: '360',
  description: '360 Search result pages (www.so.com); targets read from data-mdurl',
  pageUrl: pagedUrl('https://www.so.com/s', 'q', 'pn', (page) => page),
  parse: parseSo360Page,
  ownDomains: ['so.com', '360.cn', '360.com', '360kuai.com', 'haosou.com'],
};

/** The 360 Search provider for `--engine 360`. */
export const so360Provider = serpProvider(so360Format);
