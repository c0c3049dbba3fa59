import { readFileSync } from 'node:fs';
import { UsageError } from '../../../errors.js';
import bundled from '../keywords.json' with { type: 'json' };

/** The bundled keyword sets (seeds/keywords.json), by set name. */
export const keywordSets: Readonly<Record<string, readonly string[]>> = bundled.sets;

/** The queries of the named bundled sets (all sets when none are named), without duplicates. */
export function builtinKeywords(sets: readonly string[] = Object.keys(keywordSets)): string[] {
  const out = new Set<string>();
  for (const name of sets) {
    const set = keywordSets[name];
    if (!set) throw new UsageError(`keyword set ${name}: unknown (known: ${Object.keys(keywordSets).join(', ')})`);
    for (const q of set) out.add(q);
  }
  return [...out];
}

/** Reads a keyword file: one query a line; blank lines and lines starting with # are skipped. */
export function readKeywordFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--keywords ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return [...new Set(text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')))];
}
