// Decides once per run whether the PostgreSQL half of the suite runs. In CI (CI=true) PostgreSQL is required.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
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
}
