/**
 * Our slowness is never the site's failure: a scan at concurrency 4 while other processes keep both cores
 * busy records none of the sandbox sites that answer as unreachable (it may take longer; nothing is timed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { runJianzhen } from './fixtures/cli.js';

let sandbox: Sandbox;
const burners: ChildProcess[] = [];
// Sites that answer with a page (counterfeits and benign look-alikes with an address), a slice of the corpus.
const answering = corpus.filter((s) => (s.label === 'counterfeit' || s.label === 'benign') && s.holdout === undefined && (s.a?.length ?? 0) > 0).slice(0, 16);

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  for (const b of burners) b.kill('SIGKILL');
  await sandbox?.close();
});

it('records no answering sandbox site unreachable while other processes burn every core', async () => {
  // One busy loop per core, in processes of their own, as another heavy job on the machine would be.
  for (let i = 0; i < Math.max(2, cpus().length); i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-cpu-load-'));
  const list = join(dir, 'list.txt');
  writeFileSync(list, answering.map((s) => `http://${s.host}/`).join('\n'));
  const json = join(dir, 'out.json');
  const r = await runJianzhen(['scan', '--input', list, '--db', join(dir, 'j.db'), '--json', json, '--concurrency', '4',
    '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer]);
  for (const b of burners) b.kill('SIGKILL');
  const doc = JSON.parse(readFileSync(json, 'utf8')) as { results: { input: string; verdict: string; error: string | null }[] };
  expect(doc.results.map((x) => x.input)).toEqual(answering.map((s) => `http://${s.host}/`));
  expect(doc.results.filter((x) => x.verdict === 'unreachable'), r.stderr).toEqual([]);
}, 1_200_000);
