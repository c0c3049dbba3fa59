import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JianzhenError } from '../errors.js';
import { artifactOf, fixtureResult, pageSnapshot } from '../../test/fixtures/snapshots.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../../test/services/postgres.js';
import { queuePage } from './console-queries.js';
import type { Tables } from './database.js';
import { postgresMigrations, sqliteMigrations } from './schema.js';
import { databaseOf, newScanId, openStore, scanFingerprint, type Store } from './store.js';
import { type TargetResult } from '../model/result.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const pgMissing = postgresMissing();
if (pgMissing) process.stderr.write(`store.test: PostgreSQL tests skipped: ${pgMissing}\n`);

let dir: string;
let dbFile: string;
let server: PostgresServer | null = null;
const opened: Store[] = [];

beforeAll(async () => {
  if (!pgMissing) server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-store-'));
  dbFile = path.join(dir, 'nested', 'jianzhen.db');
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Rows in a table of an open store, through the store's own database. */
async function count(store: Store, table: keyof Tables): Promise<number> {
  const row = await databaseOf(store).db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function track(store: Promise<Store>): Promise<Store> {
  const s = await store;
  opened.push(s);
  return s;
}

/**
 * Both backends, each with a fresh store per test: the SQLite file under a new temp folder, or a new
 * PostgreSQL database on the test server (artifacts as files in the temp folder either way).
 */
const backends = [
  { name: 'SQLite', skip: null as string | null, location: async () => dbFile },
  { name: 'PostgreSQL', skip: pgMissing, location: async () => server!.createDatabase() },
] as const;

for (const backend of backends) {
  describe.skipIf(backend.skip !== null)(`store on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    let where: string;
    const open = () => track(openStore({ database: where, home: path.dirname(dbFile) }));

    beforeEach(async () => {
      where = await backend.location();
    });

    describe('scans', () => {
      it('creates, gets, finds the newest unfinished scan by fingerprint and finishes it', async () => {
        const store = await open();
        const targets = ['http://cx-mem-gov.cn/', 'zlaq-mohurd.cn'];
        const fingerprint = scanFingerprint(targets, { concurrency: 4, proxy: null });
        const older = await store.createScan({ id: 'a', fingerprint, targets, options: { concurrency: 4 }, now: new Date('2026-11-22T03:00:00Z') });
        const newer = await store.createScan({ id: 'b', fingerprint, targets, options: { concurrency: 4 }, now: new Date('2026-11-22T04:00:00Z') });
        await store.createScan({ id: 'c', fingerprint: 'other', targets: ['x'], options: {}, now: new Date('2026-11-22T05:00:00Z') });

        expect(await store.getScan('a')).toEqual(older);
        expect(await store.getScan('missing')).toBeNull();
        expect(newer).toMatchObject({ targets, finishedAt: null, startedAt: '2026-11-22T04:00:00.000Z' });
        expect((await store.findUnfinishedScan(fingerprint))?.id).toBe('b');

        await store.finishScan('b', '2026-11-22T04:30:00.000Z');
        expect((await store.getScan('b'))?.finishedAt).toBe('2026-11-22T04:30:00.000Z');
        expect((await store.findUnfinishedScan(fingerprint))?.id).toBe('a');
        await store.finishScan('a');
        expect(await store.findUnfinishedScan(fingerprint)).toBeNull();
        expect((await store.listScans()).map((s) => s.id)).toEqual(['c', 'b', 'a']);
        await expect(store.createScan({ id: 'a', fingerprint, targets, options: {} })).rejects.toThrow(JianzhenError);
        await expect(store.finishScan('missing')).rejects.toThrow(/no scan missing/);
      });

      it('keeps a scan of thousands of targets in input order', async () => {
        const store = await open();
        const targets = Array.from({ length: 2345 }, (_, i) => `http://site-${i}.test/`);
        await store.createScan({ id: 'big', fingerprint: 'f', targets, options: {} });
        expect((await store.getScan('big'))?.targets).toEqual(targets);
      });
    });

    describe('results', () => {
      const inputs = ['http://site-0.test/', 'http://site-1.test/', 'http://site-2.test/', 'http://site-3.test/'];

      it('lists results in input order even when saved out of order, and round-trips every field', async () => {
        const store = await open();
        await store.createScan({ id: 's', fingerprint: 'f', targets: inputs, options: {} });
        const fixtures = inputs.map((input, i) => fixtureResult(i, input));
        for (const i of [3, 0, 2]) await store.saveTargetResult('s', fixtures[i]!.result, fixtures[i]!.artifacts);

        const listed = await store.listResults('s');
        expect(listed.map((r) => r.index)).toEqual([0, 2, 3]);
        expect(listed[0]).toEqual(fixtures[0]!.result);
        expect(listed[2]).toEqual(fixtures[3]!.result);
        expect(listed[0]!.signals[1]).not.toHaveProperty('evidence');
        // A signal's platform (migration 6) and message (migration 7) survive the store; a signal without
        // them comes back without the keys.
        expect(listed[0]!.signals[0]!.platform).toBe('mem-cx');
        expect(listed[0]!.signals[0]!.message).toEqual({ id: 'domain.lookalike', params: { host: 'site-0.test', official: 'cx.mem.gov.cn', techniques: 'hyphenated-copy' } });
        expect(listed[0]!.signals[1]).not.toHaveProperty('platform');
        expect(listed[0]!.signals[1]).not.toHaveProperty('message');
        expect(await store.doneIndexes('s')).toEqual(new Set([0, 2, 3]));
        expect(await store.getResult('s', 2)).toEqual(fixtures[2]!.result);
        expect(await store.getResult('s', 1)).toBeNull();
      });

      it('replaces a re-saved result instead of duplicating its rows', async () => {
        const store = await open();
        await store.createScan({ id: 's', fingerprint: 'f', targets: inputs, options: {} });
        const { result, artifacts } = fixtureResult(1, inputs[1]);
        await store.saveTargetResult('s', result, artifacts);
        const rescored: TargetResult = { ...result, verdict: 'suspicious', score: 55, signals: [result.signals[0]!] };
        await store.saveTargetResult('s', rescored, artifacts);

        expect(await store.listResults('s')).toEqual([rescored]);
        expect(await count(store, 'verdicts')).toBe(1);
        expect(await count(store, 'snapshots')).toBe(1);
        expect(await count(store, 'signals')).toBe(1);
        expect(await count(store, 'artifacts')).toBe(1);
      });

      it('stores one result when the same target is saved by many writers at once', async () => {
        const store = await open();
        const other = await open();
        await store.createScan({ id: 's', fingerprint: 'f', targets: inputs, options: {} });
        const { result, artifacts } = fixtureResult(2, inputs[2]);
        const saves = Array.from({ length: 8 }, (_, i) => (i % 2 ? store : other).saveTargetResult('s', { ...result, score: 90 + i }, artifacts));
        await Promise.all(saves);
        expect(await count(store, 'verdicts')).toBe(1);
        expect(await count(store, 'signals')).toBe(2);
        expect((await store.listResults('s')).map((r) => r.index)).toEqual([2]);
      });

      it('saves results that share artifacts from many writers at once', async () => {
        const stores = [await open(), await open()];
        const targets = Array.from({ length: 16 }, (_, i) => `http://site-${i}.test/`);
        await stores[0]!.createScan({ id: 's', fingerprint: 'f', targets, options: {} });
        const icon = artifactOf(Buffer.from('a favicon every copy shares'), 'image/x-icon');
        const logo = artifactOf(Buffer.from('a logo every copy shares'), 'image/png');
        await Promise.all(
          targets.map((input, i) => {
            const { result } = fixtureResult(i, input);
            return stores[i % 2]!.saveTargetResult('s', result, i % 2 ? [icon, logo] : [logo, icon]);
          }),
        );
        expect((await stores[0]!.doneIndexes('s')).size).toBe(16);
        expect(await count(stores[0]!, 'artifacts')).toBe(2);
      });

      it('keeps a failed capture without a snapshot, and refuses a result for an unknown target', async () => {
        const store = await open();
        await store.createScan({ id: 's', fingerprint: 'f', targets: ['nx.test'], options: {} });
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
        await store.saveTargetResult('s', result, []);
        expect(await store.listResults('s')).toEqual([result]);
        await expect(store.saveTargetResult('s', { ...result, index: 5 }, [])).rejects.toThrow(/no target #5/);
        await expect(store.saveTargetResult('s', { ...result, input: 'other' }, [])).rejects.toThrow(JianzhenError);
      });

      it('keeps text a hostile page wrote with NUL characters and control bytes', async () => {
        const store = await open();
        await store.createScan({ id: 's', fingerprint: 'f', targets: inputs, options: {} });
        const { result, artifacts } = fixtureResult(0, inputs[0]);
        const hostile: TargetResult = {
          ...result,
          snapshot: { ...result.snapshot!, title: 'a\u0000b\u0001c 仿冒' },
          signals: [{ ...result.signals[1]!, detail: 'x\u0000y' }],
        };
        await store.saveTargetResult('s', hostile, artifacts);
        const back = (await store.getResult('s', 0))!;
        // JSON keeps a NUL exactly (as \u0000); a plain column on PostgreSQL cannot hold one and gets U+FFFD.
        expect(back.snapshot!.title).toBe('a\u0000b\u0001c 仿冒');
        expect(back.signals[0]!.detail).toMatch(/^x(\u0000|\uFFFD)y$/);
        // The review queue reads titles from the stored JSON; PostgreSQL's JSON operators refuse a \u0000
        // escape, so there the page shows no title rather than failing the whole queue.
        const queue = await queuePage(store, { verdict: 'all', state: 'all' }, { offset: 0, limit: 10 });
        expect(queue.rows.map((r) => r.host)).toEqual(['site-0.test']);
        expect([hostile.snapshot!.title, null]).toContain(queue.rows[0]!.title);
      });

      it("finds results across scans by verdict and host, and a host's snapshot history", async () => {
        const store = await open();
        await store.createScan({ id: 'one', fingerprint: 'f', targets: inputs, options: {} });
        await store.createScan({ id: 'two', fingerprint: 'f', targets: inputs, options: {} });
        for (const scan of ['one', 'two']) {
          for (let i = 0; i < inputs.length; i++) {
            const { result, artifacts } = fixtureResult(i, inputs[i]);
            await store.saveTargetResult(scan, { ...result, capturedAt: `${scan === 'one' ? '2026-01' : '2026-02'}-01T00:00:00.000Z` }, artifacts);
          }
        }
        const counterfeit = await store.findResults({ verdict: 'counterfeit' });
        expect(counterfeit.map((r) => `${r.scanId}/${r.index}`)).toEqual(['two/0', 'two/2', 'one/0', 'one/2']);
        expect(counterfeit[0]!.signals).toEqual(fixtureResult(0, inputs[0]).result.signals);
        expect((await store.findResults({ host: 'SITE-1.test', limit: 1 })).map((r) => r.scanId)).toEqual(['two']);
        const history = await store.snapshotsForHost('site-1.test');
        expect(history.map((h) => h.scanId)).toEqual(['one', 'two']);
        expect(history[0]!.snapshot.title).toBe('site 1');
      });
    });

    describe('artifacts', () => {
      it('stores bytes under artifacts/<first 2 hex>/<sha256>, idempotently, and records them once', async () => {
        const store = await open();
        const artifact = artifactOf(Buffer.from('<html>仿冒</html>'), 'text/html');
        const sha = artifact.ref.sha256;
        const rel = await store.putArtifact(artifact);
        expect(rel).toBe(`artifacts/${sha.slice(0, 2)}/${sha}`);
        expect(store.artifactPath(sha)).toBe(rel);
        expect(store.artifacts.location).toBe(path.join(path.dirname(dbFile), 'artifacts'));
        const file = path.join(path.dirname(dbFile), rel);
        expect(fs.readFileSync(file)).toEqual(artifact.data);
        const mtime = fs.statSync(file).mtimeMs;

        expect(await store.putArtifact(artifact)).toBe(rel);
        expect(fs.statSync(file).mtimeMs).toBe(mtime);
        expect(fs.readdirSync(path.dirname(file))).toEqual([sha]);
        expect(await count(store, 'artifacts')).toBe(1);
        expect(await store.readArtifact(sha)).toEqual(artifact.data);
        expect(await store.readArtifact('0'.repeat(64))).toBeNull();
      });

      it('refuses bytes that do not match their hash, and hashes that are not hex', async () => {
        const store = await open();
        const good = artifactOf(Buffer.from('genuine'));
        await expect(store.putArtifact({ ref: good.ref, data: Buffer.from('forged!') })).rejects.toThrow(JianzhenError);
        await expect(store.putArtifact({ ref: { ...good.ref, bytes: 99 }, data: good.data })).rejects.toThrow(/bytes/);
        expect(() => store.artifactPath('../../etc/passwd')).toThrow(JianzhenError);
        expect(await store.readArtifact(good.ref.sha256)).toBeNull();
        const folder = store.artifacts.location;
        expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([]);
        expect(await count(store, 'artifacts')).toBe(0);
      });
    });

    describe('references', () => {
      it('keeps the history and lists the newest capture per platform', async () => {
        const store = await open();
        const icon = artifactOf(Buffer.from('favicon bytes'), 'image/x-icon');
        await store.saveReference('mem-cx', pageSnapshot('https://cx.mem.gov.cn/', { title: 'old' }), []);
        await store.saveReference('mohurd-zlaq', pageSnapshot('https://zlaq.mohurd.gov.cn/'), []);
        await store.saveReference('mem-cx', pageSnapshot('https://cx.mem.gov.cn/', { title: 'new' }), [icon]);

        const refs = await store.listReferences();
        expect(refs.map((r) => r.platform)).toEqual(['mem-cx', 'mohurd-zlaq']);
        expect(refs[0]!.snapshot.title).toBe('new');
        expect(refs[0]!.capturedAt).toBe('2026-11-22T03:01:02.000Z');
        expect(await count(store, 'references_')).toBe(3);
        expect(await store.readArtifact(icon.ref.sha256)).toEqual(icon.data);
      });
    });

    describe('migrations', () => {
      it('never applies a migration twice, nor fails, when several processes open a new store at once', async () => {
        // Four processes, loaded and waiting; each round hands all four the same new store on one line of their
        // standard input, so they open it within a millisecond of each other (the switch to WAL, the migrations).
        const storeUrl = pathToFileURL(path.join(here, 'store.ts')).href;
        const script = path.join(dir, 'opener.mts');
        fs.writeFileSync(
          script,
          `import * as readline from 'node:readline';
           import { openStore } from ${JSON.stringify(storeUrl)};
           process.stdout.write('ready\\n');
           for await (const where of readline.createInterface({ input: process.stdin })) {
             try {
               await (await openStore(where)).close();
               process.stdout.write('opened\\n');
             } catch (err) {
               process.stdout.write('failed ' + String(err).replace(/\\n/g, ' ') + '\\n');
             }
           }`,
        );
        const children = Array.from({ length: 4 }, () => {
          const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
          const lines: string[] = [];
          let partial = '';
          let stderr = '';
          child.stdout.on('data', (c: Buffer) => {
            const parts = (partial + c.toString()).split('\n');
            partial = parts.pop()!;
            lines.push(...parts);
          });
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          return { child, lines, stderr: () => stderr };
        });
        try {
          for (const c of children) await expect.poll(() => c.lines.length > 0 || c.child.exitCode !== null).toBe(true);
          for (const c of children) expect(c.lines.shift(), c.stderr()).toBe('ready');
          const rounds = backend.name === 'SQLite' ? 8 : 3;
          for (let round = 0; round < rounds; round++) {
            const location = backend.name === 'SQLite' ? path.join(dir, `round-${round}`, 'jianzhen.db') : await backend.location();
            for (const c of children) c.child.stdin.write(`${location}\n`);
            for (const c of children) await expect.poll(() => c.lines.length > 0 || c.child.exitCode !== null).toBe(true);
            for (const c of children) expect(c.lines.shift(), `round ${round}: ${c.stderr()}`).toBe('opened');
            where = location;
          }
        } finally {
          for (const c of children) c.child.kill();
        }
        const store = await open();
        expect(store.dialect).toBe(backend.name === 'SQLite' ? 'sqlite' : 'postgres');
        await store.createScan({ id: 's1', fingerprint: 'f', targets: ['a'], options: {} });
        expect((await store.getScan('s1'))?.targets).toEqual(['a']);
      });
    });
  });
}

describe('SQLite schema', () => {
  const open = (file = dbFile) => track(openStore(file));

  it('creates every table with WAL and the latest user_version, and re-opening changes nothing', async () => {
    await (await openStore(dbFile)).close();
    const db = new Database(dbFile, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const schemaBefore = db.prepare('SELECT group_concat(sql, char(10)) FROM sqlite_master').pluck().get();
    expect(tables).toEqual(expect.arrayContaining(['artifacts', 'references_', 'scans', 'signals', 'snapshots', 'targets', 'verdicts', 'decisions', 'audit_log']));
    expect(db.pragma('user_version', { simple: true })).toBe(sqliteMigrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const store = await openStore(dbFile);
    await store.createScan({ id: 's1', fingerprint: 'f', targets: ['a'], options: {} });
    await store.close();
    await (await openStore(dbFile)).close();
    const again = new Database(dbFile, { readonly: true });
    expect(again.prepare('SELECT group_concat(sql, char(10)) FROM sqlite_master').pluck().get()).toBe(schemaBefore);
    expect(again.pragma('user_version', { simple: true })).toBe(sqliteMigrations.length);
    again.close();
    expect((await (await open()).getScan('s1'))?.targets).toEqual(['a']);
  });

  it('upgrades a store written by the previous release (version 6) in place, keeping every row', async () => {
    // A version-6 store as the released jianzhen left it: the first six migrations and rows in every table.
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    const old = new Database(dbFile);
    old.pragma('journal_mode = WAL');
    for (const [i, m] of sqliteMigrations.slice(0, 6).entries()) {
      old.exec(m);
      old.pragma(`user_version = ${i + 1}`);
    }
    const snapshot = pageSnapshot('http://cx-mem-gov.cn/');
    old.exec(`
      INSERT INTO scans VALUES ('s', 'f', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', NULL, 1, '{}');
      INSERT INTO targets VALUES ('s', 0, 'http://cx-mem-gov.cn/');
      INSERT INTO verdicts (scan_id, idx, verdict, score, platform, error, host, registrable_domain, url, final_url, evidence, captured_at, decided_at, stage, stage_reason)
        VALUES ('s', 0, 'counterfeit', 93, 'mem-cx', NULL, 'cx-mem-gov.cn', 'cx-mem-gov.cn', 'http://cx-mem-gov.cn/', 'http://cx-mem-gov.cn/', NULL, '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:01.000Z', 'render', 'r');
      INSERT INTO signals (scan_id, idx, ord, id, score, weight, detail, evidence_json, platform) VALUES ('s', 0, 0, 'domain.lookalike', 0.9, 25, 'looks alike', NULL, 'mem-cx');
      INSERT INTO decisions (host, decision, note, actor, scan_id, idx, decided_at) VALUES ('cx-mem-gov.cn', 'confirmed', '', 'a', 's', 0, '2026-01-02T00:00:00.000Z');
      INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ('2026-01-02T00:00:00.000Z', 'a', 'decision.confirmed', 'cx-mem-gov.cn', '{}');
      INSERT INTO users (name, role, password_hash, created_at) VALUES ('Analyst', 'analyst', 'x', '2026-01-01T00:00:00.000Z');
      INSERT INTO schedule_runs (id, job, kind, run_date, started_at, status) VALUES ('r', 'nightly', 'discovery', '2026-01-01', '2026-01-01T00:00:00.000Z', 'done');
    `);
    old.prepare("INSERT INTO snapshots (scan_id, idx, kind, host, url, final_url, captured_at, json) VALUES ('s', 0, 'snapshot', 'cx-mem-gov.cn', 'u', 'u', 't', ?)").run(JSON.stringify(snapshot));
    const before = Object.fromEntries(
      ['scans', 'targets', 'snapshots', 'verdicts', 'signals', 'decisions', 'audit_log', 'users', 'schedule_runs'].map((t) => [t, old.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]),
    );
    old.close();

    const store = await open();
    for (const [table, n] of Object.entries(before)) expect(await count(store, table as keyof Tables), table).toBe(n);
    const [result] = await store.listResults('s');
    expect(result).toMatchObject({ verdict: 'counterfeit', score: 93, stage: 'render', snapshot });
    expect(result!.signals).toEqual([{ id: 'domain.lookalike', score: 0.9, weight: 25, detail: 'looks alike', platform: 'mem-cx' }]);
    await store.close();
    const after = new Database(dbFile, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(sqliteMigrations.length);
    expect(after.prepare("SELECT count(*) FROM pragma_table_info('signals') WHERE name = 'message_json'").pluck().get()).toBe(1);
    after.close();
  });

  it('refuses a file that is not a SQLite database, naming the file', async () => {
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'this is not a database, just some text '.repeat(100));
    const err = await openStore(garbage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JianzhenError);
    expect((err as JianzhenError).code).toBe('store');
    expect((err as Error).message).toContain(garbage);
  });

  it('refuses a database written by a newer schema version', async () => {
    await (await openStore(dbFile)).close();
    const db = new Database(dbFile);
    db.pragma(`user_version = ${sqliteMigrations.length + 1}`);
    db.close();
    await expect(openStore(dbFile)).rejects.toThrow(/newer than this jianzhen/);
    await expect(openStore(dbFile)).rejects.toThrow(JianzhenError);
  });

  it('refuses a SQLite database that belongs to something else', async () => {
    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    await expect(openStore(other)).rejects.toThrow(/not a jianzhen store/);
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

describe.skipIf(pgMissing !== null)('PostgreSQL schema', () => {
  it('has one migration per SQLite migration, and refuses a newer store or a database holding other tables', async () => {
    expect(postgresMigrations.length).toBe(sqliteMigrations.length);
    const url = await server!.createDatabase();
    const store = await openStore(url);
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM jianzhen_schema')).rows).toEqual([{ version: postgresMigrations.length }]);
      await client.query('UPDATE jianzhen_schema SET version = version + 1');
    } finally {
      await client.end();
    }
    await expect(openStore(url)).rejects.toThrow(/newer than this jianzhen/);

    const foreign = await server!.createDatabase();
    const other = new pg.Client({ connectionString: foreign });
    await other.connect();
    await other.query('CREATE TABLE notes (id integer)');
    await other.end();
    await expect(openStore(foreign)).rejects.toThrow(/not a jianzhen store/);
  });

  it('says which server it could not reach, and what to check', async () => {
    const err = await openStore('postgres://nobody:secret@127.0.0.1:1/none').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JianzhenError);
    expect((err as Error).message).toContain('postgres://nobody:***@127.0.0.1:1/none');
    expect((err as Error).message).not.toContain('secret');
  });
});

describe('crash safety', () => {
  it('keeps every committed result intact when the writer is killed with SIGKILL mid-loop', async () => {
    const total = 100_000;
    const killAfter = 40;
    const inputs = Array.from({ length: total }, (_, i) => `http://site-${i}.test/`);
    const setup = await openStore(dbFile);
    await setup.createScan({ id: 'crash', fingerprint: 'f', targets: inputs, options: {} });
    await setup.close();

    const script = path.join(dir, 'writer.mts');
    const storeUrl = pathToFileURL(path.join(here, 'store.ts')).href;
    const fixturesUrl = pathToFileURL(path.join(here, '..', '..', 'test', 'fixtures', 'snapshots.ts')).href;
    fs.writeFileSync(script, `
      import { openStore } from ${JSON.stringify(storeUrl)};
      import { fixtureResult } from ${JSON.stringify(fixturesUrl)};
      const store = await openStore(${JSON.stringify(dbFile)});
      for (let i = 0; i < ${total}; i++) {
        const { result, artifacts } = fixtureResult(i);
        await store.saveTargetResult('crash', result, artifacts);
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

    const store = await track(openStore(dbFile));
    const done = await store.doneIndexes('crash');
    expect(done.size).toBeLessThan(total);
    for (const i of reported) expect(done.has(i)).toBe(true);
    // Every stored result, reported or not, is whole: verdict, signals, snapshot and artifact together.
    for (const i of done) {
      const { result, artifacts } = fixtureResult(i);
      expect(await store.getResult('crash', i)).toEqual(result);
      expect(await store.readArtifact(artifacts[0]!.ref.sha256)).toEqual(artifacts[0]!.data);
    }
    expect(await count(store, 'signals')).toBe(done.size * 2);
    // No temp file of an interrupted artifact write is left behind as an artifact: the shards hold only whole
    // artifacts, and an interrupted write's file stays in artifacts/.tmp, under a name no artifact has.
    const root = path.join(path.dirname(dbFile), 'artifacts');
    for (const shard of fs.readdirSync(root)) {
      const names = fs.readdirSync(path.join(root, shard));
      if (shard === '.tmp') for (const f of names) expect(f).toMatch(/^[0-9a-f]{64}\.\d+-[0-9a-f]+$/);
      else {
        expect(shard).toMatch(/^[0-9a-f]{2}$/);
        for (const f of names) expect(f).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    const db = new Database(dbFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  }, 300_000);
});
