import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../config/index.js';
import { isPostgresUrl } from '../../data/database.js';
import { loadScheduleConfig, runJob, startSchedule, type RunJobOptions } from '../../pipeline/schedule.js';
import type { RegisterCommand } from '../options.js';
import { untilStopped } from '../../signals.js';

/**
 * `jianzhen schedule --config FILE [--run-now JOB]`: the nightly scans. Without --run-now it runs the
 * cron loop (node-cron, or BullMQ job schedulers with --redis) until SIGINT/SIGTERM; with it, one run of one job now (operators), exit 0 done, 1 failed or skipped.
 * stdout carries the run's JSON (run-now) only; progress goes to stderr.
 */
export const registerSchedule: RegisterCommand = (program: Command, setExit) => {
  program
    .command('schedule')
    .description('run the nightly jobs of a schedule file (discovery, re-checks, weekly summary) on their cron times, Asia/Shanghai')
    .requiredOption('--config <file>', 'schedule file (JSON; see examples/schedule.json)')
    .option('--run-now <job>', 'run this job once now and exit')
    .option('--list', 'list the jobs and exit')
    .option('--redis <url>', 'run on a cluster (or $JIANZHEN_REDIS): each job ticks once per cluster however many schedule processes run, and its scans go to `jianzhen worker` processes')
    .option('--database <url>', 'a shared PostgreSQL store postgres://… (or $JIANZHEN_DATABASE) instead of the schedule file\'s db')
    .option('--artifacts <s3-url|dir>', 'with --database: the artifact store, s3://BUCKET/PREFIX (or $JIANZHEN_ARTIFACTS)')
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3)')
    .action(async (flags: { config: string; runNow?: string; list?: boolean; redis?: string; [k: string]: unknown }) => {
      const config = loadScheduleConfig(flags.config);
      const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      const shared = loadConfig(flags);
      const redis = shared.redis;
      // A shared store (--database, or $JIANZHEN_DATABASE) replaces the schedule file's SQLite `db`.
      const store = isPostgresUrl(shared.store.database) ? { store: shared.store } : {};
      // On a cluster the workers render: this process needs no Chromium.
      const cluster: Omit<RunJobOptions, 'now' | 'log'> =
        redis === null
          ? store
          : {
              ...store,
              chromiumPath: '',
              scan: async (s, req, onProgress) =>
                (await import('../../pipeline/cluster/coordinator.js')).runClusterScan(s, req, { redis, log: (line) => process.stderr.write(`${line}\n`) }, onProgress),
            };
      if (redis !== null && !isPostgresUrl(shared.store.database)) {
        log(`schedule: the store is the schedule file's SQLite file ${config.db}; workers on other machines cannot reach it — give --database postgres://… (or $JIANZHEN_DATABASE) and --artifacts s3://… here and to every worker`);
      }
      if (flags.list) {
        for (const j of config.jobs) process.stdout.write(`${j.name}\t${j.kind}\t${j.cron}\n`);
        setExit(0);
        return;
      }
      if (flags.runNow !== undefined) {
        if (!config.jobs.some((j) => j.name === flags.runNow)) {
          throw new UsageError(`--run-now ${flags.runNow}: no such job; jobs: ${config.jobs.map((j) => j.name).join(', ')}`);
        }
        const outcome = await runJob(config, flags.runNow, { log, ...cluster });
        if (outcome.skipped) {
          setExit(1);
          return;
        }
        process.stdout.write(`${JSON.stringify({ run: { ...outcome.run, targets: outcome.run.targets.length, sources: undefined }, resumed: outcome.resumed, webhook: outcome.webhook }, null, 2)}\n`);
        setExit(outcome.webhook && !outcome.webhook.ok ? 1 : 0);
        return;
      }
      const running = redis === null ? startSchedule(config, { log }) : await (await import('../../pipeline/cluster/schedule.js')).startClusterSchedule(config, redis, { log, ...cluster });
      await untilStopped({ ownWay: false });
      await running.stop();
      log('schedule stopped');
      setExit(0);
    });
};
