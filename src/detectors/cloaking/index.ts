/**
 * cloaking: does the page show one thing to one client and another thing to another? Counterfeit
 * query sites hide from scanners and reviewers in two ways: the plain HTML is nearly empty and a
 * script builds the query page (so a non-rendering crawler or a search engine snippet sees nothing),
 * or the server answers by client (the certificate query only inside WeChat's in-app browser, where
 * the victims arrive from a chat link; a harmless page for a desktop or a bot).
 *
 * Views compared: the desktop render (snapshot.text/title/finalUrl), the plain HTML the browser got
 * (snapshot.staticText), and — when the crawler captured them — a render with a mobile WeChat user
 * agent (`mobile`) and a fetch by a plain HTTP client (`plainFetch`). Both are optional fields of the
 * snapshot declared below (CloakingSnapshot); without them only `cloaking.script-built` can fire.
 */
import type { MobileView, PageSnapshot, PlainFetchView } from '../../model/snapshot.js';
import type { Platform, PlatformId } from '../../model/platform.js';
import type { Detector, DetectorData, DetectorInput } from '../types.js';
import type { Signal } from '../../model/signal.js';
import { list, reason } from '../reason.js';
import rawData from './data.json' with { type: 'json' };
import { siteOf } from '../../model/host.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const SCRIPT_BUILT_SIGNAL = 'cloaking.script-built';
export const CLIENT_DEPENDENT_SIGNAL = 'cloaking.client-dependent';

// The extra views are declared with the snapshot (crawler/snapshot.ts); re-exported for this detector's tests.
export type { MobileView, PlainFetchView };

/** A snapshot with the optional extra views this detector reads (captured by the crawler when enabled). */
export type CloakingSnapshot = PageSnapshot & {
  readonly plainFetch?: PlainFetchView | null;
  readonly mobile?: MobileView | null;
};

const DATA: DetectorData<typeof rawData> = rawData;

/** Below this many characters a rendered page is too short to judge. */
const MIN_RENDERED_CHARS = 30;
/** Share of the rendered text's bigrams missing from the plain HTML for the page to count as script-built. */
const SCRIPT_ONLY_SHARE = 0.6;
/** The plain HTML is "nearly empty" below this many characters or this fraction of the rendered text. */
const NEARLY_EMPTY_CHARS = 40;
const NEARLY_EMPTY_FRACTION = 0.2;

// ---------------------------------------------------------------------------------------------------
// Text similarity

/** Text with all white space removed and Latin letters lower-cased: Chinese has no word spaces to keep. */
export function compact(text: string): string {
  return text.replace(/\s+/gu, '').toLowerCase();
}

/** The set of character bigrams of compacted text (a one-character text is its own single gram). */
export function bigrams(text: string): Set<string> {
  const chars = Array.from(compact(text));
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0] as string);
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Jaccard similarity of two texts' character bigrams, 0..1; two empty texts are identical (1). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Share of `rendered`'s bigrams that `base` lacks, 0..1: how much of the page only a script wrote. */
export function missingShare(rendered: string, base: string): number {
  const r = bigrams(rendered);
  if (r.size === 0) return 0;
  const b = bigrams(base);
  let missing = 0;
  for (const g of r) if (!b.has(g)) missing++;
  return missing / r.size;
}

// ---------------------------------------------------------------------------------------------------
// Certificate-query content

/** What certificate-query wording a text holds, and the platform it points at most. */
export interface QueryContent {
  readonly isQuery: boolean;
  readonly phrases: readonly string[];
  readonly platform: PlatformId | null;
}

/** Finds certificate-query wording (data.json plus the platforms' own phrases) in a text. */
export function queryContent(text: string, platforms: readonly Platform[]): QueryContent {
  const t = compact(text);
  const phrases = new Set(DATA.certPhrases.filter((p) => t.includes(p)));
  let platform: PlatformId | null = null;
  let best = 0;
  for (const p of platforms) {
    const hits = [p.name, p.agency, ...p.phrases].filter((ph) => t.includes(compact(ph)));
    for (const h of hits) phrases.add(h);
    if (hits.length > best) {
      best = hits.length;
      platform = p.id;
    }
  }
  const list = [...phrases];
  const isQuery = list.length >= 2 && DATA.queryWords.some((w) => t.includes(w));
  return { isQuery, phrases: list, platform: isQuery ? platform : null };
}

const quote = (phrases: readonly string[]): string =>
  phrases
    .slice(0, 3)
    .map((p) => `"${p}"`)
    .join(', ');
const round = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------------
// cloaking.script-built

function scriptBuilt(snapshot: PageSnapshot, platforms: readonly Platform[]): Signal | null {
  if (snapshot.staticText === null) return null;
  const rendered = compact(snapshot.text);
  const plain = compact(snapshot.staticText);
  if (rendered.length < MIN_RENDERED_CHARS) return null;
  const share = missingShare(rendered, plain);
  if (share < SCRIPT_ONLY_SHARE) return null;
  const nearlyEmpty = plain.length < NEARLY_EMPTY_CHARS || plain.length < NEARLY_EMPTY_FRACTION * rendered.length;
  const after = queryContent(snapshot.text, platforms);
  const before = queryContent(snapshot.staticText, platforms);
  // Wording a reader sees only once the script has run.
  const scriptOnly = after.phrases.filter((p) => !before.phrases.includes(p));
  const hidesQuery = after.isQuery && !before.isQuery && scriptOnly.length >= 2;
  if (!nearlyEmpty && !hidesQuery) return null;
  // Many honest sites are single-page apps, so a script-built page alone is medium evidence; a script
  // that writes the certificate query into an empty or harmless shell is the scanner-evasion pattern.
  const score = hidesQuery ? (nearlyEmpty ? 0.85 : 0.75) : 0.5;
  const evidence = {
    renderedChars: rendered.length,
    staticChars: plain.length,
    scriptOnlyShare: round(share),
    nearlyEmpty,
    scriptOnlyPhrases: scriptOnly,
  };
  return {
    id: SCRIPT_BUILT_SIGNAL,
    score,
    ...(hidesQuery
      ? reason('cloaking.script-built-query', { phrases: list(scriptOnly.slice(0, 3)), chars: plain.length })
      : reason('cloaking.script-built', { share: Math.round(share * 100), chars: plain.length })),
    platform: hidesQuery ? after.platform : null,
    evidence,
  };
}

// ---------------------------------------------------------------------------------------------------
// cloaking.client-dependent

/** One client's view of the page, reduced to what is compared. */
interface View {
  readonly name: 'desktop' | 'mobile' | 'plain';
  /** Hosts this view may end on without that being a difference (for the plain fetch: any HTTP hop). */
  readonly hosts: readonly string[];
  readonly finalHost: string | null;
  readonly ok: boolean;
  readonly title: string;
  readonly text: string;
  readonly content: QueryContent;
}


const okStatus = (status: number | null): boolean => status !== null && status >= 200 && status < 400;

/** What one client was shown, as a view: where it ended (the one host it may end on), whether it answered, its words. */
function viewOf(name: View['name'], page: { readonly finalUrl: string; readonly title: string; readonly text: string }, ok: boolean, platforms: readonly Platform[]): View {
  const finalHost = siteOf(page.finalUrl);
  return {
    name,
    hosts: finalHost === null ? [] : [finalHost],
    finalHost,
    ok,
    title: page.title,
    text: page.text,
    content: queryContent(`${page.title}\n${page.text}`, platforms),
  };
}

interface Comparison {
  readonly a: View['name'];
  readonly b: View['name'];
  readonly material: boolean;
  readonly hostDiffers: boolean;
  readonly statusDiffers: boolean;
  readonly titleDiffers: boolean;
  readonly similarity: number;
  /** The view showing a certificate query while the other shows none, if any. */
  readonly queryIn: View['name'] | null;
}

function compare(x: View, y: View, xText: string, yText: string): Comparison {
  const hostDiffers =
    x.finalHost !== null && y.finalHost !== null && !x.hosts.includes(y.finalHost) && !y.hosts.includes(x.finalHost);
  const statusDiffers = x.ok !== y.ok;
  const sim = similarity(xText, yText);
  const tx = compact(x.title);
  const ty = compact(y.title);
  const titleDiffers = tx !== ty && !tx.includes(ty) && !ty.includes(tx) && similarity(tx, ty) < 0.5;
  const longEnough = Math.max(compact(xText).length, compact(yText).length) >= MIN_RENDERED_CHARS;
  const material = hostDiffers || statusDiffers || (longEnough && (sim < 0.25 || (titleDiffers && sim < 0.5)));
  const queryIn = x.content.isQuery && !y.content.isQuery ? x.name : y.content.isQuery && !x.content.isQuery ? y.name : null;
  return { a: x.name, b: y.name, material, hostDiffers, statusDiffers, titleDiffers, similarity: round(sim), queryIn };
}

/** A view that shows a page of its own (not an error, not near-empty). */
function otherViewIsPage(v: View): boolean {
  return v.ok && compact(v.text).length >= MIN_RENDERED_CHARS;
}

function clientDependent(snapshot: CloakingSnapshot, platforms: readonly Platform[]): Signal | null {
  const mobile = snapshot.mobile ?? null;
  const plain = snapshot.plainFetch ?? null;
  if (mobile === null && plain === null) return null;

  const visited = [snapshot.url, ...snapshot.redirects.map((r) => r.to)].map(siteOf).filter((h): h is string => h !== null);
  const httpHosts = [snapshot.url, ...snapshot.redirects.filter((r) => r.kind === 'http').map((r) => r.to)]
    .map(siteOf)
    .filter((h): h is string => h !== null);
  const desktop = viewOf('desktop', snapshot, okStatus(snapshot.status), platforms);
  const comparisons: Comparison[] = [];
  const views: View[] = [desktop];

  if (mobile !== null) {
    const m = viewOf('mobile', mobile, true, platforms);
    views.push(m);
    comparisons.push(compare(desktop, m, desktop.text, m.text));
  }
  if (plain !== null) {
    const p = viewOf('plain', plain, okStatus(plain.status), platforms);
    views.push(p);
    // The plain client runs no script: compare it with the HTML the browser itself received (staticText)
    // and with the names the browser reached by HTTP redirects, so an honest single-page app is not
    // mistaken for the server answering differently. After a meta or script redirect the browser's HTML
    // is another document than the one the plain client got, so that pair is not compared at all.
    // The desktop side keeps its rendered content: the contrast that matters is what a person sees.
    if (snapshot.redirects.every((r) => r.kind === 'http')) {
      const base = snapshot.staticText ?? snapshot.text;
      const desktopPlain: View = { ...desktop, hosts: httpHosts, text: base };
      comparisons.push(compare(desktopPlain, p, base, p.text));
    }
    const mv = views.find((v) => v.name === 'mobile');
    if (mv !== undefined) comparisons.push(compare(mv, p, mv.text, p.text));
  }

  const material = comparisons.filter((c) => c.material);
  if (material.length === 0) return null;
  // Strong: one client is shown the certificate query and another a page with other content.
  // Medium: the other client gets an error or an empty page (bot-blocking: honest sites do it too).
  // Weak-medium: the views differ, but none is a certificate query (mobile sites, A/B tests).
  const rank = (c: Comparison): number => {
    if (c.queryIn === null) return 0.4;
    const other = views.find((v) => v.name === (c.queryIn === c.a ? c.b : c.a));
    return other !== undefined && other.ok && compact(other.text).length >= MIN_RENDERED_CHARS ? 0.9 : 0.6;
  };
  const worst = material.reduce((best, c) => (rank(c) > rank(best) ? c : best));
  const score = rank(worst);
  const queryView = views.find((v) => v.name === worst.queryIn) ?? null;
  const otherView = views.find((v) => v.name === (worst.queryIn === worst.a ? worst.b : worst.a)) ?? null;
  const said =
    queryView !== null && otherView !== null
      ? reason(otherViewIsPage(otherView) ? 'cloaking.client-query-page' : otherView.ok ? 'cloaking.client-query-empty' : 'cloaking.client-query-error', {
          query: `client-${queryView.name}`,
          other: `client-${otherView.name}`,
          phrases: list(queryView.content.phrases.slice(0, 3)),
          shown: otherView.title || otherView.text.trim().slice(0, 30),
          similarity: worst.similarity,
        })
      : reason('cloaking.client-differs', {
          a: `client-${worst.a}`,
          b: `client-${worst.b}`,
          differences: list([
            ...(worst.hostDiffers ? ['different-host'] : []),
            ...(worst.statusDiffers ? ['different-status'] : []),
            ...(worst.titleDiffers ? ['different-title'] : []),
          ]),
          similarity: worst.similarity,
        });
  return {
    id: CLIENT_DEPENDENT_SIGNAL,
    score,
    ...said,
    platform: queryView?.content.platform ?? null,
    evidence: {
      comparisons: comparisons.map((c) => ({ ...c })),
      views: views.map((v) => ({ name: v.name, finalHost: v.finalHost, ok: v.ok, title: v.title, chars: compact(v.text).length, queryPhrases: v.content.phrases })),
      mobileUserAgent: mobile?.userAgent ?? null,
    },
  };
}

/** The cloaking detector: script-built pages and pages that answer differently by client. */
export const cloaking: Detector = {
  id: 'cloaking',
  describe: 'content only a script writes, and pages that differ between desktop, mobile WeChat and a plain client',
  detect: ({ snapshot, platforms }: DetectorInput): Signal[] => {
    const out: Signal[] = [];
    const s = scriptBuilt(snapshot, platforms);
    if (s !== null) out.push(s);
    const c = clientDependent(snapshot as CloakingSnapshot, platforms);
    if (c !== null) out.push(c);
    return out;
  },
};
