import { absoluteUrl, blockParser, isOnDomain, pagedUrl, serpProvider, type SerpFormat } from './serp.js';

/**
 * Baidu's desktop result page: organic results are `#content_left > div.result.c-container` blocks with the
 * title link in `h3 a` (related searches, video strips and other cards have none and are skipped). The link is
 * Baidu's `http://www.baidu.com/link?url=…` redirect; many blocks also carry the real target in their `mu`
 * attribute, and paid results (`EC_result`, `data-tuiguang`, a 广告 tag) in `data-landurl`; those are kept and
 * marked `ad`.
 */
export const parseBaiduPage = blockParser([
  {
    blocks: '#content_left > div',
    snippet: '.c-abstract, [class^="content-right"], .c-span-last, .c-color-text',
    target: ({ block, link, href, pageUrl }) => {
      const ad = block.is('.EC_result, [data-tuiguang]') || block.find('.ec-tuiguang, .ec_tuiguang_pplink').length > 0;
      const direct = absoluteUrl(block.attr('mu'), pageUrl) ?? absoluteUrl(link.attr('data-landurl'), pageUrl);
      if (direct && !isOnDomain(direct, 'baidu.com')) return { url: direct, redirect: false, ad };
      return { url: href, redirect: isOnDomain(href, 'baidu.com') && /^\/(link|baidu\.php)$/.test(new URL(href).pathname), ad };
    },
  },
]);

/** Baidu web search (www.baidu.com/s), 10 results a page. */
export const baiduFormat: SerpFormat = {
  id: 'baidu',
  description: 'Baidu result pages (www.baidu.com), /link?url= redirects resolved through --proxy',
  pageUrl: pagedUrl('https://www.baidu.com/s', 'wd', 'pn', (page) => (page - 1) * 10),
  parse: parseBaiduPage,
  ownDomains: ['baidu.com', 'baidu.cn', 'bdimg.com', 'bdstatic.com'],
};

/** The Baidu provider for `--engine baidu`. */
export const baiduProvider = serpProvider(baiduFormat);
