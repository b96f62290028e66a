#!/usr/bin/env node
// Prisma chores for both providers from one datamodel (prisma/models):
//   generate        → a client per provider into src/generated/<provider> (runs from postinstall; no database needed)
//   new <name>      → one migration per provider, same timestamp, diffed from the models snapshot of the last migration
// Migrations are applied by the app itself at start-up (src/db/migrate.ts), so there is no `deploy` here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const providers = ['sqlite', 'postgresql'];
const prismaBin = path.join(root, 'node_modules', '.bin', 'prisma');
const snapshotDir = path.join(root, 'prisma', 'migrations-snapshot');
const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function prisma(provider, args, opts = {}) {
  const env = { ...process.env, PRISMA_PROVIDER: provider, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  if (provider === 'postgresql') env.DATABASE_URL = pgUrl;
  else env.DATABASE_URL = 'file::memory:';
  return spawnSync(prismaBin, args, { cwd: root, env, encoding: 'utf8', ...opts });
}

function generate() {
  for (const p of providers) {
    const r = prisma(p, ['generate', '--schema', `prisma/${p}`], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

function newMigration(name, fixedStamp) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name>   (lowercase letters, digits, _)');
    process.exit(2);
  }
  const stamp = fixedStamp ?? new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dirName = `${stamp}_${name}`;
  let wrote = 0;
  for (const p of providers) {
    let from = ['--from-empty'];
    if (fs.existsSync(snapshotDir)) {
      // A throwaway schema folder: this provider's datasource + the models as of the last migration.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `wuye-snap-${p}-`));
      fs.copyFileSync(path.join(root, 'prisma', p, 'schema.prisma'), path.join(tmp, 'schema.prisma'));
      fs.cpSync(snapshotDir, path.join(tmp, 'models'), { recursive: true });
      from = ['--from-schema-datamodel', tmp];
    }
    const r = prisma(p, [
      'migrate',
      'diff',
      ...from,
      '--to-schema-datamodel',
      `prisma/${p}`,
      '--script',
      '--exit-code',
    ]);
    if (r.status === 0) {
      console.log(`${p}: no change`);
      continue;
    }
    if (r.status !== 2) {
      console.error(r.stderr);
      process.exit(1);
    }
    const dir = path.join(root, 'prisma', p, 'migrations', dirName);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), r.stdout);
    fs.writeFileSync(
      path.join(root, 'prisma', p, 'migrations', 'migration_lock.toml'),
      `# Written by scripts/prisma.mjs\nprovider = "${p}"\n`,
    );
    console.log(`${p}: wrote prisma/${p}/migrations/${dirName}/migration.sql`);
    wrote++;
  }
  if (wrote > 0) {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
    fs.cpSync(path.join(root, 'prisma', 'models'), snapshotDir, { recursive: true });
  }
}

// Before the first release only: rewrite the single initial migration from the whole datamodel.
function reinit() {
  for (const p of providers) fs.rmSync(path.join(root, 'prisma', p, 'migrations'), { recursive: true, force: true });
  fs.rmSync(snapshotDir, { recursive: true, force: true });
  newMigration('init', '20261128000000');
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === 'generate') generate();
else if (cmd === 'new') newMigration(arg);
else if (cmd === 'reinit') {
  generate();
  reinit();
} else {
  console.error('usage: node scripts/prisma.mjs generate | new <name>');
  process.exit(2);
}
