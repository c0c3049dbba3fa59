import jsqrModule, { type QRCode } from 'jsqr';
import sharp from 'sharp';

type JsQr = (data: Uint8ClampedArray, width: number, height: number, opts?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' }) => QRCode | null;
// jsqr is a UMD bundle: under NodeNext its default import is typed as the module object, at run time it is the function.
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? (jsqrModule as unknown as JsQr)) as JsQr;

/** One QR code found in a photo: its text, and the web address it holds (null when it holds none). */
export interface QrFound {
  readonly text: string;
  readonly url: string | null;
}

export interface QrOptions {
  /** Most codes to take from one image (a certificate rarely has more than two); default 4. */
  readonly maxCodes?: number;
}

interface Raster {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

// Phone photos run to 4000 px and more; finder patterns stay findable at this size and jsQR stays fast.
const MAX_SIDE = 1600;

async function raster(img: ReturnType<typeof sharp>): Promise<Raster> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  const px = info.width * info.height;
  if (info.channels === 4) return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  // jsQR wants RGBA; greyscale variants come out with 1 (or 2, with alpha) channels, JPEGs with 3.
  const rgba = new Uint8ClampedArray(px * 4);
  for (let i = 0; i < px; i++) {
    const o = i * info.channels;
    const grey = info.channels < 3;
    rgba[i * 4] = data[o]!;
    rgba[i * 4 + 1] = grey ? data[o]! : data[o + 1]!;
    rgba[i * 4 + 2] = grey ? data[o]! : data[o + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  return { data: rgba, width: info.width, height: info.height };
}

/**
 * The tries, cheapest first: the photo as it is; greyscale with its contrast stretched (faded scans,
 * yellowed paper); overlapping tiles of that (two codes on one page confuse the finder-pattern search,
 * one per tile does not); smaller scales (blur and JPEG noise average out); a few small rotations for
 * skewed photos. Each stage is produced only when the earlier ones found nothing.
 */
function* stages(input: Buffer): Generator<() => Promise<Raster[]>> {
  const base = () => sharp(input, { failOn: 'none' }).rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const grey = () => base().greyscale().normalise();
  yield async () => [await raster(base())];
  yield async () => [await raster(grey())];
  yield async () => {
    const whole = await raster(grey());
    const tw = Math.floor(whole.width / 2);
    const th = Math.floor(whole.height / 2);
    const tiles: Raster[] = [];
    for (const fy of [0, 0.25, 0.5]) {
      for (const fx of [0, 0.25, 0.5]) tiles.push(crop(whole, Math.floor(whole.width * fx), Math.floor(whole.height * fy), tw, th));
    }
    return tiles;
  };
  for (const scale of [0.5, 0.3]) {
    yield async () => {
      const meta = await base().toBuffer({ resolveWithObject: true });
      return [await raster(sharp(meta.data).greyscale().normalise().resize({ width: Math.max(64, Math.round(meta.info.width * scale)) }))];
    };
  }
  for (const angle of [-12, 12, 45]) {
    yield async () => [await raster(sharp(input, { failOn: 'none' }).rotate().resize({ width: 900, height: 900, fit: 'inside', withoutEnlargement: true }).greyscale().normalise().rotate(angle, { background: '#ffffff' }))];
  }
}

function crop(r: Raster, x: number, y: number, w: number, h: number): Raster {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) data.set(r.data.subarray(((y + row) * r.width + x) * 4, ((y + row) * r.width + x + w) * 4), row * w * 4);
  return { data, width: w, height: h };
}

/** Paints a found code's bounding box (plus a margin) white so the next try finds the other codes. */
function blank(r: Raster, loc: QRCode['location']): void {
  const pts = [loc.topLeftCorner, loc.topRightCorner, loc.bottomLeftCorner, loc.bottomRightCorner];
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const margin = Math.max(4, (Math.max(...xs) - Math.min(...xs)) * 0.12);
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const x1 = Math.min(r.width - 1, Math.ceil(Math.max(...xs) + margin));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const y1 = Math.min(r.height - 1, Math.ceil(Math.max(...ys) + margin));
  for (let y = y0; y <= y1; y++) r.data.fill(255, (y * r.width + x0) * 4, (y * r.width + x1 + 1) * 4);
}

/** The address a QR text holds: an http(s) URL, or a bare host name with a path (forgers print both). */
export function qrTextUrl(text: string): string | null {
  const t = text.trim();
  const candidate = /^https?:\/\//i.test(t) ? t : /^[a-z0-9-]+(\.[a-z0-9-]+)+(?::\d+)?(\/\S*)?$/i.test(t) ? `http://${t}` : null;
  if (!candidate) return null;
  try {
    const u = new URL(candidate);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Decodes the QR codes in a photo or scan of a certificate (any format sharp reads) with jsQR: tries
 * the stages above until one yields a code; after each hit the code is blanked and the same picture searched again.
 */
export async function decodeQrCodes(image: Buffer, opts: QrOptions = {}): Promise<QrFound[]> {
  const maxCodes = opts.maxCodes ?? 4;
  const found = new Map<string, QrFound>();
  for (const stage of stages(image)) {
    for (const r of await stage()) {
      for (let n = 0; n < maxCodes && found.size < maxCodes; n++) {
        const code = jsQR(r.data, r.width, r.height, { inversionAttempts: 'attemptBoth' });
        if (!code || code.data === '') break;
        if (!found.has(code.data)) found.set(code.data, { text: code.data, url: qrTextUrl(code.data) });
        blank(r, code.location);
      }
    }
    if (found.size > 0) break;
  }
  return [...found.values()];
}
