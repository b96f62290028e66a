import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Long fault tests (child processes killed with -9, 10k-input fuzzing) run by `npm run test:faults`.
    exclude: ['test/**/*.long.test.ts', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    // Last guards against a hang, not limits of speed: no outcome may depend on how fast the machine is (a loaded
    // 2-core machine ran single tests 10× slower than an idle one). Waits inside tests use test/support/patience.ts.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Times are shown in Asia/Shanghai; tests must not depend on the runner's zone.
    env: { TZ: 'Asia/Shanghai' },
    pool: 'forks',
    // One module graph per worker instead of one per file: importing Prisma's two generated clients, botbuilder and
    // the recognizers again for each of ~75 files cost more CPU than the tests themselves (measured: 48 s → 17 s of
    // CPU for 14 files). Files still get their own databases, servers and clocks; nothing in src/ keeps state at
    // module level that a test relies on being fresh.
    isolate: false,
    // vitest's default on 2 cores is 1 worker; the suite waits on PostgreSQL, loopback HTTP and timers as much as it
    // computes, so a second worker overlaps those waits.
    maxWorkers: 2,
  },
});
