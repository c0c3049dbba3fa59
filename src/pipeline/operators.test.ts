import { beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { artifactOf, pageSnapshot } from '../../test/fixtures/snapshots.js';
import { getOperator, listOperators, operatorMembership } from '../data/operators.js';
import { recordDecision } from '../data/review.js';
import type { Store } from '../data/store.js';
import type { Verdict } from '../model/verdict.js';
import { recomputeOperators } from './operators.js';

describeEachBackend('operators recompute', (fresh) => {
  let store: Store;
  let n = 0;
  beforeEach(async () => {
    store = await fresh();
  });

  /** Stores a visit of `host` whose page says `body`, judged `verdict`, in a scan of its own. */
  async function visit(host: string, body: string, at: string, verdict: Verdict = 'counterfeit'): Promise<void> {
    const html = artifactOf(Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>查询</title></head><body><p>${body}</p></body></html>`), 'text/html');
    const id = `scan-${++n}`;
    await store.createScan({ id, fingerprint: id, targets: [host], options: {} });
    await store.saveTargetResult(
      id,
      {
        index: 0, input: host, url: `http://${host}/`, finalUrl: `http://${host}/`, host, registrableDomain: host, verdict, score: verdict === 'counterfeit' ? 90 : 10,
        platform: null, signals: [], evidence: null, error: null, capturedAt: at, stage: 'render', stageReason: 'test',
        snapshot: pageSnapshot(`http://${host}/`, { text: body, html: html.ref }),
      },
      [html],
    );
  }

  it('groups flagged sites by shared contacts written differently, ignores benign and official ones, and keeps ids stable', async () => {
    await visit('a.example', '客服VX：zxcx_2026 咨询热线 12350', '2026-10-01T00:00:00.000Z');
    await visit('b.example', '加v zxcx_2026', '2026-10-02T00:00:00.000Z');
    await visit('c.example', '手机 188-2026-0717', '2026-10-03T00:00:00.000Z');
    await visit('d.example', '电话：+86 18820260717', '2026-10-04T00:00:00.000Z');
    await visit('news.example', '骗子的微信是 zxcx_2026，电话 188 2026 0717', '2026-01-01T00:00:00.000Z', 'benign');
    await visit('official.example', '咨询热线 12350 电话 13800000000', '2018-01-01T00:00:00.000Z', 'official');
    await visit('e.example', '电话 13800000000', '2026-10-05T00:00:00.000Z');
    await visit('f.example', '电话 13800000000', '2026-10-06T00:00:00.000Z');

    const first = await recomputeOperators(store, { now: new Date('2026-10-07T00:00:00Z') });
    expect(first).toMatchObject({ extracted: 8, sites: 8, inScope: 6, operators: 2, unreadable: [] });
    const ops = (await listOperators(store)).sort((x, y) => x.members[0]!.host.localeCompare(y.members[0]!.host));
    expect(ops.map((o) => o.members.map((m) => m.host).sort())).toEqual([
      ['a.example', 'b.example'],
      ['c.example', 'd.example'],
    ]);
    // The official site's number links nothing, and says why.
    expect(first.excluded.find((e) => e.value === '13800000000')?.reason).toMatch(/官方/);
    const ab = (await getOperator(store, ops[0]!.id))!;
    expect(ab.links.map((l) => [l.kind, l.value])).toEqual([['wechat', 'zxcx_2026']]);
    expect(ab.links[0]!.sightings.map((s) => s.raw)).toEqual(['VX：zxcx_2026', '加v zxcx_2026']);

    // A later site that shares both a contact of each group bridges them: one id survives, the other is merged.
    await visit('g.example', '微信：ZXCX_2026 手机 18820260717', '2026-10-08T00:00:00.000Z');
    const second = await recomputeOperators(store, { now: new Date('2026-10-09T00:00:00Z') });
    expect(second.extracted).toBe(1);
    const after = await listOperators(store);
    expect(after).toHaveLength(1);
    expect(after[0]!.members.map((m) => m.host).sort()).toEqual(['a.example', 'b.example', 'c.example', 'd.example', 'g.example']);
    expect([ops[0]!.id, ops[1]!.id]).toContain(after[0]!.id);
    expect(second.changes.merged).toHaveLength(1);

    // An analyst rejecting a site takes it out of its operator at the next recompute; nothing else moves.
    await recordDecision(store, { host: 'g.example', decision: 'rejected', actor: 't' });
    await recomputeOperators(store);
    const membership = await operatorMembership(store);
    expect(membership.has('g.example')).toBe(false);
    expect(membership.get('a.example')).toBe(after[0]!.id);
  });
});
