import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../files.js';
import { dirname, join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import { findChromium } from '../crawler/browser.js';
import { createUser } from '../data/accounts.js';
import { openStore } from '../data/store.js';
import { refreshReferences } from '../pipeline/references.js';
import { runScan } from '../pipeline/scan.js';
import { corpus } from '../sandbox/corpus/index.js';
import { startSandbox } from '../sandbox/index.js';
import { DEFAULT_PORT, startConsole } from '../review/server.js';
import { progressPrinter, scanJson, summaryTable } from './output.js';
import { hostOf } from '../model/host.js';

const DEMO_DB = '.jianzhen/demo/jianzhen.db';

/** The targets the demo scans: every corpus host as an analyst's list would hold it (bare hosts and URLs). */
export function demoTargets(): string[] {
  return corpus
    .filter((s) => s.label !== 'official')
    .map((s, i) => s.entry ?? (i % 3 === 0 ? `http://${s.host}/` : s.host));
}

/** Scores the demo's verdicts against the corpus labels: what a reader of the demo wants to know first. */
function labelCheck(results: readonly { input: string; verdict: string; host: string | null }[]): string {
  const label = new Map(corpus.map((s) => [s.host, s.label]));
  let fakes = 0, caught = 0, flagged = 0, benign = 0, wrongBenign = 0;
  const misses: string[] = [];
  for (const r of results) {
    const l = label.get(hostOf(r.input) ?? r.input);
    if (l === 'counterfeit') {
      fakes++;
      if (r.verdict === 'counterfeit') caught++;
      else if (r.verdict === 'suspicious') flagged++;
      else misses.push(`${hostOf(r.input)} (${r.verdict})`);
    } else if (l === 'benign') {
      benign++;
      if (r.verdict === 'counterfeit') wrongBenign++, misses.push(`benign ${hostOf(r.input)} called counterfeit`);
    }
  }
  return [
    `against the corpus labels: ${caught}/${fakes} counterfeits called counterfeit, ${flagged} more suspicious; ` +
      `${wrongBenign}/${benign} benign look-alikes wrongly called counterfeit`,
    ...(misses.length ? [`  not caught: ${misses.join(', ')}`] : []),
  ].join('\n');
}

/** `jianzhen demo`: the sandbox, a reference refresh and a scan of the whole corpus, then the summary. */
export async function runDemo(flags: Record<string, unknown>): Promise<number> {
  const dbFile = resolve(String(flags['db'] ?? DEMO_DB));
  const chromiumPath = findChromium(loadConfig({ chromium: flags['chromium'] }).chromium);
  if (!flags['db']) rmSync(dirname(dbFile), { recursive: true, force: true });
  mkdirSync(dirname(dbFile), { recursive: true });
  process.stderr.write('demo: starting the sandbox internet on loopback…\n');
  const sandbox = await startSandbox();
  process.stderr.write(
    `demo: proxy ${sandbox.proxyUrl}  dns ${sandbox.dnsServer}  whois ${sandbox.whoisServer}  searxng ${sandbox.searxngUrl}\n`,
  );
  const store = await openStore(dbFile);
  try {
    const config = loadConfig({ proxy: sandbox.proxyUrl, dns: sandbox.dnsServer, whois: sandbox.whoisServer, db: dbFile, chromium: chromiumPath, lang: flags['lang'], concurrency: flags['concurrency'] });
    const capture = {
      chromiumPath,
      proxy: config.proxy,
      dnsServer: config.dns,
      whoisServer: config.whois,
      allowPrivate: false,
      concurrency: config.concurrency,
    };
    process.stderr.write('demo: refreshing the official platforms’ reference captures…\n');
    const refs = await refreshReferences(store, capture, (o) =>
      process.stderr.write(`  ${o.ok ? 'ok  ' : 'FAIL'} ${o.platform} ${o.url}${o.ok ? ` — ${o.title}` : `: ${o.error}`}\n`),
    );
    const targets = demoTargets();
    process.stderr.write(`demo: scanning ${targets.length} sites of the bundled corpus through the sandbox…\n`);
    const started = Date.now();
    const progress = progressPrinter(process.stderr, 'demo');
    const report = await runScan(store, { targets, capture, identity: { demo: true }, fresh: true }, (p) => progress.update(p));
    process.stdout.write(`${summaryTable(report.scan, report.results, Date.now() - started, config.lang)}\n\n`);
    process.stdout.write(`${labelCheck(report.results)}\n`);
    const jsonFile = join(dirname(dbFile), 'scan.json');
    writeFileAtomic(jsonFile, `${JSON.stringify(scanJson(report.scan, report.results, config.lang), null, 2)}\n`);
    const rel = (f: string) => relative(process.cwd(), f) || f;
    process.stdout.write(
      `\nreferences: ${refs.filter((r) => r.ok).length}/${refs.length} entry points captured\n` +
        `store: ${rel(dbFile)}   JSON: ${rel(jsonFile)}   screenshots: ${rel(join(dirname(dbFile), 'artifacts'))}/\n` +
        `scan it yourself:  npx jianzhen sandbox   (then the printed "jianzhen scan …" line)\n`,
    );
    // The review console: a demo account with a fresh random password, printed once.
    const password = randomBytes(9).toString('base64url');
    await createUser(store, { name: 'demo', role: 'supervisor', password });
    if (flags['keep']) {
      const web = await startConsole({ store, capture, identity: { demo: true }, port: DEFAULT_PORT }).catch((err: NodeJS.ErrnoException) =>
        err.code === 'EADDRINUSE' ? startConsole({ store, capture, identity: { demo: true }, port: 0 }) : Promise.reject(err),
      );
      process.stdout.write(`\nreview console: ${web.url}/   user demo   password ${password}\n`);
      process.stderr.write('demo: sandbox and console still running; Ctrl-C to stop\n');
      await new Promise<void>((r) => process.once('SIGINT', () => r()));
      await web.close();
    } else {
      process.stdout.write(
        `\nreview console:  npx jianzhen review --db ${rel(dbFile)}   then open http://127.0.0.1:${DEFAULT_PORT}/   user demo   password ${password}\n` +
          `(or run the demo with --keep to keep the sandbox and the console running)\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
    await sandbox.close();
  }
}
