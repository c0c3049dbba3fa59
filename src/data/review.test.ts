import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { auditLog, decisionHistory, latestDecision, latestDecisions, recordDecision } from './review.js';

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
});
