// `npm run test:faults`: the long fault suite (real child processes killed with -9, 10k-input fuzzing). CI runs it
// after `npm test`; it prints the fault figures the README reports.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.long.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    env: { TZ: 'Asia/Shanghai' },
    pool: 'forks',
    // One long file at a time: they start child processes and load the 2-core machine on purpose.
    fileParallelism: false,
  },
});
