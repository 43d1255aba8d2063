import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // The JSON report lets .ci/run close with one plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'out/test-results.json' }]],
    hookTimeout: 30_000,
    // Most of the suite's time is waiting: on child processes (the bundled CLI and actions), loopback emulators and
    // deadlines. So files run two per core rather than one, and a worker runs one file after another without a
    // fresh module graph each time (per-file isolation cost ~0.3 s a file). No test mocks modules, stubs globals
    // or changes process.env or the working directory (on a thread, process.env is the thread's own copy: a test
    // that needs a variable passes it to the child it starts), so nothing leaks from one file to the next; state
    // lives in each file's own emulators and temp folders.
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism() * 2),
  },
});
