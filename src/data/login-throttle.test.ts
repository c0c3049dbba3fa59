import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { clearLoginFailures, recentLoginFailures, recordLoginFailure } from './login-throttle.js';
import { databaseOf } from './store.js';

describeEachBackend('failed logins', (fresh) => {
  const t0 = new Date('2026-11-20T02:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const keepMs = 3_600_000;

  it('counts failures per account (any case) and per address within a window, newest first', async () => {
    const store = await fresh();
    for (let i = 0; i < 3; i++) await recordLoginFailure(store, { account: i === 0 ? 'Wang' : 'wang', address: '198.51.100.7', now: at(i * 1000), keepMs });
    await recordLoginFailure(store, { account: 'li', address: '198.51.100.7', now: at(5000), keepMs });
    const since = t0.toISOString();
    expect(await recentLoginFailures(store, { kind: 'account', key: 'WANG', since, limit: 10 })).toEqual([at(2000), at(1000), at(0)].map((d) => d.toISOString()));
    expect(await recentLoginFailures(store, { kind: 'address', key: '198.51.100.7', since, limit: 10 })).toHaveLength(4);
    expect(await recentLoginFailures(store, { kind: 'account', key: 'wang', since: at(1500).toISOString(), limit: 10 })).toHaveLength(1);
    await clearLoginFailures(store, 'WANG');
    expect(await recentLoginFailures(store, { kind: 'account', key: 'wang', since, limit: 10 })).toEqual([]);
    expect(await recentLoginFailures(store, { kind: 'address', key: '198.51.100.7', since, limit: 10 })).toHaveLength(4);
  });

  it('sweeps failures too old to count', async () => {
    const store = await fresh();
    await recordLoginFailure(store, { account: 'wang', address: null, now: t0, keepMs });
    await recordLoginFailure(store, { account: 'wang', address: null, now: at(keepMs + 1), keepMs });
    expect(await databaseOf(store).db.selectFrom('login_failures').selectAll().execute()).toHaveLength(1);
  });
});
