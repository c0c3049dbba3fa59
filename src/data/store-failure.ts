/**
 * What kind of failure a store write met, told from the error codes of SQLite, PostgreSQL and the file
 * system (the only place outside the drivers that knows them). The caller decides from the kind alone: wait
 * and try again, stop the whole scan, or give up on one result.
 */

/**
 * - `busy`: another connection holds the write lock, or the server is briefly away — waiting may help;
 * - `full`: no space left (or a file size limit) — nothing more can be written until space is freed;
 * - `readonly`: the store or its folder cannot be written (read-only file system, permissions);
 * - `broken`: the database file or disk failed (I/O error, corruption);
 * - `other`: this one write was refused (a value the store would not take): other writes may still work.
 */
export type StoreFailureKind = 'busy' | 'full' | 'readonly' | 'broken' | 'other';

export interface StoreFailure {
  readonly kind: StoreFailureKind;
  /** The driver's or system's code, e.g. SQLITE_BUSY, ENOSPC, 53100. */
  readonly code: string | null;
  /** The first line of the innermost message, for the sentence the user reads. */
  readonly detail: string;
}

/** The errors in a cause chain, outermost first (StoreError wraps the system error it met). */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && out.length < 8; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

function kindOf(code: string): StoreFailureKind | null {
  // SQLite's extended codes keep the primary code as their prefix (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE …).
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'busy';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'full';
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readonly';
  if (/^SQLITE_(IOERR|CORRUPT|NOTADB)/.test(code) || code === 'EIO') return 'broken';
  // PostgreSQL SQLSTATEs: 53100 disk_full, 53xxx insufficient resources, 40001/40P01 serialisation and
  // deadlock, 57P0x the server shutting down, 08xxx connection failures.
  if (code === '53100') return 'full';
  if (/^(40001|40P01|57P0\d|08\w{3}|53\w{3})$/.test(code)) return 'busy';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE') return 'busy';
  return null;
}

/** Classifies an error thrown by a store write (see StoreFailureKind). */
export function storeFailureOf(err: unknown): StoreFailure {
  const errors = chain(err);
  for (const e of errors) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const kind = kindOf(code);
    if (kind !== null) return { kind, code, detail: firstLine(e) };
  }
  // better-sqlite3 sometimes reports a full disk only in its message (e.g. while growing the WAL).
  const text = errors.map(firstLine).join(' ');
  if (/disk (is )?full|no space left/i.test(text)) return { kind: 'full', code: null, detail: firstLine(errors.at(-1)) };
  return { kind: 'other', code: null, detail: firstLine(errors.at(-1)) };
}
