// Cold start to ready (goal ≤ 2 s on an existing database): `node <flags> dist/main.js` (the flags of package.json
// "start": what `npm start` runs after its build, without npm's own start-up), and `node --import tsx src/main.ts`
// (`npm run dev`) for comparison, on a fresh database, timed from spawn until GET /healthz answers 200. First start:
// empty database (migrations + demo seed); second start: the same database again; the built app's RSS once ready.
// Where the time goes under tsx (module loading vs start-up) is printed to stderr from startup-child.ts.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { goal, type Row } from './bench-db.js';
import { startNodeFlags } from '../scripts/start-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function appEnv(databaseUrl: string, dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: '',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    CONSOLE_CHAT: 'off',
    LOG_LEVEL: 'warn',
  };
}

const BUILT = [...startNodeFlags(), 'dist/main.js'];
const TSX = ['--import', 'tsx', 'src/main.ts'];

/** RSS of a running process (Linux /proc), in MB; NaN elsewhere. */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Spawn → first 200 from /healthz, in ms, and the RSS then; the app is stopped (SIGTERM) afterwards. */
async function timeToReady(
  databaseUrl: string,
  dataDir: string,
  args: string[],
): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: appEnv(databaseUrl, dataDir, port),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`app exited before ready: ${stderr.slice(-500)}`);
      if (performance.now() - t0 > 60_000) throw new Error('app not ready after 60 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return { ms: performance.now() - t0, rssMb: rssMb(child.pid!) };
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** In-process split of one start: node + tsx boot, importing the modules, startApp (migrate, seed, listen). */
async function breakdown(databaseUrl: string, dataDir: string): Promise<void> {
  const port = await freePort();
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/startup-child.ts'], {
    cwd: root,
    env: appEnv(databaseUrl, dataDir, port),
  });
  process.stderr.write(`start-up breakdown (sqlite, empty db): ${stdout.trim().split('\n').at(-1)}\n`);
}

async function measure(provider: 'sqlite' | 'postgresql'): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-start-'));
  let url = `file:${path.join(dir, 'wuye.db')}`;
  let admin: pg.Client | null = null;
  const dbName = `wuye_bench_start_${crypto.randomBytes(4).toString('hex')}`;
  try {
    if (provider === 'postgresql') {
      const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
      admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
      try {
        await admin.connect();
        await admin.query(`CREATE DATABASE "${dbName}"`);
      } catch {
        await admin.end().catch(() => undefined);
        admin = null;
        return [];
      }
      const u = new URL(adminUrl);
      u.pathname = `/${dbName}`;
      url = u.toString();
    }
    const data = path.join(dir, 'data');
    const first = await timeToReady(url, data, BUILT);
    const second = await timeToReady(url, data, BUILT);
    const dev = await timeToReady(url, data, TSX);
    if (provider === 'sqlite') await breakdown(`file:${path.join(dir, 'breakdown.db')}`, data);
    return [
      {
        name: 'cold start to /healthz 200, built (npm start), empty db (migrate + seed)',
        value: (first.ms / 1000).toFixed(2),
        unit: 's',
        db: provider,
      },
      {
        name: 'cold start to /healthz 200, built (npm start), existing db',
        value: (second.ms / 1000).toFixed(2),
        unit: 's',
        db: provider,
        goal: goal(second.ms / 1000, '≤', 2),
      },
      { name: 'RSS at /healthz 200, built (npm start)', value: second.rssMb.toFixed(0), unit: 'MB', db: provider },
      {
        name: 'cold start to /healthz 200, tsx (npm run dev), existing db',
        value: (dev.ms / 1000).toFixed(2),
        unit: 's',
        db: provider,
      },
      { name: 'RSS at /healthz 200, tsx (npm run dev)', value: dev.rssMb.toFixed(0), unit: 'MB', db: provider },
    ];
  } finally {
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStartup(): Promise<Row[]> {
  // What `npm start` runs first (prestart): the bundle in dist/.
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root });
  return [...(await measure('sqlite')), ...(await measure('postgresql'))];
}
