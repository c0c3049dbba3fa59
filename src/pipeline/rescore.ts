import type { Store } from '../data/store.js';
import type { TargetResult } from '../model/result.js';
import { parseTarget } from '../crawler/targets.js';
import { loadRules, type Rules } from '../rules/index.js';
import { loadReferences, resultOf } from './scan.js';

/** What a rescore changed: one line per target whose verdict moved. */
export interface RescoreChange {
  readonly index: number;
  readonly input: string;
  readonly before: { verdict: string; score: number };
  readonly after: { verdict: string; score: number };
}

/**
 * Re-scores a stored scan from its snapshots with the current detectors and rules, without visiting any
 * site (DESIGN.md: evidence is immutable; a scan can be re-scored). Unreachable targets stay as they were.
 */
export async function rescoreScan(
  store: Store,
  scanId: string,
  rules: Rules = loadRules(),
): Promise<{ results: TargetResult[]; changes: RescoreChange[] }> {
  const { references, artifacts } = await loadReferences(store);
  const changes: RescoreChange[] = [];
  for (const old of await store.listResults(scanId)) {
    if (!old.snapshot) continue;
    const parsed = parseTarget(old.input);
    if (!parsed.ok) continue;
    const { result } = await resultOf(old.index, parsed.target, { ok: true, snapshot: old.snapshot, artifacts: [] }, { rules, references, artifacts, store });
    await store.saveTargetResult(scanId, { ...result, capturedAt: old.capturedAt, stage: old.stage ?? null, stageReason: old.stageReason ?? null }, []);
    if (result.verdict !== old.verdict || result.score !== old.score) {
      changes.push({
        index: old.index,
        input: old.input,
        before: { verdict: old.verdict, score: old.score },
        after: { verdict: result.verdict, score: result.score },
      });
    }
  }
  return { results: await store.listResults(scanId), changes };
}
