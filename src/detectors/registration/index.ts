/**
 * registration: reads the registration numbers a page shows — the ICP filing (京ICP备18046060号-1), the
 * ICP licence (京ICP证030173号, 粤B2-20090059), the public-security filing (京公网安备11010202007999号) and
 * the government-site code (网站标识码bm73000001) — and turns them into evidence:
 *
 * - `registration.number-copied`: an official platform's number shown on a host that is not that platform's;
 * - `registration.gov-claim`: the page names a government organisation as its owner outside .gov.cn;
 * - `registration.malformed`: a number whose format or province does not hold together;
 * - `registration.missing`: a certificate-query page with no ICP number at all.
 *
 * Where a number sits matters: a footer that repeats the official number is a copy, while a news article
 * that quotes the number in a sentence about fake sites is not. So every finding records its position
 * (footer or body prose) and body findings count far less.
 */
import type { Platform, PlatformId } from '../../model/platform.js';
import { foldWidth } from '../text.js';
import { extractNumbers, positionOf, type FoundNumber, type NumberKind, type Position } from '../../model/registration-numbers/index.js';
import type { Detector, DetectorData, DetectorInput } from '../types.js';
import type { Reference } from '../../model/reference.js';
import type { Signal } from '../../model/signal.js';
import { list, reason } from '../reason.js';
import rawData from './data.json' with { type: 'json' };
import { hostOf, isGovCn } from '../../model/host.js';
import { agencyPlatformOf } from '../../model/platform.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const COPIED_SIGNAL = 'registration.number-copied';
export const GOV_CLAIM_SIGNAL = 'registration.gov-claim';
export const MALFORMED_SIGNAL = 'registration.malformed';
export const MISSING_SIGNAL = 'registration.missing';

const DATA: DetectorData<typeof rawData> = rawData;

// The numbers themselves are read by the shared fact reader (model/registration-numbers), which reports and
// the console use too; re-exported for this detector's callers and tests.
export { extractNumbers, positionOf, type FoundNumber, type NumberKind, type Position };
export { foldWidth };

// ---------------------------------------------------------------------------------------------------
// Hosts



// ---------------------------------------------------------------------------------------------------
// Signals

/** The numbers each platform owns, keyed by filer key: from platforms.json and the references' footers. */
export function officialNumbers(platforms: readonly Platform[], references: readonly Reference[], year: number): Map<string, PlatformId> {
  const owned = new Map<string, PlatformId>();
  for (const p of platforms) {
    for (const n of p.registrationNumbers) for (const f of extractNumbers(n, year)) owned.set(f.key, p.id);
  }
  for (const r of references) {
    // Only footer numbers: a reference page may quote someone else's number in its notices.
    for (const f of extractNumbers(r.snapshot.text, year)) if (f.position === 'footer' && f.issues.length === 0) owned.set(f.key, r.platform);
  }
  return owned;
}

const COPY_STRENGTH: Readonly<Record<NumberKind, number>> = {
  'icp-filing': 0.95,
  'icp-licence': 0.9,
  'psb-filing': 0.9,
  'gov-site-code': 0.85,
};

function copiedSignal(found: readonly FoundNumber[], owned: ReadonlyMap<string, PlatformId>, host: string): Signal | null {
  const copies = found.filter((f) => owned.has(f.key));
  if (copies.length === 0) return null;
  // A page with its own, different ICP filing in the footer is quoting the official number, not wearing it.
  const ownFooterIcp = found.some((f) => f.kind === 'icp-filing' && f.position === 'footer' && !owned.has(f.key));
  const bodyFactor = ownFooterIcp ? 0.12 : 0.3;
  const strengthOf = (f: FoundNumber): number => COPY_STRENGTH[f.kind] * (f.position === 'footer' ? 1 : bodyFactor);
  const ranked = [...copies].sort((a, b) => strengthOf(b) - strengthOf(a));
  const best = ranked[0] as FoundNumber;
  const distinct = new Set(copies.map((c) => c.key)).size;
  let score = Math.min(0.99, strengthOf(best) + 0.02 * (distinct - 1));
  // Another government site quoting a ministry's number is not hiding behind it.
  if (isGovCn(host)) score *= 0.4;
  const votes = new Map<PlatformId, number>();
  for (const c of copies) {
    const p = owned.get(c.key) as PlatformId;
    votes.set(p, (votes.get(p) ?? 0) + strengthOf(c));
  }
  const platform = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return {
    id: COPIED_SIGNAL,
    score,
    platform,
    ...reason(distinct > 1 ? 'registration.number-copied-many' : 'registration.number-copied', {
      host,
      platform: platform ?? '',
      number: best.text,
      position: best.position,
      count: distinct,
    }),
    evidence: {
      copied: ranked.map((c) => ({ kind: c.kind, number: c.canonical, platform: owned.get(c.key), position: c.position, source: c.source })),
      ownFooterIcp,
    },
  };
}

/** A government organisation claimed as owner, with where the claim was made. */
export interface GovClaim {
  readonly kind: 'organisation' | 'site-code' | 'party-government-badge';
  readonly text: string;
  /** 'header-image': read by OCR from the header band of the screenshot (a masthead drawn as a picture). */
  readonly position: Position | 'header-image';
}

/** Whether a name reads as a government body (…部, …厅, 中华人民共和国…) rather than a company or school. */
export function isGovOrganisation(name: string): boolean {
  if (DATA.nonGovMarkers.some((w) => name.includes(w))) return false;
  if (DATA.govOrgMarkers.some((w) => name.includes(w))) return true;
  return DATA.govOrgSuffixes.some((s) => name.endsWith(s)) && name.length >= 3;
}

const STOP = DATA.orgStopWords.join('|');
const ORG_LABELLED = new RegExp(
  `(?:${DATA.orgLabels.join('|')})\\s*[:：]\\s*([\\u4e00-\\u9fff（）()]{2,40}?)(?=${STOP}|[^\\u4e00-\\u9fff（）()]|$)`,
  'g',
);
const ORG_COPYRIGHT = new RegExp(
  `版权所有\\s*[:：]?\\s*(?:©|\\(c\\)|copyright)?\\s*(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?)?\\s*([\\u4e00-\\u9fff（）()]{2,40}?)(?=${STOP}|[^\\u4e00-\\u9fff（）()]|$)`,
  'gi',
);

function govClaims(text: string, found: readonly FoundNumber[]): GovClaim[] {
  const folded = foldWidth(text);
  const claims: GovClaim[] = [];
  for (const re of [ORG_LABELLED, ORG_COPYRIGHT]) {
    for (const m of folded.matchAll(re)) {
      const name = m[1] ?? '';
      if (!isGovOrganisation(name)) continue;
      const start = m.index + m[0].length - name.length;
      claims.push({ kind: 'organisation', text: name, position: positionOf(folded, start, start + name.length) });
    }
  }
  for (const m of folded.matchAll(/党政机关/g)) {
    claims.push({ kind: 'party-government-badge', text: '党政机关', position: positionOf(folded, m.index, m.index + 4) });
  }
  for (const f of found) if (f.kind === 'gov-site-code') claims.push({ kind: 'site-code', text: f.canonical, position: f.position });
  return claims.filter((c) => c.position === 'footer');
}

/** A state body's full name as a masthead sets it: 中华人民共和国…部, 国家…总局, …省…厅. */
const MASTHEAD_ORG =
  /(中华人民共和国[\u4e00-\u9fff]{2,12}?(?:部|委员会|总局|局|署)|国家[\u4e00-\u9fff]{2,10}?(?:总局|局|委员会)|[\u4e00-\u9fff]{2,6}(?:省|市|自治区)[\u4e00-\u9fff]{2,12}?(?:厅|局|委员会))/u;

/**
 * Government organisations named by the page's masthead, from the OCR of the header band
 * (snapshot.ocrText): a line that is one organisation's name and little else. A sentence or slogan that
 * mentions a ministry (考试由应急管理部统一组织…) is not a masthead and does not count.
 */
export function ocrGovClaims(ocrText: string | null | undefined): GovClaim[] {
  if (!ocrText) return [];
  const claims: GovClaim[] = [];
  for (const raw of ocrText.split('\n')) {
    // OCR scatters stray marks and Latin letters around a banner; only the Han characters are the name.
    const line = foldWidth(raw).replace(/[^\u4e00-\u9fff]/gu, '');
    const name = MASTHEAD_ORG.exec(line)?.[1];
    if (name === undefined || line.length > name.length + 3 || !isGovOrganisation(name)) continue;
    claims.push({ kind: 'organisation', text: name, position: 'header-image' });
  }
  return claims;
}

/** The platform whose agency an organisation name names (应急管理部 in 中华人民共和国应急管理部), or null. */
function platformOfAgency(name: string, platforms: readonly Platform[]): PlatformId | null {
  const core = (s: string): string => s.replace(/^中华人民共和国/, '').replace(/^国家/, '');
  return platforms.find((p) => name.includes(core(p.agency)) || core(p.agency).includes(core(name)))?.id ?? null;
}

function govClaimSignal(claims: readonly GovClaim[], host: string, platforms: readonly Platform[]): Signal | null {
  if (claims.length === 0) return null;
  const orgs = [...new Set(claims.filter((c) => c.kind === 'organisation').map((c) => c.text))];
  const hasCode = claims.some((c) => c.kind === 'site-code');
  const hasBadge = claims.some((c) => c.kind === 'party-government-badge');
  let score = orgs.length > 0 ? 0.7 : hasCode ? 0.6 : 0.5;
  if (orgs.length > 0 && hasCode) score += 0.1;
  if (hasBadge && (orgs.length > 0 || hasCode)) score += 0.1;
  // A masthead alone (no 主办 label in the footer) is a slightly weaker claim of ownership.
  const imageOnly = claims.every((c) => c.position === 'header-image');
  if (imageOnly) score = 0.6;
  const platform = orgs.map((o) => platformOfAgency(o, platforms)).find((p) => p !== null) ?? null;
  const said =
    orgs.length > 0
      ? imageOnly
        ? reason('registration.gov-claim-masthead', { host, organisations: list(orgs) })
        : reason('registration.gov-claim', { host, organisations: list(orgs) })
      : hasCode
        ? reason('registration.gov-claim-site-code', { host })
        : reason('registration.gov-claim-badge', { host });
  return {
    id: GOV_CLAIM_SIGNAL,
    score: Math.min(0.9, score),
    platform,
    ...said,
    evidence: {
      organisations: orgs,
      siteCodes: claims.filter((c) => c.kind === 'site-code').map((c) => c.text),
      partyGovernmentBadge: hasBadge,
      headerImageOrganisations: [...new Set(claims.filter((c) => c.position === 'header-image').map((c) => c.text))],
    },
  };
}

function malformedSignal(found: readonly FoundNumber[], host: string): Signal | null {
  const bad = found.filter((f) => f.issues.length > 0);
  if (bad.length === 0) return null;
  const issues = bad.flatMap((f) => f.issues.map((i) => ({ number: f.text, issue: i, position: f.position })));
  const footerIssues = issues.filter((i) => i.position === 'footer');
  // Inconsistency between numbers (province) is weaker than a number that cannot exist (digit count).
  const formatIssue = footerIssues.some((i) => i.issue.id !== 'number.province-differs');
  let score = footerIssues.length === 0 ? 0.2 : formatIssue ? 0.55 : 0.45;
  if (footerIssues.length > 1) score += 0.1;
  const first = footerIssues[0] ?? issues[0];
  return {
    id: MALFORMED_SIGNAL,
    score,
    ...reason('registration.malformed', { host, number: first?.number ?? '', issue: first?.issue.id ?? '', ...first?.issue.params }),
    evidence: { issues },
  };
}

/** Whether the page presents itself as a certificate query: a query form, or query words in the title. */
function queryPresentation(input: DetectorInput): { form: boolean; phrase: string | null } {
  const { snapshot } = input;
  const fieldWords = DATA.queryFieldWords;
  const form = snapshot.forms.some((f) =>
    f.fields.some((fl) => {
      const said = [fl.label, fl.placeholder, fl.name, fl.id].filter((s): s is string => s !== null).join(' ').toLowerCase();
      return fieldWords.some((w) => said.includes(w.toLowerCase()));
    }),
  );
  const phrase = DATA.queryPhrases.find((p) => snapshot.title.includes(p)) ?? null;
  const inText = DATA.queryPhrases.find((p) => snapshot.text.includes(p)) ?? null;
  return { form: form && (phrase !== null || inText !== null), phrase: phrase ?? (form ? inText : null) };
}

function missingSignal(input: DetectorInput, found: readonly FoundNumber[], host: string): Signal | null {
  if (found.some((f) => f.kind === 'icp-filing' || f.kind === 'icp-licence')) return null;
  // A government domain is accountable through the domain itself; a missing footer there proves nothing.
  if (isGovCn(host)) return null;
  const q = queryPresentation(input);
  if (!q.form && q.phrase === null) return null;
  return {
    id: MISSING_SIGNAL,
    score: q.form ? 0.45 : 0.3,
    ...(q.phrase ? reason('registration.missing-phrase', { host, phrase: q.phrase }) : reason('registration.missing', { host })),
    evidence: { queryForm: q.form, phrase: q.phrase, numbersFound: found.map((f) => f.canonical) },
  };
}

/** Reads the numbers of the rendered text and of the static HTML text (a cloaked footer), merged. */
function numbersOf(input: DetectorInput, year: number): FoundNumber[] {
  const { text, staticText } = input.snapshot;
  const rendered = extractNumbers(text, year, 'text');
  if (staticText === null || staticText === '') return rendered;
  const seen = new Set(rendered.map((f) => `${f.kind}:${f.canonical}`));
  return [...rendered, ...extractNumbers(staticText, year, 'staticText').filter((f) => !seen.has(`${f.kind}:${f.canonical}`))];
}

function detect(input: DetectorInput): Signal[] {
  const { snapshot, platforms, references } = input;
  const host = hostOf(snapshot.finalUrl) ?? hostOf(snapshot.url);
  if (host === null) return [];
  // The platform's own site wears its own numbers; nothing here would be evidence against it.
  if (agencyPlatformOf(host, platforms) !== null) return [];
  const year = new Date(snapshot.timings.startedAt).getUTCFullYear() || new Date().getUTCFullYear();
  const found = numbersOf(input, year);
  const owned = officialNumbers(platforms, references, year);

  const signals: Signal[] = [];
  const copied = copiedSignal(found, owned, host);
  if (copied !== null) signals.push(copied);
  if (!isGovCn(host)) {
    const claims = [
      ...govClaims(snapshot.text, found.filter((f) => f.source === 'text')),
      ...(snapshot.staticText ? govClaims(snapshot.staticText, found.filter((f) => f.source === 'staticText')) : []),
      ...ocrGovClaims(snapshot.ocrText),
    ];
    const gov = govClaimSignal(claims, host, platforms);
    if (gov !== null) signals.push(gov);
  }
  const malformed = malformedSignal(found, host);
  if (malformed !== null) signals.push(malformed);
  const missing = missingSignal(input, found, host);
  if (missing !== null) signals.push(missing);
  // Every number found is recorded, whichever signal it fed (the brief: record every number in evidence).
  const numbers = found.map((f) => ({ kind: f.kind, number: f.canonical, province: f.province, position: f.position, source: f.source, issues: f.issues }));
  return signals.map((s) => ({ ...s, evidence: { ...s.evidence, numbers } }));
}

/** The registration detector: ICP, 公网安备 and government-site numbers, copied, claimed, malformed or missing. */
export const registration: Detector = {
  id: 'registration',
  describe: 'registration numbers (ICP filing, 公网安备, 政府网站标识码): copied from a platform, government claimed off .gov.cn, malformed, or missing',
  detect,
  views: { benign: [] },
};
