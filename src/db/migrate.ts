// Applies prisma/<provider>/migrations at start-up with the raw driver, in order, each in a transaction, recorded
// in Prisma's own `_prisma_migrations` table (same checksum), so `prisma migrate status` agrees with us.
// Why not `prisma migrate deploy`: it spawns the CLI and its WebAssembly engine (seconds per start and per test
// database) and needs adapter patches on 6.19.3; applying plain SQL files needs neither.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { databaseProvider } from './provider.js';
import { REPO_ROOT } from '../shared/repo-root.js';

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFor(provider: 'sqlite' | 'postgresql'): Migration[] {
  const dir = path.join(REPO_ROOT, 'prisma', provider, 'migrations');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Returns the names of the migrations it applied. Safe to call from several processes at once. */
export async function applyMigrations(url: string): Promise<string[]> {
  return databaseProvider(url) === 'sqlite' ? migrateSqlite(url) : migratePostgres(url);
}

function migrateSqlite(url: string): string[] {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Sqlite(file, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(CREATE_TABLE.replace(/TIMESTAMPTZ/g, 'DATETIME').replace('DEFAULT now()', 'DEFAULT CURRENT_TIMESTAMP'));
    const applied: string[] = [];
    for (const m of migrationsFor('sqlite')) {
      // IMMEDIATE takes the write lock first, so two processes cannot both apply one migration.
      const run = db.transaction(() => {
        const done = db
          .prepare('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL')
          .get(m.name);
        if (done) return false;
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES (?, ?, ?, ?, 1, ?)`,
        ).run(crypto.randomUUID(), m.checksum, Date.now(), m.name, Date.now());
        return true;
      });
      if (run.immediate()) applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes.
    await client.query('SELECT pg_advisory_lock(727274)');
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const m of migrationsFor('postgresql')) {
      if (done.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql); // simple protocol: the whole script in one round trip
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    await client.query('SELECT pg_advisory_unlock(727274)');
    return applied;
  } finally {
    await client.end();
  }
}
