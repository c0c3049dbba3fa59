/**
 * Permutations of the official hosts: every dnstwist fuzzer family plus this field's own, each a pure
 * function (officialHost) → Set<string> in ONE explicit registry (STYLE.md §4: an unknown name is a
 * usage error, never a silent skip as in dnstwist). `permute` runs them, keeps only names that can be
 * registered (registrable.ts) and returns each registrable domain once, credited to the first fuzzer
 * in registry order that made it.
 */
import { UsageError } from '../../../errors.js';
import { dictionary, subdomain, tldSwap, various } from './structure.js';
import { dropGov, govToken, labelOrder, pinyin, suffixSwap } from './field.js';
import { toRegistrable } from './registrable.js';
import {
  addition,
  bitsquatting,
  cyrillic,
  homoglyph,
  hyphenation,
  insertion,
  omission,
  plural,
  repetition,
  replacement,
  transposition,
  vowelSwap,
} from './typo.js';

/** A fuzzer: a pure function from an official host to candidate host names (not yet filtered). */
export interface Fuzzer {
  readonly name: string;
  /** True for dnstwist's families, false for this field's additions. */
  readonly dnstwist: boolean;
  readonly run: (officialHost: string) => Set<string>;
}

/** Every fuzzer, in the order credit is given when two make the same domain. */
export const fuzzers: readonly Fuzzer[] = [
  // This field's families first: when cx-mem-gov.cn is also a dnstwist addition, "gov-token" says more.
  { name: 'drop-gov', dnstwist: false, run: dropGov },
  { name: 'suffix-swap', dnstwist: false, run: suffixSwap },
  { name: 'gov-token', dnstwist: false, run: govToken },
  { name: 'label-order', dnstwist: false, run: labelOrder },
  { name: 'tld-swap', dnstwist: true, run: tldSwap },
  { name: 'pinyin', dnstwist: false, run: pinyin },
  { name: 'various', dnstwist: true, run: various },
  { name: 'dictionary', dnstwist: true, run: dictionary },
  { name: 'subdomain', dnstwist: true, run: subdomain },
  { name: 'homoglyph', dnstwist: true, run: homoglyph },
  { name: 'cyrillic', dnstwist: true, run: cyrillic },
  { name: 'omission', dnstwist: true, run: omission },
  { name: 'transposition', dnstwist: true, run: transposition },
  { name: 'hyphenation', dnstwist: true, run: hyphenation },
  { name: 'repetition', dnstwist: true, run: repetition },
  { name: 'replacement', dnstwist: true, run: replacement },
  { name: 'insertion', dnstwist: true, run: insertion },
  { name: 'vowel-swap', dnstwist: true, run: vowelSwap },
  { name: 'addition', dnstwist: true, run: addition },
  { name: 'plural', dnstwist: true, run: plural },
  { name: 'bitsquatting', dnstwist: true, run: bitsquatting },
];

/** One permutation: the registrable domain, the host the fuzzer made (differs for subdomain forms), and who made it. */
export interface Permutation {
  readonly domain: string;
  readonly host: string;
  readonly fuzzer: string;
}

/** Options of `permute`: a subset of fuzzers by name (default all). */
export interface PermuteOptions {
  readonly fuzzers?: readonly string[];
}

/** Resolves fuzzer names against the registry; an unknown one is a usage error naming the known ones. */
export function selectFuzzers(names?: readonly string[]): readonly Fuzzer[] {
  if (names === undefined) return fuzzers;
  const unknown = names.filter((n) => !fuzzers.some((f) => f.name === n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown fuzzer ${unknown.join(', ')}; known: ${fuzzers.map((f) => f.name).join(', ')}`);
  }
  return fuzzers.filter((f) => names.includes(f.name));
}

/** The registrable look-alike domains of one official host, each once, never the official host itself. */
export function permute(officialHost: string, opts: PermuteOptions = {}): Permutation[] {
  const selected = selectFuzzers(opts.fuzzers);
  const host = officialHost.trim().toLowerCase().replace(/\.+$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new UsageError(`not a host name: ${officialHost}`);
  const seen = new Set<string>();
  const out: Permutation[] = [];
  for (const f of selected) {
    for (const candidate of f.run(host)) {
      const r = toRegistrable(candidate);
      if (r === null || seen.has(r.domain)) continue;
      seen.add(r.domain);
      out.push({ domain: r.domain, host: r.host, fuzzer: f.name });
    }
  }
  return out;
}
