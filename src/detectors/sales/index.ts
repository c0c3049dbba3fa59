/**
 * sales: pages that sell certificates (免考, 包过, 官网可查 … plus a WeChat, QQ or mobile number) and the
 * query sites they send buyers to. Sellers advertise a "查询网站" of their own so that a bought
 * certificate "checks out"; those hosts are listed in evidence (`advertisedHosts`) for the pipeline to
 * visit next.
 *
 * News reports, government notices and honest schools use the same words to warn against sellers, so
 * a word counts fully only when it is not quoted (“免考”) or denied (不承诺“包过”), the score needs contact
 * details near the words, and it is scaled down when condemnation words (打击, 假证, 骗局 …) dominate.
 */
import { parse } from 'tldts';
import type { Platform } from '../../model/platform.js';
import { foldWidth } from '../text.js';
import { list, reason } from '../reason.js';
import type { Detector, DetectorData, DetectorInput } from '../types.js';
import type { Signal } from '../../model/signal.js';
import rawData from './data.json' with { type: 'json' };
import { hostOf, isGovCn, registrableDomainOf } from '../../model/host.js';
import { agencyPlatformOf, sectorNamedIn } from '../../model/platform.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const SALES_SIGNAL = 'sales.certificate-sales';
export const ADVERTISED_SIGNAL = 'sales.advertised-query-site';

const DATA: DetectorData<typeof rawData> = rawData;


// ---------------------------------------------------------------------------------------------------
// Sales words

/** One sales word where it occurs, and whether the text quotes or denies it there. */
export interface TermHit {
  readonly word: string;
  readonly strength: number;
  readonly at: number;
  readonly quoted: boolean;
}

const OPEN_QUOTES = '“"「『‘';
const CLOSE_QUOTES = '”"」』’';

/** How far a quote mark may be from a word and still enclose it. */
const QUOTE_REACH = 15;

/**
 * Where the quotation enclosing text[from, to) opens, or null: an opening mark within reach before it
 * with no closing mark between, and a closing mark within reach after it with no opening mark between.
 */
function quoteStart(text: string, from: number, to: number): number | null {
  let open: number | null = null;
  for (let i = from - 1; i >= Math.max(0, from - QUOTE_REACH); i--) {
    const ch = text[i] ?? '';
    if (/[。！？\n]/.test(ch)) break;
    if (OPEN_QUOTES.includes(ch)) {
      open = i;
      break;
    }
    if (CLOSE_QUOTES.includes(ch)) break;
  }
  if (open === null) return null;
  for (let i = to; i < Math.min(text.length, to + QUOTE_REACH); i++) {
    const ch = text[i] ?? '';
    if (/[。！？\n]/.test(ch)) return null;
    if (CLOSE_QUOTES.includes(ch)) return open;
    if (OPEN_QUOTES.includes(ch)) return null;
  }
  return null;
}

const PATTERNS = DATA.patterns.map((p) => ({ re: new RegExp(p.pattern, 'g'), strength: p.strength, word: p.word }));

/** How far (characters) a negator reaches forward to the phrase it governs. */
const NEGATION_REACH = 8;
// Clause marks, and the spaces and dots that separate a seller's slogans (免考 · 包过 · 官网可查).
const CLAUSE_MARK = /[，,。.！!？?；;、：:·|｜/\s]/;

/**
 * Where negators stand in the text, as words, never inside a sales phrase that contains one (不要考试 offers, it
 * does not deny). A negator of one character (不, 未) is a word only right before the phrase it denies (不代办,
 * 未补录): anywhere else it sits inside too many other words — 不过, 未来 — to mean "not" there.
 */
function negatorsIn(text: string, phrases: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const n of DATA.negators) {
    const single = [...n].length < 2;
    for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
      const to = at + n.length;
      if (phrases.some((p) => at >= p.from && to <= p.to)) continue;
      if (single && !phrases.some((p) => p.from === to)) continue;
      out.push({ from: at, to });
    }
  }
  return out;
}

/**
 * Whether a negator governs the phrase at `at`: it stands before it in the same clause, within reach, with no
 * word between them that starts a new predicate (也, 就, 直接 …). So 不承诺“包过” and 请勿轻信免考 deny, while in
 * 没有证也可以办 the 没有 is about the buyer's certificate and 也 starts the offer.
 */
export function isGoverned(
  text: string,
  at: number,
  negators: readonly { from: number; to: number }[],
  phrases: readonly { from: number; to: number }[] = [],
): boolean {
  return negators.some((n) => {
    if (n.to > at || at - n.to > NEGATION_REACH) return false;
    const between = text.slice(n.to, at);
    if (CLAUSE_MARK.test(between)) return false;
    // A negated condemnation word is what the negator denies (不是假证官网可查 denies 假证, not 官网可查); a run of
    // sales words (所谓的免考包过) is one phrase and stays governed.
    if (phrases.some((p) => p.from >= n.to && p.to <= at)) return false;
    return !DATA.clauseStarters.some((w) => between.includes(w));
  });
}

/** Every sales word in the text, longest first where they overlap (快速办证 is not also 办证). */
export function findTerms(text: string): TermHit[] {
  const all: { word: string; strength: number; at: number; length: number }[] = [];
  for (const t of DATA.terms) {
    for (let at = text.indexOf(t.word); at >= 0; at = text.indexOf(t.word, at + 1)) all.push({ word: t.word, strength: t.strength, at, length: t.word.length });
  }
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.re)) all.push({ word: p.word, strength: p.strength, at: m.index, length: m[0].length });
  }
  all.sort((a, b) => b.length - a.length || a.at - b.at);
  const taken: { from: number; to: number }[] = [];
  const kept: typeof all = [];
  for (const h of all) {
    const to = h.at + h.length;
    if (taken.some((r) => h.at < r.to && to > r.from)) continue;
    taken.push({ from: h.at, to });
    kept.push(h);
  }
  const negators = negatorsIn(text, taken);
  return kept
    .map((h) => {
      // Inside quotes (“免考办证”, “花钱不用考、官网能查”), or denied by a negator that governs it (请勿轻信“免考”).
      const spanStart = quoteStart(text, h.at, h.at + h.length);
      const quoted = spanStart !== null || isGoverned(text, spanStart ?? h.at, negators, condemnationSpans(text));
      return { word: h.word, strength: h.strength, at: h.at, quoted };
    })
    .sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------------
// Contacts

/** The kinds of contact a seller leaves. */
export type ContactKind = 'wechat' | 'qq' | 'mobile' | 'phone';

/** One contact detail where it occurs. */
export interface Contact {
  readonly kind: ContactKind;
  readonly value: string;
  readonly at: number;
}

// WeChat ids are 6–20 characters starting with a letter; sellers spell 微信 every way that dodges filters.
const WECHAT = /(?:微信|威信|薇信|徽信|V信|v信|VX|vx|Vx|vX|WX|wx|加V|加v)(?:号)?\s*[:：]?\s*([A-Za-z][-_A-Za-z0-9]{5,19}|1[3-9]\d{9})/g;
const WECHAT_SAME = /(?:微信|威信|薇信|V信|v信|VX|vx)\s*同号/g;
const QQ = /(?:QQ|qq|Qq|扣扣)(?:号|群)?\s*[:：]?\s*([1-9]\d{4,11})(?!\d)/g;
// Mainland mobile numbers: 11 digits from 13x–19x, often written 139-2026-8866 or 139 2026 8866.
const MOBILE = /(?<![\d-])(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?![\d-])/g;
const LABELLED_PHONE = new RegExp(`(?:${DATA.contactLabels.join('|')})\\s*[:：]?\\s*((?:\\d[-\\s]?){7,12}\\d)`, 'g');

/** Every contact detail in the text: WeChat ids, QQ numbers, mobile numbers, labelled phone numbers. */
export function findContacts(text: string): Contact[] {
  const out: Contact[] = [];
  for (const m of text.matchAll(WECHAT)) out.push({ kind: 'wechat', value: m[1] ?? '', at: m.index });
  for (const m of text.matchAll(WECHAT_SAME)) out.push({ kind: 'wechat', value: '(same as phone)', at: m.index });
  for (const m of text.matchAll(QQ)) out.push({ kind: 'qq', value: m[1] ?? '', at: m.index });
  for (const m of text.matchAll(MOBILE)) out.push({ kind: 'mobile', value: `${m[1]}${m[2]}${m[3]}`, at: m.index });
  for (const m of text.matchAll(LABELLED_PHONE)) {
    const value = (m[1] ?? '').replace(/[-\s]/g, '');
    // A labelled mobile is already a mobile contact.
    if (!out.some((c) => c.kind === 'mobile' && c.value === value)) out.push({ kind: 'phone', value, at: m.index });
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Occurrences of condemnation words: the vocabulary of reports and warnings about fake certificates. A negated
 * one (不是假证, 绝非骗局) is a seller's reassurance, not a condemnation, and does not count.
 */
function countCondemnation(text: string): { count: number; words: string[] } {
  let count = 0;
  const words = new Set<string>();
  const spans = condemnationSpans(text);
  const negators = negatorsIn(text, []);
  for (const c of spans) {
    if (isGoverned(text, c.from, negators, spans)) continue;
    count++;
    words.add(c.word);
  }
  return { count, words: [...words] };
}

/** Where each condemnation word stands. */
function condemnationSpans(text: string): { word: string; from: number; to: number }[] {
  const out: { word: string; from: number; to: number }[] = [];
  for (const w of DATA.condemnation) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) out.push({ word: w, from: at, to: at + w.length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Scoring

/** What the sales analysis of one text found, with its score. */
export interface SalesFinding {
  readonly score: number;
  readonly terms: readonly TermHit[];
  readonly contacts: readonly Contact[];
  /** Contacts within NEAR characters of an unquoted sales word, or anywhere on a page of seller-only offers: the offer itself. */
  readonly pitchContacts: readonly Contact[];
  readonly condemnation: { readonly count: number; readonly words: readonly string[] };
  /** Unquoted sales words that count fully. */
  readonly effective: number;
}

/** How far (characters) a contact may be from a sales word and still be the same offer. */
const NEAR = 120;
/** How much a quoted or denied word still counts: quoting is what reporters and warnings do. */
const QUOTED = 0.2;
/** A word this strong is said by sellers alone (免考, 官网可查, 内部渠道), not by schools and offices. */
const SELLER_ONLY = 0.8;
/** How many distinct seller-only words make the whole page one offer. */
const WHOLE_PAGE_OFFER = 3;
const CONTACT_WEIGHT: Readonly<Record<ContactKind, number>> = { wechat: 0.6, qq: 0.6, mobile: 0.6, phone: 0.3 };

/**
 * Scores one text. Each distinct word adds its strength (a fifth when quoted or denied; repeats add a
 * little); contacts near unquoted words add by kind (scaled by the words, up to 1); the sum maps to 0..1 by 1 - e^(-x/2.5). Without a
 * contact near the words the score is cut to 60%, and condemnation words scale it by
 * (effective + 1) / (effective + 1 + condemnation): a seller's one "拒绝假证" barely matters, a report's many do.
 */
export function scoreSales(text: string): SalesFinding {
  const folded = foldWidth(text);
  const terms = findTerms(folded);
  const contacts = findContacts(folded);
  const condemnation = countCondemnation(folded);
  const byWord = new Map<string, { strength: number; full: number; quoted: number }>();
  for (const t of terms) {
    const e = byWord.get(t.word) ?? { strength: t.strength, full: 0, quoted: 0 };
    if (t.quoted) e.quoted++;
    else e.full++;
    byWord.set(t.word, e);
  }
  let total = 0;
  for (const e of byWord.values()) {
    const base = e.full > 0 ? e.strength : e.strength * QUOTED;
    total += base * (1 + 0.15 * Math.min(4, e.full + e.quoted - 1));
  }
  const live = terms.filter((t) => !t.quoted);
  // A page that makes several offers only a seller makes is one offer from top to bottom: its contact block counts
  // wherever it sits (sellers put it in a footer or a floating bar). Otherwise a contact must stand by the words.
  const sellerOnly = new Set(live.filter((t) => t.strength >= SELLER_ONLY).map((t) => t.word));
  const pitchContacts = sellerOnly.size >= WHOLE_PAGE_OFFER ? contacts : contacts.filter((c) => live.some((t) => Math.abs(t.at - c.at) <= NEAR));
  const kinds = new Set(pitchContacts.map((c) => c.kind));
  const contactBonus = Math.min(1.5, [...kinds].reduce((s, k) => s + CONTACT_WEIGHT[k], 0));
  // Contacts confirm an offer in proportion to how much is offered: a phone beside 补办 is a service desk.
  let score = total === 0 ? 0 : 1 - Math.exp(-(total + contactBonus * Math.min(1, total)) / 2.5);
  if (pitchContacts.length === 0) score *= 0.6;
  score *= (live.length + 1) / (live.length + 1 + condemnation.count);
  return { score: Math.min(0.99, score), terms, contacts, pitchContacts, condemnation, effective: live.length };
}

// ---------------------------------------------------------------------------------------------------
// Advertised query sites

/** One other host the page points buyers to for checking a certificate. */
export interface AdvertisedSite {
  readonly host: string;
  readonly url: string | null;
  /** The words around it that describe it as a query site. */
  readonly context: string;
  readonly via: 'link' | 'text';
  /** Warning words beside it (假, 骗): the page names it as a fake, not as a place to check. */
  readonly warned: boolean;
}

const HOST_IN_TEXT = /(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,})(?:\/[\x21-\x7e]*)?/gi;
const WARNING_NEAR = /假|骗|冒|仿|非官方|不是官方|均非/;


/** Hosts that are never someone else's query site: the page's own domain, .gov.cn, the platforms'. */
function excluded(host: string, pageDomain: string | null, platforms: readonly Platform[]): boolean {
  const domain = registrableDomainOf(host);
  if (domain === null || parse(host).isIcann !== true) return true;
  if (domain === pageDomain) return true;
  if (isGovCn(host)) return true;
  return agencyPlatformOf(host, platforms) !== null;
}

/** Other hosts the page describes as the place to check a certificate (in links or in its text). */
export function findAdvertisedSites(input: DetectorInput, text: string): AdvertisedSite[] {
  const { snapshot, platforms } = input;
  const pageHost = hostOf(snapshot.finalUrl) ?? hostOf(snapshot.url);
  const pageDomain = registrableDomainOf(pageHost);
  const describes = (s: string): boolean => DATA.queryWords.some((w) => s.includes(w));
  const found = new Map<string, AdvertisedSite>();
  for (const l of snapshot.links) {
    const host = hostOf(l.href);
    if (host === null || excluded(host, pageDomain, platforms) || !describes(l.text)) continue;
    if (!found.has(host)) found.set(host, { host, url: l.href, context: l.text, via: 'link', warned: WARNING_NEAR.test(l.text) });
  }
  const folded = foldWidth(text);
  for (const m of folded.matchAll(HOST_IN_TEXT)) {
    const host = (m[1] ?? '').toLowerCase();
    if (excluded(host, pageDomain, platforms)) continue;
    const before = folded.slice(Math.max(0, m.index - 40), m.index);
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (!describes(before) && !describes(after)) continue;
    const context = `${before}${m[0]}${after}`.replace(/\s+/g, ' ').trim();
    const warned = WARNING_NEAR.test(before.slice(-20)) || WARNING_NEAR.test(after.slice(0, 20));
    const prior = found.get(host);
    if (prior === undefined) found.set(host, { host, url: /^https?:\/\//i.test(m[0]) ? m[0] : null, context, via: 'text', warned });
    else if (prior.warned !== warned && warned) found.set(host, { ...prior, warned });
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------------
// Detector

/** Below this the finding is noise, not evidence. */
const MIN_REPORTED = 0.05;

function detect(input: DetectorInput): Signal[] {
  const { snapshot } = input;
  const host = hostOf(snapshot.finalUrl) ?? hostOf(snapshot.url) ?? snapshot.input;
  // The title is the loudest place for 免考包过: read it as the first line of the page.
  const texts = [snapshot.text, ...(snapshot.staticText && snapshot.staticText !== snapshot.text ? [snapshot.staticText] : [])].map(
    (t) => `${snapshot.title}\n${t}`,
  );
  const findings = texts.map((t) => ({ text: t, f: scoreSales(t) }));
  const best = findings.reduce((a, b) => (b.f.score > a.f.score ? b : a));
  const signals: Signal[] = [];
  const f = best.f;

  if (f.score >= MIN_REPORTED) {
    const words = [...new Set(f.terms.filter((t) => !t.quoted).map((t) => t.word))];
    const quoted = [...new Set(f.terms.filter((t) => t.quoted).map((t) => t.word))];
    const shown = words.length > 0 ? words : quoted;
    const kinds = [...new Set(f.pitchContacts.map((c) => c.kind))];
    signals.push({
      id: SALES_SIGNAL,
      score: f.score,
      ...(words.length === 0
        ? reason('sales.quotes-words', { host, words: list(shown.slice(0, 6)) })
        : kinds.length > 0
          ? reason('sales.offers-with-contact', { host, words: list(shown.slice(0, 6)), contacts: list(kinds) })
          : reason('sales.offers', { host, words: list(shown.slice(0, 6)) })),
      evidence: {
        terms: words,
        quotedTerms: quoted,
        contacts: f.contacts.map((c) => ({ kind: c.kind, value: c.value })),
        pitchContacts: f.pitchContacts.map((c) => ({ kind: c.kind, value: c.value })),
        condemnationWords: f.condemnation.words,
        condemnationCount: f.condemnation.count,
      },
    });
  }

  const sites = findAdvertisedSites(input, best.text);
  if (sites.length > 0) {
    const condemnFactor = (f.effective + 1) / (f.effective + 1 + f.condemnation.count);
    const strongWords = /官网可查|可查可验|自行核验|可查/;
    const scoreOf = (s: AdvertisedSite): number => {
      const base = strongWords.test(s.context) ? 0.4 : 0.3;
      // A seller pointing at a query site is the scheme itself; a page without sales words merely names one.
      const withSales = f.score >= 0.3 ? Math.max(base, 0.5 + 0.4 * f.score) : base;
      return withSales * (s.warned ? 0.3 : 1) * condemnFactor;
    };
    const ranked = [...sites].sort((a, b) => scoreOf(b) - scoreOf(a));
    const top = ranked[0] as AdvertisedSite;
    // Which platform the advertised site stands in for: the authority its words name (山东省应急管理厅查询入口).
    const platform = sectorNamedIn(top.context, input.platforms);
    signals.push({
      id: ADVERTISED_SIGNAL,
      ...(platform !== null ? { platform } : {}),
      // Always reported when a host is found, however weakly: the pipeline follows advertisedHosts.
      score: Math.max(0.01, Math.min(0.95, scoreOf(top))),
      ...reason('sales.advertised-query-site', { host, hosts: list(ranked.map((s) => s.host).slice(0, 4)), context: top.context.slice(0, 60) }),
      evidence: {
        advertisedHosts: ranked.map((s) => s.host),
        sites: ranked.map((s) => ({ host: s.host, url: s.url, via: s.via, context: s.context, warned: s.warned })),
      },
    });
  }
  return signals;
}

/** The sales detector: certificate-selling pages and the query sites they advertise. */
export const sales: Detector = {
  id: 'sales',
  describe: 'sells certificates (免考, 包过, 官网可查 with WeChat/QQ/mobile contacts) and advertises its own query sites',
  detect,
  views: { benign: [] },
};
