// botbuilder Storage on the BotState table, with optimistic concurrency: the row's `version` is the item's eTag.
// A write carrying a stale eTag changes nothing and fails, so two turns racing on one conversation cannot silently
// overwrite each other (the loser's turn errors and the channel catch-all apologises).
// Caveat: botbuilder's BotState.saveChanges (ConversationState, UserState) always writes with eTag '*', so the bot's
// own state saves are unconditional (last writer wins); the check applies to callers that pass the eTag they read.
//
// Every turn reads and (when the dialog moved) writes one item, so both are hand-written SQL, one statement each:
// the same statements Prisma's findMany / upsert / updateMany send, without its per-call query planning, which was
// most of a turn's CPU (bench: npm run bench -- turn). They run prepared on the driver (driver-statements.ts) when
// the client is one openDatabase built, else (any other client) through $queryRaw.
import type { Storage, StoreItems } from 'botbuilder';
import { AppError } from '../shared/app-error.js';
import { Prisma as Sql } from '../generated/sqlite/client.js';
import { isPostgres, type Prisma } from './client.js';
import { driverStatements, sqliteTimestamp, type DriverStatements, type Statement } from './driver-statements.js';
import type { StoredState } from './rows.js';

/** A stored item is a JSON object (not an array, string or null); checked without a schema library, once a turn. */
function isStoredItem(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class PrismaStorage implements Storage {
  private readonly statements: DriverStatements | undefined;
  private readonly postgres: boolean;

  constructor(private readonly prisma: Prisma) {
    this.statements = driverStatements(prisma);
    this.postgres = isPostgres(prisma);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const items: StoreItems = {};
    for (const { key, item } of await this.readRows(keys)) items[key] = item;
    return items;
  }

  /**
   * One item with the JSON text it is stored as (JsonConversationState starts its change detection from that text
   * instead of converting the item back to JSON); undefined when absent.
   */
  async readText(key: string): Promise<StoredState | undefined> {
    return (await this.readRows([key]))[0];
  }

  private async readRows(keys: string[]): Promise<Array<{ key: string } & StoredState>> {
    type Row = { key: string; data: string; version: number | bigint };
    // Prepared per key count: a turn reads one key; an unusual many-key read takes the $queryRaw path.
    const rows =
      this.statements && keys.length <= MAX_PREPARED_KEYS
        ? await this.statements.all<Row>(readStatement(keys.length), keys)
        : await this.prisma.$queryRaw<Row[]>`
      SELECT "key", "data", "version" FROM "BotState" WHERE "key" IN (${Sql.join(keys)})`;
    const out: Array<{ key: string } & StoredState> = [];
    for (const row of rows) {
      const stored = storedState(row.data, Number(row.version));
      if (stored) out.push({ key: row.key, ...stored });
    }
    return out;
  }

  /**
   * Writes `text`, the JSON of `item` without its eTag, unconditionally (as write() does for eTag '*'); the item
   * learns its new eTag. For a caller that has just made that text (JsonConversationState, to see whether the state
   * changed): the state is not converted to JSON a second time.
   */
  async writeText(key: string, item: object, text: string): Promise<void> {
    const [row] = this.statements
      ? await this.statements.all<{ version: number | bigint }>(UPSERT, [key, text, this.timestamp()])
      : await this.prisma.$queryRaw<Array<{ version: number | bigint }>>`
      INSERT INTO "BotState" ("key", "data", "version", "updatedAt") VALUES (${key}, ${text}, 1, ${this.now()})
      ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "version" = "BotState"."version" + 1, "updatedAt" = excluded."updatedAt"
      RETURNING "version"`;
    setETag(item, Number(row!.version));
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const data = JSON.stringify(rest);
      if (eTag === undefined || eTag === '*') {
        // botbuilder semantics: no eTag (or '*') is an unconditional write.
        await this.writeText(key, item ?? {}, data);
        continue;
      }
      const version = Number(eTag);
      const count = this.statements
        ? await this.statements.run(UPDATE, [data, this.timestamp(), key, version])
        : await this.prisma.$executeRaw`
        UPDATE "BotState" SET "data" = ${data}, "version" = "version" + 1, "updatedAt" = ${this.now()}
        WHERE "key" = ${key} AND "version" = ${version}`;
      if (count === 0) {
        throw new AppError('CONFLICT', `storage eTag conflict on ${key} (eTag ${eTag})`);
      }
      setETag(item, version + 1);
    }
  }

  /** `updatedAt` as a driver statement parameter (cast to timestamp(3) in the PostgreSQL text). */
  private timestamp(): string {
    const now = new Date();
    return this.postgres ? now.toISOString() : sqliteTimestamp(now);
  }

  /** `updatedAt` as each database stores it (SQLite: Prisma's ISO text, which the adapter writes for a Date). */
  private now(): Sql.Sql {
    const now = new Date();
    return isPostgres(this.prisma) ? Sql.sql`${now.toISOString()}::timestamp(3)` : Sql.sql`${now}`;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}

/**
 * A BotState row as the stored item (its eTag the row's version) with the JSON text it was read from; undefined for a
 * row that is not a JSON object (hand-edited, truncated), which is treated as absent rather than crashing the turn.
 */
export function storedState(data: string, version: number): StoredState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isStoredItem(parsed)) return undefined;
  parsed.eTag = String(version); // a fresh object: no copy needed to add the eTag
  return { item: parsed, text: data };
}

/** Like botbuilder's MemoryStorage: the cached item learns its new eTag, so a second save in one turn still works. */
function setETag(item: unknown, version: number): void {
  if (item && typeof item === 'object') (item as { eTag?: string }).eTag = String(version);
}

const UPSERT: Statement = {
  name: 'botstate.upsert',
  sqlite: `INSERT INTO "BotState" ("key", "data", "version", "updatedAt") VALUES (?, ?, 1, ?)
    ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "version" = "BotState"."version" + 1, "updatedAt" = excluded."updatedAt"
    RETURNING "version"`,
  postgresql: `INSERT INTO "BotState" ("key", "data", "version", "updatedAt") VALUES ($1, $2, 1, $3::timestamp(3))
    ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "version" = "BotState"."version" + 1, "updatedAt" = excluded."updatedAt"
    RETURNING "version"`,
};

const UPDATE: Statement = {
  name: 'botstate.update-if-version',
  sqlite: `UPDATE "BotState" SET "data" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "key" = ? AND "version" = ?`,
  postgresql: `UPDATE "BotState" SET "data" = $1, "version" = "version" + 1, "updatedAt" = $2::timestamp(3)
    WHERE "key" = $3 AND "version" = $4`,
};

const MAX_PREPARED_KEYS = 4;
const reads = new Map<number, Statement>();

/** The read of `n` keys (a turn reads one: its conversation), one prepared statement per key count. */
function readStatement(n: number): Statement {
  let s = reads.get(n);
  if (!s) {
    const list = (p: (i: number) => string) => Array.from({ length: n }, (_, i) => p(i)).join(', ');
    s = {
      name: `botstate.read.${n}`,
      sqlite: `SELECT "key", "data", "version" FROM "BotState" WHERE "key" IN (${list(() => '?')})`,
      postgresql: `SELECT "key", "data", "version" FROM "BotState" WHERE "key" IN (${list((i) => `$${i + 1}`)})`,
    };
    reads.set(n, s);
  }
  return s;
}
