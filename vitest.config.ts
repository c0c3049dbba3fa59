import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest, longest first, as measured in CI (2026-12-04; seconds in the comment). Two workers
 * share the files: a slow file started last leaves the other worker idle while it runs, so the slow ones go first
 * (longest processing time first). A fresh clone has no duration cache, and vitest would otherwise start the largest
 * files first — the small slow ones (a CPU-load test, a stalling site) ended the run alone. This orders, it bounds
 * nothing; a file missing here runs after these, in vitest's own order.
 */
const SLOW_FIRST = [
  'test/e2e.test.ts', // ~400 (scans the whole corpus)
  'test/store-lock.test.ts', // 100
  'test/signals.test.ts', // 67
  'test/cluster.e2e.test.ts', // 54
  'test/cpu-load.test.ts', // 29
  'test/linger.test.ts', // 25
  'src/pipeline/schedule.test.ts', // 22
  'src/cli/commands/evidence.test.ts', // 20
  'test/unwritable.test.ts', // 19
  'src/reports/evidence/operator.test.ts', // 18
  'src/cli/commands/operators.test.ts', // 17
  'test/resume.test.ts', // 16
  'test/console.e2e.test.ts', // 16
  'src/review/jobs/queue.test.ts', // 16
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = SLOW_FIRST.indexOf(relative(f.project.config.root, f.moduleId).split('\\').join('/'));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    const rest = await super.sort(files.filter((f) => rank(f) === SLOW_FIRST.length));
    return [...files.filter((f) => rank(f) < SLOW_FIRST.length).sort((a, b) => rank(a) - rank(b)), ...rest];
  }
}

// Real Chromium and real servers: tests take seconds, not milliseconds. The files run in worker processes
// (forks), not threads, so a test that kills a child or binds ports stays out of the runner's own process.
// Each worker runs its files one after another without importing everything afresh for each (isolate: false):
// with isolation, importing crawlee, Playwright and the rest cost 187 s of the suite's CPU (vitest's "import"
// figure, 103 files) against 26 s without, on a machine of two cores where the suite is bound by CPU. Tests
// therefore close what they open and keep no state in modules between files; every file passed so.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    isolate: false,
    // Generous bounds: they catch a hang, never slowness; the machine may be running a scan beside the suite.
    testTimeout: 300_000,
    hookTimeout: 1_800_000,
    // expect.poll gives up after 1 s by default: on a machine loaded to 30 or more, a job queue's first tick
    // missed that (CI, 2026-12-05). A poll waits for a state; how soon it comes is the bench's business.
    expect: { poll: { timeout: 120_000 } },
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
  },
});
