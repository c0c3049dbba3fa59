/**
 * A store that runs out of room mid-scan: the scan ends at once with a sentence (no stack trace, no hang),
 * unfinished and resumable, with a non-zero exit; once there is room the same command completes it.
 *
 * Two ways to run out of room, without root: a real 1 MiB tmpfs mounted in a private user and mount namespace
 * (`unshare -rm`, where the kernel allows it: a real ENOSPC, SQLITE_FULL), and a kernel limit everywhere
 * (`ulimit -f`, RLIMIT_FSIZE: a write past it fails with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE, so
 * that sentence names a failed write). Both stop the scan the same way (data/store-failure.ts). The namespace
 * also gives a read-only file system for the path checks that must refuse before any work starts.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JIANZHEN_BIN, runJianzhen } from './fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jianzhen-disk-full-'));

/**
 * Runs the command after `setup` (shell lines run first, in the shell that then runs the command), under
 * `wrap` (e.g. unshare); `after` runs once the command has exited, which keeps its exit code.
 */
function runAfter(setup: string, args: string[], wrap: string[] = [], after = ''): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const run = after ? `${setup} && { "$0" "$@"; rc=$?; ${after}; exit $rc; }` : `${setup} && exec "$0" "$@"`;
  return new Promise((resolve) => {
    const child = spawn(wrap[0] ?? 'sh', [...wrap.slice(1), ...(wrap.length ? ['sh'] : []), '-c', run, process.execPath, JIANZHEN_BIN, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** Whether this kernel lets an unprivileged process mount a tmpfs in its own namespaces (why not, when not). */
const noNamespace = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'jianzhen-ns-'));
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${probe}`], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? null : `unshare -rm with a tmpfs mount failed: ${(r.stderr || r.error?.message || '').trim()}`;
})();
if (noNamespace) process.stderr.write(`unwritable.test: the real full disk and read-only tests are skipped: ${noNamespace}\n`);

/** Inputs that cost no network and no browser, each one a stored row: the store grows with every target. */
function fillingList(): { list: string; count: number } {
  const inputs = Array.from({ length: 3000 }, (_, i) => `ftp://no-room-${i}.example/`);
  const list = join(mkdtempSync(join(dir, 'list-')), 'list.txt');
  writeFileSync(list, inputs.join('\n'));
  return { list, count: inputs.length };
}

/** The store stopped the scan with a sentence; the same command, with room, completes it once. */
async function expectStoppedThenResumed(full: { code: number | null; signal: NodeJS.Signals | null; stderr: string }, db: string, json: string, args: string[], count: number, reason: RegExp) {
  expect(full.signal).toBeNull();
  expect(full.code, full.stderr).toBe(1);
  expect(full.stderr).toMatch(reason);
  expect(full.stderr).toMatch(/then run the same command again to resume it \(--json was not written/);
  expect(full.stderr).not.toMatch(/internal error|SqliteError|\n\s+at /);
  expect(existsSync(json)).toBe(false);
  const conn = new Database(db, { readonly: true });
  const kept = (conn.prepare('SELECT count(*) AS n FROM verdicts').get() as { n: number }).n;
  expect(conn.prepare('SELECT finished_at FROM scans').all()).toEqual([{ finished_at: null }]);
  conn.close();
  expect(kept).toBeLessThan(count);

  const room = await runJianzhen(args);
  // Exit 2: the inputs are malformed on purpose; each still has its one result.
  expect(room.code, room.stderr).toBe(2);
  expect(room.stderr).toMatch(new RegExp(`resumed scan .*: ${kept} targets were already done`));
  const after = new Database(db, { readonly: true });
  expect(after.prepare('SELECT count(*) AS n, count(DISTINCT idx) AS d FROM verdicts').get()).toEqual({ n: count, d: count });
  expect((after.prepare('SELECT finished_at FROM scans').get() as { finished_at: string | null }).finished_at).not.toBeNull();
  expect((after.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
  after.close();
}

describe('a store that runs out of room', () => {
  it('under a file size limit: stops with a sentence and a non-zero exit, and resumes once there is room', async () => {
    const { list, count } = fillingList();
    const db = join(dir, 'limit', 'j.db');
    const json = join(dir, 'limit.json');
    const args = ['scan', '--input', list, '--db', db, '--json', json];
    // 1 MiB per file: room to create the store, not for 3000 results.
    const full = await runAfter('ulimit -f 1024', args);
    await expectStoppedThenResumed(full, db, json, args, count, /jianzhen: scan \S+ is unfinished: the store .*j\.db (failed to write|has no space left)/);
  }, 300_000);

  it.skipIf(noNamespace !== null)('on a full file system: stops with "no space left", and resumes once there is room', async () => {
    const { list, count } = fillingList();
    const mnt = mkdtempSync(join(dir, 'tmpfs-'));
    const db = join(mnt, 'j.db');
    const json = join(dir, 'tmpfs.json');
    const args = ['scan', '--input', list, '--db', db, '--json', json];
    // The tmpfs lives only as long as the child's namespace: the store is copied out when the scan has ended,
    // and the run with room continues that copy (the scan's identity is its targets and options, not the path).
    const copy = mkdtempSync(join(dir, 'tmpfs-copy-'));
    const full = await runAfter(`mount -t tmpfs -o size=1m tmpfs ${mnt}`, args, ['unshare', '-rm'], `cp -a ${mnt}/. ${copy}/`);
    const kept = join(copy, 'j.db');
    await expectStoppedThenResumed(full, kept, json, ['scan', '--input', list, '--db', kept, '--json', json], count, /jianzhen: scan \S+ is unfinished: the store .*j\.db has no space left \(database or disk is full\)\. \d+ of 3000 targets are stored; free disk space/);
  }, 300_000);
});

describe('paths that cannot be written are refused before the scan starts, in a sentence', () => {
  const plain = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/internal error|\n\s+at /);

  it('--db under /proc: no endless mkdir, a sentence', async () => {
    const r = await runJianzhen(['scan', '--url', 'ftp://x.example/', '--db', '/proc/jianzhen-test/j.db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jianzhen: the store \/proc\/jianzhen-test\/j\.db: cannot create the folder \/proc\/jianzhen-test \(.+\); create it yourself or choose another path/);
    plain(r);
  });

  it('--json where the file system refuses files (/proc): refused before the scan', async () => {
    const db = join(dir, 'proc-json.db');
    const r = await runJianzhen(['scan', '--url', 'ftp://x.example/', '--db', db, '--json', '/proc/out.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jianzhen: --json \/proc\/out\.json: cannot write there \(.+\); choose another path/);
    expect(r.stderr).not.toMatch(/^scan /m);
    expect(existsSync(db)).toBe(false);
    plain(r);
  });

  it.skipIf(noNamespace !== null)('--db in a missing folder and --json on a read-only file system: sentences, before the scan', async () => {
    const ro = mkdtempSync(join(dir, 'ro-'));
    const setup = `mount -t tmpfs -o ro,size=64k tmpfs ${ro}`;
    const db = await runAfter(setup, ['scan', '--url', 'ftp://x.example/', '--db', join(ro, 'missing', 'j.db')], ['unshare', '-rm']);
    expect(db.code).toBe(2);
    expect(db.stderr).toMatch(/cannot create the folder .*missing \(a read-only file system\); create it yourself or choose another path/);
    plain(db);
    const json = await runAfter(setup, ['scan', '--url', 'ftp://x.example/', '--db', join(dir, 'ro-json.db'), '--json', join(ro, 'out.json')], ['unshare', '-rm']);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--json .*out\.json: cannot write there \(a read-only file system\); choose another path/);
    expect(json.stderr).not.toMatch(/^scan /m);
    plain(json);
  });
});
