import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureResult } from '../../test/fixtures/snapshots.js';
import { storeFailureOf } from './store-failure.js';
import { newScanId, openStore, scanFingerprint, type Store } from './store.js';

let dir: string;
let store: Store;
let holder: Database.Database;
const inputs = ['http://site-0.test/', 'http://site-1.test/'];
let scanId: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-lock-'));
  store = await openStore(path.join(dir, 'j.db'));
  const fingerprint = scanFingerprint(inputs, {});
  scanId = newScanId(fingerprint);
  await store.createScan({ id: scanId, fingerprint, targets: inputs, options: {} });
  holder = new Database(path.join(dir, 'j.db'));
});
afterEach(async () => {
  if (holder.inTransaction) holder.exec('ROLLBACK');
  holder.close();
  await store.close();
});

/** Counts timer ticks until `p` settles: proof that this thread kept running while `p` waited. */
async function ticksWhile(p: Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    await p.catch(() => undefined);
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

describe('a write that meets another connection holding the SQLite write lock', () => {
  it('waits for the lock without stopping this thread, and commits once the lock is released', async () => {
    holder.exec('BEGIN IMMEDIATE');
    const { result, artifacts } = fixtureResult(0, inputs[0]);
    let released = false;
    const save = store.saveTargetResult(scanId, result, artifacts).then(() => released);
    // Released from a timer of this very thread: it can only fire if the waiting write leaves the thread free.
    setTimeout(() => {
      released = true;
      holder.exec('ROLLBACK');
    }, 300);
    const ticks = await ticksWhile(save);
    expect(await save).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect((await store.getResult(scanId, 0))?.input).toBe(inputs[0]);
  });

  it('gives up after the busy timeout with SQLITE_BUSY, which is classified as a busy store', async () => {
    holder.exec('BEGIN IMMEDIATE');
    const { result, artifacts } = fixtureResult(1, inputs[1]);
    const err: unknown = await store.saveTargetResult(scanId, result, artifacts).then(() => null, (e: unknown) => e);
    expect(storeFailureOf(err)).toMatchObject({ kind: 'busy', code: 'SQLITE_BUSY' });
    holder.exec('ROLLBACK');
    expect(await store.getResult(scanId, 1)).toBeNull();
  });
});

describe('storeFailureOf', () => {
  it('tells a full disk, a read-only store and a refused value apart through the cause chain', () => {
    const wrap = (code: string) => new Error('cannot store artifact', { cause: Object.assign(new Error(`${code}: boom`), { code }) });
    expect(storeFailureOf(wrap('ENOSPC')).kind).toBe('full');
    expect(storeFailureOf(wrap('EFBIG')).kind).toBe('full');
    expect(storeFailureOf(wrap('SQLITE_FULL')).kind).toBe('full');
    expect(storeFailureOf(wrap('EROFS')).kind).toBe('readonly');
    expect(storeFailureOf(wrap('SQLITE_IOERR_WRITE')).kind).toBe('broken');
    expect(storeFailureOf(wrap('SQLITE_BUSY_SNAPSHOT')).kind).toBe('busy');
    expect(storeFailureOf(new Error('target #3 of scan x is "a", not "b"')).kind).toBe('other');
  });
});
