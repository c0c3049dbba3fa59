/**
 * What the report commands share at the edge: who is acting (for the audit log), opening a store that
 * must already exist, and writing an output file whole or not at all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isPostgresUrl } from '../data/database.js';
import { openStore, type Store, type StoreLocation } from '../data/store.js';
import { UsageError } from '../errors.js';
import { checkOutputPath, writeOutput } from '../files.js';

/** The actor named in the audit log: `--actor NAME`, else the OS user. */
export function actorOf(flag: unknown): string {
  if (typeof flag === 'string' && flag.trim()) return flag.trim();
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Opens a store that must exist (a report of a SQLite store that was never scanned is a usage error; a
 * PostgreSQL store is a server, opened as it is).
 */
export async function openExistingStore(location: StoreLocation): Promise<Store> {
  if (!isPostgresUrl(location.database) && !fs.existsSync(location.database)) {
    throw new UsageError(`--db ${location.database}: no such store (run a scan first)`);
  }
  return openStore(location);
}

/** Checks that an output file can be written before any work starts. */
export function checkOutPath(out: string | undefined, flag = '--out'): void {
  checkOutputPath(out, flag);
}

/** Writes bytes to a file atomically, or to stdout for '-' or no file. */
export function writeOut(out: string | undefined, data: Buffer): void {
  writeOutput(out, data);
}
