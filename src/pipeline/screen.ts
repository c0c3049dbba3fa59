/**
 * The domain screen: the funnel's first stage. It reads names — feeds can hold millions,
 * so they are streamed — and keeps those whose name alone looks like an official platform's host, with
 * the domain-lookalike score, without touching the network. Only kept names are worth a DNS query.
 *
 * compareHost is thorough and therefore too slow for millions of names (views, segmentation, every
 * technique against every platform). A pre-filter answers "could compareHost score this at all?" with
 * cheap checks first and is conservative by construction: every finding compareHost can make needs
 * either non-ASCII/punycode (homoglyph folding), an anchor word in the name (an official label or core,
 * a pinyin/abbreviation token, a gov token), or a name part within the detector's edit budget of an
 * official name; the test checks on a generated mix that no name the full comparison keeps is dropped.
 */
import { parse } from 'tldts';
import { compareHost, foldConfusions, segment } from '../detectors/domain-lookalike/index.js';
import { hostOf } from '../model/host.js';
import lookalikeData from '../detectors/domain-lookalike/data.json' with { type: 'json' };
import { UsageError } from '../errors.js';
import type { Platform, PlatformId } from '../model/platform.js';
import screenData from './screen.json' with { type: 'json' };

/** The bundled screen threshold (screen.json), 0..1. */
export const DEFAULT_SCREEN_THRESHOLD: number = screenData.screen;

/** A name worth a DNS lookup, with why. */
export interface ScreenHit {
  /** The input line as given. */
  readonly name: string;
  /** The normalised host that was compared. */
  readonly host: string;
  /** domain-lookalike score, 0..1. */
  readonly score: number;
  readonly platform: PlatformId | null;
  readonly officialHost: string | null;
  readonly techniques: readonly string[];
}

/** Running counts of a screen, for progress lines and the funnel's record of where names stopped. */
export interface ScreenStats {
  /** Names read. */
  seen: number;
  /** Names that are not host names (blank, comments, garbage). */
  invalid: number;
  /** Names the pre-filter passed to the full comparison. */
  compared: number;
  /** Names at or above the threshold. */
  kept: number;
}

/** Options of a screen: the platforms (rules), the threshold, and progress reporting. */
export interface ScreenOptions {
  readonly threshold?: number;
  /** Called every `progressEvery` names (default 100,000) and once at the end. */
  readonly onProgress?: (stats: Readonly<ScreenStats>) => void;
  readonly progressEvery?: number;
  /** Skip the pre-filter and compare every name (the baseline of the benchmark). */
  readonly noPrefilter?: boolean;
}

/** Mirrors the detector's budget (domain-lookalike maxEdits): how many edits still count as a look-alike. */
function maxEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  if (length < 12) return 2;
  return 3;
}

/** The detector's MIN_SUBSTRING_WORD: shorter words match only as whole words. */
const MIN_SUBSTRING_WORD = 6;

/** Sources of the detector's letter confusions (data.json `confusions`): only such names need folding. */
const CONFUSABLE = new RegExp(lookalikeData.confusions.map((c) => c.from).join('|'));

const GOV_OR_CN = new RegExp(`^(${[...lookalikeData.govTokens, 'cn'].join('|')})+$`);

/**
 * Optimal-string-alignment distance, stopped as soon as it must exceed `k` (returns k + 1 then).
 * The detector's editDistance allocates a full matrix; this runs on three reused rows.
 */
function boundedOsa(a: string, b: string, k: number, rows: Int32Array[]): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > k) return k + 1;
  let prev2 = rows[0] as Int32Array;
  let prev = rows[1] as Int32Array;
  let cur = rows[2] as Int32Array;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return k + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] as number;
}

interface Target {
  readonly text: string;
  readonly k: number;
  /** charCode → occurs in text: a character of the candidate that the target lacks costs an edit. */
  readonly chars: Uint8Array;
}

function target(text: string, k: number): Target {
  const chars = new Uint8Array(128);
  for (let i = 0; i < text.length; i++) chars[text.charCodeAt(i) & 127] = 1;
  return { text, k, chars };
}

/** Cheap lower bound: characters of s absent from the target must each be substituted or deleted. */
function foreignChars(s: string, t: Target): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= t.k; i++) if (t.chars[s.charCodeAt(i) & 127] === 0) n++;
  return n;
}

/** The cheap half of the screen: true when compareHost might find anything in the host. */
export interface Prefilter {
  (host: string): boolean;
}

/** Builds the pre-filter for a set of platforms: anchor words and edit-distance targets, computed once. */
export function buildPrefilter(platforms: readonly Platform[]): Prefilter {
  const cores: Target[] = [];
  const fulls: Target[] = [];
  // The detector matches official cores and long tokens anywhere in the name, but short tokens, gov
  // tokens and single official labels only as whole words (a hyphen piece, or a piece that splits
  // completely into known words): `member` does not contain the word `mem`.
  const anywhere = new Set<string>(lookalikeData.tokens.map((t) => t.word).filter((w) => w.length >= MIN_SUBSTRING_WORD));
  const vocabulary = new Set<string>([...lookalikeData.tokens.map((t) => t.word), ...lookalikeData.govTokens, 'cn']);
  for (const p of platforms) {
    for (const official of p.officialHosts) {
      // The detector compares with the official host both as is and letter-confusion folded.
      for (const host of new Set([official, foldConfusions(official)])) {
        const parsed = parse(host);
        const labels = [...(parsed.subdomain ? parsed.subdomain.split('.') : []), parsed.domainWithoutSuffix ?? '']
          .filter(Boolean)
          .map((l) => l.replace(/-/g, ''));
        const core = labels.join('');
        const full = host.replace(/[.-]/g, '');
        for (const l of labels) if (l.length >= 2) vocabulary.add(l);
        if (core.length >= 4) anywhere.add(core);
        cores.push(target(core, maxEdits(core.length)));
        fulls.push(target(full, maxEdits(full.length)));
      }
    }
  }
  const alternation = (words: Iterable<string>): RegExp =>
    new RegExp([...words].sort((a, b) => b.length - a.length).join('|'));
  const anywhereRe = alternation(anywhere);
  const wordRe = alternation([...vocabulary].filter((w) => w !== 'cn'));
  /** True when a hyphen piece is, or splits completely into, known words other than `cn`. */
  const isWordy = (piece: string): boolean => {
    if (!wordRe.test(piece)) return false;
    if (vocabulary.has(piece)) return true;
    const split = segment(piece, vocabulary);
    return split !== null && split.some((w) => w !== 'cn');
  };
  const maxLen = Math.max(...[...cores, ...fulls].map((t) => t.text.length + t.k)) + 2;
  const rows = [new Int32Array(maxLen + 1), new Int32Array(maxLen + 1), new Int32Array(maxLen + 1)];
  const near = (s: string, targets: readonly Target[]): boolean =>
    targets.some(
      (t) =>
        t.k > 0 &&
        Math.abs(s.length - t.text.length) <= t.k &&
        s !== t.text &&
        foreignChars(s, t) <= t.k &&
        boundedOsa(s, t.text, t.k, rows) <= t.k,
    );

  const coreMin = Math.min(...cores.map((t) => t.text.length - t.k));
  const coreMax = Math.max(...cores.map((t) => t.text.length + t.k));
  const nearCore = (s: string): boolean => s.length >= 4 && s.length >= coreMin && s.length <= coreMax && near(s, cores);

  /**
   * True when a string the detector measures edit distance on — a name label, a join of the leading
   * labels, or such a join without gov/cn pieces (its nameOnly) — is within budget of an official core.
   * A superset of the detector's strings: every label but the last may be outside the public suffix.
   */
  const nearCoreLabels = (labels: readonly string[]): boolean => {
    let joined = '';
    let withoutGov = '';
    for (let i = 0; i < labels.length - 1; i++) {
      const label = labels[i] as string;
      const plain = label.includes('-') || label.includes('_') ? label.replace(/[-_]/g, '') : label;
      if (nearCore(plain)) return true;
      joined += plain;
      for (const piece of label.split(/[-_]+/)) if (!GOV_OR_CN.test(piece)) withoutGov += piece;
      if (i > 0 && nearCore(joined)) return true;
      if (withoutGov !== joined && nearCore(withoutGov)) return true;
    }
    return false;
  };

  const check = (bare: string): boolean => {
    const flat = bare.replace(/[.\-_]/g, '');
    if (anywhereRe.test(flat)) return true;
    const labels = bare.split('.');
    if (wordRe.test(flat)) {
      for (let i = 0; i < labels.length - 1; i++) {
        for (const piece of (labels[i] as string).split(/[-_]+/)) if (piece !== '' && isWordy(piece)) return true;
      }
    }
    if (near(flat, fulls)) return true;
    return nearCoreLabels(labels);
  };

  return (host: string): boolean => {
    // Homoglyphs and IDNs are folded by the detector before anything else: always compare them.
    if (host.includes('xn--') || /[^\x00-\x7f]/.test(host)) return true;
    const bare = host.startsWith('www.') ? host.slice(4) : host;
    if (check(bare)) return true;
    if (!CONFUSABLE.test(bare)) return false;
    const confused = foldConfusions(bare);
    return confused !== bare && check(confused);
  };
}

/** Turns one feed line into a lower-case host (drops `*.` of certificate names, a trailing dot, a URL's path), or null. */
export function normaliseName(line: string): string | null {
  const t = line.trim().toLowerCase();
  if (t === '' || t.startsWith('#')) return null;
  const plain = t.replace(/^\*\./, '').replace(/\.+$/, '');
  if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(plain)) return plain;
  const h = hostOf(plain);
  return h !== null && h.includes('.') ? h : null;
}

function validThreshold(t: number): number {
  if (!Number.isFinite(t) || t < 0 || t > 1) throw new UsageError(`screen threshold must be between 0 and 1, got ${t}`);
  return t;
}

/** Screens one name (a line of a feed): the hit, or null when it is not worth a DNS lookup. */
export function makeScreen(
  platforms: readonly Platform[],
  opts: Pick<ScreenOptions, 'threshold' | 'noPrefilter'> = {},
): (name: string, stats?: ScreenStats) => ScreenHit | null {
  const threshold = validThreshold(opts.threshold ?? DEFAULT_SCREEN_THRESHOLD);
  const prefilter = opts.noPrefilter ? () => true : buildPrefilter(platforms);
  return (name, stats) => {
    if (stats) stats.seen++;
    const host = normaliseName(name);
    if (host === null) {
      if (stats) stats.invalid++;
      return null;
    }
    if (!prefilter(host)) return null;
    if (stats) stats.compared++;
    const r = compareHost(host, platforms);
    if (r === null || r.score < threshold) return null;
    if (stats) stats.kept++;
    return { name, host, score: r.score, platform: r.platform, officialHost: r.officialHost, techniques: r.techniques };
  };
}

/** Streams names (a feed's lines, sync or async) and yields those worth a DNS lookup, in input order. */
export async function* screenNames(
  names: Iterable<string> | AsyncIterable<string>,
  platforms: readonly Platform[],
  opts: ScreenOptions = {},
): AsyncGenerator<ScreenHit> {
  const screen = makeScreen(platforms, opts);
  const stats: ScreenStats = { seen: 0, invalid: 0, compared: 0, kept: 0 };
  const every = opts.progressEvery ?? 100_000;
  for await (const name of names) {
    const hit = screen(name, stats);
    if (hit !== null) yield hit;
    if (opts.onProgress && stats.seen % every === 0) opts.onProgress(stats);
  }
  opts.onProgress?.(stats);
}
