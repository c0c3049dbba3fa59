import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeAhead, plainTruecolour } from './decode-ahead.js';
import { decodePng } from './image.js';

/** Pixels with gradients, edges and noise, so every PNG row filter gets used. */
function pixels(width: number, height: number, channels: 3 | 4): Buffer {
  const data = Buffer.alloc(width * height * channels);
  let seed = 7;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const v = c === 3 ? (x * 7 + y) & 255 : y < height / 2 ? (x * (c + 1) + y * 3) & 255 : seed >>> 24;
        data[(y * width + x) * channels + c] = v;
      }
  return data;
}

/** A PNG chunk: length, type, data, CRC (pngjs checks it). */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = ~0;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(~crc >>> 0, 8 + data.length);
  return out;
}

/** The PNG with one more chunk right after IHDR. */
const withChunk = (png: Buffer, type: string, data: Buffer) => Buffer.concat([png.subarray(0, 33), chunk(type, data), png.subarray(33)]);

describe('decodeAhead', () => {
  it('gives the very RGBA pngjs gives for 8-bit RGB and RGBA PNGs, whichever encoder wrote them', async () => {
    const cases: Buffer[] = [
      await sharp(pixels(301, 97, 3), { raw: { width: 301, height: 97, channels: 3 } }).png().toBuffer(),
      await sharp(pixels(64, 250, 4), { raw: { width: 64, height: 250, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer(),
      PNG.sync.write(Object.assign(new PNG({ width: 129, height: 33 }), { data: pixels(129, 33, 4) }), { colorType: 2 }),
      PNG.sync.write(Object.assign(new PNG({ width: 40, height: 41 }), { data: pixels(40, 41, 4) }), { colorType: 6 }),
    ];
    for (const png of cases) {
      expect(plainTruecolour(png)).toBe(true);
      const ahead = await decodeAhead(png);
      const own = decodePng(png)!;
      expect(ahead).not.toBeNull();
      expect([ahead!.width, ahead!.height]).toEqual([own.width, own.height]);
      expect(Buffer.from(ahead!.data).equals(Buffer.from(own.data))).toBe(true);
    }
  });

  it('leaves to pngjs every PNG the two might read differently, and bytes that are no PNG', async () => {
    const rgb = await sharp(pixels(20, 10, 3), { raw: { width: 20, height: 10, channels: 3 } }).png().toBuffer();
    const palette = await sharp(pixels(20, 10, 3), { raw: { width: 20, height: 10, channels: 3 } }).png({ palette: true }).toBuffer();
    const sixteen = await sharp(pixels(20, 10, 3), { raw: { width: 20, height: 10, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    const interlaced = await sharp(pixels(20, 10, 3), { raw: { width: 20, height: 10, channels: 3 } }).png({ progressive: true }).toBuffer();
    const others = [
      palette,
      sixteen,
      interlaced,
      withChunk(rgb, 'tRNS', Buffer.from([0, 0, 0, 0, 0, 0])),
      withChunk(rgb, 'gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      Buffer.from('not a png at all, but long enough to have a header'),
      rgb.subarray(0, 30),
    ];
    for (const bytes of others) {
      expect(plainTruecolour(bytes)).toBe(false);
      expect(await decodeAhead(bytes)).toBeNull();
    }
    // A harmless chunk changes nothing.
    expect(plainTruecolour(withChunk(rgb, 'pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])))).toBe(true);
  });
});
