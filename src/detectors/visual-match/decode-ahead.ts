/**
 * A screenshot's pixels decoded with sharp (libvips, in C on its own threads) before the detectors run, so the
 * detector worker does not spend its JavaScript on pngjs's unfiltering. Only where the result is the very
 * pixels pngjs gives: the PNGs Chromium writes (8-bit RGB or RGBA, not interlaced, no transparency, gamma or
 * colour-profile chunk). Any other PNG gets null, and the visual detector decodes it with pngjs itself.
 */
import sharp from 'sharp';
import type { Rgba } from '../types.js';

// libvips keeps recent operations and their pixels (50 MB by default) for pipelines that repeat; a screenshot
// is decoded once, so the cache would only hold memory.
sharp.cache(false);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks before the image data that change no pixel of either decoder. */
const HARMLESS = new Set(['IHDR', 'pHYs', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** Whether pngjs and sharp read these bytes to the same RGBA: a plain 8-bit truecolour PNG. */
export function plainTruecolour(png: Buffer): boolean {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') return false;
  const bitDepth = png[24];
  const colourType = png[25];
  const interlace = png[28];
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) return false;
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') return true;
    if (!HARMLESS.has(type)) return false;
    at += 12 + length;
  }
  return false;
}

/** The RGBA pixels of a plain truecolour PNG (see plainTruecolour), or null: the detector decodes it then. */
export async function decodeAhead(png: Buffer): Promise<Rgba | null> {
  if (!plainTruecolour(png)) return null;
  try {
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 4 || info.width === 0 || info.height === 0) return null;
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch {
    return null; // unreadable here: pngjs has its own say
  }
}
