import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { findChromium } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * A process that handles SIGTERM/SIGHUP itself (the CLI stops at once; a console would finish its work) keeps its
 * browser: Playwright's own handlers, which close Chromium under whatever runs, are off on every launch.
 */
it('keeps Chromium open through SIGTERM and SIGHUP when the process handles them itself', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-browser-signals-'));
  const script = path.join(dir, 'hold.mts');
  fs.writeFileSync(
    script,
    `import { launchEvidenceBrowser } from ${JSON.stringify(pathToFileURL(path.join(here, 'evidence-visit', 'index.ts')).href)};
     const seen = [];
     for (const s of ['SIGTERM', 'SIGHUP']) process.on(s, () => seen.push(s));
     const browser = await launchEvidenceBrowser(${JSON.stringify(findChromium())});
     process.stdout.write('launched\\n');
     await new Promise((resolve) => { const t = setInterval(() => { if (seen.length === 2) { clearInterval(t); resolve(); } }, 50); });
     // Give a handler that closes the browser every chance to have run before looking.
     await new Promise((resolve) => setTimeout(resolve, 500));
     const page = await browser.newPage().catch((err) => err);
     process.stdout.write((browser.isConnected() && !(page instanceof Error) ? 'open' : 'closed: ' + page) + '\\n');
     await browser.close();`,
  );
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: path.resolve(here, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('launched') && !text.includes('sent')) {
        text += 'sent\n';
        child.kill('SIGTERM');
        child.kill('SIGHUP');
      }
    });
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  expect(out).toMatch(/^open$/m);
}, 120_000);
