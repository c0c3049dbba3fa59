/**
 * The one gate every permutation passes: only names someone could register come out. dnstwist leaves
 * this to DNS, and for a .gov.cn host that means most of its output is names nobody but government can
 * ever own; here they are dropped before a single query is spent.
 */
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { allOfficialHosts, isRestricted } from './official.js';
import data from './data.json' with { type: 'json' };

/** A host a fuzzer made, and the registrable domain whose owner controls it. */
export interface RegistrableName {
  /** The registrable domain: what a counterfeiter registers (mem.cn for cx.mem.cn). */
  readonly domain: string;
  /** The host as the fuzzer made it, in ASCII (punycode for IDNs). */
  readonly host: string;
}

const IDN_SUFFIXES = new Set(data.idnSuffixes);

/**
 * RFC 1035/5891 label rules as registries apply them: letters, digits and hyphens, 1–63 long, no hyphen
 * at either end, and `--` in the third and fourth places only for an A-label (xn--).
 */
export function isValidLabel(label: string): boolean {
  if (label.length === 0 || label.length > 63) return false;
  if (!/^[a-z0-9-]+$/.test(label)) return false;
  if (label.startsWith('-') || label.endsWith('-')) return false;
  if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return false;
  return true;
}

/** Domains the agencies themselves own (e-cqs.cn): a name under them is theirs, not a counterfeit's. */
const OFFICIAL_DOMAINS = new Set(
  allOfficialHosts.map((h) => parse(h).domain).filter((d): d is string => d !== null && !isRestricted(d)),
);

/**
 * Turns a fuzzer's host into an ASCII host and its registrable domain, or null when nobody but the
 * government could own it, it breaks label rules, it has no public suffix, it is an IDN under an ending
 * that does not take Latin-script IDNs, or it is an official host or under an agency's own domain.
 */
export function toRegistrable(rawHost: string): RegistrableName | null {
  const lower = rawHost.toLowerCase();
  // domainToASCII applies UTS #46 and returns '' for a name IDNA refuses.
  const host = /^[\x00-\x7f]*$/.test(lower) ? lower : domainToASCII(lower);
  if (host === '' || host.length > 253) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every(isValidLabel)) return null;
  if (isRestricted(host) || allOfficialHosts.includes(host)) return null;
  // Private suffixes count: CentralNic sells names under cn.com, so cxmem-gov.cn.com is its own domain.
  const p = parse(host, { allowPrivateDomains: true });
  if (!p.domain || !p.publicSuffix || !(p.isIcann || p.isPrivate)) return null;
  if (isRestricted(p.domain) || OFFICIAL_DOMAINS.has(p.domain)) return null;
  if ([...OFFICIAL_DOMAINS].some((d) => host.endsWith(`.${d}`))) return null;
  if (labels.some((l) => l.startsWith('xn--')) && !IDN_SUFFIXES.has(p.publicSuffix)) return null;
  return { domain: p.domain, host };
}
