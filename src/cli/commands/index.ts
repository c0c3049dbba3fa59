import { registerDb } from './db.js';
import { registerDecide } from './decide.js';
import { registerDemo } from './demo.js';
import { registerEvidence } from './evidence.js';
import { registerOperators } from './operators.js';
import { registerReferences } from './references.js';
import { registerRescore } from './rescore.js';
import { registerReview } from './review.js';
import { registerSandbox } from './sandbox.js';
import { registerScan } from './scan.js';
import { registerSchedule } from './schedule.js';
import { registerStats } from './stats.js';
import { registerTakedown } from './takedown.js';
import { registerWorker } from './worker.js';
import type { RegisterCommand } from '../options.js';

/** Every command of `jianzhen`, each in its own file, in the order `--help` lists them (STYLE.md §4). */
export const commands: readonly RegisterCommand[] = [
  registerScan,
  registerReferences,
  registerRescore,
  registerDecide,
  registerOperators,
  registerEvidence,
  registerTakedown,
  registerStats,
  registerReview,
  registerSchedule,
  registerWorker,
  registerDb,
  registerSandbox,
  registerDemo,
];
