import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openExistingStore } from '../../reports/output.js';
import { UsageError } from '../../errors.js';
import { rescoreScan } from '../../pipeline/rescore.js';
import { scanJson, summaryTable } from '../output.js';
import type { RegisterCommand } from '../options.js';
import { checkOutputPath, writeOutput } from '../../files.js';

/**
 * `jianzhen rescore [--db FILE] [--scan ID] [--json FILE|-]`: re-scores stored snapshots with the current
 * detectors and rules (after a rules.json change) without visiting any site; prints what moved.
 */
export const registerRescore: RegisterCommand = (program: Command, setExit) => {
  program
    .command('rescore')
    .description('re-score stored snapshots with the current detectors and rules, without visiting any site')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store postgres://… (or $JIANZHEN_DATABASE) instead of the SQLite file')
    .option('--artifacts <s3-url|dir>', 'artifact store: s3://BUCKET/PREFIX or a folder (default: beside the SQLite file)')
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3)')
    .option('--scan <id>', 'the scan to re-score (default: the newest)')
    .option('--json <file>', 'write the re-scored results as JSON to FILE, or - for stdout')
    .addOption(new Option('--lang <lang>', 'language of the reasons (default: from the locale)').choices(['zh', 'en']))
    .action(async (flags: { db?: string; scan?: string; json?: string; lang?: string; [k: string]: unknown }) => {
      const config = loadConfig(flags);
      checkOutputPath(flags.json, '--json');
      const store = await openExistingStore(config.store);
      try {
        const scan = flags.scan ? await store.getScan(flags.scan) : ((await store.listScans(1))[0] ?? null);
        if (!scan) throw new UsageError(flags.scan ? `--scan ${flags.scan}: no such scan in ${store.location}` : `no scan in ${store.location}`);
        const { results, changes } = await rescoreScan(store, scan.id);
        const out = flags.json === '-' ? process.stderr : process.stdout;
        out.write(`${summaryTable(scan, results, null, config.lang)}\n\n`);
        out.write(`re-scored ${results.filter((r) => r.snapshot).length} snapshots of scan ${scan.id}; ${changes.length} verdict(s) or score(s) changed\n`);
        for (const c of changes) out.write(`  ${c.input}: ${c.before.verdict} ${c.before.score} → ${c.after.verdict} ${c.after.score}\n`);
        if (flags.json) {
          const text = `${JSON.stringify(scanJson((await store.getScan(scan.id))!, results, config.lang), null, 2)}\n`;
          writeOutput(flags.json, text);
        }
        setExit(0);
      } finally {
        await store.close();
      }
    });
};
