import { absoluteUrl, blockParser, isOnDomain, pagedUrl, serpProvider, type SerpFormat } from './serp.js';

/**
 * Sogou's result page (www.sogou.com/web): results are `.results > .vrwrap` (and the older `.rb`) blocks,
 * the title link in `h3 a` as a relative `/link?url=…` redirect. Some blocks carry the real target in a
 * `data-url` attribute; the others are resolved by requesting the link (Sogou answers with a script that
 * calls `location.replace`, which serp.ts reads). Paid results are `.biz_rb` blocks inside
 * `#promotion_adv_container` or `.biz_sponsor` (and `.sponsored`): kept and marked `ad`.
 */
export const parseSogouPage = blockParser([
  {
    blocks: '#promotion_adv_container .biz_rb, .biz_sponsor .biz_rb, .sponsored .biz_rb',
    snippet: '.biz_text, p',
    ad: true,
    target: ({ block, link, href, pageUrl, hits }) => {
      if (hits.some((h) => h.url === href)) return null;
      const direct = absoluteUrl(block.find('[data-url]').first().attr('data-url') ?? link.attr('data-url'), pageUrl);
      return direct && !isOnDomain(direct, 'sogou.com') ? { url: direct, redirect: false } : { url: href, redirect: isOnDomain(href, 'sogou.com') };
    },
  },
  {
    blocks: '.results > .vrwrap, .results > .rb',
    snippet: '.space-txt, .str-text-info, .ft, .str_info',
    target: ({ block, href, pageUrl }) => {
      const direct = absoluteUrl(block.find('[data-url]').first().attr('data-url'), pageUrl);
      if (direct && !isOnDomain(direct, 'sogou.com')) return { url: direct, redirect: false };
      return { url: href, redirect: isOnDomain(href, 'sogou.com') && new URL(href).pathname === '/link' };
    },
  },
]);

/** Sogou web search (www.sogou.com/web), 10 results a page. */
export const sogouFormat: SerpFormat = {
  id: 'sogou',
  description: 'Sogou result pages (www.sogou.com), /link?url= redirects resolved through --proxy',
  pageUrl: pagedUrl('https://www.sogou.com/web', 'query', 'page', (page) => page),
  parse: parseSogouPage,
  ownDomains: ['sogou.com', 'sogoucdn.com', 'sohu.com'],
};

/** The Sogou provider for `--engine sogou`. */
export const sogouProvider = serpProvider(sogouFormat);
