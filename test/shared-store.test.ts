/**
 * The shared store from the command line: `references refresh`, `scan` and `evidence build` against a real
 * PostgreSQL (`--database`) and a real S3-compatible bucket (`--artifacts`, keys from AWS_* variables), all
 * through the sandbox. Nothing lands in a local artifact folder; the console of the shared store serves
 * the screenshots and the evidence packet's ZIP from the bucket.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createUser } from '../src/data/accounts.js';
import { listEvidencePackets } from '../src/data/reports.js';
import { openStore, type Store } from '../src/data/store.js';
import { readPacket, verifyPacket } from '../src/reports/evidence/index.js';
import { createConsoleApp } from '../src/review/server.js';
import { consoleAddresses } from '../src/review/security.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { runCli } from './fixtures/sandbox.js';
import { postgresMissing, startPostgres, type PostgresServer } from './services/postgres.js';
import { startS3, type S3Server } from './services/s3.js';

const missing = postgresMissing();

describe.skipIf(missing !== null)(`scan and evidence on PostgreSQL and S3${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sandbox: Sandbox;
  let pg: PostgresServer;
  let s3: S3Server;
  let dir: string;
  let url: string;
  let store: Store;
  let env: Record<string, string>;
  let net: string[];
  let scan: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    [sandbox, pg, s3] = await Promise.all([startSandbox(), startPostgres(), startS3()]);
    dir = fs.mkdtempSync(join(tmpdir(), 'jianzhen-shared-'));
    url = await pg.createDatabase();
    // JIANZHEN_DB only places this machine's home (signing keys) in the temp folder; the store is --database.
    env = { ...s3.env(), JIANZHEN_DB: join(dir, 'home', 'unused.db') };
    net = ['--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer, '--database', url, '--artifacts', `s3://${s3.bucket}/shared`];
    const refs = await runCli(['references', 'refresh', ...net], env);
    expect(refs.code, refs.stderr).toBe(0);
    scan = await runCli(['scan', '--url', 'cx-mem-gov.cn', '--url', 'www.workercn.cn', '--json', '-', ...net], env);
    store = await openStore({ database: url, artifacts: s3.location('shared'), home: join(dir, 'home') });
  }, 1_800_000);

  afterAll(async () => {
    await store?.close();
    await Promise.all([sandbox?.close(), pg?.stop(), s3?.stop()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scans into PostgreSQL with the screenshots in the bucket, none on local disk', async () => {
    expect(scan.code, scan.stderr).toBe(0);
    const out = JSON.parse(scan.stdout) as { scan: { id: string }; results: { input: string; verdict: string; evidence: string | null }[] };
    expect(out.results.map((r) => [r.input, r.verdict])).toEqual([
      ['cx-mem-gov.cn', 'counterfeit'],
      ['www.workercn.cn', 'benign'],
    ]);
    const stored = await store.listResults(out.scan.id);
    expect(stored.map((r) => r.verdict)).toEqual(['counterfeit', 'benign']);
    for (const r of stored) {
      const sha = r.snapshot!.screenshot!.sha256;
      expect(fs.existsSync(join(s3.directory, s3.bucket, 'shared', 'artifacts', sha.slice(0, 2), `${sha}._S3rver_object`))).toBe(true);
      expect((await store.readArtifact(sha))!.subarray(1, 4).toString()).toBe('PNG');
    }
    expect(fs.existsSync(join(dir, 'home', 'artifacts'))).toBe(false);
  });

  it('builds an evidence packet from the shared store whose ZIP the console serves from the bucket', async () => {
    const built = await runCli(['evidence', 'build', '--site', 'cx-mem-gov.cn', '--out', join(dir, 'packets'), ...net], env);
    expect(built.code, built.stderr).toBe(0);
    const [packet] = await listEvidencePackets(store, 'cx-mem-gov.cn');
    expect(packet).toBeDefined();
    const zip = await store.readArtifact(packet!.zipSha256!);
    expect(zip).not.toBeNull();
    expect(verifyPacket(await readPacket(packet!.zip!)).ok).toBe(true);

    // Another machine's console has neither the packet folder nor its ZIP on disk: only the store and the bucket.
    fs.rmSync(join(dir, 'packets'), { recursive: true, force: true });
    const user = await createUser(store, { name: 'li', role: 'analyst', password: 'analyst-pass-1' });
    const session = await createSession(store, user);
    const { app } = createConsoleApp({ store, capture: null, addresses: consoleAddresses({ bindHost: '127.0.0.1', port: 8787 }) });
    const res = await app.request(`http://127.0.0.1:8787/evidence/${packet!.id}.zip`, { headers: { cookie: `jz_session=${session.id}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(zip);
  }, 300_000);
});
