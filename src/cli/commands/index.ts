import type { Command } from 'commander';
import { registerRescore } from './rescore.js';
import { registerDecide } from './decide.js';
import { registerEvidence } from './evidence.js';
import { registerStats } from './stats.js';
import { registerTakedown } from './takedown.js';
import { registerReview } from './review.js';
import { registerSchedule } from './schedule.js';

/**
 * Commands beyond scan/references/sandbox/demo, each in its own file under cli/commands/, registered in this
 * explicit list (STYLE.md §4). A command sets the exit code through `setExit`; errors thrown as JianzhenError
 * are mapped to exit codes by main().
 */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const commands: readonly RegisterCommand[] = [registerRescore, registerDecide, registerEvidence, registerTakedown, registerStats, registerReview, registerSchedule];
