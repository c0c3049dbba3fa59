import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { artifactOf, pageSnapshot } from '../../test/fixtures/snapshots.js';
import { runJianzhen } from '../../test/fixtures/cli.js';
import { openStore } from '../data/store.js';
import { loadReferences } from './scan.js';

/** A store with one reference capture of mem-cx, whose JSON row or screenshot bytes a test then damages. */
async function storeWithReference(): Promise<{ file: string; screenshot: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-refs-')), 'j.db');
  const store = await openStore(file);
  const shot = artifactOf(Buffer.from('png bytes of the official page'), 'image/png');
  await store.saveReference('mem-cx', pageSnapshot('https://cx.mem.gov.cn/', { screenshot: shot.ref }), [shot]);
  await store.close();
  return { file, screenshot: path.join(path.dirname(file), 'artifacts', shot.ref.sha256.slice(0, 2), shot.ref.sha256) };
}

it('names a reference capture whose stored JSON is damaged and says how to refresh it, before any scan', async () => {
  const { file } = await storeWithReference();
  const conn = new Database(file);
  conn.prepare(`UPDATE references_ SET json = '{"version": 1, "url": "https://cx.mem'`).run();
  conn.close();
  const store = await openStore(file);
  try {
    await expect(loadReferences(store)).rejects.toThrow(/the reference capture of mem-cx \(captured .*\) in .*j\.db is damaged \(.*\); run `jianzhen references refresh`/);
  } finally {
    await store.close();
  }
  const r = await runJianzhen(['scan', '--url', 'ftp://x.example/', '--db', file]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^jianzhen: the reference capture of mem-cx .* is damaged .*jianzhen references refresh/m);
  expect(r.stderr).not.toMatch(/SyntaxError|internal error|\n\s+at /);
}, 1_800_000);

it('names a reference capture whose screenshot bytes were altered', async () => {
  const { file, screenshot } = await storeWithReference();
  fs.writeFileSync(screenshot, 'something else');
  const store = await openStore(file);
  try {
    await expect(loadReferences(store)).rejects.toThrow(/the reference capture of mem-cx .* is damaged \(artifact .* was altered.*\); run `jianzhen references refresh`/);
  } finally {
    await store.close();
  }
});
