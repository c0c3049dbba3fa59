/**
 * npm run eval — how good are the verdicts? Scans the labelled corpus through the sandbox (or re-scores the
 * last capture: `--rescore`, no site visited) and prints a confusion table, precision, recall, false
 * positives and platform attribution, separately for the tuning part and each held-aside round (sites marked
 * `holdout`, never tuned on; see CorpusSite.holdout for what each round has and has not been exposed to).
 * The bar: recall ≥ 0.97, zero official/benign called counterfeit, attribution ≥ 0.95, on every part.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findChromium } from '../src/crawler/browser.js';
import { openStore } from '../src/data/store.js';
import { type TargetResult } from '../src/model/result.js';
import { refreshReferences } from '../src/pipeline/references.js';
import { rescoreScan } from '../src/pipeline/rescore.js';
import { runScan } from '../src/pipeline/scan.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import type { CorpusSite } from '../src/sandbox/corpus/types.js';
import { startSandbox } from '../src/sandbox/index.js';

const DB = resolve(process.env['EVAL_DB'] ?? '.jianzhen/eval/eval.db');
const rescore = process.argv.includes('--rescore');
const VERDICTS = ['counterfeit', 'suspicious', 'benign', 'official', 'unreachable'] as const;

const labelled = corpus.filter((s) => s.label === 'counterfeit' || s.label === 'benign' || s.label === 'official');

async function capture(): Promise<TargetResult[]> {
  rmSync(dirname(DB), { recursive: true, force: true });
  mkdirSync(dirname(DB), { recursive: true });
  const sandbox = await startSandbox();
  const store = await openStore(DB);
  try {
    const capture = {
      chromiumPath: findChromium(process.env['JIANZHEN_CHROMIUM'] ?? null),
      proxy: sandbox.proxyUrl,
      dnsServer: sandbox.dnsServer,
      whoisServer: sandbox.whoisServer,
      allowPrivate: false,
      concurrency: 4,
    };
    await refreshReferences(store, capture);
    const report = await runScan(store, { targets: labelled.map((s) => s.host), capture, identity: { eval: true } }, (p) =>
      process.stderr.write(`\reval: captured ${p.done}/${p.total}`),
    );
    process.stderr.write('\n');
    return report.results;
  } finally {
    await store.close();
    await sandbox.close();
  }
}

async function recapture(): Promise<TargetResult[]> {
  const store = await openStore(DB);
  try {
    const scan = (await store.listScans(1))[0];
    if (!scan) throw new Error(`no scan in ${DB}; run npm run eval without --rescore first`);
    const { results, changes } = await rescoreScan(store, scan.id);
    process.stderr.write(`eval: re-scored ${results.length} stored snapshots of scan ${scan.id}; ${changes.length} verdicts changed\n`);
    return results;
  } finally {
    await store.close();
  }
}

function report(part: string, sites: readonly CorpusSite[], byHost: Map<string, TargetResult>): boolean {
  const table = new Map<string, Map<string, number>>();
  for (const s of sites) {
    const v = byHost.get(s.host)?.verdict ?? 'missing';
    const row = table.get(s.label) ?? new Map<string, number>();
    row.set(v, (row.get(v) ?? 0) + 1);
    table.set(s.label, row);
  }
  const fakes = sites.filter((s) => s.label === 'counterfeit');
  const called = sites.filter((s) => byHost.get(s.host)?.verdict === 'counterfeit');
  const tp = fakes.filter((s) => byHost.get(s.host)?.verdict === 'counterfeit');
  const flagged = fakes.filter((s) => ['counterfeit', 'suspicious'].includes(byHost.get(s.host)?.verdict ?? ''));
  const fp = sites.filter((s) => s.label !== 'counterfeit' && byHost.get(s.host)?.verdict === 'counterfeit');
  const attributed = tp.filter((s) => byHost.get(s.host)?.platform === s.platform);
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
  const lines = [
    `\n== ${part}: ${sites.length} sites (${fakes.length} counterfeit, ${sites.filter((s) => s.label === 'benign').length} benign, ${sites.filter((s) => s.label === 'official').length} official)`,
    `${'label \\ verdict'.padEnd(16)}${VERDICTS.map((v) => v.padStart(13)).join('')}`,
    ...['counterfeit', 'benign', 'official'].map(
      (l) => `${l.padEnd(16)}${VERDICTS.map((v) => String(table.get(l)?.get(v) ?? 0).padStart(13)).join('')}`,
    ),
    `recall (counterfeit called counterfeit)   ${ratio(tp.length, fakes.length)}  (${tp.length}/${fakes.length}); flagged incl. suspicious ${ratio(flagged.length, fakes.length)}`,
    `precision                                 ${ratio(tp.length, called.length)}  (${tp.length}/${called.length})`,
    `false positives (benign/official → counterfeit)  ${fp.length}${fp.length ? `: ${fp.map((s) => s.host).join(', ')}` : ''}`,
    `platform attribution                      ${ratio(attributed.length, tp.length)}  (${attributed.length}/${tp.length})`,
  ];
  const misses = fakes.filter((s) => byHost.get(s.host)?.verdict !== 'counterfeit');
  for (const s of misses) {
    const r = byHost.get(s.host);
    lines.push(`  missed ${s.host} → ${r?.verdict} ${r?.score}: ${r?.signals.slice(0, 4).map((x) => `${x.id} ${x.score.toFixed(2)}×${x.weight}`).join(', ') ?? r?.error}`);
  }
  for (const s of attributed.length < tp.length ? tp.filter((x) => byHost.get(x.host)?.platform !== x.platform) : []) {
    lines.push(`  misattributed ${s.host}: ${byHost.get(s.host)?.platform} instead of ${s.platform}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return fakes.length > 0 && tp.length / fakes.length >= 0.97 && fp.length === 0 && (tp.length === 0 || attributed.length / tp.length >= 0.95);
}

const results = rescore && existsSync(DB) ? await recapture() : await capture();
const byHost = new Map(results.map((r) => [r.input, r]));
const parts = [
  ['tuning part', labelled.filter((s) => s.holdout === undefined)],
  ['held-aside round 1 (never tuned on; read once, 2026-11-23)', labelled.filter((s) => s.holdout === 1)],
  ['held-aside round 2 (never tuned on; second author; read once, 2026-11-23)', labelled.filter((s) => s.holdout === 2)],
  ['held-aside round 3 (never tuned on; third author, blind)', labelled.filter((s) => s.holdout === 3)],
] as const;
const met = parts.map(([name, sites]) => [name.split(' (')[0]!, sites.length === 0 ? null : report(name, sites, byHost)] as const);
process.stdout.write(
  `\nthe bar (recall ≥ 0.97, no false counterfeit, attribution ≥ 0.95): ${met.map(([n, ok]) => `${n} ${ok === null ? 'empty' : ok ? 'met' : 'NOT met'}`).join('; ')}\n`,
);
process.stdout.write(`store: ${DB} (re-score without visiting: npm run eval -- --rescore)\n`);

// ---------------------------------------------------------------------------------------------------
// Operators (串并案): pairwise precision and recall of "same operator" against CorpusSite.operator, per part.

/**
 * Regroups the evaluated store's sites into operators and compares every pair of a part's sites: a pair is
 * truly the same operator when both carry one `operator` label, and is called so when both sit in one
 * operator. A part with no operator labels (rounds written before operators existed) only lists what was
 * linked. The bar: precision and recall ≥ 0.9 on every labelled part, and no site without a label ever linked.
 */
async function operatorEval(db: string, sites: readonly CorpusSite[]): Promise<boolean> {
  const { recomputeOperators } = await import('../src/pipeline/operators.js');
  const { operatorMembership } = await import('../src/data/operators.js');
  const store = await openStore(db);
  let membership: Map<string, string>;
  try {
    const r = await recomputeOperators(store);
    membership = await operatorMembership(store);
    process.stdout.write(`\n== operators: ${r.operators} found among ${r.inScope} flagged sites; ${r.excluded.length} shared identifiers link nothing\n`);
  } finally {
    await store.close();
  }
  const pairs = (list: readonly CorpusSite[]) => list.flatMap((a, i) => list.slice(i + 1).map((b) => [a, b] as const));
  const partsOf = [
    ['tuning part', sites.filter((s) => s.holdout === undefined)],
    ...([1, 2, 3] as const).map((n) => [`held-aside round ${n}`, sites.filter((s) => s.holdout === n)] as const),
  ] as const;
  let met = true;
  for (const [name, part] of partsOf) {
    if (part.length === 0) continue;
    const all = pairs(part);
    const truth = all.filter(([a, b]) => a.operator !== undefined && a.operator === b.operator);
    const called = all.filter(([a, b]) => membership.has(a.host) && membership.get(a.host) === membership.get(b.host));
    const right = called.filter(([a, b]) => a.operator !== undefined && a.operator === b.operator);
    const show = ([a, b]: readonly [CorpusSite, CorpusSite]) => `${a.host} ~ ${b.host}`;
    const strays = part.filter((s) => s.operator === undefined && membership.has(s.host));
    if (!part.some((s) => s.operator !== undefined)) {
      process.stdout.write(`${name}: no operator labels; ${called.length} pair(s) linked${called.length ? `: ${called.map(show).join(', ')}` : ''}\n`);
      continue;
    }
    const ratio = (x: number, y: number) => (y === 0 ? 'n/a' : (x / y).toFixed(3));
    const precision = called.length === 0 ? 1 : right.length / called.length;
    const recall = truth.length === 0 ? 1 : right.length / truth.length;
    process.stdout.write(
      `${name}: pairwise precision ${ratio(right.length, called.length)} (${right.length}/${called.length}), recall ${ratio(right.length, truth.length)} (${right.length}/${truth.length}); ` +
        `sites without an operator linked: ${strays.length ? strays.map((s) => s.host).join(', ') : 'none'}\n`,
    );
    for (const p of truth.filter((t) => !right.includes(t))) process.stdout.write(`  missed ${show(p)} (${p[0].operator})\n`);
    for (const p of called.filter((c) => !right.includes(c))) process.stdout.write(`  wrongly linked ${show(p)}\n`);
    met &&= precision >= 0.9 && recall >= 0.9 && strays.length === 0;
  }
  process.stdout.write(`the operators bar (pairwise precision and recall ≥ 0.9, no unlabelled site linked): ${met ? 'met' : 'NOT met'}\n`);
  return met;
}

await operatorEval(DB, labelled);
