import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JianzhenError } from '../errors.js';
import { artifactOf, fixtureResult, pageSnapshot } from '../../test/fixtures/snapshots.js';
import { migrations } from './schema.js';
import { newScanId, openStore, scanFingerprint, type Store } from './store.js';
import { type TargetResult } from '../model/result.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

let dir: string;
let dbFile: string;
const opened: Store[] = [];

function open(file = dbFile): Store {
  const store = openStore(file);
  opened.push(store);
  return store;
}

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-store-'));
  dbFile = path.join(dir, 'nested', 'jianzhen.db');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('schema', () => {
  it('creates every table with WAL and the latest user_version, and re-opening changes nothing', () => {
    open().close();
    const db = new Database(dbFile, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const schemaBefore = db.prepare('SELECT group_concat(sql, char(10)) FROM sqlite_master').pluck().get();
    expect(tables).toEqual(expect.arrayContaining(['artifacts', 'references_', 'scans', 'signals', 'snapshots', 'targets', 'verdicts', 'decisions', 'audit_log']));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const store = open();
    store.createScan({ id: 's1', fingerprint: 'f', targets: ['a'], options: {} });
    store.close();
    open().close();
    const again = new Database(dbFile, { readonly: true });
    expect(again.prepare('SELECT group_concat(sql, char(10)) FROM sqlite_master').pluck().get()).toBe(schemaBefore);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
    again.close();
    expect(open().getScan('s1')?.targets).toEqual(['a']);
  });

  it('refuses a file that is not a SQLite database, naming the file', () => {
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'this is not a database, just some text '.repeat(100));
    expect(() => openStore(garbage)).toThrow(JianzhenError);
    try {
      openStore(garbage);
    } catch (err) {
      expect((err as JianzhenError).code).toBe('store');
      expect((err as Error).message).toContain(garbage);
    }
  });

  it('refuses a database written by a newer schema version', () => {
    open().close();
    const db = new Database(dbFile);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openStore(dbFile)).toThrow(/newer than this jianzhen/);
    expect(() => openStore(dbFile)).toThrow(JianzhenError);
  });

  it('refuses a SQLite database that belongs to something else', () => {
    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    expect(() => openStore(other)).toThrow(/not a jianzhen store/);
  });
});

describe('scans', () => {
  it('creates, gets, finds the newest unfinished scan by fingerprint and finishes it', () => {
    const store = open();
    const targets = ['http://cx-mem-gov.cn/', 'zlaq-mohurd.cn'];
    const fingerprint = scanFingerprint(targets, { concurrency: 4, proxy: null });
    const older = store.createScan({ id: 'a', fingerprint, targets, options: { concurrency: 4 }, now: new Date('2026-11-22T03:00:00Z') });
    const newer = store.createScan({ id: 'b', fingerprint, targets, options: { concurrency: 4 }, now: new Date('2026-11-22T04:00:00Z') });
    store.createScan({ id: 'c', fingerprint: 'other', targets: ['x'], options: {}, now: new Date('2026-11-22T05:00:00Z') });

    expect(store.getScan('a')).toEqual(older);
    expect(store.getScan('missing')).toBeNull();
    expect(newer).toMatchObject({ targets, finishedAt: null, startedAt: '2026-11-22T04:00:00.000Z' });
    expect(store.findUnfinishedScan(fingerprint)?.id).toBe('b');

    store.finishScan('b', '2026-11-22T04:30:00.000Z');
    expect(store.getScan('b')?.finishedAt).toBe('2026-11-22T04:30:00.000Z');
    expect(store.findUnfinishedScan(fingerprint)?.id).toBe('a');
    store.finishScan('a');
    expect(store.findUnfinishedScan(fingerprint)).toBeNull();
    expect(store.listScans().map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(() => store.createScan({ id: 'a', fingerprint, targets, options: {} })).toThrow(JianzhenError);
  });

  it('fingerprints targets and options independently of key order, and builds readable ids', () => {
    const a = scanFingerprint(['x', 'y'], { b: 1, a: { d: 2, c: 3 } });
    const b = scanFingerprint(['x', 'y'], { a: { c: 3, d: 2 }, b: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(scanFingerprint(['y', 'x'], { b: 1, a: { d: 2, c: 3 } })).not.toBe(a);
    expect(newScanId(a, new Date('2026-11-22T03:01:07.123Z'))).toBe(`20261122T030107Z-${a.slice(0, 8)}`);
  });
});

describe('results', () => {
  const inputs = ['http://site-0.test/', 'http://site-1.test/', 'http://site-2.test/', 'http://site-3.test/'];

  it('lists results in input order even when saved out of order, and round-trips every field', () => {
    const store = open();
    store.createScan({ id: 's', fingerprint: 'f', targets: inputs, options: {} });
    const fixtures = inputs.map((input, i) => fixtureResult(i, input));
    for (const i of [3, 0, 2]) store.saveTargetResult('s', fixtures[i]!.result, fixtures[i]!.artifacts);

    const listed = store.listResults('s');
    expect(listed.map((r) => r.index)).toEqual([0, 2, 3]);
    expect(listed[0]).toEqual(fixtures[0]!.result);
    expect(listed[2]).toEqual(fixtures[3]!.result);
    expect(listed[0]!.signals[1]).not.toHaveProperty('evidence');
    // A signal's platform survives the store (migration 6); one without a platform comes back without the key.
    expect(listed[0]!.signals[0]!.platform).toBe('mem-cx');
    expect(listed[0]!.signals[1]).not.toHaveProperty('platform');
    // Its reason as a catalogue message survives too (migration 7), to be shown in the reader's language.
    expect(listed[0]!.signals[0]!.message).toEqual({ id: 'domain.lookalike', params: { host: 'site-0.test', official: 'cx.mem.gov.cn', techniques: 'hyphenated-copy' } });
    expect(listed[0]!.signals[1]).not.toHaveProperty('message');
    expect(store.doneIndexes('s')).toEqual(new Set([0, 2, 3]));
    expect(store.getResult('s', 2)).toEqual(fixtures[2]!.result);
    expect(store.getResult('s', 1)).toBeNull();
  });

  it('replaces a re-saved result instead of duplicating its rows', () => {
    const store = open();
    store.createScan({ id: 's', fingerprint: 'f', targets: inputs, options: {} });
    const { result, artifacts } = fixtureResult(1, inputs[1]);
    store.saveTargetResult('s', result, artifacts);
    const rescored: TargetResult = { ...result, verdict: 'suspicious', score: 55, signals: [result.signals[0]!] };
    store.saveTargetResult('s', rescored, artifacts);

    expect(store.listResults('s')).toEqual([rescored]);
    expect(count(dbFile, 'verdicts')).toBe(1);
    expect(count(dbFile, 'snapshots')).toBe(1);
    expect(count(dbFile, 'signals')).toBe(1);
    expect(count(dbFile, 'artifacts')).toBe(1);
  });

  it('keeps a failed capture without a snapshot, and refuses a result for an unknown target', () => {
    const store = open();
    store.createScan({ id: 's', fingerprint: 'f', targets: ['nx.test'], options: {} });
    const timings = { startedAt: 't0', finishedAt: 't1', dnsMs: 1, whoisMs: null, renderMs: null, totalMs: 1 };
    const failure = {
      ok: false as const, input: 'nx.test', url: 'https://nx.test/', error: 'NXDOMAIN', stage: 'dns' as const,
      dns: null, whois: null, notes: [], timings,
    };
    const result: TargetResult = {
      index: 0, input: 'nx.test', url: null, finalUrl: null, host: 'nx.test', registrableDomain: 'nx.test',
      verdict: 'unreachable', score: 0, platform: null, signals: [], evidence: null, error: 'NXDOMAIN',
      snapshot: null, failure, capturedAt: 't1',
    };
    store.saveTargetResult('s', result, []);
    expect(store.listResults('s')).toEqual([result]);
    expect(() => store.saveTargetResult('s', { ...result, index: 5 }, [])).toThrow(/no target #5/);
    expect(() => store.saveTargetResult('s', { ...result, input: 'other' }, [])).toThrow(JianzhenError);
  });

  it('finds results across scans by verdict and host, and a host\'s snapshot history', () => {
    const store = open();
    store.createScan({ id: 'one', fingerprint: 'f', targets: inputs, options: {} });
    store.createScan({ id: 'two', fingerprint: 'f', targets: inputs, options: {} });
    for (const scan of ['one', 'two']) {
      for (let i = 0; i < inputs.length; i++) {
        const { result, artifacts } = fixtureResult(i, inputs[i]);
        store.saveTargetResult(scan, { ...result, capturedAt: `${scan === 'one' ? '2026-01' : '2026-02'}-01T00:00:00.000Z` }, artifacts);
      }
    }
    const counterfeit = store.findResults({ verdict: 'counterfeit' });
    expect(counterfeit.map((r) => `${r.scanId}/${r.index}`)).toEqual(['two/0', 'two/2', 'one/0', 'one/2']);
    expect(store.findResults({ host: 'SITE-1.test', limit: 1 }).map((r) => r.scanId)).toEqual(['two']);
    const history = store.snapshotsForHost('site-1.test');
    expect(history.map((h) => h.scanId)).toEqual(['one', 'two']);
    expect(history[0]!.snapshot.title).toBe('site 1');
  });
});

describe('artifacts', () => {
  it('stores bytes under artifacts/<first 2 hex>/<sha256>, idempotently', () => {
    const store = open();
    const artifact = artifactOf(Buffer.from('<html>仿冒</html>'), 'text/html');
    const sha = artifact.ref.sha256;
    const rel = store.putArtifact(artifact);
    expect(rel).toBe(`artifacts/${sha.slice(0, 2)}/${sha}`);
    expect(store.artifactPath(sha)).toBe(rel);
    expect(store.artifactDir).toBe(path.join(path.dirname(dbFile), 'artifacts'));
    const file = path.join(path.dirname(dbFile), rel);
    expect(fs.readFileSync(file)).toEqual(artifact.data);
    const mtime = fs.statSync(file).mtimeMs;

    expect(store.putArtifact(artifact)).toBe(rel);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(path.dirname(file))).toEqual([sha]);
    expect(count(dbFile, 'artifacts')).toBe(1);
    expect(store.readArtifact(sha)).toEqual(artifact.data);
    expect(store.readArtifact('0'.repeat(64))).toBeNull();
  });

  it('refuses bytes that do not match their hash, and hashes that are not hex', () => {
    const store = open();
    const good = artifactOf(Buffer.from('genuine'));
    expect(() => store.putArtifact({ ref: good.ref, data: Buffer.from('forged!') })).toThrow(JianzhenError);
    expect(() => store.putArtifact({ ref: { ...good.ref, bytes: 99 }, data: good.data })).toThrow(/bytes/);
    expect(() => store.artifactPath('../../etc/passwd')).toThrow(JianzhenError);
    expect(store.readArtifact(good.ref.sha256)).toBeNull();
    expect(fs.existsSync(store.artifactDir) ? fs.readdirSync(store.artifactDir) : []).toEqual([]);
  });
});

describe('references', () => {
  it('keeps the history and lists the newest capture per platform', () => {
    const store = open();
    const icon = artifactOf(Buffer.from('favicon bytes'), 'image/x-icon');
    store.saveReference('mem-cx', pageSnapshot('https://cx.mem.gov.cn/', { title: 'old' }), []);
    store.saveReference('mohurd-zlaq', pageSnapshot('https://zlaq.mohurd.gov.cn/'), []);
    store.saveReference('mem-cx', pageSnapshot('https://cx.mem.gov.cn/', { title: 'new' }), [icon]);

    const refs = store.listReferences();
    expect(refs.map((r) => r.platform)).toEqual(['mem-cx', 'mohurd-zlaq']);
    expect(refs[0]!.snapshot.title).toBe('new');
    expect(refs[0]!.capturedAt).toBe('2026-11-22T03:01:02.000Z');
    expect(count(dbFile, 'references_')).toBe(3);
    expect(store.readArtifact(icon.ref.sha256)).toEqual(icon.data);
  });
});

describe('crash safety', () => {
  it('keeps every committed result intact when the writer is killed with SIGKILL mid-loop', async () => {
    const total = 100_000;
    const killAfter = 40;
    const inputs = Array.from({ length: total }, (_, i) => `http://site-${i}.test/`);
    const setup = open();
    setup.createScan({ id: 'crash', fingerprint: 'f', targets: inputs, options: {} });
    setup.close();

    const script = path.join(dir, 'writer.ts');
    const storeUrl = pathToFileURL(path.join(here, 'store.ts')).href;
    const fixturesUrl = pathToFileURL(path.join(here, '..', '..', 'test', 'fixtures', 'snapshots.ts')).href;
    fs.writeFileSync(script, `
      import { openStore } from ${JSON.stringify(storeUrl)};
      import { fixtureResult } from ${JSON.stringify(fixturesUrl)};
      const store = openStore(${JSON.stringify(dbFile)});
      for (let i = 0; i < ${total}; i++) {
        const { result, artifacts } = fixtureResult(i);
        store.saveTargetResult('crash', result, artifacts);
        process.stdout.write('saved ' + i + '\\n');
      }
    `);

    // The child reports each index after its transaction returns; we kill it while it is still writing.
    const reported = await new Promise<number[]>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      const saved: number[] = [];
      let buffered = '';
      let stderr = '';
      let killed = false;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^saved (\d+)$/.exec(line);
          if (m && !killed) saved.push(Number(m[1]));
        }
        if (!killed && saved.length >= killAfter) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') resolve(saved);
        else reject(new Error(`writer exited early (code ${code}): ${stderr}`));
      });
    });
    expect(reported.length).toBeGreaterThanOrEqual(killAfter);

    const store = open();
    const done = store.doneIndexes('crash');
    expect(done.size).toBeLessThan(total);
    for (const i of reported) expect(done.has(i)).toBe(true);
    // Every stored result, reported or not, is whole: verdict, signals, snapshot and artifact together.
    for (const i of done) {
      const { result, artifacts } = fixtureResult(i);
      expect(store.getResult('crash', i)).toEqual(result);
      expect(store.readArtifact(artifacts[0]!.ref.sha256)).toEqual(artifacts[0]!.data);
    }
    expect(count(dbFile, 'signals')).toBe(done.size * 2);
    const db = new Database(dbFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  }, 60_000);
});
