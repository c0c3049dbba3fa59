import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { claimNextJob, finishJob, getJob, insertJob, jobsPending, listJobs, recoverStaleJobs, saveJobProgress } from './jobs.js';

describeEachBackend('console jobs', (fresh) => {
  const t0 = new Date('2026-11-20T02:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('runs queued jobs oldest first, one runner per job, and keeps their progress and result', async () => {
    const store = await fresh();
    await insertJob(store, { id: 'j1', kind: 'lead', actor: 'wang', input: { target: 'a.example' }, now: t0 });
    await insertJob(store, { id: 'j2', kind: 'lead', actor: 'wang', input: { target: 'b.example' }, now: at(1) });
    await insertJob(store, { id: 'e1', kind: 'evidence', actor: 'li', input: { hosts: ['c.example'] }, now: at(2) });
    const [x, y] = await Promise.all([claimNextJob(store, { kinds: ['lead'], owner: 'r1', now: at(10) }), claimNextJob(store, { kinds: ['lead'], owner: 'r2', now: at(10) })]);
    expect([x?.id, y?.id].sort()).toEqual(['j1', 'j2']);
    expect(await claimNextJob(store, { kinds: ['lead'], owner: 'r3' })).toBeNull();
    const mine = x!.owner === 'r1' ? x! : y!;
    expect(mine).toMatchObject({ state: 'running', attempts: 1, input: { target: expect.any(String) } });
    expect(await saveJobProgress(store, { id: mine.id, owner: 'r1', progress: { done: 1 } })).toBe(true);
    expect(await saveJobProgress(store, { id: mine.id, owner: 'someone-else', progress: { done: 9 } })).toBe(false);
    await finishJob(store, { id: mine.id, owner: 'r1', state: 'done', result: { verdict: 'counterfeit' } });
    expect(await getJob(store, mine.id)).toMatchObject({ state: 'done', progress: { done: 1 }, result: { verdict: 'counterfeit' } });
    expect((await listJobs(store, { kind: 'lead', limit: 10 })).map((j) => j.id)).toEqual(['j2', 'j1']);
    expect(await jobsPending(store, ['evidence'])).toBe(true);
  });

  it('queues again the jobs of a dead runner, keeping their progress, and fails them once tried too often', async () => {
    const store = await fresh();
    await insertJob(store, { id: 'e1', kind: 'evidence', actor: 'li', input: {}, now: t0 });
    const reason = '审核台重启时任务中断';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const job = await claimNextJob(store, { kinds: ['evidence'], owner: `r${attempt}`, now: at(attempt * 100_000) });
      expect(job).toMatchObject({ id: 'e1', attempts: attempt });
      await saveJobProgress(store, { id: 'e1', owner: `r${attempt}`, progress: { done: attempt }, now: at(attempt * 100_000) });
      // A live runner's job is not touched.
      expect(await recoverStaleJobs(store, { staleBefore: at(attempt * 100_000 - 1).toISOString(), maxAttempts: 3, reason, kinds: ['evidence'] })).toEqual({ requeued: [], failed: [] });
      const recovered = await recoverStaleJobs(store, { staleBefore: at(attempt * 100_000 + 60_000).toISOString(), maxAttempts: 3, reason, kinds: ['evidence'] });
      expect(recovered).toEqual(attempt < 3 ? { requeued: ['e1'], failed: [] } : { requeued: [], failed: ['e1'] });
    }
    expect(await getJob(store, 'e1')).toMatchObject({ state: 'failed', error: reason, progress: { done: 3 } });
  });
});
