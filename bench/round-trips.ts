// Counts the statements sent to the database driver: Prisma's, by wrapping the driver adapter that
// src/db/client.ts builds (PrismaBetterSQLite3 / PrismaPg factory → connect() → adapter). Every queryRaw /
// executeRaw is one statement; a transaction adds its BEGIN (run inside startTransaction) and its COMMIT / ROLLBACK
// (sent by Prisma through the transaction's executeRaw). On PostgreSQL each statement is one network round trip;
// on SQLite it is one call into the embedded engine — the same count, a far cheaper trip.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { observeDriverStatements } from '../src/db/driver-statements.js';

type Query = { sql: string };
type Queryable = { queryRaw(q: Query): Promise<unknown>; executeRaw(q: Query): Promise<unknown> };
type Adapter = Queryable & { startTransaction(isolation?: string): Promise<Queryable> };

let recording: string[] | null = null;

function note(sql: string): void {
  recording?.push(sql.replace(/\s+/g, ' ').trim());
}

function countQueries<T extends Queryable>(q: T): T {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  q.queryRaw = (query) => (note(query.sql), queryRaw(query));
  q.executeRaw = (query) => (note(query.sql), executeRaw(query));
  return q;
}

let installed = false;

/** Wraps both adapter factories (for every client opened afterwards). Idempotent. */
export function installRoundTripCounter(): void {
  if (installed) return;
  installed = true;
  // The per-turn statements prepared on the driver (src/db/driver-statements.ts) bypass the adapter: counted here.
  observeDriverStatements((sql, name) => note(`/* ${name} */ ${sql}`));
  for (const factory of [PrismaBetterSQLite3, PrismaPg] as Array<{ prototype: { connect(): Promise<Adapter> } }>) {
    const connect = factory.prototype.connect;
    factory.prototype.connect = async function (this: unknown) {
      const adapter = countQueries(await connect.call(this));
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolation) => {
        note('BEGIN');
        return countQueries(await startTransaction(isolation));
      };
      return adapter;
    };
  }
}

/** The statements sent while `fn` runs (run it alone: concurrent work would be counted too). */
export async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const mine: string[] = [];
  recording = mine;
  try {
    await fn();
  } finally {
    recording = null;
  }
  return mine;
}

/** "SELECT … FROM "ChannelIdentity"" → a short name for the breakdown: verb + first table (a driver statement: its name). */
export function describeStatement(sql: string): string {
  // A driver statement (src/db/driver-statements.ts) is known by its name.
  const named = /^\/\* ([\w.-]+) \*\//.exec(sql)?.[1];
  if (named) return named;
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  if (verb === 'BEGIN' || verb === 'COMMIT' || verb === 'ROLLBACK') return verb;
  // Prisma quotes SQLite names as `main`.`Table`, PostgreSQL ones as "public"."Table"; hand-written SQL as "Table".
  const table = /(?:FROM|INTO|UPDATE)\s+(?:[`"]?\w+[`"]?\.)?[`"]?(\w+)[`"]?/i.exec(sql)?.[1] ?? '?';
  return `${verb} ${table}`;
}
