/**
 * domain-lookalike: does the host name imitate an official platform's host? The Ministry of Emergency
 * Management's position is that the address is the one test of genuineness (DESIGN.md, Platforms), so
 * the name alone is evidence. Every step is a small pure function; the techniques form one explicit list
 * (STYLE.md §4) and their word lists live in data.json beside this file.
 *
 * Order of work: normalise the host → decode punycode and fold homoglyphs (g) → optionally fold letter
 * confusions (f) → run every technique against every platform → keep the best platform.
 */
import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import type { Platform, PlatformId } from '../../model/platform.js';
import type { Detector, DetectorInput } from '../types.js';
import type { Signal } from '../../model/signal.js';
import { list, reason } from '../reason.js';
import rawData from './data.json' with { type: 'json' };
import { hostOf, isGovCn } from '../../model/host.js';
import { agencyPlatformOf, isOfficialHost } from '../../model/platform.js';

/** Signal id for the host the scan was asked to visit; weights in rules.json are keyed by it. */
export const LOOKALIKE_SIGNAL = 'domain.lookalike';
/** Signal id for the host a redirect ended on, when that differs from the host visited first. */
export const FINAL_LOOKALIKE_SIGNAL = 'domain.lookalike-final';

interface TokenEntry {
  readonly word: string;
  readonly platforms: readonly string[];
  readonly generic?: boolean;
}

interface LookalikeData {
  readonly homoglyphs: Readonly<Record<string, string>>;
  readonly confusions: readonly { readonly from: string; readonly to: string }[];
  readonly govTokens: readonly string[];
  readonly lookalikeSuffixes: readonly string[];
  readonly tokens: readonly TokenEntry[];
}

const DATA: LookalikeData = rawData;
const TOKENS = new Map(DATA.tokens.map((t) => [t.word, t] as const));
const GOV_TOKENS = new Set(DATA.govTokens);

/** Words this short match only as a whole word or in a complete split: `cx` hides inside too many names. */
const MIN_SUBSTRING_WORD = 6;
/** Below this a finding is noise, not evidence: the detector then reports nothing. */
const MIN_REPORTED = 0.05;
/** A name's score never reaches 1: only content evidence (other detectors) should make a site certain. */
const MAX_NAME_SCORE = 0.98;

// ---------------------------------------------------------------------------------------------------
// Host normalisation and folding


/** Folds full-width ASCII and the homoglyph table to plain ASCII; says whether anything changed. */
export function foldHomoglyphs(text: string): { readonly text: string; readonly changed: boolean } {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // Full-width ASCII (U+FF01–U+FF5E) sits at a fixed offset from ASCII, so it needs no table.
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0).toLowerCase();
    else out += DATA.homoglyphs[ch] ?? ch;
  }
  return { text: out, changed: out !== text };
}

/** Replaces letter sequences that read as another at a glance (rn→m, vv→w, 0→o, 1→l, cl→d). */
export function foldConfusions(text: string): string {
  let out = text;
  for (const c of DATA.confusions) out = out.split(c.from).join(c.to);
  return out;
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions and
 * adjacent transpositions each cost 1 (typosquats are mostly one of these).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** How many edits still count as a look-alike of a string this long: none under 5 letters. */
function maxEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  if (length < 12) return 2;
  return 3;
}

/**
 * Splits a label into known words (fewest pieces, whole label covered), or null when it cannot be
 * covered. Used so that `tzzychaxun` reads as tzzy + chaxun and `cxmemgov` as cx + mem + gov.
 */
export function segment(label: string, vocabulary: ReadonlySet<string>): string[] | null {
  const best: (string[] | null)[] = Array.from({ length: label.length + 1 }, () => null);
  best[0] = [];
  for (let end = 1; end <= label.length; end++) {
    for (let start = 0; start < end; start++) {
      const prefix = best[start];
      const word = label.slice(start, end);
      if (prefix === null || prefix === undefined || !vocabulary.has(word)) continue;
      const current = best[end];
      if (current === null || current === undefined || prefix.length + 1 < current.length) best[end] = [...prefix, word];
    }
  }
  return best[label.length] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Views of the candidate host and of the official hosts

/** The candidate host, prepared once for every technique. */
export interface HostView {
  /** Folded host, without a leading `www.`. */
  readonly host: string;
  /** Labels before the ICANN public suffix (for `a.gov.cn.com` that is a, gov, cn). */
  readonly outside: readonly string[];
  /** Words of the outside labels: split on hyphens, each piece split into known words when possible. */
  readonly words: readonly string[];
  /** Outside labels with separators removed. */
  readonly joined: string;
  /** Where `joined` has a hyphen or dot, and where it has a known-word boundary. */
  readonly separatorAt: ReadonlySet<number>;
  readonly wordBoundaryAt: ReadonlySet<number>;
  /** Every label with separators removed. */
  readonly full: string;
  /** Strings compared by edit distance with an official host's name part. */
  readonly coreStrings: readonly string[];
  /** A government word (gov, govcn…) outside a real .gov.cn. */
  readonly gov: boolean;
  /** 0.2 for a gov.cn-shaped second-level ending (.com.cn, .cn.com, .gov.cn.com), 0.1 for .cn, else 0. */
  readonly suffixBonus: number;
  readonly suffixNote: string | null;
}

interface OfficialView {
  readonly host: string;
  /** Name part labels (before the public suffix), hyphens removed: cx, mem. */
  readonly labels: readonly string[];
  /** Name part joined: cxmem. */
  readonly core: string;
  /** Whole host joined: cxmemgovcn. */
  readonly full: string;
}

interface PlatformView {
  readonly id: PlatformId;
  readonly officials: readonly OfficialView[];
}

function viewOfficial(host: string, confusions: boolean): OfficialView {
  // The candidate and the official host are folded alike, so an official `rn` would still match itself.
  const folded = confusions ? foldConfusions(host) : host;
  const p = parse(folded);
  const nameLabels = [...(p.subdomain ? p.subdomain.split('.') : []), p.domainWithoutSuffix ?? ''].filter(Boolean);
  const labels = nameLabels.map((l) => l.replace(/-/g, ''));
  return { host: folded, labels, core: labels.join(''), full: folded.replace(/[.-]/g, '') };
}

function vocabularyFor(platforms: readonly PlatformView[]): Set<string> {
  const vocab = new Set<string>([...TOKENS.keys(), ...GOV_TOKENS, 'cn']);
  for (const p of platforms) {
    for (const o of p.officials) {
      for (const l of o.labels) if (l.length >= 2) vocab.add(l);
    }
  }
  return vocab;
}

/**
 * Splits labels into words: hyphen pieces, each split into known words when it can be covered. `pieces`
 * keep the hyphen split only; `segments` are the covered splits (or the raw piece); `words` add the long
 * subject words embedded in uncovered pieces (`360anquan`).
 */
function wordsOf(
  labels: readonly string[],
  vocabulary: ReadonlySet<string>,
): { pieces: string[]; segments: string[]; words: string[] } {
  const pieces = labels.flatMap((l) => l.split(/[-_]+/).filter(Boolean));
  const segments: string[] = [];
  const embedded: string[] = [];
  for (const piece of pieces) {
    const split = segment(piece, vocabulary);
    if (split !== null) {
      segments.push(...split);
      continue;
    }
    segments.push(piece);
    // Short words would be noise inside an unknown word; long ones are deliberate.
    for (const t of TOKENS.keys()) {
      if (t.length >= MIN_SUBSTRING_WORD && t !== piece && piece.includes(t)) embedded.push(t);
    }
  }
  return { pieces, segments, words: [...segments, ...embedded] };
}

/** Offsets in the joined string where one word ends and the next begins (0 and the end included). */
function boundaries(parts: readonly string[]): Set<number> {
  const out = new Set<number>([0]);
  let at = 0;
  for (const p of parts) out.add((at += p.length));
  return out;
}

function suffixLook(host: string): { bonus: number; note: string | null } {
  const dotted = `.${host}`;
  // `.gov.cn.` in the middle of a name borrows the government suffix for a domain registered elsewhere.
  if (dotted.includes('.gov.cn.')) return { bonus: 0.2, note: 'gov.cn inside the name' };
  for (const s of DATA.lookalikeSuffixes) if (dotted.endsWith(`.${s}`)) return { bonus: 0.2, note: `.${s}` };
  if (host.endsWith('.cn')) return { bonus: 0.1, note: '.cn' };
  return { bonus: 0, note: null };
}

function viewHost(host: string, vocabulary: ReadonlySet<string>): HostView {
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  const p = parse(bare);
  const suffixLabels = p.publicSuffix ? p.publicSuffix.split('.').length : 1;
  const labels = bare.split('.');
  const outside = labels.slice(0, Math.max(0, labels.length - suffixLabels));
  const { pieces, segments, words } = wordsOf(outside, vocabulary);
  const joined = outside.join('').replace(/[-_]/g, '');
  const nameOnly = words.filter((w) => !GOV_TOKENS.has(w) && w !== 'cn').join('');
  const coreStrings = [...new Set([...outside.map((l) => l.replace(/[-_]/g, '')), joined, nameOnly])].filter(
    (s) => s.length >= 4,
  );
  const look = suffixLook(bare);
  return {
    host: bare,
    outside,
    words,
    joined,
    separatorAt: boundaries(pieces),
    wordBoundaryAt: boundaries(segments),
    full: bare.replace(/[.\-_]/g, ''),
    coreStrings,
    gov: words.some((w) => GOV_TOKENS.has(w)),
    suffixBonus: look.bonus,
    suffixNote: look.note,
  };
}

// ---------------------------------------------------------------------------------------------------
// Techniques: each a pure function from the candidate and one platform to a finding

/** One technique's finding against one platform. */
export interface Finding {
  readonly technique: string;
  readonly score: number;
  /** The official host this finding compares with; null for platform-wide findings (subject words). */
  readonly officialHost: string | null;
  readonly note: string;
  readonly distance?: number;
}

type Technique = (c: HostView, p: PlatformView) => Finding | null;

/** The name claims government (gov token) and wears a China-shaped ending: both make a copy stronger. */
function claimBonus(c: HostView): number {
  return (c.gov ? 0.3 : 0) + c.suffixBonus;
}

function claimNotes(c: HostView): string {
  const notes = [c.gov ? 'gov token outside .gov.cn' : null, c.suffixNote ? `ending ${c.suffixNote}` : null];
  return notes.filter(Boolean).map((n) => `, ${n}`).join('');
}

function bestOf(findings: readonly (Finding | null)[]): Finding | null {
  let best: Finding | null = null;
  for (const f of findings) if (f !== null && (best === null || f.score > best.score)) best = f;
  return best;
}

/** (g, f) After folding, the host is the official host itself: an IDN homograph or a 0/o, rn/m swap. */
const foldedCopy: Technique = (c, p) =>
  bestOf(
    p.officials.map((o) =>
      c.host === o.host
        ? { technique: 'folded-copy', score: MAX_NAME_SCORE, officialHost: o.host, note: `reads as ${o.host}` }
        : null,
    ),
  );

/** (c) The official host is used as the leading labels of another domain: cx.mem.gov.cn.example.top. */
const officialAsPrefix: Technique = (c, p) =>
  bestOf(
    p.officials.map((o) =>
      `.${c.host}.`.includes(`.${o.host}.`) && !c.host.endsWith(`.${o.host}`) && c.host !== o.host
        ? { technique: 'official-host-as-prefix', score: 0.95, officialHost: o.host, note: `starts with ${o.host}.` }
        : null,
    ),
  );

/**
 * (b) The official name labels are copied in order, hyphenated (cx-mem) or concatenated (cxmem), or
 * all present in another order (mem-cx). A name alone scores mid: a business may be called that.
 */
const labelsCopied: Technique = (c, p) =>
  bestOf(
    p.officials.map((o): Finding | null => {
      if (o.core.length < 4) return null;
      const at = c.joined.indexOf(o.core);
      if (at >= 0) {
        const end = at + o.core.length;
        const aligned = c.wordBoundaryAt.has(at) && c.wordBoundaryAt.has(end);
        // Hyphenated: a hyphen or dot at every official label boundary (cx-mem); concatenated: the
        // labels run together but still end on word boundaries (cxmemgov); embedded: inside a longer
        // unknown word (`cxmemory`), which may be a business's own name, so it counts less.
        let offset = at;
        const labelEdges = [at, ...o.labels.map((l) => (offset += l.length))];
        const technique = !aligned
          ? 'embedded-copy'
          : o.labels.length > 1 && labelEdges.every((e) => c.separatorAt.has(e))
            ? 'hyphenated-copy'
            : 'concatenated-copy';
        return {
          technique,
          score: Math.min(0.95, (aligned ? 0.55 : 0.45) + claimBonus(c)),
          officialHost: o.host,
          note: `copies the labels ${o.labels.join('.')} of ${o.host}${claimNotes(c)}`,
          distance: 0,
        };
      }
      if (o.labels.length > 1 && o.labels.every((l) => c.words.includes(l))) {
        return {
          technique: 'reordered-copy',
          score: Math.min(0.9, 0.45 + claimBonus(c)),
          officialHost: o.host,
          note: `has every label of ${o.host} in another order${claimNotes(c)}`,
        };
      }
      return null;
    }),
  );

/** (a) Damerau-Levenshtein: the name part or the whole host is a few edits from the official one. */
const nearSpelling: Technique = (c, p) =>
  bestOf(
    p.officials.flatMap((o): (Finding | null)[] => {
      const findings: (Finding | null)[] = [];
      const fullD = editDistance(c.full, o.full);
      const fullLen = Math.max(c.full.length, o.full.length);
      if (fullD <= maxEdits(o.full.length)) {
        findings.push({
          technique: 'edit-distance',
          score: 0.95 * (1 - fullD / fullLen),
          officialHost: o.host,
          note: `whole name ${fullD} edit(s) from ${o.host}`,
          distance: fullD,
        });
      }
      for (const s of c.coreStrings) {
        const d = editDistance(s, o.core);
        if (d === 0 || d > maxEdits(o.core.length)) continue;
        findings.push({
          technique: 'edit-distance',
          score: Math.min(0.95, (1 - d / Math.max(s.length, o.core.length)) * (0.55 + claimBonus(c))),
          officialHost: o.host,
          note: `"${s}" is ${d} edit(s) from "${o.core}" of ${o.host}${claimNotes(c)}`,
          distance: d,
        });
      }
      return findings;
    }),
  );

/**
 * (h) The name is made of pinyin words of this platform's subject (tzzy-chaxun, aqsc-zscx): one
 * platform word plus at least one more makes a look-alike even without the official name.
 */
const subjectWords: Technique = (c, p) => {
  const specific: string[] = [];
  const generic: string[] = [];
  for (const w of new Set(c.words)) {
    const t = TOKENS.get(w);
    if (t === undefined) continue;
    if (t.generic) generic.push(w);
    else if (t.platforms.includes(p.id)) specific.push(w);
  }
  const total = specific.length + generic.length;
  if (specific.length === 0) return null;
  const base = total >= 2 ? Math.min(0.7, 0.5 + 0.1 * (total - 2)) : 0.25;
  return {
    technique: 'subject-words',
    score: Math.min(0.9, base + claimBonus(c)),
    officialHost: null,
    note: `subject words ${[...specific, ...generic].join(', ')}${claimNotes(c)}`,
  };
};

/** Every technique, in one explicit list (STYLE.md §4: registries are arrays, never name lookups). */
export const techniques: readonly { readonly name: string; readonly run: Technique }[] = [
  { name: 'folded-copy', run: foldedCopy },
  { name: 'official-host-as-prefix', run: officialAsPrefix },
  { name: 'labels-copied', run: labelsCopied },
  { name: 'edit-distance', run: nearSpelling },
  { name: 'subject-words', run: subjectWords },
];

/** (d) Platform-less: a gov word outside .gov.cn, or generic certificate-query words only. Weak alone. */
function withoutPlatform(c: HostView): Finding | null {
  const generic = new Set(c.words.filter((w) => TOKENS.get(w)?.generic === true));
  const findings: Finding[] = [];
  if (generic.size >= 2) {
    findings.push({
      technique: 'query-words',
      score: Math.min(0.7, 0.3 + claimBonus(c)),
      officialHost: null,
      note: `certificate-query words ${[...generic].join(', ')}${claimNotes(c)}`,
    });
  }
  if (c.gov) {
    findings.push({
      technique: 'gov-token',
      score: 0.2 + c.suffixBonus / 2,
      officialHost: null,
      note: `gov token outside .gov.cn${c.suffixNote ? `, ending ${c.suffixNote}` : ''}`,
    });
  }
  return bestOf(findings);
}

// ---------------------------------------------------------------------------------------------------
// The comparison of one host with every platform

/** The outcome of comparing one host with the official platforms. */
export interface LookalikeResult {
  readonly host: string;
  readonly registrableDomain: string | null;
  /** 0..1 */
  readonly score: number;
  readonly platform: PlatformId | null;
  readonly officialHost: string | null;
  /** Techniques found, strongest first, with the folding steps that were needed (punycode, homoglyph…). */
  readonly techniques: readonly string[];
  readonly findings: readonly Finding[];
  /** Edit distances of the name part and the whole host from each official host of the platform. */
  readonly distances: Readonly<Record<string, { readonly name: number; readonly host: number }>>;
}



/**
 * Compares one host with every platform's official hosts and returns the best match, or null when the
 * host is official, genuinely under .gov.cn, owned by a platform's agency, an IP, or not alike at all.
 */
export function compareHost(rawHost: string, platforms: readonly Platform[]): LookalikeResult | null {
  const host = hostOf(rawHost);
  if (host === null || host === '') return null;
  const parsed = parse(host);
  if (parsed.isIp) return null;
  if (isOfficialHost(host, platforms)) return null;
  // CNNIC delegates .gov.cn only to government bodies, so a real .gov.cn name (a provincial portal)
  // cannot be a counterfeit's own registration; an IDN label under it is still examined.
  if (isGovCn(host) && !host.includes('xn--')) return null;
  if (agencyPlatformOf(host, platforms) !== null) return null;

  const unicode = host.includes('xn--') ? domainToUnicode(host) || host : host;
  const folded = foldHomoglyphs(unicode);
  const foldingNotes = [
    ...(unicode !== host ? ['punycode'] : []),
    ...(folded.changed ? ['homoglyph'] : []),
  ];
  const viewsOf = (confusions: boolean): PlatformView[] =>
    platforms.map((p) => ({ id: p.id, officials: p.officialHosts.map((o) => viewOfficial(o, confusions)) }));
  const views = viewsOf(false);
  const confusedViews = viewsOf(true);
  const vocabulary = vocabularyFor([...views, ...confusedViews]);
  const plain = viewHost(folded.text, vocabulary);
  const confusedText = foldConfusions(folded.text);
  const confused = confusedText === folded.text ? null : viewHost(confusedText, vocabulary);

  let best: { platform: PlatformView | null; score: number; findings: Finding[]; notes: string[] } = {
    platform: null,
    score: 0,
    findings: [],
    notes: [],
  };
  const consider = (platform: PlatformView | null, findings: Finding[], notes: string[]): void => {
    const top = bestOf(findings);
    if (top === null) return;
    let score = top.score;
    // A homoglyph is never an accident: it removes most of the remaining doubt about intent.
    if (folded.changed) score = 1 - (1 - score) * 0.3;
    score = Math.min(MAX_NAME_SCORE, score);
    if (score > best.score) best = { platform, score, findings, notes };
  };

  views.forEach((p, i) => {
    const run = (v: HostView, pv: PlatformView): Finding[] =>
      techniques.map((t) => t.run(v, pv)).filter((f): f is Finding => f !== null && f.score > 0);
    const onPlain = run(plain, p);
    const onConfused = confused === null ? [] : run(confused, confusedViews[i] ?? p);
    const plainTop = bestOf(onPlain)?.score ?? 0;
    const confusedTop = bestOf(onConfused)?.score ?? 0;
    if (confusedTop > plainTop) consider(p, onConfused, [...foldingNotes, 'letter-confusion']);
    else consider(p, onPlain, foldingNotes);
  });
  const loose = withoutPlatform(plain);
  if (loose !== null) consider(null, [loose], foldingNotes);

  if (best.score < MIN_REPORTED) return null;
  const findings = [...best.findings].sort((a, b) => b.score - a.score);
  const top = findings[0] ?? null;
  const officialHost =
    top?.officialHost ?? findings.find((f) => f.officialHost !== null)?.officialHost ?? best.platform?.officials[0]?.host ?? null;
  const distances: Record<string, { name: number; host: number }> = {};
  const v = best.notes.includes('letter-confusion') && confused !== null ? confused : plain;
  for (const o of best.platform?.officials ?? []) {
    const name = Math.min(...v.coreStrings.map((s) => editDistance(s, o.core)), editDistance(v.joined, o.core));
    distances[o.host] = { name, host: editDistance(v.full, o.full) };
  }
  const claims = [...(v.gov ? ['gov-token'] : []), ...(v.suffixBonus >= 0.2 ? ['lookalike-suffix'] : [])];
  return {
    host,
    registrableDomain: parsed.domain,
    score: Math.round(best.score * 1000) / 1000,
    platform: best.platform?.id ?? null,
    officialHost,
    techniques: [...new Set([...findings.map((f) => f.technique), ...claims, ...best.notes])],
    findings,
    distances,
  };
}

function toSignal(id: string, result: LookalikeResult, redirected: boolean): Signal {
  const params = { host: result.host, official: result.officialHost ?? '', techniques: list(result.techniques) };
  const which = result.officialHost
    ? redirected ? 'domain.lookalike-final' : 'domain.lookalike'
    : redirected ? 'domain.lookalike-final-generic' : 'domain.lookalike-generic';
  return {
    id,
    score: result.score,
    platform: result.platform,
    ...reason(which, params),
    evidence: {
      host: result.host,
      registrableDomain: result.registrableDomain,
      officialHost: result.officialHost,
      techniques: result.techniques,
      distances: result.distances,
      findings: result.findings,
    },
  };
}

/** Reads the target host and, when a redirect ended elsewhere, the final host, and scores each name. */
function detect(input: DetectorInput): Signal[] {
  const { snapshot, platforms } = input;
  const target = hostOf(snapshot.url) ?? hostOf(snapshot.input);
  const final = hostOf(snapshot.finalUrl);
  const signals: Signal[] = [];
  if (target !== null) {
    const r = compareHost(target, platforms);
    if (r !== null) signals.push(toSignal(LOOKALIKE_SIGNAL, r, false));
  }
  if (final !== null && final !== target) {
    const r = compareHost(final, platforms);
    if (r !== null) signals.push(toSignal(FINAL_LOOKALIKE_SIGNAL, r, true));
  }
  return signals;
}

/** The domain-lookalike detector: host names that imitate an official platform's host. */
export const domainLookalike: Detector = {
  id: 'domain-lookalike',
  describe: 'host name imitates an official platform host (typos, hyphens, homoglyphs, pinyin subject words)',
  detect,
};
