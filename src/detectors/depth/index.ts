/**
 * depth: what the site's other pages say about it. A counterfeit is usually one page deep — a copy of the
 * platform's query page whose menu links lead nowhere (404) or straight back to the genuine platform,
 * because only the front page was copied. A real site's links work.
 *
 * Links to the official host are ambiguous, and the reading depends on the page: news articles, provincial
 * portals and training schools link to cx.mem.gov.cn to send readers to the truth — benign evidence — while
 * a page that itself offers a certificate-query form has no reason to send its own menu to the platform it
 * claims to be, so there the same links are (weak) evidence of a copy. A broken site alone is not
 * impersonation, so broken links count only on a page with a query form too. A .gov.cn host cannot be a
 * counterfeit's (the suffix is registered to government bodies only): a provincial service page with its own
 * query that points to the national platform gets the benign reading.
 *
 * A page below a site's front page that presents itself as a state platform's certificate query, on a site whose
 * front page is about something else and does not lead to it, was planted there: old company, school and blog
 * sites are hacked or rented out, and a fake at /Public/cx/ of one borrows the site's years and reputation. Its
 * owner's own query pages are reached from the front page; a site about the platform (a copy whose front page is
 * the copy, a training school's front page naming the platform) says so on its front page.
 *
 * Reads snapshot.subpages (a few same-site links fetched by the crawler), snapshot.siteRoot (the front page, for a
 * page below it) and snapshot.links.
 */
import { isQueryForm } from '../../model/query-form.js';
import type { PageSnapshot, SiteRootInfo } from '../../model/snapshot.js';
import type { Platform, PlatformId } from '../../model/platform.js';
import type { Detector, DetectorInput } from '../types.js';
import type { Signal } from '../../model/signal.js';
import { list, reason } from '../reason.js';
import { hostOf, siteOf } from '../../model/host.js';
import { FIRM_CLAIM, claimedPlatformIn, officialPlatformOf } from '../../model/platform.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const BROKEN_LINKS_SIGNAL = 'depth.broken-links';
export const LINKS_TO_OFFICIAL_SIGNAL = 'depth.links-to-official';
/** Benign evidence: a page without a query form that sends readers to the official platform. */
export const OFFICIAL_REFERENCE_SIGNAL = 'depth.official-reference';
/** A state platform's query planted below another's site (see the module comment). */
export const PLANTED_SIGNAL = 'depth.planted';

const round = (x: number): number => Math.round(x * 100) / 100;

/** The host of a web link (http or https); null for mailto:, javascript: and the like. */
const webHostOf = (url: string): string | null => (/^https?:/i.test(url) ? hostOf(url) : null);

const officialPlatformId = (host: string, platforms: readonly Platform[]): PlatformId | null => officialPlatformOf(host, platforms)?.id ?? null;



/** A subpage that did not work: 404/410/5xx count fully; no answer at all half (it may be our bound). */
function brokenWeight(status: number | null): number {
  if (status === null) return 0.5;
  if (status === 404 || status === 410 || status >= 500) return 1;
  return 0;
}

function brokenSignal(snapshot: PageSnapshot, hasForm: boolean): Signal | null {
  const rows = snapshot.subpages ?? [];
  if (!hasForm || rows.length < 2) return null;
  const broken = rows.reduce((n, r) => n + brokenWeight(r.status), 0);
  const share = broken / rows.length;
  if (broken < 2 || share < 0.5) return null;
  return {
    id: BROKEN_LINKS_SIGNAL,
    score: round(Math.min(0.8, 0.4 + 0.4 * share)),
    ...reason('depth.broken-links', { broken: Math.round(broken), total: rows.length, statuses: list(rows.map((r) => r.status ?? 'no-answer')) }),
    evidence: { subpages: rows, brokenShare: round(share) },
  };
}

interface OfficialLinks {
  readonly total: number;
  readonly official: number;
  readonly hosts: readonly string[];
  readonly platform: PlatformId | null;
}

/** Links (and followed subpages that ended) on an official platform's host, against all web links out of the page. */
function officialLinks(snapshot: PageSnapshot, platforms: readonly Platform[]): OfficialLinks {
  const own = hostOf(snapshot.finalUrl);
  const ownSite = siteOf(own);
  const hosts = snapshot.links.map((l) => webHostOf(l.href)).filter((h): h is string => h !== null);
  const landed = (snapshot.subpages ?? []).map((s) => s.finalHost).filter((h): h is string => h !== null && h !== own);
  const all = [...hosts, ...landed];
  const votes = new Map<PlatformId, number>();
  const found = new Set<string>();
  let official = 0;
  for (const h of all) {
    const p = officialPlatformId(h, platforms);
    if (p === null) continue;
    // The official platform's own pages link to themselves: that is not a link "back".
    if (ownSite !== null && siteOf(h) === ownSite) continue;
    official++;
    found.add(h);
    votes.set(p, (votes.get(p) ?? 0) + 1);
  }
  const platform = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { total: all.length, official, hosts: [...found], platform };
}

function officialSignal(snapshot: PageSnapshot, platforms: readonly Platform[], hasForm: boolean, govCn: boolean): Signal | null {
  const o = officialLinks(snapshot, platforms);
  if (o.official === 0) return null;
  const share = o.total === 0 ? 0 : o.official / o.total;
  const evidence = { officialLinks: o.official, links: o.total, share: round(share), hosts: o.hosts, queryForm: hasForm };
  if (hasForm && !govCn)
    return {
      id: LINKS_TO_OFFICIAL_SIGNAL,
      // A copied menu sends most links to the platform; one "official site" link among many is weaker.
      score: round(Math.min(0.7, 0.3 + share)),
      ...reason('depth.links-to-official', { official: o.official, total: o.total, hosts: list(o.hosts), share: Math.round(100 * share) }),
      platform: o.platform,
      evidence,
    };
  return {
    id: OFFICIAL_REFERENCE_SIGNAL,
    score: round(Math.min(1, 0.5 + 0.25 * (o.hosts.length - 1))),
    ...reason(hasForm ? 'depth.official-reference-gov' : 'depth.official-reference', { hosts: list(o.hosts) }),
    platform: null,
    evidence,
  };
}

/** A front page with something of its own to say: an answer, and a title or some text. */
const hasContent = (root: SiteRootInfo): boolean => root.status !== null && root.status < 400 && (root.title.trim() !== '' || root.text.trim().length >= 20);

function plantedSignal(snapshot: PageSnapshot, platforms: readonly Platform[], hasForm: boolean): Signal | null {
  const root = snapshot.siteRoot;
  // No answer at all may be our own bound, not the site's emptiness.
  if (root === undefined || root.status === null || root.leadsToPage) return null;
  // The query in some client's view — the desktop's, or only WeChat's on a phone — with a firm claim beside it: a
  // school's 成绩信息查询 asking for a 证件号码 is not a state platform's query.
  const views = [
    { view: 'desktop', title: snapshot.title, text: snapshot.text, hasForm },
    ...(snapshot.mobile ? [{ view: 'mobile', title: snapshot.mobile.title, text: snapshot.mobile.text, hasForm: (snapshot.mobile.forms ?? []).some(isQueryForm) }] : []),
  ];
  const shown = views
    .filter((v) => v.hasForm)
    .map((v) => ({ view: v.view, claimed: claimedPlatformIn(`${v.title}\n${v.text}`, platforms, FIRM_CLAIM) }))
    .find((v) => v.claimed !== null);
  if (shown === undefined) return null;
  const claimed = shown.claimed!;
  // A front page about the platform (the copy itself, a school teaching for it): the site owns its query page.
  if (claimedPlatformIn(`${root.title}\n${root.text}`, platforms) !== null) return null;
  const platform = platforms.find((p) => p.id === claimed)?.name ?? claimed;
  let path: string;
  try {
    path = new URL(snapshot.finalUrl).pathname;
  } catch {
    return null;
  }
  const evidence = { frontPage: root.url, status: root.status, title: root.title, leadsToPage: false, view: shown.view };
  if (hasContent(root))
    return { id: PLANTED_SIGNAL, score: 0.8, ...reason('depth.planted', { platform, path, title: root.title.trim() || root.text.trim().slice(0, 40) }), platform: null, evidence };
  return { id: PLANTED_SIGNAL, score: 0.4, ...reason('depth.planted-bare', { platform, path, status: root.status }), platform: null, evidence };
}

function detect({ snapshot, platforms }: DetectorInput): Signal[] {
  const own = hostOf(snapshot.finalUrl);
  if (own !== null && officialPlatformId(own, platforms) !== null) return [];
  const hasForm = snapshot.forms.some(isQueryForm);
  const govCn = own !== null && /(^|\.)gov\.cn$/.test(own);
  return [
    govCn ? null : brokenSignal(snapshot, hasForm),
    officialSignal(snapshot, platforms, hasForm, govCn),
    govCn ? null : plantedSignal(snapshot, platforms, hasForm),
  ].filter((s): s is Signal => s !== null);
}

/** The depth detector: broken same-site links and links back to the official platform. */
export const depth: Detector = {
  id: 'depth',
  describe: 'same-site links followed: broken ones, the share of links to the official platform (read against the query form), and a platform query planted below another\'s site',
  detect,
};
