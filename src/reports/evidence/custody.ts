/**
 * The people and the place of an extraction as the officer gives them (`evidence build --extractor …`, or
 * the console's logged-in user): checked once at the edge, then written into the signed manifest and the
 * PDF's 提取记录 and signature block.
 */
import { isIP } from 'node:net';
import type { Custody } from './manifest.js';

/** What the officer may say about the extraction; every field optional. */
export interface CustodyOptions {
  /** 提取人（侦查人员）; none given → the user who builds the packet. */
  readonly extractors?: readonly string[];
  /** 见证人 */
  readonly witnesses?: readonly string[];
  /** 提取单位 */
  readonly unit?: string | null;
  /** 提取地点 (an address); default: the unit's name. */
  readonly place?: string | null;
  /** 案由 */
  readonly caseCause?: string | null;
  /** 案件编号 */
  readonly caseNumber?: string | null;
  /** The public address the site sees the visit come from (the network's or the proxy's exit). */
  readonly exitIp?: string | null;
}

const MAX_TEXT = 200;

/**
 * Problems with the options, each a sentence naming the option (empty: fine). Text is printed on a PDF a
 * court reads: no control characters, bounded length; the exit address must be an IP address.
 */
export function custodyProblems(o: CustodyOptions, names: Readonly<Record<keyof CustodyOptions, string>>): string[] {
  const problems: string[] = [];
  const text = (key: keyof CustodyOptions, v: string | null | undefined): void => {
    if (v === null || v === undefined) return;
    if (v.trim() === '') problems.push(`${names[key]}: empty; give the text or leave the option out`);
    else if (v.length > MAX_TEXT) problems.push(`${names[key]}: ${v.length} characters; at most ${MAX_TEXT}`);
    else if (/[\u0000-\u001f\u007f]/.test(v)) problems.push(`${names[key]}: contains a control character; give plain text`);
  };
  for (const v of o.extractors ?? []) text('extractors', v);
  for (const v of o.witnesses ?? []) text('witnesses', v);
  text('unit', o.unit);
  text('place', o.place);
  text('caseCause', o.caseCause);
  text('caseNumber', o.caseNumber);
  if (o.exitIp !== null && o.exitIp !== undefined && isIP(o.exitIp.trim()) === 0) {
    problems.push(`${names.exitIp} ${o.exitIp}: not an IP address; give the public address the site sees (e.g. 203.0.113.7)`);
  }
  return problems;
}

const clean = (v: string | null | undefined): string | null => (v === null || v === undefined || v.trim() === '' ? null : v.trim());

/** The manifest's custody record: the given people, else `actor` as the one 提取人. */
export function custodyRecord(o: CustodyOptions, actor: string): Custody {
  const extractors = (o.extractors ?? []).map((v) => v.trim()).filter(Boolean);
  return {
    caseCause: clean(o.caseCause),
    caseNumber: clean(o.caseNumber),
    unit: clean(o.unit),
    extractors: extractors.length ? extractors : [actor],
    witnesses: (o.witnesses ?? []).map((v) => v.trim()).filter(Boolean),
  };
}

/** 提取地点 in words: the place given, else the unit; null when the officer gave neither. */
export function placeOf(o: CustodyOptions): string | null {
  return clean(o.place) ?? clean(o.unit);
}

/** The exit address as given, trimmed; null when not given. */
export function exitIpOf(o: CustodyOptions): string | null {
  return clean(o.exitIp);
}
