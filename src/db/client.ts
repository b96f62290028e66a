// The one place a Prisma client is built. SQLite (default, embedded) or PostgreSQL, picked from DATABASE_URL.
// Both generated clients share the datamodel; the app is typed against the SQLite one, which keeps code to the
// subset both providers support.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/sqlite/client.js';
import { PrismaClient as PgPrismaClient } from '../generated/postgresql/client.js';
import { databaseProvider, type Provider } from './provider.js';
import { applyMigrations } from './migrate.js';
import { PgDriverStatements, registerDriverStatements, SqliteDriverStatements } from './driver-statements.js';

export type Prisma = InstanceType<typeof PrismaClient>;
export type { Provider } from './provider.js';

export interface Database {
  prisma: Prisma;
  provider: Provider;
  url: string;
  /** One round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export { isPostgres } from './driver-statements.js';

/** SQLite file path of a `file:` URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

export async function openDatabase(url: string, opts: { migrate?: boolean } = {}): Promise<Database> {
  const provider = databaseProvider(url);
  if (opts.migrate ?? true) await applyMigrations(url);
  if (provider === 'sqlite') {
    const file = sqlitePath(url);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // busy_timeout 5 s: a concurrent CLI/bench process waits instead of failing (prisma/orm#29933 hazard).
    // The per-turn statements run prepared on the connection Prisma opens (see driver-statements.ts).
    const statements = new SqliteDriverStatements();
    class SharedConnection extends PrismaBetterSQLite3 {
      override async connect() {
        const adapter = await super.connect();
        statements.attach(adapter as unknown as Parameters<SqliteDriverStatements['attach']>[0]);
        return adapter;
      }
    }
    const prisma = new PrismaClient({ adapter: new SharedConnection({ url: `file:${file}`, timeout: 5000 }) });
    // WAL is persistent in the file (set by the migrator); synchronous=NORMAL is per connection and safe under WAL.
    await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    registerDriverStatements(prisma, statements);
    const close = async () => {
      await statements.close();
      await prisma.$disconnect();
    };
    return { prisma, provider, url, ping: () => ping(prisma), close };
  }
  const pg = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  // Same datamodel, same query API for the common subset: see the note at the top of this file.
  const prisma = pg as unknown as Prisma;
  const statements = new PgDriverStatements(url);
  registerDriverStatements(prisma, statements);
  const close = async () => {
    await statements.close();
    await pg.$disconnect();
  };
  return { prisma, provider, url, ping: () => ping(prisma), close };
}

async function ping(prisma: Prisma): Promise<void> {
  await prisma.$queryRawUnsafe('SELECT 1');
}
