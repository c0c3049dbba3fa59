import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { audit, auditFacets, auditLog, auditPage, decisionHistory, latestDecision, latestDecisions, recordDecision, recordDecisions, undoableDecisions, undoLastDecision } from './review.js';

describeEachBackend('analysts’ decisions', (fresh) => {
  it('keeps every decision on a host and lets the latest one win', async () => {
    const store = await fresh();
    await recordDecision(store, { host: 'CX-MEM-GOV.cn.', decision: 'pending', actor: 'li', at: new Date('2026-11-20T01:00:00Z') });
    await recordDecision(store, { host: 'cx-mem-gov.cn', decision: 'confirmed', note: '页脚冒用备案号', actor: 'wang' });
    expect(await latestDecision(store, 'cx-mem-gov.cn')).toMatchObject({ decision: 'confirmed', actor: 'wang', note: '页脚冒用备案号' });
    expect((await decisionHistory(store, 'cx-mem-gov.cn')).map((d) => d.decision)).toEqual(['pending', 'confirmed']);
    expect(await latestDecision(store, 'other.example')).toBeNull();
  });

  it('lists the latest decision per host, filtered by kind', async () => {
    const store = await fresh();
    await recordDecision(store, { host: 'a.example', decision: 'confirmed', actor: 'li' });
    await recordDecision(store, { host: 'b.example', decision: 'confirmed', actor: 'li' });
    await recordDecision(store, { host: 'b.example', decision: 'rejected', actor: 'wang' });
    expect((await latestDecisions(store, 'confirmed')).map((d) => d.host)).toEqual(['a.example']);
    expect((await latestDecisions(store)).map((d) => [d.host, d.decision])).toEqual([['a.example', 'confirmed'], ['b.example', 'rejected']]);
  });

  it('writes an audit entry for every decision', async () => {
    const store = await fresh();
    await recordDecision(store, { host: 'a.example', decision: 'rejected', note: '新闻报道', actor: 'li' });
    expect((await auditLog(store))[0]).toMatchObject({ actor: 'li', action: 'decision.rejected', subject: 'a.example', detail: { note: '新闻报道' } });
  });

  it('records a bulk decision with one note as one batch, and one undo takes the whole batch back', async () => {
    const store = await fresh();
    const t0 = new Date('2026-11-20T02:00:00.000Z');
    await recordDecision(store, { host: 'a.example', decision: 'pending', actor: 'li', at: t0 });
    const bulk = await recordDecisions(store, { targets: [{ host: 'a.example' }, { host: 'b.example' }], decision: 'confirmed', note: '同一团伙', actor: 'li', at: new Date(t0.getTime() + 1000) });
    expect(bulk.map((d) => [d.host, d.note])).toEqual([['a.example', '同一团伙'], ['b.example', '同一团伙']]);
    expect(bulk[0]!.batch).toBe(bulk[1]!.batch);
    // Someone else's undo never touches li's decisions.
    expect(await undoLastDecision(store, { actor: 'wang', withinMs: 3_600_000, now: new Date(t0.getTime() + 2000) })).toEqual([]);
    const now = new Date(t0.getTime() + 2000);
    expect((await undoableDecisions(store, { actor: 'li', withinMs: 3_600_000, now })).map((d) => d.host)).toEqual(['a.example', 'b.example']);
    const undone = await undoLastDecision(store, { actor: 'li', withinMs: 3_600_000, now });
    expect(undone.map((d) => d.host)).toEqual(['a.example', 'b.example']);
    expect((await latestDecision(store, 'a.example'))?.decision).toBe('pending');
    expect(await latestDecision(store, 'b.example')).toBeNull();
    expect((await auditLog(store))[0]).toMatchObject({ actor: 'li', action: 'decision.undo', detail: { undone: [{ host: 'a.example', decision: 'confirmed' }, { host: 'b.example', decision: 'confirmed' }] } });
    // Too old to undo.
    expect(await undoLastDecision(store, { actor: 'li', withinMs: 1000, now: new Date(t0.getTime() + 60_000) })).toEqual([]);
  });

  it('pages and filters the audit log by who, what and when, whatever floods it', async () => {
    const store = await fresh();
    const t0 = new Date('2026-11-20T02:00:00.000Z');
    await recordDecision(store, { host: 'a.example', decision: 'confirmed', actor: 'li', at: t0 });
    for (let i = 0; i < 600; i++) await audit(store, { actor: 'attacker', action: 'login.failed', subject: 'li', at: new Date(t0.getTime() + 1000 + i) });
    await audit(store, { actor: 'li', action: 'export.takedown', at: new Date(t0.getTime() + 5000) });
    const first = await auditPage(store, {}, { offset: 0, limit: 100 });
    expect(first.total).toBe(602);
    expect(first.rows).toHaveLength(100);
    const last = await auditPage(store, {}, { offset: 600, limit: 100 });
    expect(last.rows.map((r) => r.action)).toEqual(['login.failed', 'decision.confirmed']);
    expect((await auditPage(store, { actor: 'li' }, { offset: 0, limit: 100 })).rows.map((r) => r.action)).toEqual(['export.takedown', 'decision.confirmed']);
    expect((await auditPage(store, { action: 'decision.' }, { offset: 0, limit: 100 })).total).toBe(1);
    expect((await auditPage(store, { action: 'login.failed', from: new Date(t0.getTime() + 1100).toISOString(), until: new Date(t0.getTime() + 1200).toISOString() }, { offset: 0, limit: 500 })).total).toBe(100);
    expect(await auditFacets(store)).toEqual({ actors: ['attacker', 'li'], actions: ['decision.confirmed', 'export.takedown', 'login.failed'] });
  });
});
