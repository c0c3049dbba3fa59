import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { authenticate, changePassword, createSession, createUser, deleteSession, getSession, hashPassword, listUsers, updateUser, verifyPassword } from './accounts.js';
import { databaseOf } from './store.js';

describe('password hashing', () => {
  it('hashes with scrypt N=2^15 and a per-user salt, and verifies only the right password', async () => {
    const a = await hashPassword('正确的密码 horse');
    const b = await hashPassword('正确的密码 horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('正确的密码 horse', a)).toBe(true);
    expect(await verifyPassword('正确的密码 hors', a)).toBe(false);
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });
});

describeEachBackend('accounts and sessions', (fresh) => {
  it('authenticates a user by name and password, never a disabled one', async () => {
    const store = await fresh();
    await createUser(store, { name: 'wang', role: 'analyst', password: 'secret-pass-1' });
    await expect(createUser(store, { name: 'WANG', role: 'analyst', password: 'secret-pass-2' })).rejects.toThrow(/already exists/);
    await expect(createUser(store, { name: 'li', role: 'analyst', password: 'short' })).rejects.toThrow(/8 characters/);
    expect((await authenticate(store, 'wang', 'secret-pass-1'))?.role).toBe('analyst');
    expect(await authenticate(store, 'wang', 'wrong-pass')).toBeNull();
    expect(await authenticate(store, 'nobody', 'secret-pass-1')).toBeNull();
    await updateUser(store, 'wang', { disabled: true });
    expect(await authenticate(store, 'wang', 'secret-pass-1')).toBeNull();
    expect((await listUsers(store)).map((u) => [u.name, u.disabled])).toEqual([['wang', true]]);
  });

  it('stores only a hash of the session id and ends a session at its expiry or logout', async () => {
    const store = await fresh();
    const user = await createUser(store, { name: 'zhao', role: 'supervisor', password: 'secret-pass-1' });
    const t0 = new Date('2026-11-22T08:00:00Z');
    const s = await createSession(store, user, { now: t0, ttlMs: 60_000 });
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = (await databaseOf(store).db.selectFrom('sessions').select('idHash').execute()).map((r) => r.idHash);
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toBe(s.id);
    expect((await getSession(store, s.id, new Date(t0.getTime() + 59_000)))?.user.name).toBe('zhao');
    expect(await getSession(store, s.id, new Date(t0.getTime() + 60_000))).toBeNull();
    // Expired sessions are removed, not merely refused.
    expect(await databaseOf(store).db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    const s2 = await createSession(store, user);
    expect((await getSession(store, s2.id))?.csrfToken).toBe(s2.csrfToken);
    await deleteSession(store, s2.id);
    expect(await getSession(store, s2.id)).toBeNull();
    expect(await getSession(store, 'not-a-session')).toBeNull();
  });

  it('ends every session of a user who is disabled', async () => {
    const store = await fresh();
    const user = await createUser(store, { name: 'sun', role: 'analyst', password: 'secret-pass-1' });
    const s = await createSession(store, user);
    await updateUser(store, 'sun', { disabled: true });
    expect(await getSession(store, s.id)).toBeNull();
  });

  it('changes a password only with the current one, and ends the user’s other sessions', async () => {
    const store = await fresh();
    const user = await createUser(store, { name: 'qian', role: 'analyst', password: 'secret-pass-1' });
    const here = await createSession(store, user);
    const elsewhere = await createSession(store, user);
    await expect(changePassword(store, { userId: user.id, current: 'wrong-pass', next: 'new-secret-2' })).rejects.toThrow(/current password is wrong/);
    await expect(changePassword(store, { userId: user.id, current: 'secret-pass-1', next: 'short' })).rejects.toThrow(/8 characters/);
    await changePassword(store, { userId: user.id, current: 'secret-pass-1', next: 'new-secret-2', keepSessionId: here.id });
    expect(await authenticate(store, 'qian', 'secret-pass-1')).toBeNull();
    expect((await authenticate(store, 'qian', 'new-secret-2'))?.name).toBe('qian');
    expect(await getSession(store, here.id)).not.toBeNull();
    expect(await getSession(store, elsewhere.id)).toBeNull();
  });
});
