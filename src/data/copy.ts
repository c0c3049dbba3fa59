/**
 * Copies a whole store into an empty one — SQLite to PostgreSQL when a user outgrows the embedded store,
 * or either way — keeping every row with its ids (decisions, audit entries, users and sessions keep theirs,
 * so nothing that refers to them breaks), and the artifact bytes, then counts every table on both sides.
 */
import { sql, type Kysely } from 'kysely';
import { TABLES, type Executor, type Tables } from './database.js';
import { StoreError } from './store-error.js';
import { databaseOf, type Store } from './store.js';

export interface TableCount {
  readonly table: keyof Tables;
  readonly source: number;
  readonly target: number;
}

export interface CopyReport {
  readonly tables: readonly TableCount[];
  /** Artifact rows whose bytes were copied, were already in the target store, or were missing in the source. */
  readonly artifacts: { readonly rows: number; readonly copied: number; readonly present: number; readonly missingInSource: readonly string[] };
  /** Artifact rows of the target whose bytes the target store does not hold after the copy. */
  readonly missingInTarget: readonly string[];
  /** Every table counts the same on both sides, and the target holds every artifact's bytes the source held. */
  readonly ok: boolean;
}

const PAGE = 200;

/** Rows in each table of a store, in TABLES order. */
export async function countRows(store: Store): Promise<Map<keyof Tables, number>> {
  const { db } = databaseOf(store);
  const out = new Map<keyof Tables, number>();
  for (const { name } of TABLES) {
    const row = await db.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out.set(name, Number(row.n));
  }
  return out;
}

/**
 * Reads a table page by page in key order (keyset paging: each page starts after the last key seen, so a
 * large table costs one index walk, not a growing OFFSET).
 */
async function* pages(db: Executor, table: (typeof TABLES)[number]): AsyncGenerator<Record<string, unknown>[]> {
  let after: unknown[] | null = null;
  for (;;) {
    const last: unknown[] | null = after;
    // Kysely's builder is typed per table; the copy walks every table alike, so it goes through an untyped view.
    const untyped = db as unknown as Kysely<any>;
    let q = untyped.selectFrom(table.name).selectAll();
    if (last !== null) {
      const [k1, k2, k3] = table.key;
      q =
        table.key.length === 1
          ? q.where(k1!, '>', last[0])
          : table.key.length === 2
            ? q.where((eb) => eb(eb.refTuple(k1!, k2!), '>', eb.tuple(last[0], last[1])))
            : q.where((eb) => eb(eb.refTuple(k1!, k2!, k3!), '>', eb.tuple(last[0], last[1], last[2])));
    }
    for (const k of table.key) q = q.orderBy(k);
    const rows = (await q.limit(PAGE).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    const tail = rows[rows.length - 1]!;
    after = table.key.map((k) => tail[k]);
  }
}

/**
 * Copies `from` into `to`, which must be empty: artifact bytes first (so every hash a copied row names is
 * already stored), then every table in one transaction of the target (a failed copy leaves it empty), then
 * the counts of both sides.
 */
export async function copyStore(from: Store, to: Store, log: (line: string) => void = () => undefined): Promise<CopyReport> {
  const target = databaseOf(to);
  const source = databaseOf(from);
  const already = [...(await countRows(to)).entries()].filter(([, n]) => n > 0);
  if (already.length > 0) {
    throw new StoreError(
      `${to.location} is not empty (${already.map(([t, n]) => `${t}: ${n}`).join(', ')}); copy into a new, empty database`,
      { exitCode: 2 },
    );
  }

  // Bytes: every artifact the source records, unless the target store already holds it.
  let rows = 0;
  let copied = 0;
  let present = 0;
  const missingInSource: string[] = [];
  const artifactTable = TABLES.find((t) => t.name === 'artifacts')!;
  for await (const page of pages(source.db, artifactTable)) {
    for (const row of page) {
      rows++;
      const sha256 = String(row['sha256']);
      if (await to.artifacts.has(sha256)) {
        present++;
        continue;
      }
      const data = await from.artifacts.read(sha256);
      if (!data) {
        missingInSource.push(sha256);
        continue;
      }
      await to.artifacts.put({ ref: { sha256, mime: String(row['mime']), bytes: data.length }, data });
      copied++;
    }
    log(`artifacts: ${rows} checked, ${copied} copied`);
  }

  // Rows: one transaction, parents before children, ids kept.
  await target.write(async (trx) => {
    for (const table of TABLES) {
      let n = 0;
      for await (const page of pages(source.db, table)) {
        await (trx as unknown as Kysely<any>).insertInto(table.name).values(page).execute();
        n += page.length;
      }
      log(`${table.name}: ${n} rows`);
    }
    if (target.dialect === 'postgres') {
      // Explicit ids leave the identity sequences behind; the next insert must continue after the copied rows.
      for (const table of TABLES.filter((t) => t.identity)) {
        await sql`SELECT setval(pg_get_serial_sequence(${table.name}, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${sql.table(table.name)}), false)`.execute(trx);
      }
    }
  });

  const before = await countRows(from);
  const after = await countRows(to);
  const tables = TABLES.map(({ name }) => ({ table: name, source: before.get(name) ?? 0, target: after.get(name) ?? 0 }));
  const missingInTarget: string[] = [];
  for await (const page of pages(target.db, artifactTable)) {
    for (const row of page) if (!(await to.artifacts.has(String(row['sha256'])))) missingInTarget.push(String(row['sha256']));
  }
  return {
    tables,
    artifacts: { rows, copied, present, missingInSource },
    missingInTarget,
    // Bytes the source had lost are reported, but a faithful copy cannot be blamed for them.
    ok: tables.every((t) => t.source === t.target) && missingInTarget.every((sha) => missingInSource.includes(sha)),
  };
}
