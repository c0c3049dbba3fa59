/**
 * npm run bench:cluster — what the cluster costs and buys on this machine, in one run:
 *
 *   1. per-job queue overhead: a resolve-stage scan of names that stop at DNS (NXDOMAIN in the sandbox), in
 *      this process (runScan) and through Redis with one worker process (scan --redis); the difference per job
 *      is what a job's trip through BullMQ and the store costs beyond the stage's own work;
 *   2. renders a minute over the same corpus pages: in this process (the baseline), then with 1, 2 and 3
 *      `jianzhen worker` processes, each rendering `BENCH_WORKER_CONCURRENCY` pages at once;
 *   3. peak RSS per worker process (the worker and its Chromium processes together, sampled from /proc).
 *
 * Real parts: Redis, PostgreSQL (the store every process shares) and the sandbox, all on loopback. Ratios are
 * against the baseline measured in the same run; never run it beside another benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../src/crawler/browser.js';
import { openStore, type Store } from '../src/data/store.js';
import { runClusterScan } from '../src/pipeline/cluster/coordinator.js';
import { refreshReferences } from '../src/pipeline/references.js';
import { runScan, type ScanRequest } from '../src/pipeline/scan.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { startPostgres } from '../test/services/postgres.js';
import { startRedis } from '../test/services/redis.js';

const RENDER_PAGES = Number(process.env['BENCH_PAGES'] ?? 18);
const DNS_NAMES = Number(process.env['BENCH_NAMES'] ?? 200);
const CONCURRENCY = Number(process.env['BENCH_WORKER_CONCURRENCY'] ?? 2);
const BIN = fileURLToPath(new URL('../bin/jianzhen.js', import.meta.url));

/** The resident memory of a process and all its descendants (Chromium's processes included), in bytes. */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

interface WorkerProcess {
  readonly child: ChildProcess;
  peak: number;
  readonly sampler: NodeJS.Timeout;
}

/** Starts `jianzhen worker` processes and resolves once each takes jobs. */
async function startWorkers(n: number, redis: string, database: string, artifacts: string): Promise<WorkerProcess[]> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = spawn(process.execPath, [BIN, 'worker', '--redis', redis, '--database', database, '--artifacts', artifacts, '--concurrency', String(CONCURRENCY)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const w: WorkerProcess = { child, peak: 0, sampler: setInterval(() => (w.peak = Math.max(w.peak, treeRss(child.pid!))), 500) };
      return new Promise<WorkerProcess>((resolve, reject) => {
        let err = '';
        child.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          if (/taking .* jobs/.test(err)) resolve(w);
        });
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${err}`)));
      });
    }),
  );
}

async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map((w) => {
      clearInterval(w.sampler);
      const exited = new Promise((r) => w.child.once('exit', r));
      w.child.kill('SIGTERM');
      return exited;
    }),
  );
}

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

async function main() {
  const chromiumPath = findChromium(process.env['JIANZHEN_CHROMIUM'] ?? null);
  const [sandbox, pg, redis] = await Promise.all([startSandbox(), startPostgres({ durable: true }), startRedis()]);
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-bench-cluster-'));
  const database = await pg.createDatabase();
  const artifacts = join(dir, 'artifacts');
  const store: Store = await openStore({ database, artifacts: { kind: 'file', root: artifacts }, home: dir });
  const capture = { chromiumPath, proxy: sandbox.proxyUrl, dnsServer: sandbox.dnsServer, whoisServer: sandbox.whoisServer, allowPrivate: false, concurrency: CONCURRENCY };
  const pages = corpus.filter((s) => ['counterfeit', 'benign'].includes(s.label) && !s.expect?.failsWithinMs && !s.host.startsWith('intranet')).slice(0, RENDER_PAGES).map((s) => s.host);
  const names = Array.from({ length: DNS_NAMES }, (_, i) => `cx-mem-gov-${i}.example-nx.cn`);
  const out: string[] = [];
  const say = (line: string) => {
    out.push(line);
    process.stderr.write(`bench: ${line}\n`);
  };
  say(`${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; store PostgreSQL 15 (fsync on), artifacts on local disk, Redis 7 on loopback`);
  let run = 0;
  /** One scan of `targets`, in this process or on the cluster; returns its wall time (ms). */
  const scan = async (targets: string[], cluster: boolean, extra: Partial<ScanRequest> = {}) => {
    const req: ScanRequest = { targets, capture, identity: { bench: run++ }, fresh: true, ...extra };
    const t0 = Date.now();
    const report = cluster ? await runClusterScan(store, req, { redis: redis.url, pollMs: 200 }) : await runScan(store, req);
    const ms = Date.now() - t0;
    if (report.results.length !== targets.length) throw new Error(`scan gave ${report.results.length} results for ${targets.length} targets`);
    return { ms, report };
  };
  try {
    await refreshReferences(store, capture);

    // 1. Per-job queue overhead: names that stop at the resolve stage (NXDOMAIN), one worker.
    // A search source is never stopped by its name, so each name costs a resolve-stage job.
    const viaDns = { render: 'auto' as const, sources: names.map(() => 'search' as const) };
    const inProcess = await scan(names, false, viaDns);
    const one = await startWorkers(1, redis.url, database, artifacts);
    const queued = await scan(names, true, viaDns);
    await stopWorkers(one);
    const perJob = (queued.ms - inProcess.ms) / names.length;
    say(`queue overhead: ${names.length} names stopped at DNS — in process ${(inProcess.ms / names.length).toFixed(1)} ms/name, through Redis and one worker ${(queued.ms / names.length).toFixed(1)} ms/name: ${perJob.toFixed(1)} ms per job (store polled every 200 ms)`);

    // 2 and 3. Renders a minute and peak RSS per worker.
    const base = await scan(pages, false);
    const baseRate = (pages.length / base.ms) * 60_000;
    const baseVerdicts = base.report.results.map((r) => r.verdict).join(',');
    say(`renders/min: in process (concurrency ${CONCURRENCY}) ${baseRate.toFixed(1)} over ${pages.length} pages (${(base.ms / 1000).toFixed(0)} s)`);
    for (const n of [1, 2, 3]) {
      const workers = await startWorkers(n, redis.url, database, artifacts);
      const r = await scan(pages, true);
      await stopWorkers(workers);
      const rate = (pages.length / r.ms) * 60_000;
      const same = r.report.results.map((x) => x.verdict).join(',') === baseVerdicts;
      say(
        `renders/min: ${n} worker process${n > 1 ? 'es' : ''} × concurrency ${CONCURRENCY}: ${rate.toFixed(1)} (${(rate / baseRate).toFixed(2)}× in process; ${(r.ms / 1000).toFixed(0)} s); ` +
          `peak RSS per worker ${workers.map((w) => mb(w.peak)).join(', ')}; verdicts ${same ? 'equal to' : 'DIFFERENT from'} the in-process run's`,
      );
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await store.close();
    await Promise.all([sandbox.close(), pg.stop(), redis.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:cluster: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
