/**
 * Another connection holding the store's write lock during a scan: a short hold is waited out and the scan
 * completes; a hold longer than the scan's wait stops it unfinished, with a sentence and a non-zero exit,
 * and the same command resumes it — every input stored exactly once.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { JIANZHEN_BIN } from './fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jianzhen-store-lock-'));
const list = join(dir, 'list.txt');
let hosts: string[];
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  hosts = corpus
    .filter((s) => (s.label === 'counterfeit' || s.label === 'benign') && s.holdout === undefined && (s.a?.length ?? 0) > 0)
    .slice(0, 6)
    .map((s) => `http://${s.host}/`);
  writeFileSync(list, hosts.join('\n'));
});
afterAll(async () => {
  await sandbox?.close();
});

/**
 * The scan command over the sandbox, with `extra` flags; `onProgress` hears each "scan N/M" line (written once
 * target N is stored).
 */
function scan(db: string, json: string, extra: readonly string[], onProgress?: (done: number) => void) {
  const args = [JIANZHEN_BIN, 'scan', '--input', list, '--db', db, '--json', json, '--concurrency', '2',
    '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer, ...extra];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
    for (const m of String(d).matchAll(/^scan (\d+)\/\d+ /gm)) onProgress?.(Number(m[1]));
  });
  return { child, done: new Promise<{ code: number | null; stderr: string }>((r) => child.on('close', (code) => r({ code, stderr }))) };
}

function rows(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      verdicts: conn.prepare('SELECT idx FROM verdicts ORDER BY idx').all() as { idx: number }[],
      scans: conn.prepare('SELECT id, finished_at FROM scans').all() as { id: string; finished_at: string | null }[],
    };
  } finally {
    conn.close();
  }
}

// Each test has its own store and files, and mostly waits on its scan (and the lock): they run side by side.
describe.concurrent('a scan while another connection holds the store\'s write lock', () => {
  it('waits out a short hold and completes', async ({ expect }) => {
    const db = join(dir, 'short.db');
    const json = join(dir, 'short.json');
    let holder: Database.Database | null = null;
    const run = scan(db, json, [], (done) => {
      if (done !== 1 || holder) return;
      holder = new Database(db);
      holder.exec('BEGIN IMMEDIATE');
      // Far shorter than the scan's wait for the store (result-writer.ts): the scan must simply wait.
      setTimeout(() => {
        holder!.exec('ROLLBACK');
        holder!.close();
      }, 3000);
    });
    const r = await run.done;
    expect(holder, r.stderr).not.toBeNull();
    expect(r.code, r.stderr).toBe(0);
    const { verdicts, scans } = rows(db);
    expect(verdicts.map((v) => v.idx)).toEqual(hosts.map((_, i) => i));
    expect(scans).toHaveLength(1);
    expect(scans[0]!.finished_at).not.toBeNull();
    const out = JSON.parse(readFileSync(json, 'utf8')) as { results: { input: string }[] };
    expect(out.results.map((x) => x.input)).toEqual(hosts);
  }, 300_000);

  it('stops unfinished on a hold longer than its wait, says so, and the same command resumes it without duplicates', async ({ expect }) => {
    const db = join(dir, 'long.db');
    const json = join(dir, 'long.json');
    let holder: Database.Database | null = null;
    // The scan gives up after 5 s instead of the default 60 s: the hold outlasts either.
    const wait = ['--store-wait', '5'];
    // Held from the first stored target until the process has exited, however long it waits.
    const run = scan(db, json, wait, (done) => {
      if (done !== 1 || holder) return;
      holder = new Database(db);
      holder.exec('BEGIN IMMEDIATE');
    });
    const first = await run.done;
    expect(holder, first.stderr).not.toBeNull();
    holder!.exec('ROLLBACK');
    holder!.close();
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/jianzhen: scan \S+ is unfinished: the store .* stayed locked or unavailable for \d+ s, past the scan's wait of 5 s /);
    expect(first.stderr).toMatch(/run the same command again to resume it/);
    expect(first.stderr).toMatch(/--json was not written/);
    expect(first.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(json)).toBe(false);
    const kept = rows(db);
    expect(kept.scans).toHaveLength(1);
    expect(kept.scans[0]!.finished_at).toBeNull();
    expect(kept.verdicts.length).toBeGreaterThanOrEqual(1);
    expect(kept.verdicts.length).toBeLessThan(hosts.length);

    const second = await scan(db, json, wait).done;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`resumed scan .*: ${kept.verdicts.length} targets were already done`));
    const after = rows(db);
    expect(after.scans).toHaveLength(1);
    expect(after.scans[0]!.finished_at).not.toBeNull();
    expect(after.verdicts.map((v) => v.idx)).toEqual(hosts.map((_, i) => i));
    const out = JSON.parse(readFileSync(json, 'utf8')) as { results: { input: string }[] };
    expect(out.results.map((x) => x.input)).toEqual(hosts);
  }, 1_800_000);
});
