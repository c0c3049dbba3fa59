/**
 * dnstwist's character-level fuzzer families (elceef/dnstwist, `Fuzzer._addition` … `_vowel_swap`), each a
 * pure function from an official host to a set of host names. They mutate the official name's flattened
 * forms (OfficialParts.typoBases) and put each mutation under the typo endings; names that cannot be
 * registered are dropped later, in one place (registrable.ts), so each fuzzer stays a few lines.
 */
import lookalikeData from '../../../detectors/domain-lookalike/data.json' with { type: 'json' };
import { fromOfficialParts } from './official.js';
import data from './data.json' with { type: 'json' };

const ALNUM = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const VOWELS = [...'aeiou'];
const KEYBOARD: Readonly<Record<string, string>> = data.keyboard;

/** ASCII letter → the strings that read as it: the ASCII glyph table plus the detector's homoglyphs reversed. */
const GLYPHS: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, string[]>();
  const add = (ascii: string, glyph: string): void => {
    const list = out.get(ascii) ?? [];
    if (!list.includes(glyph)) list.push(glyph);
    out.set(ascii, list);
  };
  for (const [ascii, glyphs] of Object.entries(data.asciiGlyphs)) for (const g of glyphs) add(ascii, g);
  for (const [glyph, ascii] of Object.entries(lookalikeData.homoglyphs)) add(ascii, glyph);
  return out;
})();

/** Latin letter → the Cyrillic letter that looks like it (the Cyrillic rows of the detector's table). */
const CYRILLIC: ReadonlyMap<string, string> = new Map(
  Object.entries(lookalikeData.homoglyphs)
    .filter(([glyph]) => /\p{Script=Cyrillic}/u.test(glyph))
    .map(([glyph, ascii]) => [ascii, glyph] as const),
);

/** Applies a label mutation to every typo base of the host and puts the results under its typo endings. */
function overBases(officialHost: string, mutate: (base: string) => Iterable<string>): Set<string> {
  return fromOfficialParts(function* (parts) {
    for (const base of parts.typoBases) {
      for (const label of mutate(base)) {
        if (label === base) continue;
        for (const suffix of parts.typoSuffixes) yield `${label}.${suffix}`;
      }
    }
  })(officialHost);
}

function* positions(s: string): Generator<number> {
  for (let i = 0; i < s.length; i++) yield i;
}

/** addition: one letter or digit inserted anywhere (cxmem → cxmema, cxmaem). */
export function addition(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (let i = 0; i <= b.length; i++) for (const c of ALNUM) yield b.slice(0, i) + c + b.slice(i);
  });
}

/** bitsquatting: one bit of one character flipped, kept when the result is still a host character. */
export function bitsquatting(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (const i of positions(b)) {
      const code = b.charCodeAt(i);
      for (let bit = 0; bit < 8; bit++) {
        const flipped = String.fromCharCode(code ^ (1 << bit));
        if (/^[a-z0-9-]$/.test(flipped)) yield b.slice(0, i) + flipped + b.slice(i + 1);
      }
    }
  });
}

/** One pass of glyph substitution: each position replaced by each glyph that reads as it. */
function glyphPass(b: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < b.length; i++) {
    for (const g of GLYPHS.get(b[i] ?? '') ?? []) out.add(b.slice(0, i) + g + b.slice(i + 1));
  }
  return out;
}

/** homoglyph: one or two characters replaced by look-alikes (rn for m, Cyrillic е for e); IDNs become punycode later. */
export function homoglyph(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    // Two passes, as dnstwist does: a second substitution on every first-pass result.
    const first = glyphPass(b);
    yield* first;
    for (const f of first) yield* glyphPass(f);
  });
}

/** cyrillic: every letter that has a Cyrillic twin replaced at once (dnstwist's whole-label script swap). */
export function cyrillic(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    yield [...b].map((c) => CYRILLIC.get(c) ?? c).join('');
  });
}

/** hyphenation: a hyphen inserted between two characters (cxmem → cx-mem, c-xmem). */
export function hyphenation(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (let i = 1; i < b.length; i++) yield `${b.slice(0, i)}-${b.slice(i)}`;
  });
}

/** insertion: a keyboard neighbour of a character typed before or after it (cxmem → cxmnem). */
export function insertion(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (const i of positions(b)) {
      for (const k of KEYBOARD[b[i] ?? ''] ?? '') {
        yield b.slice(0, i) + k + b.slice(i);
        yield b.slice(0, i + 1) + k + b.slice(i + 1);
      }
    }
  });
}

/** omission: one character left out (cxmem → xmem, cmem, cxem…). */
export function omission(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (const i of positions(b)) yield b.slice(0, i) + b.slice(i + 1);
  });
}

/** plural: an s or es added at the end, as dnstwist does for names that are words. */
export function plural(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    yield `${b}s`;
    yield `${b}es`;
  });
}

/** repetition: one letter doubled (cxmem → cxmmem). */
export function repetition(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (const i of positions(b)) if (/[a-z0-9]/.test(b[i] ?? '')) yield b.slice(0, i + 1) + b.slice(i);
  });
}

/** replacement: one character replaced by a keyboard neighbour (cxmem → cxnem). */
export function replacement(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (const i of positions(b)) for (const k of KEYBOARD[b[i] ?? ''] ?? '') yield b.slice(0, i) + k + b.slice(i + 1);
  });
}

/** transposition: two neighbouring characters swapped (cxmem → xcmem). */
export function transposition(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (let i = 0; i + 1 < b.length; i++) {
      if (b[i] !== b[i + 1]) yield b.slice(0, i) + (b[i + 1] ?? '') + (b[i] ?? '') + b.slice(i + 2);
    }
  });
}

/** vowel-swap: one vowel replaced by another (cxmem → cxmam). */
export function vowelSwap(officialHost: string): Set<string> {
  return overBases(officialHost, function* (b) {
    for (const i of positions(b)) {
      if (!VOWELS.includes(b[i] ?? '')) continue;
      for (const v of VOWELS) if (v !== b[i]) yield b.slice(0, i) + v + b.slice(i + 1);
    }
  });
}
