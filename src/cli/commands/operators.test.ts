/** `jianzhen operators recompute|list|show` on a real store, as an analyst's script runs them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJianzhen as run } from '../../../test/fixtures/cli.js';
import { artifactOf, pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { openStore } from '../../data/store.js';

const db = join(mkdtempSync(join(tmpdir(), 'jianzhen-operators-cli-')), 'jianzhen.db');

beforeAll(async () => {
  const store = await openStore(db);
  const pages: [string, string, string][] = [
    ['a.example', '客服微信：gang_2026', '2026-10-01T00:00:00.000Z'],
    ['b.example', 'VX：ＧＡＮＧ＿２０２６', '2026-10-02T00:00:00.000Z'],
    ['c.example', '微信：someone_else', '2026-10-03T00:00:00.000Z'],
  ];
  for (const [i, [host, body, at]] of pages.entries()) {
    const html = artifactOf(Buffer.from(`<!doctype html><meta charset="utf-8"><title>${host}</title><p>${body}</p>`), 'text/html');
    await store.createScan({ id: `s${i}`, fingerprint: `s${i}`, targets: [host], options: {} });
    await store.saveTargetResult(
      `s${i}`,
      {
        index: 0, input: host, url: `http://${host}/`, finalUrl: `http://${host}/`, host, registrableDomain: host, verdict: 'counterfeit', score: 90, platform: 'mem-cx',
        signals: [], evidence: null, error: null, capturedAt: at, stage: 'render', stageReason: 't', snapshot: pageSnapshot(`http://${host}/`, { text: body, html: html.ref }),
      },
      [html],
    );
  }
  await store.close();
}, 300_000);

describe('jianzhen operators', () => {
  it('recomputes, lists and shows an operator with the identifiers that link its sites and where each was read', async () => {
    const recomputed = await run(['operators', 'recompute', '--db', db]);
    expect(recomputed.code).toBe(0);
    expect(recomputed.stdout).toMatch(/^operators: 1 \(new 1, merged 0, dissolved 0; sites joined 0, left 0\)\nsites: 3 known, 3 flagged; identifiers read from 3 visit\(s\)/);
    const list = await run(['operators', 'list', '--db', db]);
    const [id, sites] = list.stdout.split('\t');
    expect(id).toMatch(/^OP-[0-9A-F]{8}$/);
    expect(sites).toBe('2 sites');
    expect(list.stdout).toContain('wechat gang_2026');
    const show = await run(['operators', 'show', id!.toLowerCase(), '--db', db]);
    expect(show.stdout).toContain('  a.example\talive');
    expect(show.stdout).toContain('b.example: text 页面文字: VX：ＧＡＮＧ＿２０２６');
    expect(show.stdout).not.toContain('c.example');
    const json = JSON.parse((await run(['operators', 'show', id!, '--json', '--db', db])).stdout);
    expect(json.members.map((m: { host: string; state: string }) => [m.host, m.state])).toEqual([
      ['a.example', 'alive'],
      ['b.example', 'alive'],
    ]);
    expect(json.events.map((e: { event: string }) => e.event)).toEqual(['created', 'joined', 'joined']);
  }, 1_800_000);

  it('says what to do for an unknown operator', async () => {
    const r = await run(['operators', 'show', 'OP-12345678', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OP-12345678: no such operator .*jianzhen operators list/);
  }, 300_000);
});
