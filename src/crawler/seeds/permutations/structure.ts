/**
 * dnstwist's name-structure fuzzer families — subdomain, various, tld-swap, dictionary — adapted to
 * official hosts under .gov.cn: they work on the flattened official name (cx-mem, cxmem) because the
 * official ending cannot be registered. Each is a pure function from an official host to host names.
 */
import { fromOfficialParts } from './official.js';
import data from './data.json' with { type: 'json' };

/** subdomain: a dot put inside the name, so a shorter domain carries the rest as a subdomain (cx.mem.cn). */
export const subdomain = fromOfficialParts(function* (parts) {
  for (const base of [parts.concatenated, parts.hyphenated, ...(parts.ownLabel ? [parts.ownLabel] : [])]) {
    for (let i = 1; i < base.length; i++) {
      // A dot beside a hyphen would make a label that starts or ends with one.
      if (base[i - 1] === '-' || base[i] === '-') continue;
      for (const suffix of parts.typoSuffixes) yield `${base.slice(0, i)}.${base.slice(i)}.${suffix}`;
    }
  }
});

/**
 * various: dnstwist's odds and ends — the ending spelled into the name (cxmemgovcn.com, cx-mem-cn.com),
 * `com` before the ending (cxmemcom.cn), and a glued or hyphenated `www` (wwwcxmem.cn, www-cxmem.com).
 */
export const various = fromOfficialParts(function* (parts) {
  const suffixWord = parts.suffix.split('.');
  for (const base of [parts.hyphenated, parts.concatenated]) {
    for (const suffix of parts.typoSuffixes) {
      yield `www${base}.${suffix}`;
      yield `www-${base}.${suffix}`;
    }
    yield `${base}${suffixWord.join('')}.com`;
    yield `${base}-${suffixWord.join('-')}.com`;
    yield `${base}cn.com`;
    yield `${base}-cn.com`;
    yield `${base}com.cn`;
    yield `${base}-com.cn`;
  }
});

/** tld-swap: the flattened name (and a public own label) under every ending of data.json `tlds`. */
export const tldSwap = fromOfficialParts(function* (parts) {
  for (const base of [parts.hyphenated, parts.concatenated, ...(parts.ownLabel ? [parts.ownLabel] : [])]) {
    for (const tld of data.tlds) yield `${base}.${tld}`;
  }
});

/** dictionary: a word of data.json `dictionary` glued before or after the name (cxmem-chaxun.cn, zscx-cxmem.com). */
export const dictionary = fromOfficialParts(function* (parts) {
  for (const base of [parts.hyphenated, parts.concatenated]) {
    for (const word of data.dictionary) {
      for (const suffix of parts.typoSuffixes) {
        yield `${base}-${word}.${suffix}`;
        yield `${word}-${base}.${suffix}`;
        yield `${base}${word}.${suffix}`;
        yield `${word}${base}.${suffix}`;
      }
    }
  }
});
