/**
 * Where a scan's time went: the per-step timings every snapshot stores (DNS, WHOIS, the plain fetch,
 * navigation, settle, screenshot, each extra view, each detector), summed over a scan's results, and how
 * often each extra view was taken or skipped. `jianzhen scan --profile` and `npm run bench` print it.
 *
 * The sums are work, not wall time: four visits at once each count their own seconds.
 */
import type { TargetResult } from '../model/result.js';
import { EXTRA_VIEWS, STEPS, type ExtraView } from '../model/snapshot.js';

/** One step's time over a scan. */
export interface ProfileRow {
  readonly step: string;
  /** Visits that recorded the step. */
  readonly visits: number;
  readonly totalMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

/** How often one extra view was taken and skipped (by the extras policy or the scan's switches). */
export interface ViewCount {
  readonly view: ExtraView;
  readonly taken: number;
  readonly skipped: number;
}

/** The step timings of a result: its snapshot's, else its failed capture's. */
function stepsOf(r: TargetResult): Readonly<Record<string, number>> {
  return r.snapshot?.timings.steps ?? r.failure?.timings.steps ?? {};
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** Sums every step over the results, in the order the steps happen (detectors last, by name). */
export function profileOf(results: readonly TargetResult[]): ProfileRow[] {
  const by = new Map<string, number[]>();
  for (const r of results) for (const [step, ms] of Object.entries(stepsOf(r))) by.set(step, [...(by.get(step) ?? []), ms]);
  const known: readonly string[] = STEPS;
  const rank = (step: string) => (known.includes(step) ? known.indexOf(step) : step.startsWith('detector.') ? known.length + 1 : known.length);
  return [...by]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([step, ms]) => ({ step, visits: ms.length, totalMs: ms.reduce((s, x) => s + x, 0), medianMs: median(ms), maxMs: Math.max(...ms) }));
}

/** How often each extra view was taken and skipped over the results that recorded the decision. */
export function viewCounts(results: readonly TargetResult[]): ViewCount[] {
  return EXTRA_VIEWS.map((view) => {
    const decided = results.flatMap((r) => r.snapshot?.extras ?? []).filter((d) => d.view === view);
    return { view, taken: decided.filter((d) => d.ran).length, skipped: decided.filter((d) => !d.ran).length };
  });
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The profile as a plain-text table (for stderr and the benchmark's output). */
export function formatProfile(rows: readonly ProfileRow[], views: readonly ViewCount[] = []): string {
  const total = rows.reduce((s, r) => s + r.totalMs, 0);
  const lines = [
    `${'step'.padEnd(34)} ${'visits'.padStart(6)} ${'total'.padStart(9)} ${'share'.padStart(6)} ${'median'.padStart(8)} ${'max'.padStart(8)}`,
    ...rows.map(
      (r) =>
        `${r.step.padEnd(34)} ${String(r.visits).padStart(6)} ${sec(r.totalMs).padStart(9)} ${`${total === 0 ? 0 : Math.round((100 * r.totalMs) / total)}%`.padStart(6)} ${`${r.medianMs}ms`.padStart(8)} ${`${r.maxMs}ms`.padStart(8)}`,
    ),
    `${'all steps'.padEnd(34)} ${''.padStart(6)} ${sec(total).padStart(9)}`,
  ];
  const decided = views.filter((v) => v.taken + v.skipped > 0);
  if (decided.length > 0) lines.push(`extra views taken/skipped: ${decided.map((v) => `${v.view} ${v.taken}/${v.skipped}`).join(', ')}`);
  return lines.join('\n');
}
