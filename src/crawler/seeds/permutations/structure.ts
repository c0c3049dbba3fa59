/**
 * dnstwist's name-structure fuzzer families — subdomain, various, tld-swap, dictionary — adapted to
 * official hosts under .gov.cn: they work on the flattened official name (cx-mem, cxmem) because the
 * official ending cannot be registered. Each is a pure function from an official host to host names.
 */
import { officialParts } from './official.js';
import data from './data.json' with { type: 'json' };

/** subdomain: a dot put inside the name, so a shorter domain carries the rest as a subdomain (cx.mem.cn). */
export function subdomain(officialHost: string): Set<string> {
  const parts = officialParts(officialHost);
  const out = new Set<string>();
  if (parts === null) return out;
  for (const base of [parts.concatenated, parts.hyphenated, ...(parts.ownLabel ? [parts.ownLabel] : [])]) {
    for (let i = 1; i < base.length; i++) {
      // A dot beside a hyphen would make a label that starts or ends with one.
      if (base[i - 1] === '-' || base[i] === '-') continue;
      for (const suffix of parts.typoSuffixes) out.add(`${base.slice(0, i)}.${base.slice(i)}.${suffix}`);
    }
  }
  return out;
}

/**
 * various: dnstwist's odds and ends — the ending spelled into the name (cxmemgovcn.com, cx-mem-cn.com),
 * `com` before the ending (cxmemcom.cn), and a glued or hyphenated `www` (wwwcxmem.cn, www-cxmem.com).
 */
export function various(officialHost: string): Set<string> {
  const parts = officialParts(officialHost);
  const out = new Set<string>();
  if (parts === null) return out;
  const suffixWord = parts.suffix.split('.');
  for (const base of [parts.hyphenated, parts.concatenated]) {
    for (const suffix of parts.typoSuffixes) {
      out.add(`www${base}.${suffix}`);
      out.add(`www-${base}.${suffix}`);
    }
    out.add(`${base}${suffixWord.join('')}.com`);
    out.add(`${base}-${suffixWord.join('-')}.com`);
    out.add(`${base}cn.com`);
    out.add(`${base}-cn.com`);
    out.add(`${base}com.cn`);
    out.add(`${base}-com.cn`);
  }
  return out;
}

/** tld-swap: the flattened name (and a public own label) under every ending of data.json `tlds`. */
export function tldSwap(officialHost: string): Set<string> {
  const parts = officialParts(officialHost);
  const out = new Set<string>();
  if (parts === null) return out;
  for (const base of [parts.hyphenated, parts.concatenated, ...(parts.ownLabel ? [parts.ownLabel] : [])]) {
    for (const tld of data.tlds) out.add(`${base}.${tld}`);
  }
  return out;
}

/** dictionary: a word of data.json `dictionary` glued before or after the name (cxmem-chaxun.cn, zscx-cxmem.com). */
export function dictionary(officialHost: string): Set<string> {
  const parts = officialParts(officialHost);
  const out = new Set<string>();
  if (parts === null) return out;
  for (const base of [parts.hyphenated, parts.concatenated]) {
    for (const word of data.dictionary) {
      for (const suffix of parts.typoSuffixes) {
        out.add(`${base}-${word}.${suffix}`);
        out.add(`${word}-${base}.${suffix}`);
        out.add(`${base}${word}.${suffix}`);
        out.add(`${word}${base}.${suffix}`);
      }
    }
  }
  return out;
}
