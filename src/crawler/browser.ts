import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';
import { MissingComponentError } from '../errors.js';

const INSTALL_HINT = 'sudo apt-get install -y chromium-headless-shell chromium fonts-noto-cjk   (or set JIANZHEN_CHROMIUM to a Chromium 156 binary)';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    return out && executable(out) ? out : null;
  } catch {
    return null;
  }
}

/**
 * Finds the browser: the configured path (config/JIANZHEN_CHROMIUM, passed in by the caller), then Debian's
 * /usr/bin/chromium-headless-shell, then /usr/bin/chromium, then chromium-browser, then a browser Playwright
 * installed itself. None → exit 3.
 *
 * The headless shell first: it is the same Chromium 156 (same Blink, same fonts; the eval's verdicts did not change
 * and two of its scores moved by a point), built without the desktop browser around it, and Playwright's own
 * default for headless Chromium. Measured here
 * (2026-12-05, 116 corpus pages at concurrency 4, machine core-seconds a page): a bare open-and-screenshot loop
 * 0.71 with /usr/bin/chromium against 0.22 with the shell; jianzhen's core capture 1.24 against 0.34.
 */
export function findChromium(configured?: string | null): string {
  if (configured) {
    if (executable(configured)) return configured;
    throw new MissingComponentError(`the configured Chromium ${configured} is not an executable file`, INSTALL_HINT);
  }
  for (const candidate of ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (executable(candidate)) return candidate;
  const found = onPath('chromium-headless-shell') ?? onPath('chromium') ?? onPath('chromium-browser');
  if (found) return found;
  try {
    const own = chromium.executablePath();
    if (own && executable(own)) return own;
  } catch {
    // Playwright has no browser of its own here; fall through to the error.
  }
  throw new MissingComponentError('no Chromium found', INSTALL_HINT);
}

/**
 * Chromium flags for every launch: headless as root in a container, and no background traffic — Chromium
 * phones home with every flag it lacks, and this machine's network refuses it.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--mute-audio',
  '--no-default-browser-check',
  // HttpsUpgrades: Chromium would silently try https:// first for every http:// URL (307 hops in the chain).
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
] as const;

/**
 * The environment of every Chromium we start: ours, with the locale pinned to C.UTF-8. Chromium hands the process
 * locale to fontconfig, which then picks other faces for the same page: under LANG=zh_CN.UTF-8 a page asking for
 * "Microsoft YaHei", "PingFang SC", SimSun, sans-serif renders in Noto Serif CJK, under C in Noto Sans CJK
 * (measured 2026-12-05: an evidence visit built from a Chinese shell did not look like the scan's screenshot).
 * References, scans and evidence visits must render a page alike wherever they run; a page's language comes
 * from its context's locale (zh-CN), never from the shell's.
 */
export function chromiumEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'LANGUAGE' && !k.startsWith('LC_')) env[k] = v;
  return { ...env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
}

/**
 * Launch options for every Chromium we start: Playwright's own signal handlers off. By default it closes the
 * browser on SIGINT/SIGTERM/SIGHUP under whatever is running; the process decides how it stops (cli/main.ts),
 * and a browser closed beneath a scan would record the visits in flight as failures.
 */
export const NO_SIGNAL_HANDLERS = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } as const;

/** A fixed desktop identity so the same page screenshots the same way on every visit. */
export const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
export const VIEWPORT = { width: 1280, height: 800 } as const;
