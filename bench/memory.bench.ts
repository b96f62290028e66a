// RSS warm (goal ≤ 200 MB) and with 10,000 open dialogs (goal ≤ 250 MB), measured in a child process so the other
// suites' heaps and caches do not count (see memory-child.ts). The child is bundled by scripts/build.mjs exactly as
// `npm start` is and runs under plain node with the same flags (read from package.json), so tsx's own memory is not
// counted.
// What the RSS is (#15): ≈ 48 MB node's own code, the V8 heap (≈ 63 MB live, ≈ 90 MB committed), ≈ 16 MB malloc
// (brk) and thread arenas. The growth with open dialogs was V8's old generation filling with promoted garbage up to
// 4× the live size, not native memory: `npm start` caps that with --heap-growing-percent (and --liftoff-only keeps
// TurboFan's compiles of Prisma's WebAssembly query compiler out of the malloc arenas).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { goal, type Row } from './bench-db.js';
import { startNodeFlags } from '../scripts/start-flags.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIALOGS = 10_000;

interface Sample {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

export async function benchMemory(): Promise<Row[]> {
  const root = path.join(here, '..');
  const outdir = path.join(root, 'node_modules', '.cache', 'wuye-bench-memory');
  await promisify(execFile)(
    process.execPath,
    ['scripts/build.mjs', '--entry', 'memory-child=bench/memory-child.ts', '--outdir', outdir],
    { cwd: root },
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', ...startNodeFlags(), path.join(outdir, 'memory-child.js'), String(DIALOGS)],
    { cwd: root, maxBuffer: 16 * 2 ** 20, env: { ...process.env, NODE_OPTIONS: '' } },
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
      name: `RSS, bot warmed up (200 dialogs open, a date prompt answered)`,
      value: r.before.rssMb.toFixed(0),
      unit: `MB (${gcNote})`,
      db: 'sqlite',
      goal: goal(r.before.rssMb, '≤', 200),
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
