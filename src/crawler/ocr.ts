/**
 * OCR of the header band: counterfeits draw the agency name and the platform's title
 * as a picture, so text matching never sees them. The top of the screenshot is cut out, enlarged and
 * greyed with sharp and read by Debian's tesseract with the simplified-Chinese model (`npm run setup`
 * installs tesseract-ocr and tesseract-ocr-chi-sim). A missing tesseract is a note, never a failure.
 */
import { execFile } from 'node:child_process';
import sharp from 'sharp';

/** How the header band is cut and read. */
export interface OcrOptions {
  /** Height of the band from the top of the page, in CSS pixels of the screenshot. */
  readonly bandHeight: number;
  /** Bound on one tesseract run. */
  readonly timeoutMs: number;
  /** The tesseract binary (on PATH by default). */
  readonly binary: string;
}

export const DEFAULT_OCR: OcrOptions = { bandHeight: 220, timeoutMs: 10_000, binary: 'tesseract' };

/**
 * Tesseract puts spaces between Chinese characters and around digits beside them; Chinese uses none, and
 * a phrase or ICP-number match wants none. Spaces between Latin words stay.
 */
export function foldOcrText(raw: string): string {
  const han = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]';
  return raw
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(new RegExp(`(?<=${han}) | (?=${han})`, 'gu'), '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * The header band of a PNG screenshot, prepared for OCR: cut, flattened on white, greyscale, contrast
 * stretched. Not enlarged: tesseract's LSTM reads the 12 px top strip of the MEM header at 1× already,
 * while at 2× a 44–48 px masthead (the size banners draw agency names in) comes out as Latin garbage.
 */
export async function headerBand(png: Buffer, bandHeight: number, scale = 1): Promise<Buffer> {
  const img = sharp(png);
  const meta = await img.metadata();
  const width = meta.width ?? 0;
  const height = Math.min(bandHeight, meta.height ?? 0);
  if (width === 0 || height === 0) throw new Error('empty screenshot');
  let band = sharp(png).extract({ left: 0, top: 0, width, height }).flatten({ background: '#ffffff' });
  if (scale !== 1) band = band.resize({ width: Math.round(width * scale), height: Math.round(height * scale), kernel: 'lanczos3' });
  return band.greyscale().normalise().toColourspace('b-w').png().toBuffer();
}

/** Runs tesseract on PNG bytes from stdin; resolves with its text, rejects with a one-line reason. */
function tesseract(image: Buffer, opts: OcrOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      opts.binary,
      ['-', '-', '-l', 'chi_sim+eng', '--psm', '6'],
      // One thread: tesseract's OpenMP threads spin and cost 6× the CPU on a busy 2-core machine.
      { timeout: opts.timeoutMs, maxBuffer: 1024 * 1024, encoding: 'utf8', killSignal: 'SIGKILL', env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean };
          if (e.code === 'ENOENT') reject(new OcrMissingError(`${opts.binary} not found`));
          else if (e.killed) reject(new Error(`tesseract gave no answer within ${Math.round(opts.timeoutMs / 1000)} s`));
          else reject(new Error(`tesseract failed: ${(stderr || e.message).split('\n')[0]}`));
          return;
        }
        resolve(stdout);
      },
    );
    child.stdin?.on('error', () => undefined); // tesseract may exit before reading everything
    child.stdin?.end(image);
  });
}

/** Tesseract (or its Chinese model) is not installed: skip OCR for the rest of the scan. */
export class OcrMissingError extends Error {}

/** Reads a screenshot's header band; empty string when nothing legible. Throws OcrMissingError or a reason. */
export async function ocrHeader(png: Buffer, opts: OcrOptions = DEFAULT_OCR): Promise<string> {
  const band = await headerBand(png, opts.bandHeight);
  try {
    return foldOcrText(await tesseract(band, opts));
  } catch (err) {
    if (err instanceof Error && /Failed loading language|chi_sim/.test(err.message)) {
      throw new OcrMissingError('tesseract has no chi_sim model (apt-get install tesseract-ocr-chi-sim)');
    }
    throw err;
  }
}
