import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { listEvidencePackets } from '../../data/reports.js';
import { audit } from '../../data/review.js';
import { UsageError } from '../../errors.js';
import { digests } from '../../reports/evidence/manifest.js';
import { actorOf, checkOutPath, openExistingStore, writeOut } from '../../reports/output.js';
import { allSiteRecords } from '../../reports/sites.js';
import { STATS_FORMATS, computeStats, periodBounds, renderStats, type StatsFormat } from '../../reports/stats/index.js';
import type { RegisterCommand } from '../options.js';

interface StatsFlags {
  from: string;
  to: string;
  format?: string;
  out?: string;
  actor?: string;
  db?: string;
  [k: string]: unknown;
}

/** `jianzhen stats --from DATE --to DATE --format csv|xlsx|html [--out FILE]`: the campaign table's network columns. */
export const registerStats: RegisterCommand = (program: Command, setExit) => {
  program
    .command('stats')
    .description('campaign statistics for a period: counterfeit platforms found, information cleared, clues handed over')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (Beijing time)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (Beijing time), included')
    .option('--format <format>', `one of ${STATS_FORMATS.join(', ')}`, 'csv')
    .option('--out <file>', 'write to FILE (default: stdout; required for xlsx on a terminal)')
    .option('--actor <name>', 'who exports it, for the audit log (default: the OS user)')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store postgres://… (or $JIANZHEN_DATABASE) instead of the SQLite file')
    .option('--artifacts <s3-url|dir>', 'artifact store: s3://BUCKET/PREFIX or a folder (default: beside the SQLite file)')
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3)')
    .action(async (flags: StatsFlags) => {
      const format = flags.format as StatsFormat;
      if (!STATS_FORMATS.includes(format)) throw new UsageError(`--format ${flags.format}: expected one of ${STATS_FORMATS.join(', ')}`);
      periodBounds(flags.from, flags.to);
      if (format === 'xlsx' && !flags.out && process.stdout.isTTY) throw new UsageError('--format xlsx: give --out FILE (binary output)');
      checkOutPath(flags.out);
      const config = loadConfig(flags);
      const store = await openExistingStore(config.store);
      try {
        const firstPacket = new Map<string, string>();
        for (const p of await listEvidencePackets(store)) if (!firstPacket.has(p.host)) firstPacket.set(p.host, p.builtAt);
        const report = computeStats(await allSiteRecords(store), flags.from, flags.to, firstPacket);
        const data = await renderStats(report, format);
        writeOut(flags.out, data);
        await audit(store, {
          actor: actorOf(flags.actor),
          action: 'export.stats',
          subject: `${flags.from}..${flags.to}`,
          detail: { format, out: flags.out ?? '-', sha256: digests(data).sha256, counterfeitPlatforms: report.counterfeitPlatforms, cleared: report.cleared, cluesHandedOver: report.cluesHandedOver },
        });
        process.stderr.write(`stats ${flags.from}..${flags.to}: 查出 ${report.counterfeitPlatforms}, 清理 ${report.cleared}, 移交 ${report.cluesHandedOver}\n`);
        setExit(0);
      } finally {
        await store.close();
      }
    });
};
