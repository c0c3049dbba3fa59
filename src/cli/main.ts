import { Command, CommanderError, Option } from 'commander';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, type Config } from '../config/index.js';
import { findChromium } from '../crawler/browser.js';
import { openStore } from '../data/store.js';
import { JianzhenError, UsageError, errorMessage } from '../errors.js';
import { refreshReferences } from '../pipeline/references.js';
import { RENDER_MODES, type RenderMode, type TargetSource } from '../pipeline/funnel.js';
import { runScan } from '../pipeline/scan.js';
import { commands } from './commands/index.js';
import { progressPrinter, scanJson, summaryTable } from './output.js';
import { addSeedOptions, gatherSeedTargets } from './seeds.js';

/** A target list line that is not a URL or host name, reported with its file and line. */
interface ListProblem {
  readonly where: string;
  readonly message: string;
}

/** Reads one `--input` file: one target a line; blank lines and lines starting with # are skipped. */
export function readTargetList(file: string): string[] {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--input ${file}: is a directory, expected a text file`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--input ${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
  if (text.includes('\u0000')) throw new UsageError(`--input ${file}: binary file, expected one target a line`);
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addNetOptions(cmd: Command): Command {
  return cmd
    .option('--proxy <url>', 'send every HTTP(S) request of the scan through this HTTP proxy')
    .option('--dns <host:port>', 'resolver used for the DNS checks')
    .option('--whois <host:port>', 'send every WHOIS query to this server instead of the registry')
    .option('--allow-private', 'allow targets that resolve to loopback, private or link-local addresses')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--chromium <path>', 'Chromium binary (default $JIANZHEN_CHROMIUM, /usr/bin/chromium, chromium-browser)');
}

function captureOptions(config: Config, chromiumPath: string, flags: { probe?: unknown } = {}) {
  return {
    chromiumPath,
    proxy: config.proxy,
    dnsServer: config.dns,
    whoisServer: config.whois,
    allowPrivate: config.allowPrivate,
    concurrency: config.concurrency,
    // commander sets probe: false for --no-probe; anything else keeps the default (probe once per host).
    probe: flags.probe !== false,
  };
}

/** Checks that `--json FILE` can be written before any work starts. */
function checkJsonPath(json: string | undefined): void {
  if (!json || json === '-') return;
  const dir = dirname(resolve(json));
  if (!existsSync(dir)) throw new UsageError(`--json ${json}: folder ${dir} does not exist`);
  if (existsSync(json) && statSync(json).isDirectory()) throw new UsageError(`--json ${json}: is a directory`);
}

function writeJson(json: string, doc: unknown): void {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (json === '-') {
    process.stdout.write(text);
    return;
  }
  const tmp = `${json}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, json);
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
  [k: string]: unknown;
}

/** `jianzhen scan`: returns the exit code (0 done, 1 some targets failed, 2 bad input). */
async function scanCommand(flags: ScanFlags): Promise<number> {
  const config = loadConfig(flags);
  checkJsonPath(flags.json);
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
  const chromiumPath = findChromium(config.chromium);
  mkdirSync(dirname(config.db), { recursive: true });
  const store = openStore(config.db);
  const started = Date.now();
  const progress = progressPrinter(process.stderr);
  try {
    const report = await runScan(
      store,
      {
        targets,
        capture: captureOptions(config, chromiumPath, flags),
        identity: { proxy: config.proxy, dns: config.dns, whois: config.whois, allowPrivate: config.allowPrivate },
        fresh: flags.fresh === true,
        // Only a scan with discovered targets or an explicit --render uses the funnel (pipeline/funnel.ts).
        ...(flags.render !== undefined || sources.includes('search') ? { render: (flags.render ?? 'discovered') as RenderMode, sources } : {}),
      },
      (p) => progress.update(p),
    );
    if (report.resumed > 0) process.stderr.write(`resumed scan ${report.scan.id}: ${report.resumed} targets were already done\n`);
    for (const r of report.results) {
      if (r.error?.startsWith('invalid target')) problems.push({ where: `target ${r.index + 1} ${JSON.stringify(r.input)}`, message: r.error });
    }
    for (const f of report.detectorFailures) process.stderr.write(`detector ${f.detector} failed on target ${f.index + 1}: ${f.error}\n`);
    const table = summaryTable(report.scan, report.results, Date.now() - started);
    if (flags.json === '-') process.stderr.write(`${table}\n`);
    else process.stdout.write(`${table}\n`);
    if (flags.json) writeJson(flags.json, scanJson(report.scan, report.results));
    for (const p of problems) process.stderr.write(`jianzhen: ${p.where}: ${p.message}\n`);
    if (problems.length > 0) return 2;
    return report.results.some((r) => r.error !== null) ? 1 : 0;
  } finally {
    store.close();
  }
}

async function referencesRefreshCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const chromiumPath = findChromium(config.chromium);
  mkdirSync(dirname(config.db), { recursive: true });
  const store = openStore(config.db);
  try {
    const outcomes = await refreshReferences(store, captureOptions(config, chromiumPath), (o) => {
      const line = o.ok ? `ok    ${o.platform}  ${o.url} → ${o.finalUrl}  "${o.title}"` : `FAIL  ${o.platform}  ${o.url}: ${o.error}`;
      process.stderr.write(`references ${line}${o.notes.length ? `  (${o.notes.join('; ')})` : ''}\n`);
    });
    const platforms = new Set(outcomes.map((o) => o.platform));
    const missing = [...platforms].filter((p) => !outcomes.some((o) => o.platform === p && o.ok));
    process.stdout.write(`references: ${platforms.size - missing.length}/${platforms.size} platforms stored in ${config.db}\n`);
    if (missing.length) process.stderr.write(`jianzhen: no reference captured for ${missing.join(', ')}\n`);
    return missing.length ? 1 : 0;
  } finally {
    store.close();
  }
}

/** Builds the command tree; commands are declared as data with typed options (STYLE.md). */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('jianzhen')
    .description('鉴真 — find counterfeit copies of Chinese government certificate-query sites and turn them into evidence')
    .version('0.1.0')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

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
      .option('--fresh', 'start a new scan even if an unfinished one of the same targets exists')
      .addOption(
        new Option('--render <mode>', 'browser renders: all (every target), auto (every target through the funnel), discovered (default: the funnel for discovered targets, a render for targets named with --url/--input)').choices([...RENDER_MODES]),
      )
      .option('--no-probe', 'do not submit query forms (by default each host\'s certificate-query form is submitted once with an impossible certificate)'),
  )).action(async (flags: ScanFlags) => setExit(await scanCommand(flags)));

  const references = program.command('references').description('reference captures of the official platforms');
  addNetOptions(
    references.command('refresh').description('visit every official platform entry point and store its reference capture'),
  ).action(async (flags: Record<string, unknown>) => setExit(await referencesRefreshCommand(flags)));

  program
    .command('sandbox')
    .description('run the bundled sandbox internet (proxy, DNS, WHOIS, SearXNG) on loopback until Ctrl-C')
    .option('--host <addr>', 'loopback address to bind', '127.0.0.1')
    .action(async (flags: { host: string }) => {
      if (!/^127\.|^::1$|^localhost$/.test(flags.host)) throw new UsageError('--host: the sandbox only ever binds a loopback address');
      const { runSandboxCommand } = await import('../sandbox/index.js');
      await runSandboxCommand({ host: flags.host });
      setExit(0);
    });

  program
    .command('demo')
    .description('start the bundled sandbox, refresh references, scan the whole corpus and print the summary')
    .option('--db <file>', 'store for the demo (default .jianzhen/demo/jianzhen.db, recreated each run)')
    .option('--chromium <path>', 'Chromium binary')
    .option('--keep', 'keep the sandbox running after the summary (Ctrl-C to stop)')
    .action(async (flags: Record<string, unknown>) => {
      const { runDemo } = await import('./demo.js');
      setExit(await runDemo(flags));
    });

  for (const register of commands) register(program, setExit);
  return program;
}

/** Entry point: maps errors to DESIGN.md's exit codes (2 bad input, 3 missing component). */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed the message (unknown option, missing argument, …)
    }
    if (err instanceof JianzhenError) {
      process.stderr.write(`jianzhen: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`jianzhen: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] && /(?:^|[/\\])(?:main\.ts|jianzhen(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  process.on('SIGINT', () => {
    process.stderr.write('\njianzhen: interrupted; finished targets are stored — run the same command again to resume\n');
    process.exit(130);
  });
  process.exitCode = await main(process.argv.slice(2));
}
