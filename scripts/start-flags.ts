// The node flags `npm start` runs dist/main.js with, read from package.json's "start" script, so the memory and
// start-up benches and the built-start test run the same process as production instead of a copy that can drift.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** E.g. ['--max-semi-space-size=8', '--heap-growing-percent=25'] for "node --max-semi-space-size=8 … dist/main.js". */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js' || !words.slice(1, -1).every((w) => w.startsWith('--')))
    throw new Error(`package.json "start" is not "node --flag… dist/main.js": ${pkg.scripts.start}`);
  return words.slice(1, -1);
}
