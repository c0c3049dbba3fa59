import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { findChromium } from '../../crawler/browser.js';
import { isPostgresUrl, redactUrl } from '../../data/database.js';
import { openStore } from '../../data/store.js';
import { UsageError } from '../../errors.js';
import { isScanStage, parseStages, SCAN_STAGES, STAGES } from '../../pipeline/cluster/stages.js';
import type { JobHandler } from '../../review/jobs/index.js';
import { addStoreOptions, type RegisterCommand } from '../options.js';
import { untilStopped } from '../../signals.js';

interface WorkerFlags {
  stages: string;
  concurrency?: string;
  perDomain: string;
  rate?: string;
  [k: string]: unknown;
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} ${value}: expected a whole number of at least 1`);
  return n;
}

/** `jianzhen worker`: takes jobs of the given stages until SIGTERM or SIGINT, then lets the running ones finish. */
async function workerCommand(flags: WorkerFlags): Promise<number> {
  const config = loadConfig(flags);
  if (config.redis === null) throw new UsageError('worker needs --redis redis://HOST:PORT (or $JIANZHEN_REDIS): the Redis the scan coordinator puts its targets on');
  const stages = parseStages(flags.stages);
  if (typeof stages === 'string') throw new UsageError(stages);
  if (!isPostgresUrl(config.store.database)) {
    process.stderr.write(`worker: the store is the SQLite file ${config.store.database}; workers on other machines cannot share it — give every worker and the coordinator the same --database postgres://… and --artifacts s3://…\n`);
  }
  const chromiumPath = stages.includes('render') || stages.includes('evidence') ? findChromium(config.chromium) : null;
  const perDomain = positive('--per-domain', flags.perDomain);
  const ratePerSecond = flags.rate === undefined ? null : positive('--rate', flags.rate);
  const store = await openStore(config.store);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
    await store.close();
  };
  try {
    // BullMQ is loaded only by the commands that use it: a scan on one machine never pays for it.
    const scanStages = stages.filter(isScanStage);
    if (scanStages.length > 0) {
      const { startWorker } = await import('../../pipeline/cluster/worker.js');
      const worker = await startWorker({ redis: config.redis, store, stages: scanStages, concurrency: config.concurrency, chromiumPath, perDomain, ratePerSecond, allowPrivate: config.allowPrivate, log: (line) => process.stderr.write(`${line}\n`) });
      closers.push(() => worker.close());
    }
    if (stages.includes('evidence')) {
      // The console's evidence builds, from its queue: a fresh visit through this machine's network, signed with
      // this machine's keys (in the store's home folder), the packet into the shared store.
      const [{ connectRedis }, { QueueJobs }, { evidenceHandler }] = await Promise.all([
        import('../../pipeline/cluster/queues.js'),
        import('../../review/jobs/queue.js'),
        import('../../review/jobs/evidence.js'),
      ]);
      const connection = await connectRedis(config.redis);
      const capture = { chromiumPath: chromiumPath!, proxy: config.proxy, dnsServer: config.dns, whoisServer: config.whois, allowPrivate: config.allowPrivate, concurrency: 1 };
      const jobs = new QueueJobs(store, connection, [evidenceHandler(store, capture) as JobHandler<never, never, unknown>]);
      closers.push(async () => {
        await jobs.close();
        connection.disconnect();
      });
    }
  } catch (err) {
    await close();
    throw err;
  }
  process.stderr.write(`worker ${process.pid}: taking ${stages.join(', ')} jobs from ${redactUrl(config.redis)} (${config.concurrency} renders at once), storing into ${store.location}; stop with Ctrl-C or SIGTERM\n`);
  await untilStopped({ ownWay: true });
  process.stderr.write(`worker ${process.pid}: stopping after the jobs it is running\n`);
  await close();
  return 0;
}

/** `jianzhen worker`. */
export const registerWorker: RegisterCommand = (program: Command, setExit) => {
  addStoreOptions(
    program
      .command('worker')
      .description('take scan jobs from the cluster\'s queues (see `scan --redis`) and store their results in the shared store; run any number, on any machines')
      .addOption(new Option('--stages <list>', `the stages to take, comma-separated: ${STAGES.join(', ')} (resolve: DNS and WHOIS; fetch: the funnel's plain HTTP fetch; render: Chromium; evidence: the consoles' evidence builds)`).default(SCAN_STAGES.join(',')))
      .option('--redis <url>', 'the Redis of the queues, redis://[:PASSWORD@]HOST:PORT (or $JIANZHEN_REDIS)')
      .addOption(new Option('--concurrency <n>', 'pages rendered at once on this machine (resolve and fetch take four times as many)').default('4'))
      .addOption(new Option('--per-domain <n>', 'visits at once to one registrable domain across all workers').default('2'))
      .option('--rate <n>', 'jobs a second each stage queue starts across all workers (default: no limit); give every worker the same value')
      .option('--proxy <url>', 'evidence builds: send the fresh visit through this HTTP proxy (scan jobs use the scan\'s own --proxy)')
      .option('--dns <host:port>', 'evidence builds: resolver for the fresh visit')
      .option('--allow-private', 'let scans that ask for it (scan --allow-private) visit loopback, private or link-local addresses from this machine; without it they are refused here whatever the scan asks')
      .option('--chromium <path>', 'Chromium binary for the render stage (default $JIANZHEN_CHROMIUM, /usr/bin/chromium-headless-shell, /usr/bin/chromium, chromium-browser)'),
  ).action(async (flags: WorkerFlags) => setExit(await workerCommand(flags)));
};
