/**
 * Text normalisation shared by every stage that reads page text (pure). Chinese pages mix full-width and
 * half-width characters and traditional and simplified script; a reader sees one text, so the checks must too.
 */
import { Converter } from 'opencc-js/t2cn';

/** Folds full-width ASCII (ＩＣＰ, ＱＱ, １３８) and the ideographic space to plain ASCII, keeping offsets 1:1. */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

// OpenCC's traditional → mainland simplified tables (characters and phrases); built once per process.
let toCn: ((text: string) => string) | null = null;

/**
 * Traditional Chinese (Taiwan, Hong Kong or generic) to mainland simplified, with OpenCC's tables: 特種作業操作證
 * reads as 特种作业操作证. Simplified text passes through unchanged, so every text check can run on the result.
 */
export function toSimplified(text: string): string {
  if (text === '') return text;
  // Pure ASCII cannot hold a traditional character: skip the table walk.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const convert = (toCn ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}
