/**
 * systemd's stop (SIGTERM) ends a scan and a scheduled re-check the way Ctrl-C does: at once, exit 143, no
 * target in flight recorded as unreachable, no live site reported gone or posted to the webhook; the same
 * command then resumes and completes with every input stored once. A command that waits to be told to stop (the
 * console, a worker, the schedule) stops its own way instead.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { JIANZHEN_BIN, runJianzhen } from './fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jianzhen-signals-'));
let sandbox: Sandbox;
let hook: { url: string; posts: unknown[]; server: Server };
// Sites of the corpus that answer: none of them may ever be recorded unreachable.
const answering = corpus.filter((s) => s.label === 'counterfeit' && s.holdout === undefined && (s.a?.length ?? 0) > 0);

beforeAll(async () => {
  sandbox = await startSandbox();
  const posts: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hook = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts, server };
});
afterAll(async () => {
  await new Promise((r) => hook?.server.close(r));
  await sandbox?.close();
});

const net = () => ['--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer];

function start(args: string[]): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [JIANZHEN_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.stdout!.resume();
  return { child, stderr: () => err, done: new Promise((r) => child.on('close', (code, signal) => r({ code, signal }))) };
}

function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

/** Resolves once `check` holds, looking every 200 ms (the test waits on the scan's own progress, not a clock). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 200));
}

// The two tests share only the sandbox (each has its own store and files, and only the second uses the webhook):
// they run side by side, each spending most of its time waiting on its child processes.
describe.concurrent('SIGTERM', () => {
  it('stops a scan mid-way with exit 143 and nothing recorded unreachable; the same command resumes it', async ({ expect }) => {
    const db = join(dir, 'scan.db');
    const list = join(dir, 'list.txt');
    const hosts = answering.slice(0, 8).map((s) => `http://${s.host}/`);
    writeFileSync(list, hosts.join('\n'));
    const args = ['scan', '--input', list, '--db', db, '--json', join(dir, 'scan.json'), '--concurrency', '2', ...net()];
    const first = start(args);
    // The progress line is written once a target is stored: stop the scan with others in flight.
    await until(() => /^scan 2\/8 /m.test(first.stderr()) || first.child.exitCode !== null);
    first.child.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code, first.stderr()).toBe(143);
    expect(first.stderr()).toMatch(/stopped by SIGTERM; finished targets are stored — run the same command again to resume/);
    const kept = query<{ idx: number; verdict: string; error: string | null }>(db, 'SELECT idx, verdict, error FROM verdicts');
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(hosts.length);
    expect(kept.filter((v) => v.verdict === 'unreachable')).toEqual([]);
    expect(query<{ finished_at: string | null }>(db, 'SELECT finished_at FROM scans')).toEqual([{ finished_at: null }]);

    const second = await runJianzhen(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`resumed scan .*: ${kept.length} targets were already done`));
    const all = query<{ idx: number; verdict: string }>(db, 'SELECT idx, verdict FROM verdicts ORDER BY idx');
    expect(all.map((v) => v.idx)).toEqual(hosts.map((_, i) => i));
    expect(all.filter((v) => v.verdict === 'unreachable')).toEqual([]);
    expect(query(db, 'SELECT id FROM scans')).toHaveLength(1);
    const out = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8')) as { results: { input: string }[] };
    expect(out.results.map((r) => r.input)).toEqual(hosts);
  }, 1_800_000);

  it('stops a scheduled re-check mid-way: no live site reported gone, nothing posted; the next run resumes it', async ({ expect }) => {
    const db = join(dir, 'recheck.db');
    const list = join(dir, 'known.txt');
    const hosts = answering.slice(8, 14).map((s) => s.host);
    writeFileSync(list, hosts.map((h) => `http://${h}/`).join('\n'));
    // What the store knows before the night: these sites, alive and counterfeit.
    const seed = await runJianzhen(['scan', '--input', list, '--db', db, '--concurrency', '2', ...net()]);
    expect(seed.code, seed.stderr).toBe(0);
    const known = query<{ host: string }>(db, "SELECT DISTINCT host FROM verdicts WHERE verdict = 'counterfeit'").map((r) => r.host);
    expect(known.length).toBeGreaterThanOrEqual(3);

    const config = join(dir, 'schedule.json');
    writeFileSync(
      config,
      JSON.stringify({
        db,
        concurrency: 2,
        net: { proxy: sandbox.proxyUrl, dns: sandbox.dnsServer, whois: sandbox.whoisServer, allowPrivate: false },
        webhook: { url: hook.url, timeoutMs: 5000 },
        jobs: [{ name: 'recheck', kind: 'recheck', cron: '30 4 * * *' }],
      }),
    );
    const seedScan = query<{ id: string }>(db, 'SELECT id FROM scans')[0]!.id;
    const recheckResults = () => query<{ verdict: string; host: string }>(db, 'SELECT verdict, host FROM verdicts WHERE scan_id != ?', seedScan);
    const first = start(['schedule', '--config', config, '--run-now', 'recheck']);
    await until(() => recheckResults().length >= 1 || first.child.exitCode !== null);
    first.child.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code, first.stderr()).toBe(143);
    expect(hook.posts).toEqual([]);
    const partial = recheckResults();
    expect(partial.length).toBeLessThan(known.length);
    expect(partial.filter((v) => v.verdict === 'unreachable')).toEqual([]);
    const runs = query<{ status: string; diff_json: string | null }>(db, 'SELECT status, diff_json FROM schedule_runs');
    expect(runs).toEqual([{ status: 'running', diff_json: null }]);

    const second = await runJianzhen(['schedule', '--config', config, '--run-now', 'recheck']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/resuming the run of/);
    expect(recheckResults().map((v) => v.host).sort()).toEqual([...known].sort());
    expect(hook.posts).toHaveLength(1);
    const diff = (hook.posts[0] as { diff: { gone: unknown[] } }).diff;
    expect(diff.gone).toEqual([]);
  }, 1_800_000);
});

describe('SIGTERM to a command that waits to be told to stop', () => {
  it('lets the review console close its own way and exit 0; the store is left consistent', async ({ expect }) => {
    const db = join(dir, 'console.db');
    const review = start(['review', '--db', db, '--port', '0']);
    await until(() => review.stderr().includes('review: console at') || review.child.exitCode !== null);
    review.child.kill('SIGTERM');
    const { code } = await review.done;
    expect(review.stderr()).toContain('SIGTERM: stopping; send it again to stop at once');
    expect(review.stderr()).not.toContain('stopped by SIGTERM');
    expect(code, review.stderr()).toBe(0);
    // The store was closed: SQLite folds the write-ahead log back and removes it when the last connection closes.
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM users')[0]?.n).toBe(0);
  }, 300_000);
});
