/**
 * A scan on a cluster, every part real: Redis, PostgreSQL and an S3-compatible server on loopback, the sandbox,
 * one coordinator (`jianzhen scan --redis`) and three `jianzhen worker` processes, one of them SIGKILLed while it
 * renders. Every input gets exactly one result, the verdicts are those of the same scan run in one process, the
 * screenshots are in the bucket and the console serves them, and an evidence packet built from the PostgreSQL
 * store verifies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createUser } from '../src/data/accounts.js';
import { getJob } from '../src/data/jobs.js';
import { listEvidencePackets } from '../src/data/reports.js';
import { openStore, type Store } from '../src/data/store.js';
import { readPacket, verifyPacket } from '../src/reports/evidence/index.js';
import { connectRedis } from '../src/pipeline/cluster/queues.js';
import { QueueJobs } from '../src/review/jobs/queue.js';
import { createConsoleApp } from '../src/review/server.js';
import { consoleAddresses } from '../src/review/security.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { runCli } from './fixtures/sandbox.js';
import { postgresMissing, startPostgres, type PostgresServer } from './services/postgres.js';
import { redisMissing, startRedis, type RedisServer } from './services/redis.js';
import { startS3, type S3Server } from './services/s3.js';

const missing = postgresMissing() ?? redisMissing();
const BIN = fileURLToPath(new URL('../bin/jianzhen.js', import.meta.url));

// A small slice of the corpus, every kind of verdict: copies of each platform, benign sites, an official host, a
// name that does not resolve. `--render auto` sends each through the funnel, so all three stages have work.
const plain = (label: string) => corpus.filter((s) => s.label === label && !s.expect?.failsWithinMs && !s.host.startsWith('intranet'));
const targets = [...plain('counterfeit').slice(0, 5), ...plain('benign').slice(0, 2), ...plain('official').slice(0, 1), ...plain('unregistered').slice(0, 1)].map((s) => s.host);

interface Output {
  scan: { id: string };
  results: { input: string; verdict: string; platform: string | null; score: number; error: string | null }[];
}

/** A `jianzhen` child process whose stderr is kept, with a hook on each line. */
function start(args: string[], env: Record<string, string>, onLine: (line: string) => void = () => {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
    const lines = (partial + d.toString()).split(/[\r\n]/);
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.trim() !== '') onLine(l);
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, done, out: () => stdout, err: () => stderr };
}

describe.skipIf(missing !== null)(`a scan on three workers over Redis, PostgreSQL and S3${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sandbox: Sandbox;
  let pgServer: PostgresServer;
  let s3: S3Server;
  let redis: RedisServer;
  let dir: string;
  let url: string;
  let store: Store;
  let env: Record<string, string>;
  let net: string[];
  let embedded: Output;
  let cluster: Output;
  let coordinator: { code: number | null; stderr: string };
  const workers: ReturnType<typeof start>[] = [];
  let killed = -1;

  beforeAll(async () => {
    [sandbox, pgServer, s3, redis] = await Promise.all([startSandbox(), startPostgres(), startS3(), startRedis()]);
    dir = fs.mkdtempSync(join(tmpdir(), 'jianzhen-cluster-'));
    url = await pgServer.createDatabase();
    env = { ...s3.env(), JIANZHEN_DB: join(dir, 'home', 'unused.db') };
    net = ['--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer, '--database', url, '--artifacts', `s3://${s3.bucket}/cluster`];
    fs.writeFileSync(join(dir, 'targets.txt'), `${targets.join('\n')}\n`);
    const scanArgs = ['scan', '--input', join(dir, 'targets.txt'), '--render', 'auto', ...net];

    const refs = await runCli(['references', 'refresh', ...net], env);
    expect(refs.code, refs.stderr).toBe(0);
    // The same scan in one process, on the same store and references: the verdicts to match.
    const one = await runCli([...scanArgs, '--json', join(dir, 'embedded.json')], env);
    expect([0, 1], one.stderr).toContain(one.code);
    embedded = JSON.parse(fs.readFileSync(join(dir, 'embedded.json'), 'utf8')) as Output;

    const storeArgs = ['--database', url, '--artifacts', `s3://${s3.bucket}/cluster`];
    for (let i = 0; i < 3; i++) workers.push(start(['worker', '--redis', redis.url, '--concurrency', '1', ...storeArgs], env));
    let done = 0;
    const scan = start([...scanArgs, '--redis', redis.url, '--json', join(dir, 'cluster.json')], env, (line) => {
      const m = /^scan (\d+)\/(\d+)/.exec(line);
      if (m) done = Number(m[1]);
    });
    // Once a result is in, SIGKILL the first worker seen starting a render: its job must be taken over.
    const victim = new Promise<number>((resolve) => {
      workers.forEach((w, i) =>
        w.child.stderr!.on('data', (d: Buffer) => {
          if (killed === -1 && done >= 1 && done < targets.length && /render .*: started/.test(d.toString())) {
            killed = i;
            w.child.kill('SIGKILL');
            resolve(i);
          }
        }),
      );
    });
    const ended = await scan.done;
    coordinator = { code: ended.code, stderr: scan.err() };
    await Promise.race([victim, new Promise((r) => setTimeout(r, 1))]);
    cluster = JSON.parse(fs.readFileSync(join(dir, 'cluster.json'), 'utf8')) as Output;
    store = await openStore({ database: url, artifacts: s3.location('cluster'), home: join(dir, 'home') });
  }, 900_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));
    await store?.close();
    await Promise.all([sandbox?.close(), pgServer?.stop(), s3?.stop(), redis?.stop()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives every input exactly one result, in input order, after a worker was killed mid-render', async () => {
    expect([0, 1], coordinator.stderr).toContain(coordinator.code);
    expect(killed, 'a worker was killed while it rendered').toBeGreaterThanOrEqual(0);
    expect(cluster.results.map((r) => r.input)).toEqual(targets);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of ['verdicts', 'snapshots']) {
        const { rows } = await client.query<{ idx: number; n: string }>(`select idx, count(*) as n from ${table} where scan_id = $1 group by idx order by idx`, [cluster.scan.id]);
        expect(rows.every((r) => Number(r.n) === 1), `${table}: one row per input`).toBe(true);
        if (table === 'verdicts') expect(rows.map((r) => r.idx)).toEqual(targets.map((_, i) => i));
      }
    } finally {
      await client.end();
    }
    // The killed worker's render went back to the queue and another worker ran it.
    const survivors = workers.filter((_, i) => i !== killed).map((w) => w.err());
    expect(survivors.some((log) => /stalled/.test(log)), survivors.join('\n---\n')).toBe(true);
  });

  it('gives the verdicts of the same scan run in one process', () => {
    const pick = (o: Output) => o.results.map((r) => [r.input, r.verdict, r.platform]);
    expect(pick(cluster)).toEqual(pick(embedded));
    expect(cluster.results.some((r) => r.verdict === 'counterfeit')).toBe(true);
  });

  it('stores the screenshots in the bucket, and the console serves them', async () => {
    const results = await store.listResults(cluster.scan.id);
    const shots = results.flatMap((r) => (r.snapshot?.screenshot ? [r.snapshot.screenshot.sha256] : []));
    expect(shots.length).toBeGreaterThan(0);
    const user = await createUser(store, { name: 'wang', role: 'analyst', password: 'analyst-pass-1' });
    const session = await createSession(store, user);
    const { app } = createConsoleApp({ store, capture: null, addresses: consoleAddresses({ bindHost: '127.0.0.1', port: 8787 }) });
    for (const sha of shots) {
      expect(fs.existsSync(join(s3.directory, s3.bucket, 'cluster', 'artifacts', sha.slice(0, 2), `${sha}._S3rver_object`))).toBe(true);
      const res = await app.request(`http://127.0.0.1:8787/artifact/${sha}`, { headers: { cookie: `jz_session=${session.id}` } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(await store.readArtifact(sha));
    }
  });

  it('builds a console\'s evidence job on a worker that takes the evidence queue', async () => {
    // The console has no browser: its evidence job waits on the queue for a worker that has one.
    const connection = await connectRedis(redis.url);
    const evidenceWorker = start(['worker', '--stages', 'evidence', '--redis', redis.url, '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--database', url, '--artifacts', `s3://${s3.bucket}/cluster`], env);
    workers.push(evidenceWorker);
    const { jobs, close } = createConsoleApp({
      store,
      capture: null,
      addresses: consoleAddresses({ bindHost: '127.0.0.1', port: 8787 }),
      jobRunner: (handlers, disabled) => new QueueJobs(store, connection, handlers, { disabled }),
    });
    try {
      const host = cluster.results.filter((r) => r.verdict === 'counterfeit')[1]!.input;
      const job = await jobs.submit('evidence', { hosts: [host], custody: { caseCause: null, caseNumber: null, unit: null, witnesses: [] } }, 'wang');
      await expect.poll(async () => (await getJob(store, job.id))?.state, { timeout: 240_000, interval: 1_000 }).toBe('done');
      const outcome = ((await getJob(store, job.id))!.result as { outcomes: { host: string; packetId: string | null }[] }).outcomes[0]!;
      expect(outcome.packetId, evidenceWorker.err()).not.toBeNull();
      const [packet] = await listEvidencePackets(store, host);
      expect(packet!.id).toBe(outcome.packetId);
      expect(verifyPacket(await readPacket(packet!.zip!)).ok).toBe(true);
    } finally {
      await close();
      connection.disconnect();
    }
  }, 300_000);

  it('builds an evidence packet from the PostgreSQL store that verifies', async () => {
    const host = cluster.results.find((r) => r.verdict === 'counterfeit')!.input;
    const built = await runCli(['evidence', 'build', '--site', host, '--out', join(dir, 'packets'), ...net], env);
    expect(built.code, built.stderr).toBe(0);
    const [packet] = await listEvidencePackets(store, host);
    expect(packet).toBeDefined();
    expect(verifyPacket(await readPacket(packet!.zip!)).ok).toBe(true);
  }, 300_000);
});
