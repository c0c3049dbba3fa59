/**
 * A real PostgreSQL server for tests: initdb into a temp folder, started by pg_ctl on a free loopback port,
 * stopped and removed after. Debian's binaries (`npm run setup` installs them) live in
 * /usr/lib/postgresql/<version>/bin. initdb refuses to run as root, so as root the server runs as the
 * `postgres` user the Debian package creates.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The folder holding initdb, pg_ctl and postgres (the newest installed major), or null when absent. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    return null;
  }
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(bin, b)))) return bin;
  }
  return null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  return postgresBinaries() ? null : 'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (run `npm run setup`, which installs Debian postgresql)';
}

export interface PostgresServer {
  /** postgres://jianzhen@127.0.0.1:PORT/postgres — the maintenance database. */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its URL (one per test keeps tests apart). */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (asked of the OS, then released for the server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The uid/gid to run the server as: the `postgres` user when we are root, else ourselves. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no postgres user to run PostgreSQL as (apt-get install postgresql creates it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

let sequence = 0;

/**
 * Starts a throw-away PostgreSQL server. Tests run it without fsync; `durable` keeps fsync on with
 * asynchronous commit, the nearest match to SQLite's WAL with synchronous=NORMAL (for benchmarks).
 */
export async function startPostgres(settings: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin) throw new Error(postgresMissing()!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sock');
  fs.mkdirSync(sockets);
  const as = runAs();
  if (as) {
    fs.chmodSync(dir, 0o755);
    for (const p of [dir, sockets]) fs.chownSync(p, as.uid, as.gid);
  }
  const opts = { ...(as ? { uid: as.uid, gid: as.gid } : {}), cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } };
  await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'jianzhen', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], opts);
  const port = await freePort();
  // Durability is not what a test checks: without fsync the server starts and commits faster.
  const durability = settings.durable ? '-c synchronous_commit=off' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverArgs = `-h 127.0.0.1 -p ${port} -k ${sockets} ${durability} -c max_connections=50`;
  await run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', serverArgs, '-w', '-t', '60', 'start'], opts);
  const url = `postgres://jianzhen@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name = `t${process.pid}_${++sequence}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://jianzhen@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], opts);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
