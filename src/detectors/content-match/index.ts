/**
 * content-match: does the page say what an official platform says, and ask for what it asks for?
 * Three counterfeit signals — the reference's title/text reproduced (`content.copy`), a certificate-query
 * form shaped like the platforms' (`content.query-form`), the platform's phrases (`content.phrases`) —
 * and one benign one: a long article that merely talks about the platform and links to it (`content.article`).
 *
 * Chinese has no spaces, so text is cut into character bigrams on CJK runs and into words on ASCII runs;
 * the same shingles serve titles and bodies. Phrases and form roles live in data.json beside this file.
 */
import type { FormField, FormInfo, PageSnapshot } from '../../model/snapshot.js';
import type { Platform, PlatformId } from '../../model/platform.js';
import { findAdvertisedSites, scoreSales } from '../sales/index.js';
import type { Detector, DetectorInput } from '../types.js';
import type { Reference } from '../../model/reference.js';
import type { Signal } from '../../model/signal.js';
import { list, reason } from '../reason.js';
import rawData from './data.json' with { type: 'json' };
import { hostOf } from '../../model/host.js';
import { isOfficialHost } from '../../model/platform.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const COPY_SIGNAL = 'content.copy';
export const FORM_SIGNAL = 'content.query-form';
export const PHRASES_SIGNAL = 'content.phrases';
/** Benign evidence: proposed with a negative weight. */
export const ARTICLE_SIGNAL = 'content.article';
/** Benign evidence: a parking page (the name is for sale), no content of its own. */
export const PARKED_SIGNAL = 'content.parked';
/** Benign evidence: a query of the page's own records that says it is not the state certificate's and sends readers there. */
export const OWN_QUERY_SIGNAL = 'content.own-query';

type Role = 'idNumber' | 'name' | 'captcha' | 'certType';
interface Matcher {
  readonly names: readonly string[];
  readonly words: readonly string[];
}
interface ContentData {
  readonly roles: Readonly<Record<Role, Matcher>>;
  readonly extra: Matcher;
  readonly queryWords: readonly string[];
  readonly parkedWords: readonly string[];
  readonly ownQuery: { readonly scope: readonly string[]; readonly records: readonly string[]; readonly denials: readonly string[]; readonly denied: readonly string[] };
}
const DATA: ContentData = rawData;
const ROLES: readonly Role[] = ['idNumber', 'name', 'captcha', 'certType'];

const SENTENCE_END = /[。！？!?]/u;
/** A line of running prose: long, with clause punctuation and a sentence end (not a heading, label or menu). */
const isProseLine = (line: string): boolean => [...line].length >= 40 && /[，,、；]/u.test(line) && SENTENCE_END.test(line);

/** Below this a finding is noise: no signal. */
const MIN_REPORTED = 0.15;

// ---------------------------------------------------------------------------------------------------
// Text shingles

/** NFKC (full-width → ASCII, compatibility ideographs folded), lower case, one space for any run of space. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const TOKEN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/gu;

/**
 * Shingles of a text: character bigrams inside each CJK run (a lone character counts as itself), and
 * ASCII words of two or more letters. Punctuation and spaces separate runs, so no shingle crosses them.
 */
export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalise(text).matchAll(TOKEN)) {
    const run = m[0];
    if (CJK.test(run)) {
      const chars = [...run];
      if (chars.length === 1) out.add(run);
      for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
    } else if (run.length >= 2) {
      out.add(run);
    }
  }
  return out;
}

function intersectionSize(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const s of small) if (large.has(s)) n++;
  return n;
}

/** |a ∩ b| / |a ∪ b|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const inter = intersectionSize(a, b);
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** How much of `part` lies inside `whole`: |part ∩ whole| / |part|; 0 when `part` is empty. */
export function containment(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  return part.size === 0 ? 0 : intersectionSize(part, whole) / part.size;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

// ---------------------------------------------------------------------------------------------------
// content.copy

/** How closely the page reproduces one reference's title and text. */
export interface CopyMeasure {
  readonly platform: PlatformId;
  readonly score: number;
  readonly titleJaccard: number;
  readonly titleContainment: number;
  /** Share of the reference's text shingles the page has. */
  readonly textContainment: number;
  /** Share of the page's text shingles that come from the reference (low for a long article). */
  readonly textPrecision: number;
}

/**
 * Compares a page with one reference. The title counts by the better of Jaccard and containment (a copy
 * may add a suffix); the text by containment, damped when most of the page is not from the reference, so
 * a long article quoting the platform does not read as a copy of it.
 */
export function compareWithReference(page: PageSnapshot, ref: Reference): CopyMeasure {
  const pt = shingles(page.title);
  const rt = shingles(ref.snapshot.title);
  const px = shingles(page.text);
  const rx = shingles(ref.snapshot.text);
  const titleJaccard = jaccard(pt, rt);
  // Containment only counts when the page title is not much longer: "…信息查询平台上线_新闻网" is a headline.
  const titleContainment = pt.size <= rt.size * 1.5 ? containment(rt, pt) : 0;
  const title = Math.max(titleJaccard, titleContainment);
  const textContainment = containment(rx, px);
  const textPrecision = containment(px, rx);
  // A copy with some extra text (ads, a contact line) keeps most of its score; an article with 5% of its
  // shingles from the reference keeps about a third.
  const text = rx.size < 8 ? 0 : textContainment * Math.min(1, Math.sqrt(textPrecision / 0.5));
  const score = clamp01(Math.max(0.6 * title, 0.35 * title + 0.65 * text));
  return {
    platform: ref.platform,
    score: round(score),
    titleJaccard: round(titleJaccard),
    titleContainment: round(titleContainment),
    textContainment: round(textContainment),
    textPrecision: round(textPrecision),
  };
}

function copySignal(page: PageSnapshot, refs: readonly Reference[]): Signal | null {
  let best: CopyMeasure | null = null;
  for (const r of refs) {
    const m = compareWithReference(page, r);
    if (best === null || m.score > best.score) best = m;
  }
  if (best === null || best.score < MIN_REPORTED) return null;
  return {
    id: COPY_SIGNAL,
    score: best.score,
    platform: best.platform,
    ...reason('content.copy', {
      platform: best.platform,
      title: Math.round(100 * Math.max(best.titleJaccard, best.titleContainment)),
      text: Math.round(100 * best.textContainment),
    }),
    evidence: { ...best, title: page.title },
  };
}

// ---------------------------------------------------------------------------------------------------
// content.query-form

function matches(f: FormField, m: Matcher): boolean {
  const ids = [f.name, f.id].filter((s): s is string => s !== null).map((s) => normalise(s).replace(/[-_\s]/g, ''));
  if (ids.some((s) => m.names.includes(s))) return true;
  const texts = [f.label, f.placeholder].filter((s): s is string => s !== null).map(normalise);
  const words = m.words.map(normalise);
  if (texts.some((t) => words.some((w) => t.includes(w)))) return true;
  // Long ASCII words (idcard, captcha) may sit inside a longer name: txtIdCard, captcha_img.
  return ids.some((s) => words.some((w) => /^[a-z]{4,}$/.test(w) && s.includes(w)));
}

const VISIBLE_INPUT = (f: FormField): boolean =>
  (f.tag === 'input' && !['hidden', 'submit', 'button', 'image', 'reset', 'checkbox', 'radio'].includes(f.type)) ||
  f.tag === 'select' ||
  f.tag === 'textarea';
const SUBMIT = (f: FormField): boolean => f.tag === 'button' || ['submit', 'button', 'image'].includes(f.type);

/** The shape of one form: which query roles its fields play, and what does not belong. */
export interface FormShape {
  readonly roles: readonly Role[];
  readonly submit: boolean;
  readonly extras: readonly string[];
  readonly password: boolean;
  readonly fieldNames: readonly string[];
  /** 0..1: how much this form looks like a certificate query. */
  readonly score: number;
}

/** Reads a form's shape. `queryText`: the page says 查询 somewhere (a submit button's text is not captured). */
export function formShape(form: FormInfo, queryText: boolean): FormShape {
  const roles = new Set<Role>();
  const extras: string[] = [];
  let password = false;
  for (const f of form.fields) {
    if (f.type === 'password') password = true;
    if (!VISIBLE_INPUT(f)) continue;
    const role = ROLES.find((r) => matches(f, DATA.roles[r]));
    if (role !== undefined) roles.add(role);
    else if (matches(f, DATA.extra) || f.tag === 'textarea') extras.push(f.name ?? f.id ?? f.label ?? f.type);
  }
  const submit = form.fields.some(SUBMIT);
  const fieldNames = form.fields.filter(VISIBLE_INPUT).map((f) => normalise(f.name ?? f.id ?? '')).filter(Boolean);
  // The ID number is what a certificate query asks for; the name and captcha complete the official shape.
  let score = 0;
  if (roles.has('idNumber')) {
    score = 0.5 + (roles.has('name') ? 0.2 : 0) + (roles.has('captcha') ? 0.1 : 0) + (roles.has('certType') ? 0.05 : 0);
    score += submit && queryText ? 0.1 : 0;
  } else if (roles.has('name') && roles.has('captcha')) {
    score = 0.25;
  }
  // A registration, login or shop form asks for more than a query does.
  if (password) score *= 0.3;
  score *= Math.pow(0.6, Math.min(3, extras.length));
  return { roles: [...roles], submit, extras, password, fieldNames, score: round(clamp01(score)) };
}

function formSignal(
  page: PageSnapshot,
  refs: readonly Reference[],
  phrasePlatform: PlatformId | null,
): Signal | null {
  const queryText = DATA.queryWords.some((w) => page.text.includes(w) || page.title.includes(w));
  let best: FormShape | null = null;
  for (const f of page.forms) {
    const s = formShape(f, queryText);
    if (best === null || s.score > best.score) best = s;
  }
  if (best === null || best.score < MIN_REPORTED) return null;
  // The same field names as a reference's form (zjhm, xm, yzm) point at that platform and remove doubt.
  let platform: PlatformId | null = phrasePlatform;
  let sameNames = 0;
  for (const r of refs) {
    for (const rf of r.snapshot.forms) {
      const rn = new Set(rf.fields.filter(VISIBLE_INPUT).map((x) => normalise(x.name ?? x.id ?? '')).filter(Boolean));
      if (rn.size === 0) continue;
      const share = containment(rn, new Set(best.fieldNames));
      // Half the names at least: one shared generic name (idcard) says nothing about which platform.
      if (share >= 0.5 && share > sameNames) {
        sameNames = share;
        platform = r.platform;
      }
    }
  }
  const score = round(clamp01(best.score + (best.score >= 0.5 ? 0.25 * sameNames : 0)));
  return {
    id: FORM_SIGNAL,
    score,
    platform,
    ...reason(best.extras.length > 0 ? 'content.query-form-extras' : sameNames > 0 ? 'content.query-form-same-names' : 'content.query-form', {
      roles: list(best.roles),
      share: Math.round(100 * sameNames),
      platform: platform ?? '',
      extras: list(best.extras),
    }),
    evidence: { ...best, referenceFieldNameShare: round(sameNames) },
  };
}

// ---------------------------------------------------------------------------------------------------
// content.phrases

/** Phrases of one platform present in the page. */
export interface PhraseMatch {
  readonly platform: PlatformId;
  readonly inTitle: readonly string[];
  readonly inText: readonly string[];
  readonly score: number;
}

/**
 * Which of each platform's phrases the page shows. The title counts double (it is what a search shows);
 * a phrase found only inside prose sentences counts half, since that is how articles mention a platform.
 */
export function phraseMatches(page: PageSnapshot, platforms: readonly Platform[]): PhraseMatch[] {
  const title = normalise(page.title);
  const lines = page.text.split(/\n+/);
  const fieldText = page.forms.flatMap((f) => f.fields.map((x) => `${x.label ?? ''} ${x.placeholder ?? ''}`)).join(' ');
  const body = normalise(`${page.text} ${fieldText}`);
  const outsideProse = normalise(`${lines.filter((l) => !isProseLine(l.trim())).join('\n')} ${fieldText}`);
  return platforms.map((p) => {
    const phrases = p.phrases.map(normalise);
    const inTitle = phrases.filter((w) => title.includes(w));
    const inText = phrases.filter((w) => body.includes(w));
    const weight = (w: string): number => (inTitle.includes(w) || outsideProse.includes(w) ? 1 : 0.5);
    const present = [...new Set([...inTitle, ...inText])].reduce((n, w) => n + weight(w), 0);
    const score = phrases.length === 0 ? 0 : clamp01((present + inTitle.length) / Math.max(3, phrases.length));
    return { platform: p.id, inTitle, inText, score: round(score) };
  });
}

function phrasesSignal(best: PhraseMatch | null): Signal | null {
  if (best === null || best.score < MIN_REPORTED) return null;
  const all = [...new Set([...best.inTitle, ...best.inText])];
  return {
    id: PHRASES_SIGNAL,
    score: best.score,
    platform: best.platform,
    ...reason(best.inTitle.length > 0 ? 'content.phrases-title' : 'content.phrases', {
      count: all.length,
      platform: best.platform,
      phrases: list(all),
      inTitle: best.inTitle.length,
    }),
    evidence: { ...best },
  };
}

// ---------------------------------------------------------------------------------------------------
// content.article (benign)



/** What makes a page read as an article about a platform rather than a copy of it. */
export interface ArticleMeasure {
  readonly score: number;
  readonly chars: number;
  readonly proseLines: number;
  readonly proseShare: number;
  readonly outboundLinks: number;
  readonly officialLinks: readonly string[];
  /** Share of the platform phrases found that sit only inside prose lines. */
  readonly phrasesInProse: number;
  readonly queryForm: number;
  /** How strongly the page pitches certificates with a contact to buy them from (the sales detector's score; 0 without a contact). */
  readonly salesPitch: number;
}

/**
 * Scores article-likeness: lots of prose, phrases only inside sentences, links out (to the official host
 * above all), no query form and no sales pitch. The form score damps it, so a copy that pads itself with
 * prose and a link to the real platform does not buy a discount; so does a pitch of certificates with a
 * WeChat/QQ/phone to buy from, so an advertorial (软文) written like news does not either — reporting quotes
 * or condemns such offers, which the sales score already reads as no pitch.
 */
export function articleMeasure(page: PageSnapshot, platforms: readonly Platform[], queryForm: number, salesPitch = 0): ArticleMeasure {
  const lines = page.text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const chars = [...page.text.replace(/\s+/g, '')].length;
  const prose = lines.filter(isProseLine);
  const proseChars = prose.reduce((n, l) => n + [...l].length, 0);
  const proseShare = chars === 0 ? 0 : proseChars / chars;
  const own = hostOf(page.finalUrl);
  const outbound = page.links.filter((l) => {
    const h = hostOf(l.href);
    return h !== null && h !== own && /^https?:/.test(l.href);
  });
  const officialLinks = [
    ...new Set(
      outbound
        .map((l) => hostOf(l.href) ?? '')
        .filter((h) => isOfficialHost(h, platforms)),
    ),
  ];
  const phrases = [...new Set(platforms.flatMap((p) => p.phrases.map(normalise)))];
  const nonProse = normalise(lines.filter((l) => !isProseLine(l)).join('\n'));
  const proseText = normalise(prose.join('\n'));
  const found = phrases.filter((w) => proseText.includes(w) || nonProse.includes(w));
  const onlyInProse = found.filter((w) => !nonProse.includes(w) && !normalise(page.title).includes(w));
  const phrasesInProse = found.length === 0 ? 1 : onlyInProse.length / found.length;

  const length = clamp01((chars - 150) / 850);
  const proseScore = clamp01(prose.length / 4) * clamp01(proseShare / 0.5);
  const links = clamp01(outbound.length / 8);
  const score =
    (0.3 * proseScore + 0.2 * length + 0.2 * (officialLinks.length > 0 ? 1 : 0) + 0.1 * links + 0.2 * phrasesInProse) *
    (1 - queryForm) *
    (1 - salesPitch);
  return {
    score: round(clamp01(score)),
    chars,
    proseLines: prose.length,
    proseShare: round(proseShare),
    outboundLinks: outbound.length,
    officialLinks,
    phrasesInProse: round(phrasesInProse),
    queryForm,
    salesPitch: round(salesPitch),
  };
}

/** Below this an article reading is too weak to discount anything. */
const MIN_ARTICLE = 0.35;

function articleSignal(input: DetectorInput, page: PageSnapshot, platforms: readonly Platform[], queryForm: number, mentions: boolean): Signal | null {
  // Only a page that talks about a platform needs the benign reading; a recipe blog gets nothing.
  if (!mentions) return null;
  // An article sends its readers to the official platform. A page that sends them to check their certificate at
  // another site (not named as a fake) is that site's advertisement, however it is written.
  if (findAdvertisedSites(input, `${page.title}\n${page.text}`).some((a) => !a.warned)) return null;
  const sales = scoreSales(`${page.title}\n${page.text}`);
  const m = articleMeasure(page, platforms, queryForm, sales.pitchContacts.length > 0 ? sales.score : 0);
  if (m.score < MIN_ARTICLE) return null;
  return {
    id: ARTICLE_SIGNAL,
    score: m.score,
    platform: null,
    ...reason(m.officialLinks.length > 0 ? 'content.article-official' : 'content.article', {
      chars: m.chars,
      paragraphs: m.proseLines,
      links: m.outboundLinks,
      official: list(m.officialLinks),
      share: Math.round(100 * m.phrasesInProse),
    }),
    evidence: { ...m },
  };
}

// ---------------------------------------------------------------------------------------------------

/**
 * The snapshot with the OCR of its header band (snapshot.ocrText) added as heading lines, so an agency
 * name or platform title drawn as a picture counts for phrases like the same words set in text. Only
 * OCR lines the text does not already hold are added: a heading in text is not counted twice.
 */
export function withOcrHeadings(page: PageSnapshot): PageSnapshot {
  const ocr = page.ocrText;
  if (!ocr) return page;
  const compact = (t: string): string => normalise(t).replace(/\s+/g, '');
  const have = compact(page.text);
  const lines = ocr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => [...l].filter((c) => CJK.test(c)).length >= 2 && !have.includes(compact(l)));
  if (lines.length === 0) return page;
  return { ...page, text: `${lines.join('\n')}\n${page.text}` };
}

// ---------------------------------------------------------------------------------------------------
// content.parked (benign)

/** Beyond this much visible text a page has content of its own, whatever it says about selling its name. */
const PARKED_MAX_CHARS = 400;

/**
 * A parking page: the registrar's or a domainer's notice that the name is for sale (or parked), with no query
 * form and little text of its own (a parking service's "related searches" are links, not a page). A look-alike
 * name held for sale is a name, not a counterfeit: it is kept from an analyst's queue until it shows something.
 */
export function parkedMeasure(page: PageSnapshot, queryForm: number): { score: number; words: string[]; chars: number } {
  const text = `${page.title}\n${page.text}`;
  const low = text.toLowerCase();
  const words = DATA.parkedWords.filter((w) => low.includes(w.toLowerCase()));
  const linkText = page.links.map((l) => l.text).join('');
  const chars = Math.max(0, [...page.text.replace(/\s+/g, '')].length - [...linkText.replace(/\s+/g, '')].length);
  if (words.length === 0 || queryForm >= MIN_REPORTED || chars > PARKED_MAX_CHARS) return { score: 0, words, chars };
  return { score: round(Math.min(1, 0.6 + 0.2 * (words.length - 1))), words, chars };
}

function parkedSignal(page: PageSnapshot, queryForm: number): Signal | null {
  const m = parkedMeasure(page, queryForm);
  if (m.score === 0) return null;
  return { id: PARKED_SIGNAL, score: m.score, platform: null, ...reason('content.parked', { words: list(m.words.slice(0, 4)), chars: m.chars }), evidence: { ...m } };
}

// ---------------------------------------------------------------------------------------------------
// content.own-query (benign)

/** How far (characters, one clause or sentence) a scope word may stand from its records, a denial from what it denies. */
const OWN_QUERY_REACH = 15;

/** The first `a … b` in the text with b within reach after a, in one sentence (and, when given, nothing `without` between). */
function phraseIn(text: string, as: readonly string[], bs: readonly string[], without?: RegExp): string | null {
  for (const a of as) {
    for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) {
      const tail = text.slice(at + a.length, at + a.length + OWN_QUERY_REACH);
      for (const b of bs) {
        const k = tail.indexOf(b);
        const between = k < 0 ? '' : tail.slice(0, k);
        if (k >= 0 && !/[。！？!?\n]/u.test(between) && !(without?.test(between + b) ?? false)) return `${a}${between}${b}`;
      }
    }
  }
  return null;
}

/**
 * A school's, association's or company's own query (training papers, exam scores, study hours, members' cards):
 * it says whose records it holds (本校学员, 本协会组织的培训), that they are not the state certificate or its query
 * (不是特种作业操作证, 不能代替证书查询), and names the official platform as the place to check. A counterfeit never
 * says it: its whole purpose is to pass for the platform. Read only on a page with a query form of its own.
 */
export function ownQueryMeasure(page: PageSnapshot, platforms: readonly Platform[], queryForm: number): { scope: string; denial: string; official: string[] } | null {
  if (queryForm < MIN_REPORTED) return null;
  const text = normalise(`${page.title}\n${page.text}`).replace(/ (?=[^a-z0-9])|(?<=[^a-z0-9]) /gu, '');
  const { scope: scopes, records, denials, denied } = DATA.ownQuery;
  const scope = phraseIn(text, scopes, records);
  const denial = phraseIn(text, denials, denied, /假/u);
  const official = platforms.flatMap((p) => p.officialHosts).filter((h) => text.includes(h));
  if (scope === null || denial === null || official.length === 0) return null;
  return { scope, denial, official };
}

function ownQuerySignal(page: PageSnapshot, platforms: readonly Platform[], queryForm: number): Signal | null {
  const m = ownQueryMeasure(page, platforms, queryForm);
  if (m === null) return null;
  return { id: OWN_QUERY_SIGNAL, score: 1, platform: null, ...reason('content.own-query', { scope: m.scope, denial: m.denial, official: list(m.official) }), evidence: { ...m } };
}

/** Runs every content comparison on one snapshot. */
export function detectContent(input: DetectorInput): Signal[] {
  const page = input.snapshot;
  // Phrases and the query wording also read the header drawn as an image; the copy and article measures
  // compare the page's own text with the references' and stay as they were.
  const headed = withOcrHeadings(page);
  const phrases = phraseMatches(headed, input.platforms);
  const bestPhrases = phrases.reduce<PhraseMatch | null>((b, m) => (b === null || m.score > b.score ? m : b), null);
  const copy = copySignal(page, input.references);
  const form = formSignal(headed, input.references, bestPhrases !== null && bestPhrases.score > 0 ? bestPhrases.platform : null);
  const phraseSig = phrasesSignal(bestPhrases);
  const article = articleSignal(input, page, input.platforms, form?.score ?? 0, (bestPhrases?.score ?? 0) > 0);
  const parked = parkedSignal(page, form?.score ?? 0);
  const own = ownQuerySignal(page, input.platforms, form?.score ?? 0);
  return [copy, form, phraseSig, article, parked, own].filter((s): s is Signal => s !== null);
}

/** The content-match detector: title, text and form compared with the official references and phrases. */
export const contentMatch: Detector = {
  id: 'content-match',
  describe: 'title, text and query form compared with the official platforms (copied text, query-form shape, phrases, article reading)',
  detect: detectContent,
  views: { benign: [ARTICLE_SIGNAL, PARKED_SIGNAL, OWN_QUERY_SIGNAL] },
};
