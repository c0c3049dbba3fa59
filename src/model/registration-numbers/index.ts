/**
 * The registration numbers a Chinese page shows, read as facts: the ICP filing (京ICP备18046060号-1), the ICP
 * licence (京ICP证030173号, 粤B2-20090059), the public-security filing (京公网安备11010202007999号) and the
 * government-site code (网站标识码bm73000001), each checked against the issuing bodies' own rules (data.json
 * names every source). Shared by the registration detector, the reports and the console, so all three read a
 * footer the same way. Where a number sits matters: a footer that repeats a number wears it, a sentence of an
 * article that quotes it does not, so every number records its position.
 */
import { message, type Message } from '../messages/index.js';
import { foldWidth } from '../text.js';
import rawData from './data.json' with { type: 'json' };

interface ProvinceRow {
  /** 四川省 */
  readonly name: string;
  /** GB/T 2260 first two digits: 51 */
  readonly code: string;
  /** The character MIIT writes before ICP备: 蜀 */
  readonly icp: string;
  /** The characters written before 公网安备: 川, 蜀 */
  readonly psb: readonly string[];
}

const DATA: { readonly provinces: readonly ProvinceRow[]; readonly footerKeywords: readonly string[] } = rawData;

/** The 31 provinces with their codes and abbreviations, as data.json gives them. */
export const PROVINCES: readonly ProvinceRow[] = DATA.provinces;
const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));
const BY_ICP = new Map(PROVINCES.map((p) => [p.icp, p]));
const BY_PSB = new Map(PROVINCES.flatMap((p) => p.psb.map((a) => [a, p] as const)));
/** Any abbreviation a province goes by (蜀 and 川 alike), to tell a wrong choice of character from no province. */
const BY_ANY = new Map([...BY_PSB, ...BY_ICP]);

/** The kinds of number a Chinese site footer carries. */
export type NumberKind = 'icp-filing' | 'icp-licence' | 'psb-filing' | 'gov-site-code';

/** Where on the page a number was found: the footer block, or a sentence of body prose. */
export type Position = 'footer' | 'body';

/** One registration number found on a page. */
export interface FoundNumber {
  readonly kind: NumberKind;
  /** As shown (after folding full-width characters). */
  readonly text: string;
  /** Canonical form, spaces removed: 京ICP备18046060号-1, 京公网安备11010202007999号, bm73000001. */
  readonly canonical: string;
  /** What identifies the filer: the ICP filing without its site suffix (-1), otherwise the canonical form. */
  readonly key: string;
  /** The province the number claims (四川省): from its abbreviation, or from a code's first two digits. */
  readonly province: string | null;
  readonly position: Position;
  readonly source: 'text' | 'staticText';
  /** What is wrong with its form, as messages; empty when it is well formed. */
  readonly issues: readonly Message[];
}

const CJK = /[\u4e00-\u9fff]/g;
const cjkCount = (s: string): number => s.match(CJK)?.length ?? 0;

/**
 * The sentence around a match: the text between the nearest sentence ends (。！？ or a line break). A
 * rendered page has line breaks; staticText is one line, so sentence ends are the only boundary there.
 */
function sentenceAround(text: string, start: number, end: number): { sentence: string; terminated: boolean } {
  let from = start;
  while (from > 0 && !/[。！？!?\n]/.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && !/[。！？!?\n]/.test(text[to] ?? '')) to++;
  return { sentence: text.slice(from, to), terminated: /[。！？!?]/.test(text[to] ?? '') };
}

/**
 * Footer or body: a number inside a sentence of prose (commas and many Chinese characters, or a full
 * stop) is quoted by the text; otherwise it is in the footer when it sits in the last 15% of the text
 * or beside a footer word (主办, 版权所有, 公网安备 …).
 */
export function positionOf(text: string, start: number, end: number): Position {
  const { sentence, terminated } = sentenceAround(text, start, end);
  const rest = sentence.replace(text.slice(start, end), '');
  const words = cjkCount(rest);
  const prose = (/[，；,]/.test(rest) && words >= 25) || (terminated && words >= 20);
  if (prose) return 'body';
  if (start >= text.length * 0.85) return 'footer';
  const near = text.slice(Math.max(0, start - 80), Math.min(text.length, end + 80));
  return DATA.footerKeywords.some((k) => near.includes(k)) ? 'footer' : 'body';
}

// Any Chinese character before ICP is captured so that a non-province character (中ICP备, 川ICP备) is caught.
const ICP_FILING = /([\u4e00-\u9fff])\s*ICP\s*[备備]\s*(\d+)\s*号?(?:\s*[-－—–]\s*(\d+))?/g;
const ICP_LICENCE = /([\u4e00-\u9fff])\s*ICP\s*[证證]\s*(?:[:：]\s*)?(\d+)\s*号?/g;
const VALUE_ADDED = /([\u4e00-\u9fff])\s*(B[12])\s*[-－—–]\s*(\d+)(?!\d)/g;
const PSB_FILING = /([\u4e00-\u9fff])\s*公网安备\s*(\d+)\s*号?/g;
const GOV_CODE_LABELLED = /标识码\s*[:：]?\s*((?:bm|BM)\d+|\d+)/g;
const GOV_CODE_BARE = /(?<![A-Za-z0-9])bm\d{8}(?!\d)/g;

interface RawMatch {
  readonly kind: NumberKind;
  readonly start: number;
  readonly end: number;
  readonly canonical: string;
  readonly key: string;
  readonly province: string | null;
  readonly issues: Message[];
}

/** The province an ICP (MIIT) abbreviation names; an issue when MIIT writes no such character. */
function icpProvince(abbr: string, issues: Message[]): ProvinceRow | null {
  const p = BY_ICP.get(abbr);
  if (p !== undefined) return p;
  const other = BY_ANY.get(abbr);
  // 川ICP备 names Sichuan but was never issued: MIIT writes 蜀. A forger who guessed the character gives himself away.
  if (other !== undefined) issues.push(message('number.not-miit-abbreviation', { abbr, province: other.name, icp: other.icp }));
  else issues.push(message('number.not-a-province', { abbr }));
  return other ?? null;
}

/** Every registration number in one text, validated; `year` is the capture year (a filing cannot postdate it). */
export function extractNumbers(text: string, year: number, source: FoundNumber['source'] = 'text'): FoundNumber[] {
  const folded = foldWidth(text);
  const raw: RawMatch[] = [];
  const yy = year % 100;

  for (const m of folded.matchAll(ICP_FILING)) {
    const [, abbr = '', digits = '', suffix] = m;
    const issues: Message[] = [];
    const province = icpProvince(abbr, issues);
    if (digits.length === 8) {
      const filed = Number(digits.slice(0, 2));
      if (filed > yy && filed < 50) issues.push(message('number.icp-year-after-capture', { year: `20${digits.slice(0, 2)}` }));
    } else if (digits.length === 10) {
      const filed = Number(digits.slice(0, 4));
      if (filed < 2019 || filed > year) issues.push(message('number.icp-year-impossible', { year: filed }));
    } else issues.push(message('number.icp-digits', { digits: digits.length }));
    if (suffix !== undefined && (/^0+$/.test(suffix) || suffix.length > 3)) issues.push(message('number.site-suffix', { suffix }));
    const base = `${abbr}ICP备${digits}号`;
    raw.push({ kind: 'icp-filing', start: m.index, end: m.index + m[0].length, canonical: suffix ? `${base}-${suffix}` : base, key: base, province: province?.name ?? null, issues });
  }
  for (const m of folded.matchAll(ICP_LICENCE)) {
    const [, abbr = '', digits = ''] = m;
    const issues: Message[] = [];
    const province = icpProvince(abbr, issues);
    if (digits.length !== 6) issues.push(message('number.licence-digits', { digits: digits.length }));
    const canonical = `${abbr}ICP证${digits}号`;
    raw.push({ kind: 'icp-licence', start: m.index, end: m.index + m[0].length, canonical, key: canonical, province: province?.name ?? null, issues });
  }
  for (const m of folded.matchAll(VALUE_ADDED)) {
    const [, abbr = '', cls = '', digits = ''] = m;
    // Only a province abbreviation makes this a licence number: other text may contain "B2-".
    const province = BY_ANY.get(abbr);
    if (province === undefined) continue;
    const issues: Message[] = [];
    if (digits.length !== 8) issues.push(message('number.value-added-digits', { cls, digits: digits.length }));
    else {
      const issued = Number(digits.slice(0, 4));
      if (issued < 1999 || issued > year) issues.push(message('number.value-added-year', { cls, year: issued }));
    }
    const canonical = `${abbr}${cls}-${digits}`;
    raw.push({ kind: 'icp-licence', start: m.index, end: m.index + m[0].length, canonical, key: canonical, province: province.name, issues });
  }
  for (const m of folded.matchAll(PSB_FILING)) {
    const [, abbr = '', digits = ''] = m;
    const issues: Message[] = [];
    const marked = BY_PSB.get(abbr) ?? null;
    if (marked === null) issues.push(message('number.not-a-province', { abbr }));
    if (digits.length !== 14) issues.push(message('number.psb-digits', { digits: digits.length }));
    const prefix = digits.slice(0, 2);
    const coded = BY_CODE.get(prefix);
    if (coded === undefined) issues.push(message('number.psb-code', { prefix }));
    else if (marked !== null && marked.code !== prefix) {
      issues.push(message('number.psb-province-mismatch', { prefix, codeProvince: coded.name, abbr, province: marked.name }));
    }
    const canonical = `${abbr}公网安备${digits}号`;
    raw.push({ kind: 'psb-filing', start: m.index, end: m.index + m[0].length, canonical, key: canonical, province: marked?.name ?? coded?.name ?? null, issues });
  }
  const codes = [...folded.matchAll(GOV_CODE_LABELLED)].map((m) => ({ m, value: m[1] ?? '' }));
  for (const m of folded.matchAll(GOV_CODE_BARE)) codes.push({ m, value: m[0] });
  for (const { m, value } of codes) {
    const code = value.toLowerCase();
    const start = m.index + m[0].length - value.length;
    if (raw.some((r) => r.kind === 'gov-site-code' && r.start === start)) continue;
    const issues: Message[] = [];
    let province: string | null = null;
    if (code.startsWith('bm')) {
      if (code.length !== 10) issues.push(message('number.site-code-bm-digits', { code, digits: code.length - 2 }));
    } else if (code.length !== 10) issues.push(message('number.site-code-digits', { code, digits: code.length }));
    else {
      province = BY_CODE.get(code.slice(0, 2))?.name ?? null;
      if (province === null) issues.push(message('number.site-code-prefix', { code, prefix: code.slice(0, 2) }));
    }
    raw.push({ kind: 'gov-site-code', start, end: start + value.length, canonical: code, key: code, province, issues });
  }

  const found = raw
    .sort((a, b) => a.start - b.start)
    .map((r): FoundNumber => ({
      kind: r.kind,
      text: folded.slice(r.start, r.end).trim(),
      canonical: r.canonical,
      key: r.key,
      province: r.province,
      position: positionOf(folded, r.start, r.end),
      source,
      issues: r.issues,
    }));
  return crossCheck(found);
}

/**
 * A footer's numbers describe one filer, so their provinces agree: an ICP filing from 京 beside a 公网安备
 * number of 粤 was assembled from two sites. Provinces are compared as provinces, so 蜀ICP备 beside
 * 川公网安备 agrees. Adds the issue to the later number.
 */
function crossCheck(found: FoundNumber[]): FoundNumber[] {
  const footer = found.filter((f) => f.position === 'footer');
  const icp = footer.find((f) => f.kind === 'icp-filing' && f.province !== null);
  if (icp === undefined) return found;
  return found.map((f) => {
    if (f.position !== 'footer' || f.province === null || f.province === icp.province) return f;
    if (f.kind !== 'psb-filing' && f.kind !== 'gov-site-code') return f;
    return { ...f, issues: [...f.issues, message('number.province-differs', { province: f.province, icpProvince: icp.province ?? '' })] };
  });
}
