import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { findChromium } from '../../crawler/browser.js';
import { openStore } from '../../data/store.js';
import { JianzhenError, UsageError } from '../../errors.js';
import { checkOutputPath, writeOutput } from '../../files.js';
import { RENDER_MODES, type RenderMode, type TargetSource } from '../../pipeline/funnel.js';
import { formatProfile, profileOf, viewCounts } from '../../pipeline/profile.js';
import { ScanUnfinishedError } from '../../pipeline/result-writer.js';
import { runScan, type ScanRequest } from '../../pipeline/scan.js';
import { targetForMessage } from '../../crawler/targets.js';
import { addNetOptions, captureOptions, collect, readTargetList, type RegisterCommand } from '../options.js';
import { progressPrinter, scanJson, summaryTable } from '../output.js';
import { addSeedOptions, gatherSeedTargets } from '../seeds.js';

/** A target list line that is not a URL or host name, reported with its file and line. */
interface ListProblem {
  readonly where: string;
  readonly message: string;
}

interface ScanFlags {
  input?: string[];
  url?: string[];
  search?: string[];
  searxng?: string;
  json?: string;
  concurrency?: string;
  fresh?: boolean;
  probe?: boolean;
  render?: string;
  profile?: boolean;
  [k: string]: unknown;
}

/**
 * Runs the scan; one stopped unfinished (its store failed) says so in one sentence, with what became of --json:
 * it is written only for a finished scan, so a reader never takes a partial list for the whole.
 */
async function scanOrExplain<T>(json: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ScanUnfinishedError) || !json) throw err;
    const where = json === '-' ? 'stdout' : json;
    throw new JianzhenError(err.code, `${err.message} (--json was not written to ${where}: it is written when the scan finishes)`, err.exitCode, { cause: err });
  }
}

/** `jianzhen scan`: returns the exit code (0 done, 1 some targets failed, 2 bad input). */
async function scanCommand(flags: ScanFlags): Promise<number> {
  const config = loadConfig(flags);
  checkOutputPath(flags.json, '--json');
  const targets: string[] = [];
  const problems: ListProblem[] = [];
  for (const file of flags.input ?? []) targets.push(...readTargetList(file));
  targets.push(...(flags.url ?? []));
  // Discovery seeds (search engines, feeds, CT, certificate QR codes): cli/seeds.ts.
  const seeded = await gatherSeedTargets(flags, config);
  for (const n of seeded.notes) process.stderr.write(`${n}\n`);
  // --input/--url are named explicitly; seeded targets are discovered (feed and CT names already passed the
  // seed-side domain screen, so the funnel treats them like search hits: DNS, HTTP, then a render if needed).
  const sources: TargetSource[] = targets.map(() => 'explicit');
  for (const t of seeded.targets) if (!targets.includes(t)) targets.push(t), sources.push('search');
  if (targets.length === 0) throw new UsageError('no targets: give --input FILE, --url URL, --search "KEYWORDS", --feed, --ct-log, --certstream or --qr');
  // On a cluster the workers render, each with its own Chromium: the coordinator needs none.
  const chromiumPath = config.redis === null ? findChromium(config.chromium) : '';
  const store = await openStore(config.store);
  const started = Date.now();
  const progress = progressPrinter(process.stderr);
  try {
    const request: ScanRequest = {
      targets,
      capture: captureOptions(config, chromiumPath, flags),
      identity: { proxy: config.proxy, dns: config.dns, whois: config.whois, allowPrivate: config.allowPrivate },
      fresh: flags.fresh === true,
      ...(config.storeWait === null ? {} : { storeWaitMs: config.storeWait * 1000 }),
      // Only a scan with discovered targets or an explicit --render uses the funnel (pipeline/funnel.ts).
      ...(flags.render !== undefined || sources.includes('search') ? { render: (flags.render ?? 'discovered') as RenderMode, sources } : {}),
    };
    const redis = config.redis;
    const report = await scanOrExplain(flags.json, async () =>
      redis === null
        ? runScan(store, request, (p) => progress.update(p))
        // BullMQ is loaded only by the commands that use it: a scan on one machine starts as fast as before.
        : (await import('../../pipeline/cluster/coordinator.js')).runClusterScan(store, request, { redis, log: (line) => process.stderr.write(`${line}\n`) }, (p) => progress.update(p)),
    );
    if (report.resumed > 0) process.stderr.write(`resumed scan ${report.scan.id}: ${report.resumed} targets were already done\n`);
    for (const r of report.results) {
      if (r.error?.startsWith('invalid target')) problems.push({ where: `target ${r.index + 1} ${targetForMessage(r.input)}`, message: r.error });
    }
    for (const f of report.detectorFailures) process.stderr.write(`detector ${f.detector} failed on target ${f.index + 1}: ${f.error}\n`);
    const table = summaryTable(report.scan, report.results, Date.now() - started, config.lang);
    if (flags.json === '-') process.stderr.write(`${table}\n`);
    else process.stdout.write(`${table}\n`);
    if (flags.json) writeOutput(flags.json, `${JSON.stringify(scanJson(report.scan, report.results, config.lang), null, 2)}\n`);
    for (const p of problems) process.stderr.write(`jianzhen: ${p.where}: ${p.message}\n`);
    if (flags.profile) {
      // Only this run's results: a resumed scan's earlier targets were timed by the run that did them.
      const mine = report.results.filter((r) => !report.resumedIndexes.has(r.index));
      process.stderr.write(`\nwhere the time went (${mine.length} targets; per-step sums, four visits at once each count their own):\n${formatProfile(profileOf(mine), viewCounts(mine))}\n`);
    }
    if (problems.length > 0) return 2;
    return report.results.some((r) => r.error !== null) ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `jianzhen scan`. */
export const registerScan: RegisterCommand = (program: Command, setExit) => {
  addSeedOptions(addNetOptions(
    program
      .command('scan')
      .description('scan targets (URLs or bare host names) and give each a verdict')
      .option('--input <file>', 'a text file, one target a line (# comments); repeatable', collect)
      .option('--url <url>', 'a target URL or host name; repeatable', collect)
      .option('--search <keywords>', 'seed targets from a keyword search (needs --searxng); repeatable', collect)
      .option('--searxng <url>', 'SearXNG instance for --search (JSON API)')
      .option('--json <file>', 'write the results as JSON to FILE, or - for stdout')
      .addOption(new Option('--concurrency <n>', 'pages rendered at once').default('4'))
      .option('--redis <url>', 'run the scan on a cluster: put its targets on the queues of this Redis (or $JIANZHEN_REDIS) for `jianzhen worker` processes, and wait for their results in the shared store (--database, --artifacts)')
      .option('--fresh', 'start a new scan even if an unfinished one of the same targets exists')
      .option('--store-wait <seconds>', 'how long a result waits for a store another program holds locked before the scan stops, unfinished and resumable (default 60)')
      .addOption(
        new Option('--render <mode>', 'browser renders: all (every target), auto (every target through the funnel), discovered (default: the funnel for discovered targets, a render for targets named with --url/--input)').choices([...RENDER_MODES]),
      )
      .addOption(new Option('--lang <lang>', 'language of the reasons in the summary and in --json (default: from LC_ALL/LC_MESSAGES/LANG, zh for a zh_* locale)').choices(['zh', 'en']))
      .option('--no-probe', 'do not submit query forms (by default each host\'s certificate-query form is submitted once with an impossible certificate)')
      .option('--profile', 'print at the end where the time went: the sum of each step (DNS, WHOIS, navigation, settle, screenshot, each extra view, each detector) over the targets'),
  )).action(async (flags: ScanFlags) => setExit(await scanCommand(flags)));
};
