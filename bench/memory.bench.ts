// RSS with 10,000 open dialogs (goal ≤ 250 MB), measured in a child process so the other suites' heaps and caches
// do not count (see memory-child.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { goal, type Row } from './bench-db.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIALOGS = 10_000;

interface Sample {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

export async function benchMemory(): Promise<Row[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(here, 'memory-child.ts'), String(DIALOGS)],
    { cwd: path.join(here, '..'), maxBuffer: 16 * 2 ** 20, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    dialogs: number;
    openInDb: number;
    seconds: number;
    gc: boolean;
    before: Sample;
    half: Sample;
    after: Sample;
  };
  process.stderr.write(
    `memory (MB, after gc) at 200 / ${r.dialogs / 2} / ${r.dialogs} open dialogs: ` +
      (['rssMb', 'heapUsedMb', 'externalMb'] as const)
        .map((k) => `${k.replace('Mb', '')} ${[r.before, r.half, r.after].map((s) => s[k].toFixed(0)).join(' / ')}`)
        .join(', ') +
      '\n',
  );
  const gcNote = r.gc ? 'after gc' : 'no gc exposed';
  return [
    {
      name: `RSS, bot warmed up (200 dialogs open)`,
      value: r.before.rssMb.toFixed(0),
      unit: `MB (${gcNote})`,
      db: 'sqlite',
    },
    {
      name: `RSS with ${r.dialogs.toLocaleString('en')} open dialogs (${r.openInDb.toLocaleString('en')} states in the db)`,
      value: r.after.rssMb.toFixed(0),
      unit: `MB (${gcNote})`,
      db: 'sqlite',
      goal: goal(r.after.rssMb, '≤', 250),
    },
    {
      name: `JS heap used, 200 → ${r.dialogs.toLocaleString('en')} open dialogs`,
      value: `${r.before.heapUsedMb.toFixed(0)} → ${r.after.heapUsedMb.toFixed(0)}`,
      unit: `MB (${gcNote})`,
      db: 'sqlite',
    },
    {
      name: `opening ${(r.dialogs - 200).toLocaleString('en')} dialogs (50 at a time)`,
      value: ((r.dialogs - 200) / r.seconds).toFixed(0),
      unit: 'turns/s',
      db: 'sqlite',
    },
  ];
}
