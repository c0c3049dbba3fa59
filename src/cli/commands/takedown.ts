import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { audit } from '../../data/review.js';
import { UsageError } from '../../errors.js';
import { digests } from '../../reports/evidence/manifest.js';
import { actorOf, checkOutPath, writeOut } from '../../reports/output.js';
import { selectSites } from '../../reports/sites.js';
import { TAKEDOWN_FORMATS, renderTakedown, takedownRows, type TakedownFormat } from '../../reports/takedown/index.js';
import { addActorOptions, withStore, type RegisterCommand, type ExportFlags } from '../options.js';

/** File names of `--format all`, by the extension each receiving system expects. */
const FILE_SUFFIX: Record<TakedownFormat, string> = {
  csv: '.csv',
  json: '.json',
  stix: '.stix.json',
  iodef: '.iodef.xml',
  rpz: '.rpz.zone',
  hosts: '.hosts',
};

interface TakedownFlags extends ExportFlags {
  includeUnreviewed?: boolean;
  minScore?: string;
  zone?: string;
}

/**
 * `jianzhen takedown --format csv|json|stix|iodef|rpz|hosts [--out FILE]`: the takedown list for telecom
 * administrators — analyst-confirmed sites only, unless `--include-unreviewed --min-score N`.
 */
export const registerTakedown: RegisterCommand = (program: Command, setExit) => {
  const takedown = program
    .command('takedown')
    .description('takedown list of analyst-confirmed sites for telecom administrators')
    .requiredOption('--format <format>', `one of ${TAKEDOWN_FORMATS.join(', ')}, or all (needs --out DIR)`)
    .option('--out <file>', 'write to FILE (default: stdout); with --format all, a folder')
    .option('--include-unreviewed', 'also list undecided sites whose verdict is counterfeit or suspicious (needs --min-score)')
    .option('--min-score <n>', 'with --include-unreviewed: the lowest score listed')
    .option('--zone <name>', 'RPZ zone name written in its header (the records are relative, so the file loads under any zone name)', 'rpz.jianzhen');
  addActorOptions(takedown, 'who exports it').action(async (flags: TakedownFlags) => {
    const all = flags.format === 'all';
    const format = flags.format as TakedownFormat;
    if (all && !flags.out) throw new UsageError('--format all: give --out DIR (one file per format)');
    if (!all && !TAKEDOWN_FORMATS.includes(format)) throw new UsageError(`--format ${flags.format}: expected one of ${TAKEDOWN_FORMATS.join(', ')}`);
    if (flags.includeUnreviewed && flags.minScore === undefined) throw new UsageError('--include-unreviewed needs --min-score N');
    if (flags.minScore !== undefined && !flags.includeUnreviewed) throw new UsageError('--min-score only applies with --include-unreviewed');
    const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 100)) throw new UsageError(`--min-score ${flags.minScore}: expected 0..100`);
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(flags.zone ?? '')) throw new UsageError(`--zone ${flags.zone}: not a DNS name`);
    if (all) fs.mkdirSync(flags.out!, { recursive: true });
    else checkOutPath(flags.out);
    await withStore(flags, async (store) => {
      const rows = takedownRows(await selectSites(store, { includeUnreviewed: flags.includeUnreviewed === true, minScore }));
      const now = new Date();
      for (const f of all ? TAKEDOWN_FORMATS : [format]) {
        const data = renderTakedown(rows, f, { zone: flags.zone, now });
        const out = all ? path.join(flags.out!, `takedown${FILE_SUFFIX[f]}`) : flags.out;
        writeOut(out, data);
        await audit(store, {
          actor: actorOf(flags.actor),
          action: 'export.takedown',
          subject: f,
          detail: { format: f, sites: rows.length, hosts: rows.map((r) => r.host), out: out ?? '-', sha256: digests(data).sha256, includeUnreviewed: flags.includeUnreviewed === true, minScore: minScore ?? null },
        });
        process.stderr.write(`takedown: ${rows.length} site(s) as ${f}${out ? ` → ${out}` : ''}\n`);
      }
      setExit(0);
    });
  });
};
