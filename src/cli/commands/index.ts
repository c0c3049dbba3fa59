import type { RegisterCommand } from '../options.js';

/** One command of `jianzhen`: its name on the command line and how to load its file. */
export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<RegisterCommand>;
}

/**
 * Every command of `jianzhen`, each in its own file, in the order `--help` lists them (STYLE.md §4). Each file
 * is loaded when its command runs: `jianzhen operators list` or `evidence verify` need not first load the
 * browser, the scan pipeline and the console (seconds of start-up on a small machine, for every command).
 */
export const commands: readonly CommandEntry[] = [
  { name: 'scan', load: async () => (await import('./scan.js')).registerScan },
  { name: 'references', load: async () => (await import('./references.js')).registerReferences },
  { name: 'rescore', load: async () => (await import('./rescore.js')).registerRescore },
  { name: 'decide', load: async () => (await import('./decide.js')).registerDecide },
  { name: 'operators', load: async () => (await import('./operators.js')).registerOperators },
  { name: 'evidence', load: async () => (await import('./evidence.js')).registerEvidence },
  { name: 'takedown', load: async () => (await import('./takedown.js')).registerTakedown },
  { name: 'stats', load: async () => (await import('./stats.js')).registerStats },
  { name: 'review', load: async () => (await import('./review.js')).registerReview },
  { name: 'schedule', load: async () => (await import('./schedule.js')).registerSchedule },
  { name: 'worker', load: async () => (await import('./worker.js')).registerWorker },
  { name: 'db', load: async () => (await import('./db.js')).registerDb },
  { name: 'sandbox', load: async () => (await import('./sandbox.js')).registerSandbox },
  { name: 'demo', load: async () => (await import('./demo.js')).registerDemo },
];
