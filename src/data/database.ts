/**
 * The one SQL layer under every data/ module: a Kysely instance over either backend, the table types both
 * share, and the migrations that bring either up to date. SQLite (better-sqlite3, WAL, one file) is the
 * embedded default; PostgreSQL (a pg Pool) is the shared store of record beyond one machine (DESIGN.md,
 * "Scale"). Only data/ imports this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  OperationNodeTransformer,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type Generated,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type SqliteDatabase,
  type SqliteStatement,
  type Transaction,
  type UnknownRow,
  type ValueNode,
} from 'kysely';
import pg from 'pg';
import type { FunnelStage } from '../model/result.js';
import type { Verdict } from '../model/verdict.js';
import { errorMessage } from '../errors.js';
import { ensureFolder } from '../files.js';
import { postgresMigrations, sqliteMigrations } from './schema.js';
import { StoreError } from './store-error.js';
import { storeFailureOf } from './store-failure.js';

/**
 * The tables of a jianzhen store (data/schema.ts) as data/ code spells them: columns in camelCase, which Kysely's
 * CamelCasePlugin (see `ColumnNames`) turns into the schema's snake_case in every query and back in every row,
 * on both backends alike; tables by their names in the schema, which the plugin leaves as they are, so messages
 * and `db copy` name them as SQL does. Times are ISO 8601 text.
 */
export interface Tables {
  scans: {
    id: string;
    fingerprint: string;
    createdAt: string;
    startedAt: string;
    finishedAt: string | null;
    targetCount: number;
    optionsJson: string;
  };
  targets: { scanId: string; index: number; input: string };
  snapshots: {
    id: Generated<number>;
    scanId: string;
    index: number;
    kind: 'snapshot' | 'failure';
    host: string | null;
    url: string | null;
    finalUrl: string | null;
    capturedAt: string;
    json: string;
  };
  verdicts: {
    scanId: string;
    index: number;
    verdict: Verdict;
    score: number;
    platform: string | null;
    error: string | null;
    host: string | null;
    registrableDomain: string | null;
    url: string | null;
    finalUrl: string | null;
    evidence: string | null;
    capturedAt: string;
    decidedAt: string;
    stage: FunnelStage | null;
    stageReason: string | null;
  };
  signals: {
    scanId: string;
    index: number;
    ord: number;
    id: string;
    score: number;
    weight: number;
    detail: string;
    evidenceJson: string | null;
    platform: string | null;
    messageJson: string | null;
  };
  artifacts: { sha256: string; mime: string; bytes: number; createdAt: string };
  references_: { id: Generated<number>; platform: string; capturedAt: string; json: string };
  decisions: {
    id: Generated<number>;
    host: string;
    decision: 'confirmed' | 'rejected' | 'pending';
    note: string;
    actor: string;
    scanId: string | null;
    index: number | null;
    decidedAt: string;
    /** Decisions made together (a bulk decision) share a batch, so one undo takes them all back. */
    batch: string | null;
  };
  audit_log: { id: Generated<number>; at: string; actor: string; action: string; subject: string; detail: string };
  users: {
    id: Generated<number>;
    name: string;
    role: 'analyst' | 'supervisor';
    passwordHash: string;
    disabled: Generated<number>;
    createdAt: string;
  };
  sessions: { idHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string };
  evidence_packets: {
    id: string;
    host: string;
    scanId: string | null;
    index: number | null;
    builtAt: string;
    actor: string;
    manifestSha256: string;
    manifestSm3: string;
    folder: string;
    zip: string | null;
    zipSha256: string | null;
  };
  schedule_runs: {
    id: string;
    job: string;
    kind: string;
    runDate: string;
    startedAt: string;
    finishedAt: string | null;
    scanId: string | null;
    status: 'running' | 'done' | 'failed';
    targetsJson: string;
    sourcesJson: string;
    diffJson: string | null;
    error: string | null;
  };
  claims: { host: string; actor: string; claimedAt: string; expiresAt: string };
  login_failures: { id: Generated<number>; kind: 'account' | 'address'; key: string; at: string };
  jobs: {
    id: string;
    kind: string;
    state: 'queued' | 'running' | 'done' | 'failed';
    actor: string;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    heartbeatAt: string | null;
    owner: string | null;
    attempts: Generated<number>;
    inputJson: string;
    progressJson: string | null;
    resultJson: string | null;
    error: string | null;
  };
  identifier_extractions: { scanId: string; index: number; version: number; extractedAt: string };
  identifiers: {
    scanId: string;
    index: number;
    ord: number;
    kind: string;
    value: string;
    strength: 'strong' | 'weak';
    raw: string;
    source: string;
    locator: string;
    snippet: string;
    shared: string | null;
  };
  operators: { id: string; status: 'active' | 'merged' | 'dissolved'; mergedInto: string | null; createdAt: string; updatedAt: string; memberCount: number };
  operator_members: { host: string; operatorId: string; joinedAt: string };
  operator_links: { operatorId: string; ord: number; kind: string; value: string; strength: 'strong' | 'weak'; hostsJson: string; sightingsJson: string };
  operator_events: {
    id: Generated<number>;
    at: string;
    operatorId: string;
    event: 'created' | 'joined' | 'left' | 'merged' | 'dissolved';
    host: string | null;
    detail: string;
  };
}

/**
 * Every table, parents before children (the order a copy inserts them in), with the columns that order
 * its rows stably (its key).
 */
export const TABLES: readonly { name: keyof Tables; key: readonly string[]; identity: boolean }[] = [
  { name: 'scans', key: ['id'], identity: false },
  { name: 'targets', key: ['scanId', 'index'], identity: false },
  { name: 'snapshots', key: ['id'], identity: true },
  { name: 'verdicts', key: ['scanId', 'index'], identity: false },
  { name: 'signals', key: ['scanId', 'index', 'ord'], identity: false },
  { name: 'artifacts', key: ['sha256'], identity: false },
  { name: 'references_', key: ['id'], identity: true },
  { name: 'decisions', key: ['id'], identity: true },
  { name: 'audit_log', key: ['id'], identity: true },
  { name: 'users', key: ['id'], identity: true },
  { name: 'sessions', key: ['idHash'], identity: false },
  { name: 'evidence_packets', key: ['id'], identity: false },
  { name: 'schedule_runs', key: ['id'], identity: false },
  { name: 'claims', key: ['host'], identity: false },
  { name: 'login_failures', key: ['id'], identity: true },
  { name: 'jobs', key: ['id'], identity: false },
  { name: 'identifier_extractions', key: ['scanId', 'index'], identity: false },
  { name: 'identifiers', key: ['scanId', 'index', 'ord'], identity: false },
  { name: 'operators', key: ['id'], identity: false },
  { name: 'operator_members', key: ['host'], identity: false },
  { name: 'operator_links', key: ['operatorId', 'ord'], identity: false },
  { name: 'operator_events', key: ['id'], identity: true },
];

/**
 * Column names between the code's camelCase and the schema's snake_case (`scanId` is scan_id), both ways:
 * identifiers in queries, keys of the rows that come back (raw `sql` results too, whose text it never rewrites).
 * A target's position is `index`, as in the model (TargetResult.index); the schema calls it idx because INDEX
 * is an SQL keyword. One per database, for both dialects, so the two backends read and write rows alike.
 */
class ColumnNames extends CamelCasePlugin {
  constructor() {
    // Names only: a value that is an object (JSON a driver parsed) keeps its own keys.
    super({ maintainNestedObjectKeys: true });
  }
  protected override snakeCase(name: string): string {
    return name === 'index' ? 'idx' : super.snakeCase(name);
  }
  protected override camelCase(name: string): string {
    return name === 'idx' ? 'index' : super.camelCase(name);
  }
}

export type Db = Kysely<Tables>;
/** A Kysely handle inside a transaction, or the database itself: what the repository functions take. */
export type Executor = Kysely<Tables> | Transaction<Tables>;
export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which dialect it speaks, and where it is (for messages). */
export interface OpenDatabase {
  readonly db: Db;
  readonly dialect: DialectName;
  /** The SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** The schema version the store had when it was opened, before any migration ran. */
  readonly openedAtVersion: number;
  /** Runs `fn` in one transaction that holds the write lock from its start (see `openDatabase`). */
  write<T>(fn: (trx: Transaction<Tables>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Whether a --database value names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A PostgreSQL URL fit to print: the password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * Opens the database at `location` (a SQLite file path, or a postgres:// URL), bringing its schema up to
 * date. A SQLite file and its folder are created when missing.
 */
export async function openDatabase(location: string): Promise<OpenDatabase> {
  return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
}

// ---- SQLite -----------------------------------------------------------------------------------------

/**
 * better-sqlite3 behind Kysely's SqliteDatabase, with each statement prepared once: Kysely prepares every
 * query it runs, and preparing costs as much as running a small insert (bench/store.ts measures it).
 */
function cachedStatements(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = raw.prepare(text) as unknown as SqliteStatement;
        // Transaction control and DDL are run once or rarely; caching them would only hold memory.
        if (/^\s*(select|insert|update|delete|with)\b/i.test(text)) {
          if (cache.size >= 500) cache.delete(cache.keys().next().value!);
          cache.set(text, stmt);
        }
      }
      return stmt;
    },
  };
}

/** How long a writer waits for another connection's write lock before SQLITE_BUSY (reads too, in SQLite itself). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY, for up to the busy timeout, waiting asynchronously with
 * SQLite's own busy handler off meanwhile: that handler sleeps on the calling thread, and this thread relays every
 * page visit's traffic (the guard proxy), so another process holding the lock would starve the visits in flight.
 * It also covers the busy that SQLite's handler never waits on: a connection that holds a read lock and needs the
 * write lock while another holds it gets SQLITE_BUSY at once (waiting could deadlock), as when several processes
 * switch a new store to WAL at the same moment.
 */
function busyRetrier(raw: BetterSqlite3.Database): <T>(attempt: () => T | Promise<T>) => Promise<T> {
  const noWait = raw.prepare(`PRAGMA busy_timeout = 0`);
  const wait = raw.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return async (attempt) => {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    let pause = 5;
    for (;;) {
      noWait.get();
      try {
        return await attempt();
      } catch (err) {
        if (!/^SQLITE_BUSY/.test(String((err as { code?: unknown }).code)) || Date.now() >= deadline) throw err;
      } finally {
        wait.get();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(1, deadline - Date.now()))));
      pause = Math.min(pause * 2, 100);
    }
  };
}

/**
 * Kysely's SQLite dialect, except that a transaction starts with BEGIN IMMEDIATE: it takes the write lock
 * at once, so two processes (a scan and the console) writing the same file wait for each other under the
 * busy timeout instead of failing when a read inside a transaction turns into a write. The wait for the lock
 * is asynchronous (busyRetrier).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly raw: BetterSqlite3.Database,
    private readonly whenNotBusy: ReturnType<typeof busyRetrier>,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await this.whenNotBusy(() => connection.executeQuery(CompiledQuery.raw('begin immediate')));
    };
    // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM …); the
    // ROLLBACK that follows would then fail with "no transaction is active" and hide the error that matters.
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (this.raw.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

async function openSqlite(file: string): Promise<OpenDatabase> {
  const abs = path.resolve(file);
  ensureFolder(path.dirname(abs), `the store ${abs}`);
  let raw: BetterSqlite3.Database | undefined;
  let db: Db | undefined;
  try {
    raw = new BetterSqlite3(abs);
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const whenNotBusy = busyRetrier(raw);
    await whenNotBusy(() => raw!.pragma('journal_mode = WAL'));
    // NORMAL in WAL mode: a commit survives a process crash; only an OS crash may lose the last ones.
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: cachedStatements(raw) }, raw, whenNotBusy), plugins: [new ColumnNames()] });
    const open = {
      db,
      dialect: 'sqlite' as const,
      location: abs,
      openedAtVersion: 0,
      write: <T>(fn: (trx: Transaction<Tables>) => Promise<T>) => db!.transaction().execute(fn),
      close: () => db!.destroy(),
    };
    open.openedAtVersion = await migrateSqlite(open);
    return open;
  } catch (err) {
    if (db) await db.destroy().catch(() => undefined);
    else raw?.close();
    if (err instanceof StoreError) throw err;
    // A store that cannot be written is not a bad store: say what the disk or the folder needs.
    const f = storeFailureOf(err);
    const next = { full: 'free disk space', readonly: 'make it writable or choose another --db', broken: 'check the disk (free space, errors in the system log)' } as const;
    if (f.kind === 'full' || f.kind === 'readonly' || (f.kind === 'broken' && f.code?.startsWith('SQLITE_IOERR'))) {
      throw new StoreError(`cannot write the store ${abs} (${f.detail}); ${next[f.kind]}`, { cause: err, exitCode: 2 });
    }
    throw new StoreError(`${abs} is not a usable jianzhen store: ${errorMessage(err)}`, { cause: err, exitCode: 2 });
  }
}

/**
 * Brings a SQLite store up to date, one migration per transaction. Each step takes the write lock first
 * (BEGIN IMMEDIATE) and re-reads PRAGMA user_version, so two processes opening a new store at once never
 * apply a migration twice; a crash mid-migration leaves the previous version intact.
 */
async function migrateSqlite(open: OpenDatabase): Promise<number> {
  const latest = sqliteMigrations.length;
  let from: number | null = null;
  for (;;) {
    const applied = await open.write(async (trx) => {
      const version = Number((await sql<{ userVersion: number }>`PRAGMA user_version`.execute(trx)).rows[0]?.userVersion ?? 0);
      from ??= version;
      if (version > latest) throw newerSchema(open.location, version, latest);
      if (version === latest) return false;
      if (version === 0) {
        // A SQLite file that already holds tables but no version is someone else's database.
        const tables = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`.execute(trx);
        if (Number(tables.rows[0]?.n) > 0) throw new StoreError(`${open.location} is a SQLite database but not a jianzhen store`, { exitCode: 2 });
      }
      for (const statement of statements(sqliteMigrations[version]!)) await sql.raw(statement).execute(trx);
      // PRAGMA takes no bound parameter; the value is our own integer.
      await sql.raw(`PRAGMA user_version = ${version + 1}`).execute(trx);
      return true;
    });
    if (!applied) return from ?? latest;
  }
}

// ---- PostgreSQL -------------------------------------------------------------------------------------

/**
 * int8 (count(*), bigint ids) and numeric come back from pg as strings, to keep precision; every such value
 * jianzhen stores is a row count, an id or a byte size, far below 2^53, so they are read as numbers. Set
 * per pool, not on pg's global type table, so no other user of pg in the process is affected.
 */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL text cannot hold U+0000, and a hostile page may put one in a title or a signal's detail; a
 * write that failed on it would lose the result. Every bound string loses its NULs (as U+FFFD) on the way in.
 */
class NulFreeStrings extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return typeof node.value === 'string' && node.value.includes('\u0000') ? { ...node, value: clean(node.value) } : super.transformValue(node);
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map((v) => (typeof v === 'string' ? clean(v) : v)) };
  }
}
const clean = (s: string) => s.replace(/\u0000/g, '\uFFFD');

const nulFree: KyselyPlugin = {
  transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => new NulFreeStrings().transformNode(args.node),
  transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
};

// pg_advisory_xact_lock(int4, int4): 'jian' 'zhen' in ASCII. Held by the migrating transaction only.
const MIGRATION_LOCK = sql`SELECT pg_advisory_xact_lock(1785291118, 2053662062)`;

async function openPostgres(url: string): Promise<OpenDatabase> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes, connectionTimeoutMillis: 15_000 });
  // An idle client that loses its server (a restart) emits 'error' on the pool; without a listener that
  // would crash the process. The next query opens a fresh connection.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins: [nulFree, new ColumnNames()] });
  const open = {
    db,
    dialect: 'postgres' as const,
    location,
    openedAtVersion: 0,
    write: <T>(fn: (trx: Transaction<Tables>) => Promise<T>) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
  try {
    open.openedAtVersion = await migratePostgres(open);
    return open;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    if (err instanceof StoreError) throw err;
    throw new StoreError(`${location}: cannot open the PostgreSQL store (${errorMessage(err)}); check that the server is up and the URL's user may create tables`, {
      cause: err,
      exitCode: 2,
    });
  }
}

/**
 * Brings a PostgreSQL store up to date, one migration per transaction. Each transaction takes an advisory
 * lock before it reads the version (table jianzhen_schema), so two processes opening a new store at once
 * never apply a migration twice; DDL is transactional in PostgreSQL, so a failed step leaves nothing behind.
 */
async function migratePostgres(open: OpenDatabase): Promise<number> {
  const latest = postgresMigrations.length;
  let from: number | null = null;
  for (;;) {
    const applied = await open.write(async (trx) => {
      await MIGRATION_LOCK.execute(trx);
      const has = await sql<{ t: string | null }>`SELECT to_regclass('jianzhen_schema')::text AS t`.execute(trx);
      let version = 0;
      if (has.rows[0]?.t) {
        version = Number((await sql<{ version: number }>`SELECT version FROM jianzhen_schema`.execute(trx)).rows[0]?.version ?? 0);
      } else {
        const tables = await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()`.execute(trx);
        if (Number(tables.rows[0]?.n) > 0) {
          throw new StoreError(`${open.location}: its schema already holds tables but is not a jianzhen store; give jianzhen its own database`, { exitCode: 2 });
        }
        await sql`CREATE TABLE jianzhen_schema (version INTEGER NOT NULL)`.execute(trx);
        await sql`INSERT INTO jianzhen_schema (version) VALUES (0)`.execute(trx);
      }
      from ??= version;
      if (version > latest) throw newerSchema(open.location, version, latest);
      if (version === latest) return false;
      for (const statement of statements(postgresMigrations[version]!)) await sql.raw(statement).execute(trx);
      await sql`UPDATE jianzhen_schema SET version = ${version + 1}`.execute(trx);
      return true;
    });
    if (!applied) return from ?? latest;
  }
}

/** The schema version a store is at (both dialects), for `db migrate` to report. */
export async function schemaVersion(open: OpenDatabase): Promise<number> {
  if (open.dialect === 'sqlite') {
    return Number((await sql<{ userVersion: number }>`PRAGMA user_version`.execute(open.db)).rows[0]?.userVersion ?? 0);
  }
  return Number((await sql<{ version: number }>`SELECT version FROM jianzhen_schema`.execute(open.db)).rows[0]?.version ?? 0);
}

function newerSchema(location: string, version: number, latest: number): StoreError {
  return new StoreError(`${location} has schema version ${version}, newer than this jianzhen understands (${latest}); upgrade jianzhen`, {
    exitCode: 2,
  });
}

/** Splits a migration into statements: comments dropped (they may hold ';'), then split on ';'. */
export function statements(script: string): string[] {
  return script
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
