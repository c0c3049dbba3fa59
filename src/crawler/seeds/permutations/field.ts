/**
 * Fuzzers of this field, beyond dnstwist: how counterfeit certificate-query sites are actually named.
 * They claim government (cx-mem-gov.cn, cxmemgovcn.com), swap gov.cn for an ending that looks like it
 * (cx.mem.com.cn, cxmem-gov.cn.com), reorder the official labels (mem-cx.net) or spell the subject in
 * pinyin (tzzy-chaxun.com, aqsc-zscx.cn). Each is a pure function from an official host to host names.
 */
import lookalikeData from '../../../detectors/domain-lookalike/data.json' with { type: 'json' };
import { fromOfficialParts } from './official.js';
import data from './data.json' with { type: 'json' };

/** gov-token: a gov word glued to the name (cx-mem-gov, cxmemgovcn, gov-cxmem) under every ending of `tlds`. */
export const govToken = fromOfficialParts(function* (parts) {
  for (const base of [parts.hyphenated, parts.concatenated, ...parts.reordered]) {
    for (const form of data.govForms) {
      const label = form.replace('{b}', base);
      for (const tld of data.tlds) yield `${label}.${tld}`;
    }
  }
  // The official labels in front of an ending shaped like gov.cn: cx.mem.gov-cn.com, cx-mem.govcn.net.
  for (const shaped of lookalikeData.lookalikeSuffixes.filter((s) => s.includes('gov'))) {
    yield `${parts.labels.join('.')}.${shaped}`;
    yield `${parts.hyphenated}.${shaped}`;
  }
});

/** suffix-swap: the official labels kept, the public suffix replaced (cx.mem.gov.cn → cx.mem.com.cn, cx.mem.gov.cn.com). */
export const suffixSwap = fromOfficialParts(function* (parts) {
  const labels = parts.labels.join('.');
  for (const s of data.suffixSwaps) if (s !== parts.suffix) yield `${labels}.${s}`;
  // The whole official host in front of a private second-level ending: cx.mem.gov.cn.com (CentralNic's cn.com).
  yield `${parts.host}.com`;
});

/** drop-gov: the `gov` label left out (cx.mem.gov.cn → cx.mem.cn, cx-mem.cn, cxmem.cn). */
export const dropGov = fromOfficialParts(function* (parts) {
  if (parts.suffixWithoutGov === null) return;
  for (const name of [parts.labels.join('.'), parts.hyphenated, parts.concatenated]) yield `${name}.${parts.suffixWithoutGov}`;
});

/** label-order: the official labels in another order (mem-cx, zlaq-mohurd → mohurd-zlaq) under every ending. */
export const labelOrder = fromOfficialParts(function* (parts) {
  for (const base of parts.reordered) for (const tld of data.tlds) yield `${base}.${tld}`;
});

/**
 * pinyin: the platform's pinyin or abbreviation subject words (tzzy, aqsc, jianzhu…) joined with a
 * certificate-query word (chaxun, zscx, zhengshu, banzheng…), either order, hyphenated or glued.
 */
export const pinyin = fromOfficialParts(function* (parts) {
  for (const subject of parts.subjectWords) {
    for (const word of parts.comboWords) {
      for (const label of [`${subject}-${word}`, `${word}-${subject}`, `${subject}${word}`, `${word}${subject}`]) {
        for (const suffix of data.comboSuffixes) yield `${label}.${suffix}`;
      }
    }
  }
});
