/**
 * What the fuzzers need to know about an official host, derived from the name alone (pure). A .gov.cn
 * host cannot be typo-squatted under its own ending (CNNIC delegates .gov.cn to government bodies only),
 * so the fuzzers work on flattened forms of its name labels (cx.mem → cx-mem, cxmem) and put them under
 * endings anyone can register; a host whose own domain is public (cnse.e-cqs.cn) is also fuzzed dnstwist's
 * way, on its registrable label (e-cqs) under its own ending.
 */
import { parse } from 'tldts';
import lookalikeData from '../../../detectors/domain-lookalike/data.json' with { type: 'json' };
import platformsData from '../../../rules/platforms.json' with { type: 'json' };
import data from './data.json' with { type: 'json' };

/** The parts of an official host that the fuzzers permute. */
export interface OfficialParts {
  readonly host: string;
  /** Labels before the public suffix: cx, mem (for cnse.e-cqs.cn: cnse, e-cqs). */
  readonly labels: readonly string[];
  /** The ICANN public suffix: gov.cn, cn. */
  readonly suffix: string;
  /** True when the suffix is one only government or education bodies can register under. */
  readonly restricted: boolean;
  /** The registrable label when the public can register under the suffix (e-cqs), else null. */
  readonly ownLabel: string | null;
  /** Name labels joined by hyphens (cx-mem) and run together (cxmem). */
  readonly hyphenated: string;
  readonly concatenated: string;
  /** The labels in every other order, hyphenated and run together (mem-cx, memcx). */
  readonly reordered: readonly string[];
  /** Strings the character-level fuzzers mutate: flattened names, with a gov token, and ownLabel. */
  readonly typoBases: readonly string[];
  /** Endings the character-level fuzzers put a mutated name under. */
  readonly typoSuffixes: readonly string[];
  /** Labels of the suffix without `gov` (gov.cn → cn), or null when the suffix has no gov label. */
  readonly suffixWithoutGov: string | null;
  /** Pinyin and abbreviation words of the platform this host serves (from the detector's dictionary). */
  readonly subjectWords: readonly string[];
  /** Generic certificate-query words (zhengshu, chaxun…) plus the combination words of data.json. */
  readonly comboWords: readonly string[];
}

/** True when `host` is, or is under, an ending only government or education bodies can register. */
export function isRestricted(host: string): boolean {
  return data.restrictedSuffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

function permutationsOf<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutationsOf([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * A fuzzer from the names it makes of an official host's parts; a host without a public suffix makes none.
 */
export function fromOfficialParts(names: (parts: OfficialParts) => Iterable<string>): (officialHost: string) => Set<string> {
  return (officialHost) => {
    const parts = officialParts(officialHost);
    return new Set(parts === null ? [] : names(parts));
  };
}

/** Splits an official host into the parts the fuzzers permute; null for a name without a public suffix. */
export function officialParts(rawHost: string): OfficialParts | null {
  const host = rawHost.toLowerCase().replace(/\.+$/, '');
  const p = parse(host);
  if (!p.publicSuffix || !p.domainWithoutSuffix) return null;
  const labels = [...(p.subdomain ? p.subdomain.split('.') : []), p.domainWithoutSuffix].filter((l) => l !== '' && l !== 'www');
  const restricted = isRestricted(p.publicSuffix);
  const ownLabel = restricted ? null : p.domainWithoutSuffix;
  const hyphenated = labels.join('-');
  const concatenated = labels.join('');
  // Whole-label orders beyond three labels would explode and are not how copies are named.
  const orders = labels.length <= 3 ? permutationsOf(labels).slice(1) : [];
  const reordered = [...new Set(orders.flatMap((o) => [o.join('-'), o.join('')]))];
  const suffixLabels = p.publicSuffix.split('.');
  const suffixWithoutGov = suffixLabels.includes('gov') ? suffixLabels.filter((l) => l !== 'gov').join('.') || null : null;
  const typoSuffixes = [...new Set([...data.typoSuffixes, ...(restricted ? [] : [p.publicSuffix])])];
  const typoBases = [
    ...new Set([hyphenated, concatenated, `${hyphenated}-gov`, `${concatenated}gov`, ...(ownLabel ? [ownLabel] : [])]),
  ];
  const platform = platformsData.platforms.find((pl) => (pl.officialHosts as readonly string[]).includes(host));
  const subjectWords = platform
    ? lookalikeData.tokens.filter((t) => !t.generic && (t.platforms as readonly string[]).includes(platform.id)).map((t) => t.word)
    : [];
  const comboWords = [
    ...new Set([...lookalikeData.tokens.filter((t) => t.generic).map((t) => t.word), ...data.comboWords]),
  ];
  return {
    host,
    labels,
    suffix: p.publicSuffix,
    restricted,
    ownLabel,
    hyphenated,
    concatenated,
    reordered,
    typoBases,
    typoSuffixes,
    suffixWithoutGov,
    subjectWords,
    comboWords,
  };
}

/** Every official host listed in rules/platforms.json, so none is ever emitted as a permutation. */
export const allOfficialHosts: readonly string[] = platformsData.platforms.flatMap((p) => p.officialHosts);
