/**
 * npm run bench:store — what the store seam costs: saving results one by one (saveTargetResult, each its own
 * transaction, as a scan does) and reading a scan back (listResults), on
 *
 *   raw      better-sqlite3 with hand-prepared statements (the store before Kysely, kept here as the baseline),
 *   kysely   the store on SQLite through Kysely (data/database.ts),
 *   pg       the store on PostgreSQL 15 through Kysely and a pg Pool, a local server in a temp folder
 *            (fsync on, asynchronous commit: the nearest match to SQLite's WAL with synchronous=NORMAL).
 *
 * All three in one run, interleaved over rounds, reported as the median and as ratios to raw. Rows only:
 * artifact bytes are left out so the file system's fsync does not hide the database layer's own cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../src/data/store.js';
import type { StoredSignal, TargetResult } from '../src/model/result.js';
import { fixtureResult } from '../test/fixtures/snapshots.js';
import { postgresMissing, startPostgres } from '../test/services/postgres.js';

const RESULTS = Number(process.env['BENCH_RESULTS'] ?? 400);
const READS = Number(process.env['BENCH_READS'] ?? 20);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

/** A result as a scan stores it: a page of a few kilobytes of text and eight signals. */
function benchResult(i: number): TargetResult {
  const { result } = fixtureResult(i);
  const text = `第${i}号仿冒站点 证件查询 特种作业操作证 请输入证件号码和姓名 `.repeat(60);
  const signals: StoredSignal[] = Array.from({ length: 8 }, (_, k) => ({
    id: `bench.signal-${k}`,
    score: 0.5 + k / 20,
    weight: 10 + k,
    detail: `signal ${k} of result ${i}`,
    ...(k % 2 ? { evidence: { matched: [`a${k}`, `b${k}`], distance: k } } : {}),
    ...(k % 3 ? {} : { platform: 'mem-cx' }),
  }));
  return { ...result, signals, snapshot: { ...result.snapshot!, text, staticText: text } };
}

interface Backend {
  readonly name: string;
  save(scanId: string, r: TargetResult): Promise<void> | void;
  list(scanId: string): Promise<TargetResult[]> | TargetResult[];
  createScan(id: string, targets: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

function storeBackend(name: string, store: Store): Backend {
  return {
    name,
    save: (scanId, r) => store.saveTargetResult(scanId, r, []),
    list: (scanId) => store.listResults(scanId),
    createScan: async (id, targets) => void (await store.createScan({ id, fingerprint: id, targets, options: {} })),
    close: () => store.close(),
  };
}

/** The store's SQL before Kysely, with statements prepared once: the baseline the seam is measured against. */
async function rawBackend(file: string): Promise<Backend> {
  await (await openStore(file)).close(); // the schema, by the real migrations
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const st = {
    targetInput: db.prepare('SELECT input FROM targets WHERE scan_id = ? AND idx = ?').pluck(),
    deleteSignals: db.prepare('DELETE FROM signals WHERE scan_id = ? AND idx = ?'),
    deleteVerdict: db.prepare('DELETE FROM verdicts WHERE scan_id = ? AND idx = ?'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE scan_id = ? AND idx = ?'),
    insertSnapshot: db.prepare(`INSERT INTO snapshots (scan_id, idx, kind, host, url, final_url, captured_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    insertVerdict: db.prepare(`INSERT INTO verdicts (scan_id, idx, verdict, score, platform, error, host, registrable_domain, url, final_url,
      evidence, captured_at, decided_at, stage, stage_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertSignal: db.prepare(`INSERT INTO signals (scan_id, idx, ord, id, score, weight, detail, evidence_json, platform, message_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    listResults: db.prepare(`SELECT v.scan_id, v.idx, t.input, v.verdict, v.score, v.platform, v.error, v.host, v.registrable_domain, v.url,
      v.final_url, v.evidence, v.captured_at, s.kind, s.json, v.stage, v.stage_reason FROM verdicts v
      JOIN targets t ON t.scan_id = v.scan_id AND t.idx = v.idx LEFT JOIN snapshots s ON s.scan_id = v.scan_id AND s.idx = v.idx
      WHERE v.scan_id = ? ORDER BY v.idx`),
    scanSignals: db.prepare('SELECT idx, id, score, weight, detail, evidence_json, platform, message_json FROM signals WHERE scan_id = ? ORDER BY idx, ord'),
    insertScan: db.prepare(`INSERT INTO scans (id, fingerprint, created_at, started_at, finished_at, target_count, options_json) VALUES (?, ?, ?, ?, NULL, ?, '{}')`),
    insertTarget: db.prepare('INSERT INTO targets (scan_id, idx, input) VALUES (?, ?, ?)'),
  };
  type Row = Record<string, unknown>;
  return {
    name: 'raw',
    createScan: async (id, targets) => {
      const at = new Date().toISOString();
      db.transaction(() => {
        st.insertScan.run(id, id, at, at, targets.length);
        targets.forEach((t, i) => st.insertTarget.run(id, i, t));
      }).immediate();
    },
    save: (scanId, r) => {
      const json = JSON.stringify(r.snapshot);
      const decidedAt = new Date().toISOString();
      db.transaction(() => {
        if (st.targetInput.get(scanId, r.index) !== r.input) throw new Error('no such target');
        st.deleteSignals.run(scanId, r.index);
        st.deleteVerdict.run(scanId, r.index);
        st.deleteSnapshot.run(scanId, r.index);
        st.insertSnapshot.run(scanId, r.index, 'snapshot', r.host, r.url, r.finalUrl, r.capturedAt, json);
        st.insertVerdict.run(scanId, r.index, r.verdict, r.score, r.platform, r.error, r.host, r.registrableDomain, r.url, r.finalUrl, r.evidence,
          r.capturedAt, decidedAt, r.stage ?? null, r.stageReason ?? null);
        r.signals.forEach((s, ord) =>
          st.insertSignal.run(scanId, r.index, ord, s.id, s.score, s.weight, s.detail, s.evidence === undefined ? null : JSON.stringify(s.evidence),
            s.platform ?? null, s.message === undefined ? null : JSON.stringify(s.message)));
      }).immediate();
    },
    list: (scanId) => {
      const signals = new Map<number, StoredSignal[]>();
      for (const s of st.scanSignals.all(scanId) as Row[]) {
        const list = signals.get(s['idx'] as number) ?? [];
        list.push({
          id: s['id'] as string, score: s['score'] as number, weight: s['weight'] as number, detail: s['detail'] as string,
          ...(s['platform'] === null ? {} : { platform: s['platform'] as string }),
          ...(s['evidence_json'] === null ? {} : { evidence: JSON.parse(s['evidence_json'] as string) as Record<string, unknown> }),
        });
        signals.set(s['idx'] as number, list);
      }
      return (st.listResults.all(scanId) as Row[]).map((row) => ({
        index: row['idx'] as number, input: row['input'] as string, url: row['url'] as string, finalUrl: row['final_url'] as string,
        host: row['host'] as string, registrableDomain: row['registrable_domain'] as string, verdict: row['verdict'] as TargetResult['verdict'],
        score: row['score'] as number, platform: row['platform'] as string, signals: signals.get(row['idx'] as number) ?? [],
        evidence: row['evidence'] as string, error: row['error'] as string, snapshot: JSON.parse(row['json'] as string), failure: null,
        capturedAt: row['captured_at'] as string,
      }));
    },
    close: async () => void db.close(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const missing = postgresMissing();
  const pg = missing ? null : await startPostgres({ durable: true });
  if (missing) process.stderr.write(`bench:store: PostgreSQL left out: ${missing}\n`);
  const results = Array.from({ length: RESULTS }, (_, i) => benchResult(i));
  const targets = results.map((r) => r.input);
  const timings = new Map<string, { save: number[]; list: number[] }>();
  const dirs: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'jianzhen-bench-store-'));
      dirs.push(dir);
      const backends: Backend[] = [
        await rawBackend(join(dir, 'raw.db')),
        storeBackend('kysely', await openStore(join(dir, 'kysely.db'))),
        ...(pg ? [storeBackend('pg', await openStore({ database: await pg.createDatabase(`bench${round}`), home: dir }))] : []),
      ];
      // Interleaved, and the order turned each round, so a burst of load on the shared machine hits all alike.
      const order = round % 2 ? [...backends].reverse() : backends;
      for (const b of order) {
        const scanId = `bench-${round}`;
        await b.createScan(scanId, targets);
        let t0 = performance.now();
        for (const r of results) await b.save(scanId, r);
        const save = (performance.now() - t0) / RESULTS;
        t0 = performance.now();
        let rows = 0;
        for (let k = 0; k < READS; k++) rows += (await b.list(scanId)).length;
        const list = (performance.now() - t0) / READS;
        if (rows !== RESULTS * READS) throw new Error(`${b.name}: read ${rows} results, expected ${RESULTS * READS}`);
        const t = timings.get(b.name) ?? { save: [], list: [] };
        t.save.push(save);
        t.list.push(list);
        timings.set(b.name, t);
        await b.close();
      }
      process.stderr.write(`bench:store: round ${round + 1}/${ROUNDS} done\n`);
    }
  } finally {
    await pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const raw = timings.get('raw')!;
  const base = { save: median(raw.save), list: median(raw.list) };
  const lines = [
    `store seam, ${RESULTS} results of 8 signals and ~7 KB of page text each; median of ${ROUNDS} interleaved rounds`,
    `${'backend'.padEnd(8)}  ${'saveTargetResult'.padStart(18)}  ${'ratio'.padStart(6)}  ${`listResults(${RESULTS})`.padStart(18)}  ${'ratio'.padStart(6)}`,
  ];
  for (const [name, t] of timings) {
    const save = median(t.save);
    const list = median(t.list);
    lines.push(
      `${name.padEnd(8)}  ${`${save.toFixed(3)} ms`.padStart(18)}  ${`${(save / base.save).toFixed(2)}×`.padStart(6)}  ${`${list.toFixed(1)} ms`.padStart(18)}  ${`${(list / base.list).toFixed(2)}×`.padStart(6)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
