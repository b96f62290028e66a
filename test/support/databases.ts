// Real databases for tests: a fresh SQLite file, and a throwaway PostgreSQL database per test file.
// Never a mock of our own database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openDatabase, type Database, type Provider } from '../../src/db/client.js';

export interface TestDatabase extends Database {
  /** Closes the client and removes the database. */
  drop(): Promise<void>;
}

export function availableProviders(): Provider[] {
  return inject('pgAdminUrl') ? ['sqlite', 'postgresql'] : ['sqlite'];
}

/** A new, migrated, empty database. `url` lets a second client (a "restarted" bot) open the same one. */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  // PostgreSQL: a copy of the run's migrated template (the migrator then finds nothing to do); SQLite migrates a new
  // file in ~50 ms. Tests of start-up on an empty database use createEmptyDatabaseUrl.
  const url = await newDatabaseUrl(provider, inject('pgTemplate'));
  const db = await openDatabase(url);
  return {
    ...db,
    drop: async () => {
      await db.close();
      await dropDatabaseUrl(url);
    },
  };
}

/** A database with nothing in it, not even the migrations (start-up applies them). */
export function createEmptyDatabaseUrl(provider: Provider): Promise<string> {
  return newDatabaseUrl(provider, null);
}

async function newDatabaseUrl(provider: Provider, template: string | null): Promise<string> {
  const id = crypto.randomBytes(6).toString('hex');
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-test-'));
    return `file:${path.join(dir, `t-${id}.db`)}`;
  }
  const admin = inject('pgAdminUrl');
  if (!admin) throw new Error('PostgreSQL not available');
  const name = `wuye_test_${id}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabaseUrl(url: string): Promise<void> {
  if (url.startsWith('file:')) {
    fs.rmSync(path.dirname(url.slice('file:'.length)), { recursive: true, force: true });
    return;
  }
  const admin = inject('pgAdminUrl');
  if (!admin) return;
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

/** Runs the same block once per available database: `describeEachDb('storage', (getDb) => { … })`. */
export function describeEachDb(name: string, body: (provider: Provider) => void): void {
  for (const provider of availableProviders()) {
    describe(`${name} [${provider}]`, () => body(provider));
  }
}
