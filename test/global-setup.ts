// Decides once per run whether the PostgreSQL half of the suite runs (in CI, CI=true, PostgreSQL is required), and
// migrates one template database that every test database of the run is copied from.
import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    /** A migrated database that createTestDatabase copies (CREATE DATABASE … TEMPLATE): ~1 s less per database. */
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // `npm run test:at`: say which day this run believes it is, so a failure can be replayed.
  if (process.env.WUYE_TEST_CLOCK)
    console.log(`\n⏱ clock shifted (${process.env.WUYE_TEST_CLOCK}): now is ${new Date().toISOString()}\n`);
  const url = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  let reachable = false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    reachable = true;
  } catch (err) {
    if (process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL required (CI) but not reachable at ${url}: ${(err as Error).message}`);
    }
    console.warn(`\n⚠ PostgreSQL not reachable at ${url}, skipped: database tests run on SQLite only.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide('pgAdminUrl', reachable ? url : null);
  const template = reachable ? await migratedTemplate(url) : null;
  project.provide('pgTemplate', template);
  return async () => {
    if (template) await adminQuery(url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** One migrated database per run; its name is unique, so parallel runs on one server do not collide. */
async function migratedTemplate(adminUrl: string): Promise<string> {
  const name = `wuye_tpl_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await applyMigrations(u.toString()); // closes its connection: a template must have none while it is copied
  return name;
}
