/**
 * Facts read from a WHOIS answer, one way for every stage (the detector that weighs a domain's age, the
 * takedown list that prints its registration date, the console that shows its registrar), so the same
 * domain never has two ages.
 *
 * The time-zone rule: a time written without a zone is Beijing time (UTC+8). CNNIC, the registry of .cn and
 * 中国 names, writes "Registration Time: 2026-10-02 10:11:12" in Beijing time; ICANN's RDDS format always
 * carries a zone ("2026-10-02T02:11:12Z"), which is honoured as written. A bare date is midnight in Beijing.
 */
import type { WhoisAnswer } from './snapshot.js';

/** Field keys that carry the creation date (as parseWhoisFields names them): ICANN RDDS, CNNIC, ccTLD spellings. */
const CREATED_KEYS = ['creationDate', 'registrationTime', 'createdDate', 'created', 'createdOn', 'registered', 'registeredOn', 'registrationDate', 'domainRegistrationDate', 'creationTime'];
const REGISTRAR_KEYS = ['registrar', 'sponsoringRegistrar', 'registrarName'];
const REGISTRANT_NAME_KEYS = ['registrantOrganization', 'registrant', 'registrantName', 'registrantOrg', 'org'];
const REGISTRANT_EMAIL_KEYS = ['registrantEmail', 'registrantContactEmail'];
const REGISTRANT_PHONE_KEYS = ['registrantPhone', 'registrantContactPhone', 'registrantPhoneNumber'];
/** The same facts read from raw text when the parser missed them (a registry with odd spacing). */
const RAW_CREATED = /^\s*(?:creation date|registration time|created(?: on)?|registered(?: on)?|registration date)\s*:\s*(.+)$/im;
const RAW_REGISTRAR = /^\s*(?:registrar|sponsoring registrar)\s*:\s*(.+)$/im;

/** UTC offset of a zone-less WHOIS time (see the module comment). */
export const WHOIS_ZONELESS_OFFSET = '+08:00';

/** The first non-empty value among `keys` of a WHOIS answer's parsed fields, trimmed; null when none. */
export function whoisField(whois: WhoisAnswer, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = whois.fields[k]?.trim();
    if (v) return v;
  }
  return null;
}

/**
 * Parses a WHOIS date: ISO 8601 with a zone ("2026-10-02T00:00:00Z", "+0800"), CNNIC's "2026-10-02 10:11:12",
 * or a bare "2026-10-02"; a time without a zone is Beijing time. Null when no date can be read.
 */
export function parseWhoisDate(value: string): Date | null {
  const m = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const z =
    zone === undefined ? WHOIS_ZONELESS_OFFSET : zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${z}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The domain's creation date (parsed fields first, raw text second), or null. */
export function creationDate(whois: WhoisAnswer): Date | null {
  const v = whoisField(whois, CREATED_KEYS) ?? RAW_CREATED.exec(whois.raw)?.[1] ?? null;
  return v === null ? null : parseWhoisDate(v);
}

/** The creation date as written by the registry (for a reader when it cannot be parsed), or null. */
export function creationDateAsWritten(whois: WhoisAnswer): string | null {
  return whoisField(whois, CREATED_KEYS) ?? RAW_CREATED.exec(whois.raw)?.[1]?.trim() ?? null;
}

/** The sponsoring registrar's name, or null. */
export function registrarOf(whois: WhoisAnswer): string | null {
  return whoisField(whois, REGISTRAR_KEYS) ?? RAW_REGISTRAR.exec(whois.raw)?.[1]?.trim() ?? null;
}

/** What the record shows of the registrant: organisation or name, e-mail and phone (each null when absent). */
export function registrantOf(whois: WhoisAnswer): { readonly name: string | null; readonly email: string | null; readonly phone: string | null } {
  return {
    name: whoisField(whois, REGISTRANT_NAME_KEYS),
    email: whoisField(whois, REGISTRANT_EMAIL_KEYS),
    phone: whoisField(whois, REGISTRANT_PHONE_KEYS),
  };
}

/** ISO 8601 UTC to the second ("2026-10-02T02:11:12Z"). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the XML/HTML character references some registries (and web WHOIS gateways) leave in their answers. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** "Registrant Contact Email" → "registrantContactEmail"; "Registrar IANA ID" → "registrarIanaId". */
function camelKey(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

/**
 * Reads a WHOIS answer's "Key: Value" lines into camel-case fields ("Registration Time" → registrationTime); a key
 * given on several lines (Name Server) keeps every value, space-separated. A colon must be followed by a space to
 * separate a key, so URLs in values stay whole.
 */
export function parseWhoisFields(raw: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const text = decodeEntities(raw).replace(/:\s*\r\n/g, ': ');
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!line.includes(': ')) continue;
    const at = line.indexOf(':');
    const key = camelKey(line.slice(0, at));
    if (key === '') continue;
    const value = line.slice(at + 1).trim();
    fields[key] = key in fields ? `${fields[key]} ${value}` : value;
  }
  return fields;
}

/** The calendar day of an instant in Beijing (UTC+8), "2026-10-02": how a registry and an analyst write a date. */
export function beijingDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
