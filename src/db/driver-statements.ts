// The statements every turn runs (conversation state, the sender's identity), prepared once on the database driver
// instead of sent through Prisma: a $queryRaw costs ≈ 160 µs of CPU (query compiler, runtime, and the adapter
// preparing the statement again every time) against ≈ 10 µs for the same prepared better-sqlite3 statement, and on
// PostgreSQL a named statement skips the parse and plan. Transactions and everything else stay on Prisma.
//
// SQLite: the statements run on Prisma's own better-sqlite3 connection (a second connection would block the event
// loop in busy_timeout while Prisma holds a write transaction, which it then could never finish). That connection is
// shared, so while a Prisma interactive transaction is open on it a driver statement waits for the COMMIT/ROLLBACK
// instead of running inside someone else's transaction. PostgreSQL: a small pool of its own; pg prepares a named
// statement once per connection.
//
// So: never await a driver statement (state, identity) inside a Prisma $transaction callback on SQLite — it would wait
// for the very transaction it runs in (until Prisma's transaction timeout). No repository does; keep it so.
//
// Repositories find the statements of a client with driverStatements(prisma): registered for the clients
// openDatabase builds, absent for a transaction client (which then takes the Prisma path inside its transaction).
import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** One statement in both dialects: `?` placeholders for SQLite, `$n` for PostgreSQL. `name` is its pg name. */
export interface Statement {
  name: string;
  sqlite: string;
  postgresql: string;
}

export interface DriverStatements {
  /** Rows of a statement that returns rows (SELECT, … RETURNING). */
  all<T>(statement: Statement, params: unknown[]): Promise<T[]>;
  /** Rows changed by a statement that returns none. */
  run(statement: Statement, params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

let observer: ((sql: string, name: string) => void) | null = null;

/** Called with the SQL and name of every driver statement (the bench counts statements per turn with it). */
export function observeDriverStatements(fn: ((sql: string, name: string) => void) | null): void {
  observer = fn;
}

const byClient = new WeakMap<object, DriverStatements>();

export function registerDriverStatements(client: object, statements: DriverStatements): void {
  byClient.set(client, statements);
}

/** The driver statements of a client openDatabase built; undefined for any other (e.g. a transaction client). */
export function driverStatements(client: object): DriverStatements | undefined {
  return byClient.get(client);
}

/** A Date as Prisma's SQLite adapter writes DateTime columns (ISO 8601 with +00:00), so both read back alike. */
export function sqliteTimestamp(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/**
 * Whether a client or transaction client talks to PostgreSQL. Repositories that must write provider-specific SQL
 * inside a caller's transaction (ON CONFLICT, SKIP LOCKED) only receive the client, and a Prisma transaction client
 * carries no custom fields, so this reads Prisma's own provider field (there is no public accessor; the portable
 * alternatives fail: `upsert` is not a native upsert on PostgreSQL and the SQLite client lacks skipDuplicates); the
 * outbox and fee tests on both databases fail loudly if an upgrade renames it. Remembered per client: reading a
 * property of the Prisma client goes through its Proxy, which showed in a turn's profile.
 */
export function isPostgres(client: object): boolean {
  let postgres = postgresClients.get(client);
  if (postgres === undefined) {
    postgres = (client as { _activeProvider?: unknown })._activeProvider === 'postgresql';
    postgresClients.set(client, postgres);
  }
  return postgres;
}

const postgresClients = new WeakMap<object, boolean>();

/**
 * A Date as a driver statement parameter for a DateTime column of `client`'s database: SQLite's text (above), or
 * ISO 8601 for PostgreSQL, where the statement casts it (`$n::timestamp(3)`).
 */
export function driverTimestamp(client: object, d: Date): string {
  return isPostgres(client) ? d.toISOString() : sqliteTimestamp(d);
}

/** The raw-SQL half of a Prisma client (a transaction client too). */
interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * Rows of `statement`: prepared on the driver for a client openDatabase built; for any other (a transaction client)
 * the same SQL through Prisma, inside its transaction.
 */
export function statementRows<T>(client: RawSqlClient, statement: Statement, params: unknown[]): Promise<T[]> {
  const statements = driverStatements(client);
  if (statements) return statements.all<T>(statement, params);
  return client.$queryRawUnsafe<T[]>(isPostgres(client) ? statement.postgresql : statement.sqlite, ...params);
}

/** Rows changed by `statement`, on the driver or through Prisma as statementRows decides. */
export function runStatement(client: RawSqlClient, statement: Statement, params: unknown[]): Promise<number> {
  const statements = driverStatements(client);
  if (statements) return statements.run(statement, params);
  return client.$executeRawUnsafe(isPostgres(client) ? statement.postgresql : statement.sqlite, ...params);
}

/**
 * A DateTime column read by a driver statement, as Prisma reads it: PostgreSQL's timestamp(3) is UTC (parsed by the
 * pool below), SQLite's is the adapter's ISO text, or milliseconds for a row written with `unixepoch-ms`; text without
 * an offset ("2026-11-20 02:00:00", SQLite's CURRENT_TIMESTAMP) is UTC too.
 */
export function driverDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  return new Date(/(?:Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** PostgreSQL `timestamp` (without time zone, OID 1114) as UTC, as Prisma stores and reads it; pg's default is local. */
const TIMESTAMP_OID = 1114;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID && format !== 'binary'
      ? (text: string) => driverDate(text)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The slice of Prisma's better-sqlite3 driver adapter used here (not public API; see attach()). */
interface SqliteAdapter {
  client?: SqliteDatabase.Database;
  startTransaction(isolationLevel?: string): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
}

export class SqliteDriverStatements implements DriverStatements {
  private db: SqliteDatabase.Database | null = null;
  private readonly prepared = new Map<string, SqliteDatabase.Statement>();
  /** Interactive transactions begun (or waiting to begin) on the shared connection and not yet finished. */
  private transactions = 0;
  private waiting: Array<() => void> = [];

  /**
   * Takes the connection of the adapter Prisma has just connected, and tracks its transactions. The adapter keeps
   * its better-sqlite3 handle in `client`; openDatabase checks it is there on every start (a Prisma upgrade that
   * renames it fails the start and every test, loudly).
   */
  attach(adapter: SqliteAdapter): void {
    if (!adapter.client || typeof adapter.client.prepare !== 'function')
      throw new Error('Prisma better-sqlite3 adapter: no `client` connection to prepare statements on');
    this.db = adapter.client;
    this.prepared.clear();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      // Counted before BEGIN: from here until COMMIT/ROLLBACK the connection belongs to this transaction.
      this.transactions++;
      let tx: Awaited<ReturnType<SqliteAdapter['startTransaction']>>;
      try {
        tx = await start(isolationLevel);
      } catch (err) {
        this.finished();
        throw err;
      }
      let done = false;
      const finish = () => {
        if (!done) ((done = true), this.finished());
      };
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(finish);
      tx.rollback = () => rollback().finally(finish);
      return tx;
    };
  }

  private finished(): void {
    this.transactions--;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /** Runs `fn` on the connection when no transaction holds it; synchronously right after the check. */
  private async whenFree<T>(statement: Statement, fn: (s: SqliteDatabase.Statement) => T): Promise<T> {
    while (this.transactions > 0) await new Promise<void>((wake) => this.waiting.push(wake));
    if (!this.db) throw new Error('SQLite driver statements used before the database was opened');
    let s = this.prepared.get(statement.name);
    if (!s) {
      s = this.db.prepare(statement.sqlite);
      this.prepared.set(statement.name, s);
    }
    observer?.(statement.sqlite, statement.name);
    return fn(s);
  }

  all<T>(statement: Statement, params: unknown[]): Promise<T[]> {
    return this.whenFree(statement, (s) => s.all(...params) as T[]);
  }

  run(statement: Statement, params: unknown[]): Promise<number> {
    return this.whenFree(statement, (s) => s.run(...params).changes);
  }

  /** The connection is Prisma's: closed by $disconnect. */
  async close(): Promise<void> {
    this.prepared.clear();
    this.db = null;
  }
}

export class PgDriverStatements implements DriverStatements {
  private readonly pool: pg.Pool;

  constructor(connectionString: string) {
    // A few connections beside Prisma's pool: each turn runs one or two statements, none in a transaction.
    this.pool = new pg.Pool({ connectionString, max: 4, allowExitOnIdle: true, types: pgTypes });
    this.pool.on('error', () => undefined); // an idle connection dropped by the server: the pool replaces it
  }

  async all<T>(statement: Statement, params: unknown[]): Promise<T[]> {
    observer?.(statement.postgresql, statement.name);
    const r = await this.pool.query({ name: statement.name, text: statement.postgresql, values: params });
    return r.rows as T[];
  }

  async run(statement: Statement, params: unknown[]): Promise<number> {
    observer?.(statement.postgresql, statement.name);
    const r = await this.pool.query({ name: statement.name, text: statement.postgresql, values: params });
    return r.rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
