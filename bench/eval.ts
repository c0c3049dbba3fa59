/**
 * npm run eval — how good are the verdicts? Scans the labelled corpus through the sandbox (or re-scores the
 * last capture: `--rescore`, no site visited) and prints, for the tuning part and each held-aside round apart,
 * the confusion table and recall with and without the probe, false counterfeits, platform attribution and the
 * review load, against the bars (bench/evaluation.ts). The sandbox's clock makes the figures the same any day.
 * `--verify-no-probe` also scans the corpus with the probe really off and lists any verdict that differs from
 * the re-score without the probe. Exit code 1 when a bar is missed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
