/**
 * Runs a block of store tests once per backend: SQLite (a file in a temp folder) and PostgreSQL (a new
 * database on a throw-away server per block; see postgres.ts). The PostgreSQL block is skipped, saying why,
 * only when the server binaries are absent.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openStore, type Store } from '../../src/data/store.js';
import { postgresMissing, startPostgres, type PostgresServer } from './postgres.js';

export type Backend = 'SQLite' | 'PostgreSQL';

/** Declares `title` on each backend; `fresh()` opens a new, empty store (closed after each test). */
export function describeEachBackend(title: string, body: (fresh: () => Promise<Store>, backend: Backend) => void): void {
  const missing = postgresMissing();
  for (const backend of ['SQLite', 'PostgreSQL'] as const) {
    const skip = backend === 'PostgreSQL' ? missing : null;
    describe.skipIf(skip !== null)(`${title} on ${backend}${skip ? ` (skipped: ${skip})` : ''}`, () => {
      let server: PostgresServer | null = null;
      const stores: Store[] = [];
      const dirs: string[] = [];
      if (backend === 'PostgreSQL') {
        beforeAll(async () => {
          server = await startPostgres();
        });
        afterAll(async () => {
          await server?.stop();
        });
      }
      afterEach(async () => {
        for (const s of stores.splice(0)) await s.close();
        for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
      });
      const fresh = async (): Promise<Store> => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-store-'));
        dirs.push(dir);
        const database = backend === 'SQLite' ? path.join(dir, 'jianzhen.db') : await server!.createDatabase();
        const store = await openStore({ database, home: dir });
        stores.push(store);
        return store;
      };
      body(fresh, backend);
    });
  }
}
