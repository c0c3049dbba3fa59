/**
 * registration-record: what the domain's WHOIS record and the addresses it resolves to say about who
 * runs the site. Counterfeit query sites are registered weeks before they are found, behind a privacy
 * service, at registrars that sell cheap bulk names, and hosted outside the mainland so that no ICP
 * filing is needed; the platforms they copy are years old and registered to the ministry itself.
 * None of this proves anything alone, so every signal here is weak to medium and meant to be combined
 * with the content detectors; an old domain with a named organisation is benign evidence.
 *
 * Purity: the age is measured to the snapshot's `timings.startedAt`, never to the clock, so a stored
 * snapshot re-scores to the same signals forever. Where an address is hosted is what the crawler looked up in
 * the IP databases when it visited (snapshot.hosting, from ip-location-db); the detector holds no table of its own.
 */
import { parse } from 'tldts';
import type { PageSnapshot, WhoisAnswer } from '../../model/snapshot.js';
import { FIRM_CLAIM, claimedPlatformIn, type Platform, type PlatformId } from '../../model/platform.js';
import { isBelowRoot } from '../../model/host.js';
import type { Detector, DetectorData, DetectorInput } from '../types.js';
import type { Signal } from '../../model/signal.js';
import { reason } from '../reason.js';
import { isQueryForm } from '../../model/query-form.js';
import rawData from './data.json' with { type: 'json' };
import { beijingDay, creationDate, registrantOf as registrantFields, registrarOf } from '../../model/whois.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const YOUNG_SIGNAL = 'record.young-domain';
export const PRIVACY_SIGNAL = 'record.privacy';
export const INDIVIDUAL_SIGNAL = 'record.individual-registrant';
export const REGISTRAR_SIGNAL = 'record.registrar';
export const HOSTING_SIGNAL = 'record.hosting';
export const WHOIS_MISSING_SIGNAL = 'record.whois-missing';
/** Benign evidence: the name has been registered for years to a named organisation. */
export const ESTABLISHED_SIGNAL = 'record.established';

/** What the IP databases said about one address (snapshot.hosting). */
interface IpFacts {
  /** ISO 3166-1 alpha-2, e.g. 'CN', 'HK'; null when unknown. */
  readonly country: string | null;
  readonly asn: number | null;
  readonly org: string | null;
}

const DATA: DetectorData<typeof rawData> = rawData;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// WHOIS fields

const has = (text: string, words: readonly string[]): string | null => {
  const t = text.toLowerCase();
  return words.find((w) => t.includes(w.toLowerCase())) ?? null;
};

/** How the registrant is shown: hidden by a privacy service, a named organisation, a person, or absent. */
export type RegistrantKind = 'privacy' | 'organisation' | 'individual' | 'unknown';

/** Classifies the registrant of a WHOIS answer and returns the text that decided it. */
export function registrantOf(whois: WhoisAnswer): { readonly kind: RegistrantKind; readonly name: string | null; readonly matched: string | null } {
  // The organisation field first: under GDPR a registry redacts the person's name but still shows a
  // company's name, and that company is the registrant that matters.
  const { name, email } = registrantFields(whois);
  const shown = name ?? email;
  if (shown === null) return { kind: 'unknown', name: null, matched: null };
  const hidden = has(shown, DATA.privacyWords);
  if (hidden !== null) return { kind: 'privacy', name: shown, matched: hidden };
  if (name === null) return { kind: 'unknown', name: null, matched: null };
  const marker = has(name, DATA.orgMarkers);
  if (marker !== null) return { kind: 'organisation', name, matched: marker };
  // A registrant that is 2–4 Han characters, or two or three Latin words, reads as a person's name.
  const person = /^\p{Script=Han}{2,4}$/u.test(name) || /^[A-Za-z]+(?: [A-Za-z]+){1,2}$/.test(name);
  return { kind: person ? 'individual' : 'unknown', name, matched: null };
}

// ---------------------------------------------------------------------------------------------------
// Scores

/** Whole days from `created` to `at` (negative when the record claims a future date). */
export function ageInDays(created: Date, at: Date): number {
  return Math.floor((at.getTime() - created.getTime()) / DAY_MS);
}

/**
 * How strongly a name's age says "registered for this campaign": 0.9 up to 30 days, falling linearly
 * to 0.5 at 180 days and to 0 at two years. Counterfeits in reports are found weeks to months after
 * registration; a platform and its mirrors are years old.
 */
export function youngScore(days: number): number {
  if (days < 0) return 0;
  if (days <= 30) return 0.9;
  if (days <= 180) return 0.9 - (0.4 * (days - 30)) / 150;
  if (days < 730) return 0.5 - (0.5 * (days - 180)) / 550;
  return 0;
}

/** Benign strength of an old name: 0.5 at two years, rising to 1 at five. */
export function establishedScore(days: number): number {
  if (days < 730) return 0;
  if (days >= 1826) return 1;
  return 0.5 + (0.5 * (days - 730)) / 1096;
}

const round = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------------
// Platform claim (hosting abroad only matters for a site that claims a Chinese state platform)

/** The platform a page claims to be, from its title and text (model/platform.ts claimedPlatformIn). */
export function claimedPlatform(snapshot: PageSnapshot, platforms: readonly Platform[]): PlatformId | null {
  return claimedPlatformIn(`${snapshot.title}\n${snapshot.text}`, platforms);
}

/**
 * Whether the domain's age speaks for this page. It vouches for whoever has run the site there for years, not
 * for a page that a path below the site's root presents as a state platform's certificate query: old sites are
 * hacked, resold and rented out, and a fake planted at /zscx/ of one borrows its years. Such a page is judged on
 * what it shows. The claim must be firm (model/platform.ts FIRM_CLAIM): an old school's 成绩信息查询 asking for a
 * 证件号码 shares two generic words with a platform and is the school's own.
 */
export function vouchedByAge(snapshot: PageSnapshot, platforms: readonly Platform[]): boolean {
  if (isBelowRoot(snapshot.finalUrl) !== true) return true;
  return !(snapshot.forms.some(isQueryForm) && claimedPlatformIn(`${snapshot.title}\n${snapshot.text}`, platforms, FIRM_CLAIM) !== null);
}

/**
 * Whether a WHOIS answer describes the site's own registration. Under a private public suffix
 * (x.github.io, x.cn.com) the ICANN-registrable name (github.io, cn.com) belongs to the suffix's
 * operator: its record is years old and would pass a fresh counterfeit off as established. Only an
 * answer about the name one label below the private suffix (x.cn.com, which CentralNic registers
 * separately) is the site's own.
 */
export function whoisDescribesSite(snapshot: PageSnapshot, whois: WhoisAnswer): boolean {
  let host: string;
  try {
    host = new URL(snapshot.url).hostname;
  } catch {
    return false;
  }
  const p = parse(host, { allowPrivateDomains: true });
  if (p.isPrivate !== true) return true;
  return p.domain !== null && whois.domain.toLowerCase().replace(/\.$/, '') === p.domain;
}

// ---------------------------------------------------------------------------------------------------
// The detector

function whoisSignals(snapshot: PageSnapshot, whois: WhoisAnswer, platforms: readonly Platform[]): Signal[] {
  const out: Signal[] = [];
  const at = new Date(snapshot.timings.startedAt);
  const created = creationDate(whois);
  const registrar = registrarOf(whois);
  const registrant = registrantOf(whois);
  const days = created === null || Number.isNaN(at.getTime()) ? null : ageInDays(created, at);
  const createdIso = created === null ? null : beijingDay(created);

  if (days !== null) {
    const s = youngScore(days);
    if (s > 0)
      out.push({
        id: YOUNG_SIGNAL,
        score: round(s),
        ...reason('record.young-domain', { domain: whois.domain, days, created: createdIso ?? '' }),
        evidence: { domain: whois.domain, created: createdIso, ageDays: days, measuredAt: snapshot.timings.startedAt },
      });
  }

  if (registrant.kind === 'privacy')
    out.push({
      id: PRIVACY_SIGNAL,
      score: 0.6,
      ...reason('record.privacy', { domain: whois.domain, registrant: registrant.name ?? '' }),
      evidence: { registrant: registrant.name, matched: registrant.matched },
    });
  else if (registrant.kind === 'individual')
    out.push({
      id: INDIVIDUAL_SIGNAL,
      score: 0.4,
      ...reason('record.individual-registrant', { domain: whois.domain, registrant: registrant.name ?? '' }),
      evidence: { registrant: registrant.name },
    });

  if (registrar !== null) {
    const abuse = has(registrar, DATA.abuseRegistrars);
    if (abuse !== null)
      out.push({
        id: REGISTRAR_SIGNAL,
        score: 0.6,
        ...reason('record.registrar', { registrar }),
        evidence: { registrar, matched: abuse, chinese: false },
      });
  }

  // Benign: years old, registered to a named organisation (a ministry, a newspaper, a school, a firm).
  if (days !== null && registrant.kind === 'organisation' && vouchedByAge(snapshot, platforms)) {
    const s = establishedScore(days);
    if (s > 0) {
      const gov = registrar !== null && has(registrar, DATA.govRegistrars) !== null;
      out.push({
        id: ESTABLISHED_SIGNAL,
        score: round(s),
        ...reason('record.established', { domain: whois.domain, created: createdIso ?? '', years: Math.floor(days / 365), registrant: registrant.name ?? '' }),
        evidence: { domain: whois.domain, created: createdIso, ageDays: days, registrant: registrant.name, registrar, govRegistry: gov },
      });
    }
  }
  return out;
}

function hostingSignal(snapshot: PageSnapshot, platforms: readonly Platform[]): Signal | null {
  const dns = snapshot.dns;
  if (dns === null || dns.error !== null) return null;
  const captured = new Map((snapshot.hosting ?? []).map((h) => [h.ip, h]));
  const factsOf = (ip: string): IpFacts | null => {
    const h = captured.get(ip);
    return h !== undefined && h.country !== null ? { country: h.country, asn: h.asn, org: h.org } : null;
  };
  const looked = [...dns.a, ...dns.aaaa].map((ip) => ({ ip, facts: factsOf(ip) }));
  const known = looked.filter((l): l is { ip: string; facts: IpFacts } => l.facts !== null && l.facts.country !== null);
  if (known.length === 0) return null;
  const abroad = known.filter((l) => l.facts.country !== 'CN');
  // Any mainland address means the operator hosts (and so files) in China: no evidence.
  if (abroad.length < known.length) return null;
  const claim = claimedPlatform(snapshot, platforms);
  const first = abroad[0] as { ip: string; facts: IpFacts };
  const params = {
    ip: first.ip,
    country: first.facts.country ?? '',
    network: `${first.facts.org ?? ''}${first.facts.asn !== null ? ` AS${first.facts.asn}` : ''}`.trim(),
  };
  return {
    id: HOSTING_SIGNAL,
    // Alone, hosting abroad is ordinary; for a page presenting itself as a Chinese state platform it is
    // telling (the platforms are hosted on the mainland and carry an ICP filing).
    score: claim === null ? 0.2 : 0.6,
    ...(claim === null ? reason('record.hosting', params) : reason('record.hosting-claims-platform', params)),
    platform: claim,
    evidence: {
      addresses: abroad.map((l) => ({ ip: l.ip, ...l.facts, source: 'ip-database' })),
      claimsPlatform: claim,
    },
  };
}

/** The registration-record detector: WHOIS age, privacy, registrar, and where the site is hosted. */
export const registrationRecord: Detector = {
  id: 'registration-record',
  describe: 'WHOIS age, privacy, registrar and hosting network of the domain',
  detect: ({ snapshot, platforms }: DetectorInput): Signal[] => {
    const out: Signal[] = [];
    const whois = snapshot.whois;
    if (whois !== null && whoisDescribesSite(snapshot, whois)) {
      if (whois.error === null) out.push(...whoisSignals(snapshot, whois, platforms));
      else if (whois.error === 'no match' && snapshot.dns !== null && snapshot.dns.error === null && snapshot.dns.a.length + snapshot.dns.aaaa.length > 0)
        // The name resolves, yet the registry has no record: a registry gap, a just-deleted name, or a
        // lookup aimed at the wrong registrable domain. Worth listing, hardly worth weighing.
        out.push({
          id: WHOIS_MISSING_SIGNAL,
          score: 0.5,
          ...reason('record.whois-missing', { domain: whois.domain }),
          evidence: { domain: whois.domain, server: whois.server },
        });
    }
    const hosting = hostingSignal(snapshot, platforms);
    if (hosting !== null) out.push(hosting);
    return out;
  },
};
