import { defineConfig } from 'vitest/config';

// Real Chromium and real servers: tests take seconds, not milliseconds. Files run in separate
// processes (forks) so a test that kills a child or binds ports can't disturb another file.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Generous bounds: they catch a hang, never slowness; the machine may be running a scan beside the suite.
    testTimeout: 300_000,
    hookTimeout: 1_800_000,
    maxWorkers: 2,
  },
});
