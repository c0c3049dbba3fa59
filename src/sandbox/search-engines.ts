/**
 * Saved result pages of Baidu, Bing China, Sogou and 360 Search for the bundled search fixtures, served by
 * the sandbox proxy as extra sites (www.baidu.com, cn.bing.com, www.sogou.com, www.so.com). They are
 * hand-made but follow each engine's real result-page markup (class names, redirect links, data
 * attributes), so the parsers in crawler/seeds/search/ are tested against the shapes they meet in the wild.
 * They are NOT part of the labelled corpus: nothing here is a scan target.
 */
import { createHash } from 'node:crypto';
import { searchFixtures as bundledFixtures } from './corpus/index.js';
import type { CorpusSite, Route, SearchFixture } from './corpus/types.js';
import { escapeHtml } from './proxy.js';

type Result = SearchFixture['results'][number];

/** An opaque, URL-safe redirect token like the engines' own (stable per engine and target). */
export function redirectToken(engine: string, url: string, length = 64): string {
  return createHash('sha256').update(`${engine}\n${url}`).digest('base64url').repeat(2).slice(0, length);
}

/** Wraps each query word found in the text in <em>, as every engine highlights matches. */
function highlight(text: string, query: string): string {
  let out = escapeHtml(text);
  for (const w of query.split(/\s+/).filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(escapeHtml(w)).join(`<em>${escapeHtml(w)}</em>`);
  }
  return out;
}

const displayUrl = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

/** "免考 包过" queries draw paid results (推广) in the wild: their first result is served as every engine's ad. */
const adQuery = (query: string): boolean => /包过|免考/.test(query);

/** Bing's /aclick link for a landing page: `u` is the base64 of its percent-encoding, as Bing writes it. */
export function bingAdClick(url: string): string {
  return `https://www.bing.com/aclick?ld=e8${redirectToken('bing-ad', url, 40)}&amp;u=${Buffer.from(encodeURIComponent(url)).toString('base64url')}&amp;rlid=${redirectToken('bing-rl', url, 16)}&amp;ntb=1`;
}
const HTML = 'text/html; charset=utf-8';

/** A route key for a query page: exactly the path and query string the providers ask for. */
function queryKey(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params)}`;
}

// ---- Baidu ------------------------------------------------------------------------------------------------

function baiduPage(query: string, results: readonly Result[]): string {
  const blocks = results.map((r, i) => {
    const link = `http://www.baidu.com/link?url=${redirectToken('baidu', r.url)}`;
    const id = i + 1;
    // The first result of a "免考 包过" query is a paid result (推广), as such queries draw in the wild.
    if (i === 0 && /包过|免考/.test(query)) {
      return `<div id="300${id}" class="EC_result c-container new-pmd" data-tuiguang="1" cmatchid="222">
<h3 class="t c-title"><a data-landurl="${escapeHtml(r.url)}" href="https://www.baidu.com/baidu.php?url=a000000${redirectToken('baidu-ad', r.url, 40)}" target="_blank">${highlight(r.title, query)}</a></h3>
<div class="c-abstract">${highlight(r.content, query)}</div>
<div class="c-row"><span class="ec-tuiguang ecfc-tuiguang">广告</span><span class="c-showurl">${escapeHtml(displayUrl(r.url))}</span></div>
</div>`;
    }
    // Baidu sets `mu` on many blocks (notably official sites' cards) but not all: the rest need /link resolved.
    const mu = /\.gov\.cn$/.test(new URL(r.url).hostname) ? ` mu="${escapeHtml(r.url)}"` : '';
    return `<div class="result c-container xpath-log new-pmd" srcid="1599" id="${id}" tpl="se_com_default"${mu} data-click="{'rsv_click_id':'${redirectToken('bdclick', r.url, 16)}'}">
<div class="c-container" data-click="{}">
<h3 class="c-title t t tts-title"><a href="${link}" target="_blank" data-click="{'F':'778317EA','F1':'9D73F1E4','T':'1'}">${highlight(r.title, query)}</a></h3>
<div class="c-row c-gap-top-small"><div class="pc-fresh-wrapper-con c-gap-top-small"><span class="content-right_8Zs40">${highlight(r.content, query)}</span></div></div>
<div class="c-row source_1Vdff OP_LOG_LINK c-gap-top-xsmall"><a target="_blank" href="${link}" class="siteLink_9TPP3"><span class="c-color-gray">${escapeHtml(displayUrl(r.url))}</span></a></div>
</div>
</div>`;
  });
  // Baidu's own question-and-answer vertical (zhidao.baidu.com) among the results: never a target.
  const vertical = adQuery(query)
    ? `<div class="result c-container new-pmd" tpl="zhidao"><h3 class="c-title t"><a href="https://zhidao.baidu.com/question/888.html" target="_blank">${highlight(`${query}靠谱吗 - 百度知道`, query)}</a></h3></div>`
    : '';
  const related = `<div class="result-op c-container new-pmd" srcid="28608" tpl="recommend_list"><div class="c-font-medium">大家还在搜</div>
<div class="list_1V4Yg"><a href="/s?wd=${encodeURIComponent(`${query} 官网`)}" class="item_3WKCf">${escapeHtml(query)} 官网</a><a href="/s?wd=${encodeURIComponent('特种作业证网上查询系统')}" class="item_3WKCf">特种作业证网上查询系统</a></div></div>`;
  return `<!DOCTYPE html>
<html><head><meta http-equiv="content-type" content="text/html;charset=utf-8"><meta content="always" name="referrer"><title>${escapeHtml(query)}_百度搜索</title></head>
<body class="">
<div id="wrapper" class="wrapper_new"><div id="head"><div class="head_wrapper"><form id="form" name="f" action="/s" class="fm"><span class="bg s_ipt_wr"><input id="kw" name="wd" class="s_ipt" value="${escapeHtml(query)}" maxlength="255" autocomplete="off"></span><span class="bg s_btn_wr"><input type="submit" id="su" value="百度一下" class="bg s_btn"></span></form></div></div>
<div id="wrapper_wrapper"><div id="container" class="container_new">
<div class="head_nums_cont_outer OP_LOG"><div class="nums"><span class="nums_text">百度为您找到相关结果约${results.length * 1_730_000}个</span></div></div>
<div id="content_left" tabindex="0">
${blocks.join('\n')}
${vertical}
${related}
</div>
<div id="page"><div class="page-inner_2jZi2"><strong><span class="pc">1</span></strong><a href="/s?wd=${encodeURIComponent(query)}&amp;pn=10"><span class="pc">2</span></a><a class="n" href="/s?wd=${encodeURIComponent(query)}&amp;pn=10">下一页 &gt;</a></div></div>
</div></div></div>
</body></html>
`;
}

const baiduEmpty = (): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>百度搜索</title></head><body><div id="wrapper"><div id="content_left"><div class="content_none"><div class="nors"><p>抱歉没有找到相关结果。</p></div></div></div></div></body></html>`;

// ---- Bing -------------------------------------------------------------------------------------------------

function bingClick(url: string): string {
  return `https://www.bing.com/ck/a?!&amp;&amp;p=${redirectToken('bing-p', url, 48)}JmltdHM9MTcxNjg1NDQwMA&amp;ptn=3&amp;ver=2&amp;hsh=3&amp;fclid=${redirectToken('bing-f', url, 8)}&amp;u=a1${Buffer.from(url).toString('base64url')}&amp;ntb=1`;
}

function bingPage(query: string, results: readonly Result[]): string {
  const ad = adQuery(query) && results[0]
    ? `<li class="b_ad b_adTop" aria-label="广告"><ul><li class="sb_add sb_adTA"><div class="b_title"><h2><a href="${bingAdClick(results[0].url)}" h="ID=SERP,5001.1">${highlight(results[0].title, query)}</a></h2></div><div class="b_caption"><div class="b_attribution"><cite>${escapeHtml(displayUrl(results[0].url))}</cite><span class="b_adSlug b_opttxt b_divdef">广告</span></div><p class="b_lineclamp2">${highlight(results[0].content, query)}</p></div></li></ul></li>`
    : '';
  const items = results.map((r, i) => {
    // Bing mostly wraps results in /ck/a click links; some come plain.
    const href = i % 3 === 2 ? escapeHtml(r.url) : bingClick(r.url);
    return `<li class="b_algo" data-id="" iid="SERP.${5000 + i}" data-bm="${6 + i}"><div class="b_tpcn"><a class="tilk" aria-label="${escapeHtml(displayUrl(r.url))}" href="${href}" h="ID=SERP,${5000 + i}.1" target="_blank"><div class="tpic"><div class="wr_fav"><div class="cico siteicon"><img role="presentation" height="16" width="16" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div></div></div><div class="tptxt"><div class="tptt">${escapeHtml(displayUrl(r.url))}</div><div class="tpmeta"><div class="b_attribution" u="${i}|5058|4815063408264286|abc" tabindex="0"><cite>${escapeHtml(r.url)}</cite></div></div></div></a></div>
<h2><a target="_blank" href="${href}" h="ID=SERP,${5000 + i}.2">${highlight(r.title, query)}</a></h2>
<div class="b_caption" role="contentinfo"><p class="b_lineclamp2 b_algoSlug"><span class="algoSlug_icon" data-priority="2">网页</span>${highlight(r.content, query)}</p></div></li>`;
  });
  return `<!DOCTYPE html>
<html dir="ltr" lang="zh"><head><meta content="text/html; charset=utf-8" http-equiv="content-type"><title>${escapeHtml(query)} - 搜索</title></head>
<body><header id="b_header"><form action="/search" id="sb_form" class="sb_form"><input id="sb_form_q" class="sb_form_q" name="q" type="search" value="${escapeHtml(query)}"><input type="hidden" name="form" value="QBLH"></form></header>
<main aria-label="搜索结果"><ol id="b_results" class="">
<li class="b_ans b_top"><div class="b_tophbh">国内版 · 国际版</div></li>
${ad}
${items.join('\n')}
<li class="b_ans"><h2>相关搜索</h2><ul class="b_vList"><li><a href="/search?q=${encodeURIComponent(`${query} 官网`)}">${escapeHtml(query)} 官网</a></li></ul></li>
<li class="b_pag"><nav role="navigation" aria-label="更多结果"><ul class="sb_pagF"><li><a class="sb_pagS" aria-label="第 1 页">1</a></li><li><a href="/search?q=${encodeURIComponent(query)}&amp;first=11" aria-label="第 2 页">2</a></li></ul></nav></li>
</ol></main></body></html>
`;
}

const bingEmpty = (): string =>
  `<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>搜索</title></head><body><ol id="b_results"><li class="b_no"><h1>没有与此相关的结果</h1></li></ol></body></html>`;

// ---- Sogou ------------------------------------------------------------------------------------------------

function sogouPage(query: string, results: readonly Result[]): string {
  const first = results[0];
  const ad = adQuery(query) && first
    ? `<div id="promotion_adv_container"><div class="biz_sponsor"><div class="biz_rb"><h3><a href="/bill_cpc?v=1&amp;p=${redirectToken('sogou-ad', first.url, 40)}" target="_blank">${highlight(first.title, query)}</a></h3><p class="biz_text">${highlight(first.content, query)}</p><cite>${escapeHtml(displayUrl(first.url))} 广告</cite></div></div></div>`
    : '';
  // Sogou's own question-and-answer vertical (wenwen.sogou.com) among the results: never a target.
  const vertical = adQuery(query)
    ? `<div class="vrwrap" id="sogou_vr_wenwen"><h3 class="vr-title"><a href="/link?url=${redirectToken('sogou', 'https://wenwen.sogou.com/z/q888.htm', 80)}">${highlight(`${query} 怎么办 - 搜狗问问`, query)}</a></h3><div class="r-sech" data-url="https://wenwen.sogou.com/z/q888.htm"></div></div>`
    : '';
  const blocks = results.map((r, i) => {
    const link = `/link?url=${redirectToken('sogou', r.url, 80)}`;
    // Sogou's "r-sech" share block carries the real URL on some results only.
    const dataUrl = i % 4 === 3 ? `<div class="r-sech click-better-sugg" data-url="${escapeHtml(r.url)}" data-query="${escapeHtml(query)}"></div>` : '';
    return `<div class="vrwrap" id="sogou_vr_30000000_${i}" data-md5="${redirectToken('sogou-md5', r.url, 32)}">
<div class="vr-title"><h3 class="vr-title"><a id="sogou_vr_30000000_title_${i}" target="_blank" href="${link}">${highlight(r.title, query)}</a></h3></div>
<div class="str-text-info"><p class="star-wiki"></p><div class="fz-mid space-txt">${highlight(r.content, query)}</div></div>
<div class="citeurl"><span>${escapeHtml(displayUrl(r.url))}</span><span class="cite-date">&nbsp;-&nbsp;2026-8-12</span></div>
${dataUrl}
</div>`;
  });
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="referrer" content="always"><title>${escapeHtml(query)} - 搜狗搜索</title></head>
<body><div class="header"><form name="sf" id="sf" action="/web"><input type="text" class="query" name="query" id="upquery" value="${escapeHtml(query)}" autocomplete="off"><input type="submit" id="searchBtn" value="搜狗搜索"></form></div>
<div id="wrapper" class="wrapper"><div id="main" class="main"><p class="num-tips">搜狗已为您找到约${results.length * 88_211}条相关结果</p>
${ad}
<div class="results">
${blocks.join('\n')}
${vertical}
</div>
<div class="p" id="pagebar_container"><span>1</span><a id="sogou_page_2" href="?query=${encodeURIComponent(query)}&amp;page=2">2</a><a id="sogou_next" href="?query=${encodeURIComponent(query)}&amp;page=2" class="np">下一页</a></div>
</div></div></body></html>
`;
}

/** What Sogou's /link?url= answers: a tiny page that sends the browser on with a script (meta refresh when no script). */
function sogouRedirectPage(url: string): string {
  return `<meta content="always" name="referrer"><script>window.location.replace("${url}")</script><noscript><META http-equiv="refresh" content="0;URL='${escapeHtml(url)}'"></noscript>`;
}

const sogouEmpty = (): string =>
  `<!DOCTYPE html><html><head><meta charset="UTF-8"><title>搜狗搜索</title></head><body><div class="results"></div><div id="noresult_part1_container"><p>抱歉，没有找到与您的查询相关的网页。</p></div></body></html>`;

// ---- 360 --------------------------------------------------------------------------------------------------

function so360Page(query: string, results: readonly Result[]): string {
  const first = results[0];
  const ad = adQuery(query) && first
    ? `<ul id="e_idea_pp" class="e_idea_pp"><li class="e_haosou_fw_bg"><h3><a class="e_haosou_fw_bg_title" href="https://e.so.com/search/eclk?p=${redirectToken('so360-ad', first.url, 40)}" e-landurl="${escapeHtml(first.url)}" target="_blank">${highlight(first.title, query)}</a></h3><p class="e_haosou_fw_bg_desc">${highlight(first.content, query)}</p><cite>${escapeHtml(displayUrl(first.url))}</cite><span class="e_haosou_tag">广告</span></li></ul>`
    : '';
  // 360's own news and mobile verticals among the results (news.so.com, m.so.com): never targets.
  const verticals = adQuery(query)
    ? [`https://news.so.com/ns?q=${encodeURIComponent(query)}`, `https://m.so.com/s?q=${encodeURIComponent(query)}`]
        .map((u) => `<li class="res-list"><h3 class="res-title"><a href="https://www.so.com/link?m=${redirectToken('so360', u, 72)}" data-mdurl="${escapeHtml(u)}">${highlight(`${query}的最新相关信息`, query)}</a></h3></li>`)
        .join('\n')
    : '';
  const items = results.map((r, i) => {
    const link = `https://www.so.com/link?m=${redirectToken('so360', r.url, 72)}`;
    // 360 puts the target in data-mdurl; a few (older templates) use data-url instead.
    const attr = i % 4 === 2 ? 'data-url' : 'data-mdurl';
    return `<li class="res-list" data-lazyload="1">
<h3 class="res-title "><a href="${link}" rel="noopener" ${attr}="${escapeHtml(r.url)}" data-res='{"pos":${i + 1},"m":"${redirectToken('so360-m', r.url, 20)}"}' target="_blank">${highlight(r.title, query)}</a></h3>
<p class="res-desc">${highlight(r.content, query)}</p>
<p class="g-linkinfo"><cite>${escapeHtml(displayUrl(r.url))}</cite><span class="gray">2026-08-12</span></p>
</li>`;
  });
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(query)}_360搜索</title></head>
<body class="skin-body"><div id="header"><form action="/s" id="bd_search"><input type="text" id="keyword" name="q" value="${escapeHtml(query)}" autocomplete="off"><input type="submit" id="su" value="搜索"></form></div>
<div id="container"><div id="main"><div id="page_num">找到相关结果约${results.length * 31_407}个</div>
${ad}
<ul class="result">
${items.join('\n')}
${verticals}
</ul>
<div id="page"><strong>1</strong><a href="/s?q=${encodeURIComponent(query)}&amp;pn=2">2</a><a id="snext" href="/s?q=${encodeURIComponent(query)}&amp;pn=2">下一页&gt;</a></div>
</div><div id="side"><div class="mh-relate"><a href="/s?q=${encodeURIComponent(`${query} 官网`)}">${escapeHtml(query)} 官网</a></div></div></div>
</body></html>
`;
}

const so360Empty = (): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>360搜索</title></head><body><div id="main"><div id="no-result"><p>抱歉，未找到和您的查询相关的结果。</p></div><ul class="result"></ul></div></body></html>`;

// ---- sites ------------------------------------------------------------------------------------------------

function page(body: string): Route {
  return { kind: 'page', body, contentType: HTML };
}

function engineSite(host: string, a: string, routes: Record<string, Route>): CorpusSite {
  return { host, label: 'benign', platform: null, note: `search engine ${host} (saved result pages; not a scan target)`, a: [a], routes };
}

/** Builds the four engines' sites from saved search result sets (default: the bundled fixtures). */
export function buildSearchEngineSites(fixtures: readonly SearchFixture[] = bundledFixtures): CorpusSite[] {
  const baidu: Record<string, Route> = { '/s': page(baiduEmpty()), '/': page(baiduEmpty()) };
  const bing: Record<string, Route> = { '/search': page(bingEmpty()), '/': page(bingEmpty()) };
  const sogou: Record<string, Route> = { '/web': page(sogouEmpty()), '/': page(sogouEmpty()) };
  const so: Record<string, Route> = { '/s': page(so360Empty()), '/': page(so360Empty()) };
  for (const f of fixtures) {
    baidu[queryKey('/s', { wd: f.query })] = page(baiduPage(f.query, f.results));
    bing[queryKey('/search', { q: f.query })] = page(bingPage(f.query, f.results));
    sogou[queryKey('/web', { query: f.query })] = page(sogouPage(f.query, f.results));
    so[queryKey('/s', { q: f.query })] = page(so360Page(f.query, f.results));
    for (const r of f.results) {
      baidu[`/link?url=${redirectToken('baidu', r.url)}`] = { kind: 'redirect', location: r.url, status: 302 };
      sogou[`/link?url=${redirectToken('sogou', r.url, 80)}`] = page(sogouRedirectPage(r.url));
      so[`/link?m=${redirectToken('so360', r.url, 72)}`] = { kind: 'redirect', location: r.url, status: 302 };
      sogou[`/bill_cpc?v=1&p=${redirectToken('sogou-ad', r.url, 40)}`] = { kind: 'redirect', location: r.url, status: 302 };
    }
  }
  return [
    engineSite('www.baidu.com', '110.242.68.66', baidu),
    engineSite('cn.bing.com', '202.89.233.100', bing),
    engineSite('www.sogou.com', '49.7.20.52', sogou),
    engineSite('www.so.com', '180.163.251.228', so),
  ];
}

/** The search engines' sites for the bundled fixtures; kept out of the labelled `corpus` export. */
export const searchEngineSites: CorpusSite[] = buildSearchEngineSites();
