#!/usr/bin/env node
// `npm run test:at -- <when> [vitest args]`: the fast suite with the whole process tree on a shifted clock, e.g.
//   npm run test:at -- +400d
//   npm run test:at -- 2026-12-31T23:50:00+08:00 test/keys
// No test may depend on the date it runs on; CI runs the suite at two other dates to prove it (see .ci/run).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [when, ...args] = process.argv.slice(2);
if (!when) {
  console.error('usage: npm run test:at -- <+400d | -3h | 2026-12-31T23:50:00+08:00> [vitest args]');
  process.exit(2);
}
const preload = `--import=${path.join(root, 'test', 'support', 'clock-shift.mjs')}`;
const env = {
  ...process.env,
  WUYE_TEST_CLOCK: when,
  NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '),
};
delete env.WUYE_TEST_CLOCK_OFFSET_MS; // the vitest process computes the offset once, for all its children
const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...args], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
