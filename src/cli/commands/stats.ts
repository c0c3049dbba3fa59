import type { Command } from 'commander';
import { listEvidencePackets } from '../../data/reports.js';
import { audit } from '../../data/review.js';
import { UsageError } from '../../errors.js';
import { digests } from '../../reports/evidence/manifest.js';
import { actorOf, checkOutPath, writeOut } from '../../reports/output.js';
import { allSiteRecords } from '../../reports/sites.js';
import { STATS_FORMATS, computeStats, periodBounds, renderStats, type StatsFormat } from '../../reports/stats/index.js';
import { addActorOptions, withStore, type RegisterCommand, type ExportFlags } from '../options.js';

interface StatsFlags extends ExportFlags {
  from: string;
  to: string;
}

/** `jianzhen stats --from DATE --to DATE --format csv|xlsx|html [--out FILE]`: the campaign table's network columns. */
export const registerStats: RegisterCommand = (program: Command, setExit) => {
  const stats = program
    .command('stats')
    .description('campaign statistics for a period: counterfeit platforms found, information cleared, clues handed over')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (Beijing time)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (Beijing time), included')
    .option('--format <format>', `one of ${STATS_FORMATS.join(', ')}`, 'csv')
    .option('--out <file>', 'write to FILE (default: stdout; required for xlsx on a terminal)');
  addActorOptions(stats, 'who exports it').action(async (flags: StatsFlags) => {
    const format = flags.format as StatsFormat;
    if (!STATS_FORMATS.includes(format)) throw new UsageError(`--format ${flags.format}: expected one of ${STATS_FORMATS.join(', ')}`);
    periodBounds(flags.from, flags.to);
    if (format === 'xlsx' && !flags.out && process.stdout.isTTY) throw new UsageError('--format xlsx: give --out FILE (binary output)');
    checkOutPath(flags.out);
    await withStore(flags, async (store) => {
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
    });
  });
};
