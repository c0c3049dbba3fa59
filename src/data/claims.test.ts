import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { activeClaims, claimSite, releaseClaim } from './claims.js';

describeEachBackend('claims on sites', (fresh) => {
  const t0 = new Date('2026-11-20T02:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('gives a site to one analyst at a time until the claim expires or is released', async () => {
    const store = await fresh();
    expect(await claimSite(store, { host: 'A.example', actor: 'wang', ttlMs: 60_000, now: t0 })).toMatchObject({ ok: true, claim: { host: 'a.example', actor: 'wang' } });
    expect(await claimSite(store, { host: 'a.example', actor: 'li', ttlMs: 60_000, now: at(10_000) })).toMatchObject({ ok: false, heldBy: { actor: 'wang' } });
    // The holder renews it.
    expect(await claimSite(store, { host: 'a.example', actor: 'wang', ttlMs: 60_000, now: at(50_000) })).toMatchObject({ ok: true });
    expect(await claimSite(store, { host: 'a.example', actor: 'li', ttlMs: 60_000, now: at(100_000) })).toMatchObject({ ok: false });
    // Expired: anyone may claim.
    expect(await claimSite(store, { host: 'a.example', actor: 'li', ttlMs: 60_000, now: at(111_000) })).toMatchObject({ ok: true, claim: { actor: 'li' } });
    // Someone else's release does nothing; the holder's ends it.
    await releaseClaim(store, { hosts: ['a.example'], actor: 'wang' });
    expect([...(await activeClaims(store, undefined, at(112_000))).keys()]).toEqual(['a.example']);
    await releaseClaim(store, { hosts: ['a.example'], actor: 'li' });
    expect((await activeClaims(store, ['a.example'], at(112_000))).size).toBe(0);
  });

  it('lets an analyst take a claimed site over on purpose', async () => {
    const store = await fresh();
    await claimSite(store, { host: 'b.example', actor: 'wang', ttlMs: 60_000, now: t0 });
    expect(await claimSite(store, { host: 'b.example', actor: 'li', ttlMs: 60_000, takeover: true, now: at(1000) })).toMatchObject({ ok: true, claim: { actor: 'li' } });
    expect((await activeClaims(store, ['b.example'], at(2000))).get('b.example')?.actor).toBe('li');
  });

  it('never lets two analysts claiming at once both win', async () => {
    const store = await fresh();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((actor) => claimSite(store, { host: 'c.example', actor, ttlMs: 60_000, now: t0 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});
