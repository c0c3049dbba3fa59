/**
 * A scan of a site that accepts the request and never answers: once the summary is printed the process ends,
 * without waiting for the site to give up (it never does here) — nothing of the scan keeps a connection open.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { runJianzhen } from './fixtures/cli.js';

let sandbox: Sandbox;
const stalling = corpus.filter((s) => s.routes['/'] !== undefined && 'behaviour' in s.routes['/'] && s.routes['/'].behaviour === 'stall');

beforeAll(async () => {
  // The site holds every request open for a day: only the scan itself can end its connections.
  sandbox = await startSandbox({ corpus: stalling, searchFixtures: [], stallMs: 24 * 3600_000 });
});
afterAll(async () => {
  await sandbox?.close();
});

it('ends after the summary while the stalling site still holds its requests open', async () => {
  expect(stalling.length).toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-linger-'));
  const urls = stalling.flatMap((s) => ['--url', `http://${s.host}/`]);
  const r = await runJianzhen(['scan', ...urls, '--db', join(dir, 'j.db'), '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer]);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toMatch(/no answer: the site sent nothing within/);
}, 240_000);
