/**
 * Playwright records a visit's video (the evidence packet's WebM) with an ffmpeg it normally downloads
 * beside its browsers, which cannot work offline. Debian's ffmpeg (5.1, with libvpx) accepts the same
 * arguments, so `npm run setup` links the system ffmpeg into the slot Playwright looks in. Without it the
 * packet keeps Chromium's screencast as Motion-JPEG AVI (screencast.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, platform } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Where Playwright looks for its ffmpeg: <registry>/ffmpeg-<revision>/ffmpeg-linux, the registry being
 * PLAYWRIGHT_BROWSERS_PATH or ~/.cache/ms-playwright, as playwright-core computes it. Null off Linux or
 * when this playwright-core names no ffmpeg.
 */
export function ffmpegSlot(env: NodeJS.ProcessEnv = process.env): string | null {
  if (platform() !== 'linux') return null;
  const core = dirname(require.resolve('playwright-core/package.json'));
  const browsers = JSON.parse(readFileSync(join(core, 'browsers.json'), 'utf8')) as { browsers: { name: string; revision: string }[] };
  const revision = browsers.browsers.find((b) => b.name === 'ffmpeg')?.revision;
  if (revision === undefined) return null;
  const set = env['PLAYWRIGHT_BROWSERS_PATH'];
  let registry =
    set === '0' ? join(core, '.local-browsers') : set ? set : join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'ms-playwright');
  if (!isAbsolute(registry)) registry = resolve(env['INIT_CWD'] || process.cwd(), registry);
  return join(registry, `ffmpeg-${revision}`, 'ffmpeg-linux');
}

/** Whether Playwright can record video here (its ffmpeg slot holds a program). */
export function canRecordVideo(): boolean {
  const slot = ffmpegSlot();
  return slot !== null && existsSync(slot);
}

/** Links the system ffmpeg into Playwright's slot when the slot is empty; says what it did. */
export function linkSystemFfmpeg(): string {
  const slot = ffmpegSlot();
  if (slot === null) return 'video: not Linux, or no ffmpeg named by playwright-core; the screencast AVI is kept';
  if (existsSync(slot)) return `video: Playwright's ffmpeg present (${slot})`;
  let system = '';
  try {
    system = execFileSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).trim();
  } catch {
    // none on PATH
  }
  if (system === '') return 'video: no ffmpeg; evidence videos will be the screencast as MJPEG AVI (apt-get install ffmpeg for WebM)';
  mkdirSync(dirname(slot), { recursive: true });
  try {
    // A dangling link to an ffmpeg since removed is replaced.
    if (lstatSync(slot).isSymbolicLink()) unlinkSync(slot);
  } catch {
    // nothing there
  }
  symlinkSync(system, slot);
  return `video: linked ${system} as Playwright's ffmpeg (${slot})`;
}
