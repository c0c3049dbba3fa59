/** Text helpers shared by detectors (pure). */

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
