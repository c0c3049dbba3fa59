/**
 * A video of the visit when Playwright's own recorder cannot run: Playwright encodes recordVideo with the
 * ffmpeg build it downloads next to its browsers, and jianzhen never downloads browsers (the system
 * Chromium is used). Chromium's DevTools screencast gives JPEG frames; they are written as a Motion-JPEG
 * AVI (RIFF), which VLC, Windows Media Player and ffmpeg play without any codec pack.
 */
import type { CDPSession } from 'playwright';

interface Frame {
  readonly at: number;
  readonly jpeg: Buffer;
}

/** Records screencast frames of a page's CDP session until stop(). */
export async function startScreencast(cdp: CDPSession, size: { width: number; height: number }): Promise<{ stop(): Promise<Frame[]> }> {
  const frames: Frame[] = [];
  cdp.on('Page.screencastFrame', (ev: { data: string; sessionId: number }) => {
    frames.push({ at: Date.now(), jpeg: Buffer.from(ev.data, 'base64') });
    void cdp.send('Page.screencastFrameAck', { sessionId: ev.sessionId }).catch(() => undefined);
  });
  await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 70, maxWidth: size.width, maxHeight: size.height, everyNthFrame: 1 });
  return {
    async stop() {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      return frames;
    },
  };
}

/** Reads width and height from a JPEG's SOF marker. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1]!;
    const len = jpeg.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

const fourcc = (s: string): Buffer => Buffer.from(s, 'ascii');
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const chunk = (id: string, data: Buffer): Buffer => Buffer.concat([fourcc(id), u32(data.length), data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
const list = (type: string, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat([fourcc(type), ...parts]);
  return Buffer.concat([fourcc('LIST'), u32(body.length), body]);
};

/**
 * Writes frames as an MJPEG AVI at a fixed rate: each frame is repeated until the next one arrived, so
 * the video plays in real time (a page that sits still for 3 s shows still for 3 s).
 */
export function framesToAvi(frames: readonly Frame[], fps = 5, tailMs = 1000): Buffer | null {
  if (frames.length === 0) return null;
  const size = jpegSize(frames[0]!.jpeg);
  if (!size) return null;
  const step = 1000 / fps;
  const start = frames[0]!.at;
  const end = frames[frames.length - 1]!.at + tailMs;
  const seq: Buffer[] = [];
  let k = 0;
  for (let t = start; t < end; t += step) {
    while (k + 1 < frames.length && frames[k + 1]!.at <= t) k++;
    seq.push(frames[k]!.jpeg);
  }
  const maxFrame = Math.max(...seq.map((f) => f.length));
  const { width, height } = size;

  const avih = Buffer.alloc(56);
  avih.writeUInt32LE(Math.round(1_000_000 / fps), 0);
  avih.writeUInt32LE(maxFrame * fps, 4);
  avih.writeUInt32LE(0x10, 12); // AVIF_HASINDEX
  avih.writeUInt32LE(seq.length, 16);
  avih.writeUInt32LE(1, 24); // streams
  avih.writeUInt32LE(maxFrame, 28);
  avih.writeUInt32LE(width, 32);
  avih.writeUInt32LE(height, 36);

  const strh = Buffer.alloc(56);
  fourcc('vids').copy(strh, 0);
  fourcc('MJPG').copy(strh, 4);
  strh.writeUInt32LE(1, 20); // scale
  strh.writeUInt32LE(fps, 24); // rate
  strh.writeUInt32LE(seq.length, 32); // length
  strh.writeUInt32LE(maxFrame, 36);
  strh.writeInt32LE(-1, 40); // quality: default
  strh.writeUInt16LE(width, 52);
  strh.writeUInt16LE(height, 54);

  const strf = Buffer.alloc(40); // BITMAPINFOHEADER
  strf.writeUInt32LE(40, 0);
  strf.writeInt32LE(width, 4);
  strf.writeInt32LE(height, 8);
  strf.writeUInt16LE(1, 12);
  strf.writeUInt16LE(24, 14);
  fourcc('MJPG').copy(strf, 16);
  strf.writeUInt32LE(width * height * 3, 20);

  const hdrl = list('hdrl', chunk('avih', avih), list('strl', chunk('strh', strh), chunk('strf', strf)));
  const movieChunks: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 4; // idx1 offsets count from the 'movi' fourcc
  for (const jpeg of seq) {
    const c = chunk('00dc', jpeg);
    const entry = Buffer.alloc(16);
    fourcc('00dc').copy(entry, 0);
    entry.writeUInt32LE(0x10, 4); // AVIIF_KEYFRAME
    entry.writeUInt32LE(offset, 8);
    entry.writeUInt32LE(jpeg.length, 12);
    index.push(entry);
    movieChunks.push(c);
    offset += c.length;
  }
  const movi = list('movi', ...movieChunks);
  const idx1 = chunk('idx1', Buffer.concat(index));
  const body = Buffer.concat([fourcc('AVI '), hdrl, movi, idx1]);
  return Buffer.concat([fourcc('RIFF'), u32(body.length), body]);
}
