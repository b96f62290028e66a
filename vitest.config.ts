import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Long fault tests (child processes killed with -9, 10k-input fuzzing) run by `npm run test:faults`.
    exclude: ['test/**/*.long.test.ts', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Times are shown in Asia/Shanghai; tests must not depend on the runner's zone.
    env: { TZ: 'Asia/Shanghai' },
    pool: 'forks',
  },
});
