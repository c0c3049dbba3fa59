/**
 * npm run eval — how good are the verdicts? Scans the labelled corpus through the sandbox (or re-scores the
 * last capture: `--rescore`, no site visited) and prints, for the tuning part and each held-aside round apart,
 * the confusion table and recall with and without the probe, false counterfeits, platform attribution and the
 * review load, against the bars (bench/evaluation.ts). The sandbox's clock makes the figures the same any day.
 * `--verify-no-probe` also scans the corpus with the probe really off and lists any verdict that differs from
 * the re-score without the probe. Then the operators (串并案): pairwise precision and recall of "same operator"
 * against the corpus's operator labels, per part. Exit code 1 when a bar is missed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore } from '../src/data/store.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import type { CorpusSite } from '../src/sandbox/corpus/types.js';
import { captureCorpus, evaluateStore, formatEvaluation, missedBars, verifyNoProbe } from './evaluation.js';

const DB = resolve(process.env['EVAL_DB'] ?? '.jianzhen/eval/eval.db');
const rescore = process.argv.includes('--rescore');
const progress = (label: string) => (done: number, total: number) => process.stderr.write(`\reval: ${label} ${done}/${total}`);

let captureMs: number | null = null;
if (!(rescore && existsSync(DB))) {
  const started = Date.now();
  await captureCorpus(DB, { onProgress: progress('captured') });
  captureMs = Date.now() - started;
  process.stderr.write(`\neval: corpus captured in ${(captureMs / 1000).toFixed(0)} s\n`);
}
const evaluation = await evaluateStore(DB, { rescore, captureMs });
process.stdout.write(formatEvaluation(evaluation));
if (process.argv.includes('--verify-no-probe')) {
  const diff = await verifyNoProbe(DB, resolve(DB, '../no-probe/eval.db'), progress('captured without the probe'));
  process.stderr.write('\n');
  process.stdout.write(
    diff.length === 0
      ? 'a real --no-probe scan gives exactly the verdicts and scores of the re-score without the probe\n'
      : `a real --no-probe scan differs from the re-score without the probe on ${diff.length} site(s):\n  ${diff.join('\n  ')}\n`,
  );
}
process.stdout.write(`store: ${DB} (re-score without visiting: npm run eval -- --rescore)\n`);
process.exitCode = missedBars(evaluation).length === 0 ? 0 : 1;

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
    ...[...new Set(sites.flatMap((s) => (s.holdout === undefined ? [] : [s.holdout])))].sort().map((n) => [`held-aside round ${n}`, sites.filter((s) => s.holdout === n)] as const),
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

const operatorsMet = await operatorEval(DB, corpus.filter((s) => s.label === 'counterfeit' || s.label === 'benign' || s.label === 'official'));
if (!operatorsMet) process.exitCode = 1;
