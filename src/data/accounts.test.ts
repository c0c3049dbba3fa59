import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticate, createSession, createUser, deleteSession, getSession, hashPassword, listUsers, updateUser, verifyPassword } from './accounts.js';
import { openStore } from './store.js';
import { sqliteOf } from './store.js';

const fresh = () => openStore(join(mkdtempSync(join(tmpdir(), 'jianzhen-accounts-')), 'db.sqlite'));

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

describe('accounts and sessions', () => {
  it('authenticates a user by name and password, never a disabled one', async () => {
    const store = fresh();
    await createUser(store, { name: 'wang', role: 'analyst', password: 'secret-pass-1' });
    await expect(createUser(store, { name: 'WANG', role: 'analyst', password: 'secret-pass-2' })).rejects.toThrow(/already exists/);
    await expect(createUser(store, { name: 'li', role: 'analyst', password: 'short' })).rejects.toThrow(/8 characters/);
    expect((await authenticate(store, 'wang', 'secret-pass-1'))?.role).toBe('analyst');
    expect(await authenticate(store, 'wang', 'wrong-pass')).toBeNull();
    expect(await authenticate(store, 'nobody', 'secret-pass-1')).toBeNull();
    updateUser(store, 'wang', { disabled: true });
    expect(await authenticate(store, 'wang', 'secret-pass-1')).toBeNull();
    expect(listUsers(store).map((u) => [u.name, u.disabled])).toEqual([['wang', true]]);
    store.close();
  });

  it('stores only a hash of the session id and ends a session at its expiry or logout', async () => {
    const store = fresh();
    const user = await createUser(store, { name: 'zhao', role: 'supervisor', password: 'secret-pass-1' });
    const t0 = new Date('2026-11-22T08:00:00Z');
    const s = createSession(store, user, { now: t0, ttlMs: 60_000 });
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = sqliteOf(store).prepare('SELECT id_hash FROM sessions').pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toBe(s.id);
    expect(getSession(store, s.id, new Date(t0.getTime() + 59_000))?.user.name).toBe('zhao');
    expect(getSession(store, s.id, new Date(t0.getTime() + 60_000))).toBeNull();
    // Expired sessions are removed, not merely refused.
    expect(sqliteOf(store).prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    const s2 = createSession(store, user);
    expect(getSession(store, s2.id)?.csrfToken).toBe(s2.csrfToken);
    deleteSession(store, s2.id);
    expect(getSession(store, s2.id)).toBeNull();
    expect(getSession(store, 'not-a-session')).toBeNull();
    store.close();
  });

  it('ends every session of a user who is disabled', async () => {
    const store = fresh();
    const user = await createUser(store, { name: 'sun', role: 'analyst', password: 'secret-pass-1' });
    const s = createSession(store, user);
    updateUser(store, 'sun', { disabled: true });
    expect(getSession(store, s.id)).toBeNull();
    store.close();
  });
});
