/**
 * A scan killed with `kill -9` keeps every target it finished; running the same command again with the
 * same --db resumes it and never duplicates a row.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

const BIN = fileURLToPath(new URL('../bin/jianzhen.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jianzhen-resume-'));
const db = join(dir, 'scan.db');
const list = join(dir, 'list.txt');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  // Eight sites with pages: enough to kill a scan with some stored and some not, and to resume it.
  const hosts = corpus
    .filter((s) => (s.label === 'counterfeit' || s.label === 'benign') && s.holdout === undefined && (s.a?.length ?? 0) > 0)
    .slice(0, 8)
    .map((s) => `http://${s.host}/`);
  writeFileSync(list, hosts.join('\n'));
});
afterAll(async () => {
  await sandbox?.close();
});

/** Runs the scan command; `onProgress` hears each "scan N/M" line (written once target N is stored). */
function scan(onProgress?: (done: number) => void): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const args = [BIN, 'scan', '--input', list, '--db', db, '--json', join(dir, 'out.json'), '--concurrency', '2',
    '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
    for (const m of String(d).matchAll(/^scan (\d+)\/\d+ /gm)) onProgress?.(Number(m[1]));
  });
  return { child, done: new Promise((r) => child.on('close', (code) => r({ code, stderr }))) };
}

function stored(): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT count(*) AS n FROM verdicts').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

it('keeps finished targets after kill -9 and resumes without duplicates', async () => {
  const total = readFileSync(list, 'utf8').split('\n').length;
  // Kill the process outright as soon as it says two targets are stored.
  const first = scan((done) => {
    if (done >= 2) first.child.kill('SIGKILL');
  });
  await first.done;
  const kept = stored();
  expect(kept).toBeGreaterThanOrEqual(2);
  expect(kept).toBeLessThan(total);

  const conn = new Database(db, { readonly: true });
  const before = conn.prepare('SELECT idx, decided_at FROM verdicts ORDER BY idx').all();
  conn.close();

  const second = await scan().done;
  expect(second.code).toBe(0);
  expect(second.stderr).toMatch(new RegExp(`resumed scan .*: ${kept} targets were already done`));

  const after = new Database(db, { readonly: true });
  expect((after.prepare('SELECT count(*) AS n FROM verdicts').get() as { n: number }).n).toBe(total);
  expect((after.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n).toBe(total);
  expect((after.prepare('SELECT count(*) AS n FROM scans').get() as { n: number }).n).toBe(1);
  // The targets finished before the kill were not visited again.
  const again = after.prepare('SELECT idx, decided_at FROM verdicts WHERE idx IN (SELECT value FROM json_each(?)) ORDER BY idx')
    .all(JSON.stringify((before as { idx: number }[]).map((b) => b.idx)));
  expect(again).toEqual(before);
  expect((after.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
  after.close();
  const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { results: unknown[] };
  expect(out.results).toHaveLength(total);
}, 300_000);
