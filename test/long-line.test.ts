/**
 * A 5 MB line in a target list (a pasted page, a broken export): bounded before any work, it gets its own
 * error result; every other line is still scanned, and the summary, messages and --json stay usable.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runJianzhen } from './fixtures/cli.js';

it('gives a 5 MB line one error result and keeps every message short', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-long-line-'));
  const huge = `http://${'x'.repeat(5 * 1024 * 1024)}.example/`;
  const lines = ['ftp://before.example/', huge, 'y'.repeat(5 * 1024 * 1024), 'ftp://after.example/'];
  const list = join(dir, 'list.txt');
  writeFileSync(list, lines.join('\n'));
  const json = join(dir, 'out.json');
  const r = await runJianzhen(['scan', '--input', list, '--db', join(dir, 'j.db'), '--json', json]);
  expect(r.code).toBe(2);
  // The lines are named by their start and length, never printed whole.
  expect(r.stderr.length + r.stdout.length).toBeLessThan(20_000);
  expect(r.stderr).toMatch(/target 2 "http:\/\/x+"… \(5242896 characters\): invalid target: 5242896 characters long, more than a target may be \(8192\); check the list for a broken line/);
  expect(r.stdout).toMatch(/^scan \S+: 4 targets/m);
  const doc = JSON.parse(readFileSync(json, 'utf8')) as { results: { input: string; url: string | null; verdict: string; error: string }[] };
  // Every input once, in order, exactly as given (DESIGN.md), each with its own error.
  expect(doc.results.map((x) => x.input)).toEqual(lines);
  expect(doc.results.map((x) => x.url)).toEqual([null, null, null, null]);
  expect(doc.results[2]!.error).toMatch(/5242880 characters long/);
}, 300_000);
