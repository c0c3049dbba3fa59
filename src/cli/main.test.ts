import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { commands } from './commands/index.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';

import { runCli as run } from '../../test/fixtures/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'jianzhen-cli-'));
const sites: CorpusSite[] = [
  { host: 'gone-cx-mem-gov.cn', label: 'unregistered', platform: null, note: 'NXDOMAIN', routes: {} },
  { host: 'also-gone.example.com', label: 'unregistered', platform: null, note: 'NXDOMAIN', routes: {} },
];
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ corpus: sites, searchFixtures: [] });
});
afterAll(async () => {
  await sandbox?.close();
});

// Each test starts its own process and shares nothing with the others: they run side by side.
describe.concurrent('jianzhen command line: bad input', () => {
  it('prints help and exits 0', async ({ expect }) => {
    const r = await run(['scan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--input <file>/);
    expect(r.stdout).toMatch(/--allow-private/);
  });

  it('lists every command on --help, and suggests the nearest name for a mistyped one', async ({ expect }) => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    const listed = [...help.stdout.matchAll(/^ {2}(\w+)(?= )/gm)].map((m) => m[1]);
    expect(listed).toEqual(commands.map((c) => c.name).concat('help'));
    const typo = await run(['scna', '--url', 'example.com']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'scna'[\s\S]*Did you mean scan\?/);
  });

  it('exits 2 on an unknown flag and names it', async ({ expect }) => {
    const r = await run(['scan', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('exits 2 on a missing input file and names the file', async ({ expect }) => {
    const r = await run(['scan', '--input', join(dir, 'nope.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.txt: no such file/);
  });

  it('exits 2 when no target is given', async ({ expect }) => {
    const r = await run(['scan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no targets/);
  });

  it('exits 2 on a malformed --dns value', async ({ expect }) => {
    const r = await run(['scan', '--url', 'example.com', '--dns', 'not-a-server']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dns: expected HOST:PORT/);
  });

  it('exits 2 when --search has no --searxng', async ({ expect }) => {
    const r = await run(['scan', '--search', '特种作业操作证 查询']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--searxng/);
  });

  it('exits 3 with the install command when the browser is missing', async ({ expect }) => {
    const r = await run(['scan', '--url', 'example.com'], { JIANZHEN_CHROMIUM: join(dir, 'no-chromium') });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/apt-get install -y chromium/);
  });

  it('reports a malformed line, still scans the rest, gives every line one result and exits 2', async ({ expect }) => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, '# campaign list\ngone-cx-mem-gov.cn\n\nhttp://exa mple.com/\nftp://also-gone.example.com/\nalso-gone.example.com\n');
    const out = join(dir, 'out.json');
    const r = await run(['scan', '--input', list, '--dns', sandbox.dnsServer, '--whois', sandbox.whoisServer, '--proxy', sandbox.proxyUrl, '--db', join(dir, 'db.sqlite'), '--json', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"http:\/\/exa mple\.com\/".*invalid target/);
    expect(r.stderr).toMatch(/unsupported scheme ftp:/);
    const doc = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as { results: { input: string; verdict: string; error: string }[] };
    expect(doc.results.map((x) => x.input)).toEqual(['gone-cx-mem-gov.cn', 'http://exa mple.com/', 'ftp://also-gone.example.com/', 'also-gone.example.com']);
    expect(doc.results.every((x) => x.verdict === 'unreachable' && x.error)).toBe(true);
    expect(doc.results[0]!.error).toMatch(/NXDOMAIN/);
  });
});
