/**
 * Outgrowing the embedded store: a SQLite store filled by a real scan of a few sandbox corpus sites (with
 * decisions, accounts, a session, audit entries, an evidence-packet record and a schedule run) is copied by
 * `jianzhen db copy` into a real PostgreSQL server, its artifacts into a real S3-compatible bucket (s3rver).
 * Every table counts the same on both sides, the review queue reads the same from either store, and the
 * console on the copy serves screenshots from the bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createUser } from '../src/data/accounts.js';
import { queuePage } from '../src/data/console-queries.js';
import { countRows } from '../src/data/copy.js';
import { postgresMigrations } from '../src/data/schema.js';
import { recordEvidencePacket } from '../src/data/reports.js';
import { audit, recordDecision } from '../src/data/review.js';
import { finishRun, startRun } from '../src/data/schedule-runs.js';
import { openStore, type Store } from '../src/data/store.js';
import { refreshReferences } from '../src/pipeline/references.js';
import { runScan } from '../src/pipeline/scan.js';
import { createConsoleApp } from '../src/review/server.js';
import { consoleAddresses } from '../src/review/security.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { postgresMissing, startPostgres, type PostgresServer } from './services/postgres.js';
import { startS3, type S3Server } from './services/s3.js';
import { runCli as run, sandboxCapture } from './fixtures/sandbox.js';

const targets = ['cx-mem-gov.cn', 'cx-mem-gov.net', 'zlaq-mohurd.cn', 'www.workercn.cn', 'gone-cx-mem-gov.cn'];
const missing = postgresMissing();

describe.skipIf(missing !== null)(`db copy from SQLite to PostgreSQL and S3${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sandbox: Sandbox;
  let pg: PostgresServer;
  let s3: S3Server;
  let dir: string;
  let source: Store;
  let target: Store;
  let url: string;
  let copy: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    [sandbox, pg, s3] = await Promise.all([startSandbox(), startPostgres(), startS3()]);
    dir = mkdtempSync(join(tmpdir(), 'jianzhen-copy-'));
    const file = join(dir, 'jianzhen.db');
    source = await openStore(file);
    const capture = sandboxCapture(sandbox, 2);
    await refreshReferences(source, capture);
    const scan = await runScan(source, { targets, capture, identity: { copy: true } });
    const user = await createUser(source, { name: 'li', role: 'analyst', password: 'analyst-pass-1' });
    await createSession(source, user);
    await recordDecision(source, { host: 'cx-mem-gov.cn', decision: 'confirmed', note: '冒用备案号', actor: 'li', scanId: scan.scan.id, index: 0 });
    await recordDecision(source, { host: 'www.workercn.cn', decision: 'rejected', actor: 'li' });
    await audit(source, { actor: 'li', action: 'export.takedown', subject: 'cx-mem-gov.cn' });
    await recordEvidencePacket(source, {
      id: 'JZ-20260905T000000Z-cx-mem-gov.cn', host: 'cx-mem-gov.cn', scanId: scan.scan.id, index: 0, builtAt: '2026-09-05T00:00:00.000Z', actor: 'li',
      manifestSha256: 'a'.repeat(64), manifestSm3: 'b'.repeat(64), folder: join(dir, 'evidence', 'x'), zip: null, zipSha256: null,
    });
    await startRun(source, { id: 'nightly@1', job: 'nightly', kind: 'discovery', runDate: '2026-09-05', startedAt: '2026-09-05T00:00:00.000Z', targets, sources: [] });
    await finishRun(source, 'nightly@1', { status: 'done', diff: { new: [] } });
    await source.close();

    url = await pg.createDatabase();
    // The source must not be in use while it is copied: the console and scans are stopped, as a user would.
    copy = await run(['db', 'copy', '--from', file, '--to', url, '--artifacts-to', `s3://${s3.bucket}/copied`], s3.env());
    source = await openStore(file);
    target = await openStore({ database: url, artifacts: s3.location('copied'), home: dir });
  }, 1_800_000);

  afterAll(async () => {
    await source?.close();
    await target?.close();
    await Promise.all([sandbox?.close(), pg?.stop(), s3?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table and prints the verified counts', async () => {
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stdout).toContain('copy verified');
    const before = await countRows(source);
    const after = await countRows(target);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
    for (const table of ['scans', 'targets', 'snapshots', 'verdicts', 'signals', 'artifacts', 'references_', 'decisions', 'audit_log', 'users', 'sessions', 'evidence_packets', 'schedule_runs'] as const) {
      expect(before.get(table), table).toBeGreaterThan(0);
      expect(copy.stdout).toMatch(new RegExp(`^${table}\\s+${before.get(table)}\\s+${before.get(table)}$`, 'm'));
    }
  });

  it('puts the artifact bytes in the bucket, where the copy reads them', async () => {
    const [scan] = await target.listScans(1);
    const results = await target.listResults(scan!.id);
    const shots = results.flatMap((r) => (r.snapshot?.screenshot ? [r.snapshot.screenshot.sha256] : []));
    expect(shots.length).toBeGreaterThan(0);
    for (const sha of shots) expect(await target.readArtifact(sha)).toEqual(await source.readArtifact(sha));
    expect(target.artifacts.location).toBe(`s3://${s3.bucket}/copied`);
  });

  it('reads the same results and the same review queue from the copy', async () => {
    const [scan] = await source.listScans(1);
    expect(await target.listResults(scan!.id)).toEqual(await source.listResults(scan!.id));
    for (const filter of [{}, { verdict: 'all' as const, state: 'all' as const }, { state: 'confirmed' as const }]) {
      const a = await queuePage(source, filter, { offset: 0, limit: 50 });
      const b = await queuePage(target, filter, { offset: 0, limit: 50 });
      expect(b).toEqual(a);
    }
    expect((await queuePage(target, { verdict: 'all', state: 'all' }, { offset: 0, limit: 50 })).total).toBeGreaterThanOrEqual(3);
  });

  it('continues ids after the copied rows, and the console on the copy serves its queue and screenshots', async () => {
    const decided = await recordDecision(target, { host: 'cx-mem-gov.net', decision: 'pending', actor: 'li' });
    expect(decided.id).toBeGreaterThan(2);
    const user = await createUser(target, { name: 'wang', role: 'supervisor', password: 'supervisor-pass-1' });
    const session = await createSession(target, user);
    const { app } = createConsoleApp({ store: target, capture: null, addresses: consoleAddresses({ bindHost: '127.0.0.1', port: 8787 }) });
    const headers = { cookie: `jz_session=${session.id}` };
    const queue = await app.request('http://127.0.0.1:8787/queue?verdict=all&state=all', { headers });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('cx-mem-gov.cn');
    const shot = (await target.findResults({ host: 'cx-mem-gov.cn', limit: 1 }))[0]!.snapshot!.screenshot!;
    const png = await app.request(`http://127.0.0.1:8787/artifact/${shot.sha256}`, { headers });
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer())).toEqual(await source.readArtifact(shot.sha256));
  });

  it('refuses to copy into a store that already holds rows, and migrates a PostgreSQL store on request', { timeout: 240_000 }, async () => {
    const again = await run(['db', 'copy', '--from', join(dir, 'jianzhen.db'), '--to', url, '--artifacts-to', `s3://${s3.bucket}/copied`], s3.env());
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty .*copy into a new, empty database/);
    const migrated = await run(['db', 'migrate', '--database', url]);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain(`schema version ${postgresMigrations.length}, up to date`);
  });
});
