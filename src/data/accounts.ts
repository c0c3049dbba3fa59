/**
 * Review-console accounts and sessions. Passwords are hashed with scrypt, a memory-hard function
 * (N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per guess), with a random salt per user, and
 * compared in constant time. A session id is 32 random bytes given to the browser once; the database keeps
 * only its SHA-256, so a stolen copy of the store cannot be replayed as a login. Each session carries its
 * own CSRF token for the console's forms.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { StoreError } from './store-error.js';
import { sql, type Selectable } from 'kysely';
import type { DialectName, Executor, Tables } from './database.js';
import { databaseOf, type Store } from './store.js';

export type Role = 'analyst' | 'supervisor';
export const ROLES: readonly Role[] = ['analyst', 'supervisor'];

export interface User {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface Session {
  /** The raw session id: only ever in the browser's cookie, never stored. */
  readonly id: string;
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** scrypt cost parameters; stored with each hash so they can be raised later without breaking old hashes. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
/** Default session lifetime: one working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const NAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,64}$/;

function scrypt(password: string, salt: Buffer, keyLength: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, keyLength, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// 128·N·r bytes are needed; leave headroom so the default 32 MiB cap of node does not refuse N = 2^15.
const maxmem = (N: number, r: number) => 128 * N * r * 2;

/** Hashes a password: `scrypt$N$r$p$<salt b64>$<key b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = SCRYPT_PARAMS;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16) return false;
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(key, expected);
}

type UserRow = Selectable<Tables['users']>;

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, disabled: r.disabled !== 0, createdAt: r.createdAt });

/**
 * Users whose name is `name`, case-insensitively: SQLite's column is COLLATE NOCASE; PostgreSQL's unique
 * index is on lower(name), so the lookup compares lower() too (data/schema.ts).
 */
function byName(db: Executor, dialect: DialectName, name: string) {
  const q = db.selectFrom('users').selectAll();
  return dialect === 'postgres' ? q.where(sql`lower(name)`, '=', sql`lower(${name})`) : q.where('name', '=', name);
}

/** Creates a console user; the name must be new (case-insensitively) and the password at least 8 characters. */
export async function createUser(store: Store, input: { name: string; role: Role; password: string; now?: Date }): Promise<User> {
  if (!NAME.test(input.name)) throw new StoreError(`user name ${JSON.stringify(input.name)}: 1–64 letters, digits, _ . - or Chinese characters`, { exitCode: 2 });
  if (!ROLES.includes(input.role)) throw new StoreError(`role must be analyst or supervisor, not ${JSON.stringify(input.role)}`, { exitCode: 2 });
  if (input.password.length < 8) throw new StoreError('the password must have at least 8 characters', { exitCode: 2 });
  const hash = await hashPassword(input.password);
  const { dialect, write } = databaseOf(store);
  return write(async (trx) => {
    if (await byName(trx, dialect, input.name).executeTakeFirst()) {
      throw new StoreError(`a user named ${input.name} already exists`, { exitCode: 2 });
    }
    const row = await trx
      .insertInto('users')
      .values({ name: input.name, role: input.role, passwordHash: hash, createdAt: (input.now ?? new Date()).toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  });
}

/** Every console user, by name. */
export async function listUsers(store: Store): Promise<User[]> {
  return (await databaseOf(store).db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser);
}

/** One user by name (case-insensitive), or null. */
export async function findUser(store: Store, name: string): Promise<User | null> {
  const { db, dialect } = databaseOf(store);
  const row = await byName(db, dialect, name).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Changes a user's role or disables/enables the account; disabling ends the user's sessions. */
export async function updateUser(store: Store, name: string, change: { role?: Role; disabled?: boolean }): Promise<User> {
  const { dialect, write } = databaseOf(store);
  return write(async (trx) => {
    const row = await byName(trx, dialect, name).executeTakeFirst();
    if (!row) throw new StoreError(`no user named ${name}`, { exitCode: 2 });
    if (change.role !== undefined) {
      if (!ROLES.includes(change.role)) throw new StoreError(`unknown role ${JSON.stringify(change.role)}`, { exitCode: 2 });
      await trx.updateTable('users').set({ role: change.role }).where('id', '=', row.id).execute();
    }
    if (change.disabled !== undefined) {
      await trx.updateTable('users').set({ disabled: change.disabled ? 1 : 0 }).where('id', '=', row.id).execute();
      if (change.disabled) await trx.deleteFrom('sessions').where('userId', '=', row.id).execute();
    }
    return toUser(await trx.selectFrom('users').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
  });
}

/**
 * Changes a user's password after checking the current one; every other session of the user ends (a password
 * is changed because it may be known to someone else). Throws a StoreError (exit code 2) naming the problem.
 */
export async function changePassword(
  store: Store,
  input: { userId: number; current: string; next: string; keepSessionId?: string },
): Promise<void> {
  const { db, write } = databaseOf(store);
  const row = await db.selectFrom('users').selectAll().where('id', '=', input.userId).executeTakeFirst();
  if (!row || row.disabled !== 0) throw new StoreError('no such active user', { exitCode: 2 });
  if (!(await verifyPassword(input.current, row.passwordHash))) throw new StoreError('the current password is wrong', { exitCode: 2 });
  if (input.next.length < 8) throw new StoreError('the password must have at least 8 characters', { exitCode: 2 });
  if (input.next === input.current) throw new StoreError('the new password is the same as the current one', { exitCode: 2 });
  const hash = await hashPassword(input.next);
  await write(async (trx) => {
    await trx.updateTable('users').set({ passwordHash: hash }).where('id', '=', input.userId).execute();
    await trx
      .deleteFrom('sessions')
      .where('userId', '=', input.userId)
      .$if(input.keepSessionId !== undefined, (q) => q.where('idHash', '!=', sha256(input.keepSessionId!)))
      .execute();
  });
}

// A fixed hash to verify against when the name is unknown, so a login takes as long either way and does
// not reveal which names exist.
let decoyHash: Promise<string> | null = null;

/** Checks a name and password; returns the user, or null for a wrong name, wrong password or disabled account. */
export async function authenticate(store: Store, name: string, password: string): Promise<User | null> {
  const { db, dialect } = databaseOf(store);
  const row = await byName(db, dialect, name).executeTakeFirst();
  if (!row) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await decoyHash);
    return null;
  }
  const ok = await verifyPassword(password, row.passwordHash);
  return ok && row.disabled === 0 ? toUser(row) : null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Starts a session for a user: a fresh random id and CSRF token; only the id's hash is stored. */
export async function createSession(store: Store, user: User, opts: { now?: Date; ttlMs?: number } = {}): Promise<Session> {
  const now = opts.now ?? new Date();
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (opts.ttlMs ?? SESSION_TTL_MS)).toISOString();
  await databaseOf(store).write(async (trx) => {
    // Expired sessions are swept on every login, so the table never grows without bound.
    await trx.deleteFrom('sessions').where('expiresAt', '<=', now.toISOString()).execute();
    await trx
      .insertInto('sessions')
      .values({ idHash: sha256(id), userId: user.id, csrfToken, createdAt: now.toISOString(), expiresAt })
      .execute();
  });
  return { id, user, csrfToken, expiresAt };
}

/** The live session for a raw id from a cookie, or null when unknown, expired or its user is disabled. */
export async function getSession(store: Store, id: string, now: Date = new Date()): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const { db } = databaseOf(store);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.csrfToken', 's.expiresAt', 'u.id', 'u.name', 'u.role', 'u.passwordHash', 'u.disabled', 'u.createdAt'])
    .where('s.idHash', '=', sha256(id))
    .executeTakeFirst();
  if (!row) return null;
  if (row.expiresAt <= now.toISOString() || row.disabled !== 0) {
    await db.deleteFrom('sessions').where('idHash', '=', sha256(id)).execute();
    return null;
  }
  return { id, user: toUser(row), csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

/** Ends a session (logout). */
export async function deleteSession(store: Store, id: string): Promise<void> {
  await databaseOf(store).db.deleteFrom('sessions').where('idHash', '=', sha256(id)).execute();
}

/** Compares two tokens in constant time (CSRF tokens); different lengths never match. */
export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
