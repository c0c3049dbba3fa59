/**
 * The stages of a scan on a cluster, by name: what `jianzhen worker --stages` accepts. Kept apart from the
 * queues so the command line reads them without loading BullMQ.
 */
/** The stages of a scan, in pipeline order: each a queue whose jobs are targets of scans. */
export const SCAN_STAGES = ['resolve', 'fetch', 'render'] as const;
export type ScanStage = (typeof SCAN_STAGES)[number];

/** What a worker can take (`--stages`): the scan's stages, and the console's evidence builds. */
export const STAGES = [...SCAN_STAGES, 'evidence'] as const;
export type Stage = (typeof STAGES)[number];

export function isScanStage(s: Stage): s is ScanStage {
  return (SCAN_STAGES as readonly string[]).includes(s);
}

/** Parses `--stages resolve,fetch,render,evidence` (an unknown stage is a usage error, never a silent skip). */
export function parseStages(value: string): Stage[] | string {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(STAGES as readonly string[]).includes(n));
  if (unknown.length > 0) return `--stages: unknown stage ${unknown.join(', ')}; the stages are ${STAGES.join(', ')}`;
  if (names.length === 0) return `--stages: name at least one of ${STAGES.join(', ')}`;
  return [...new Set(names)] as Stage[];
}
