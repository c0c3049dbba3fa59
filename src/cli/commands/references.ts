import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { findChromium } from '../../crawler/browser.js';
import { openStore } from '../../data/store.js';
import { refreshReferences } from '../../pipeline/references.js';
import { addNetOptions, captureOptions, type RegisterCommand } from '../options.js';

async function referencesRefreshCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const chromiumPath = findChromium(config.chromium);
  mkdirSync(dirname(config.db), { recursive: true });
  const store = await openStore(config.store);
  try {
    const outcomes = await refreshReferences(store, captureOptions(config, chromiumPath), (o) => {
      const line = o.ok ? `ok    ${o.platform}  ${o.url} → ${o.finalUrl}  "${o.title}"` : `FAIL  ${o.platform}  ${o.url}: ${o.error}`;
      process.stderr.write(`references ${line}${o.notes.length ? `  (${o.notes.join('; ')})` : ''}\n`);
    });
    const platforms = new Set(outcomes.map((o) => o.platform));
    const missing = [...platforms].filter((p) => !outcomes.some((o) => o.platform === p && o.ok));
    process.stdout.write(`references: ${platforms.size - missing.length}/${platforms.size} platforms stored in ${store.location}\n`);
    if (missing.length) process.stderr.write(`jianzhen: no reference captured for ${missing.join(', ')}\n`);
    return missing.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `jianzhen references refresh`. */
export const registerReferences: RegisterCommand = (program: Command, setExit) => {
  const references = program.command('references').description('reference captures of the official platforms');
  addNetOptions(
    references.command('refresh').description('visit every official platform entry point and store its reference capture'),
  ).action(async (flags: Record<string, unknown>) => setExit(await referencesRefreshCommand(flags)));
};
