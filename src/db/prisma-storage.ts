// botbuilder Storage on the BotState table, with optimistic concurrency: the row's `version` is the item's eTag.
// A write carrying a stale eTag changes nothing and fails, so two turns racing on one conversation cannot silently
// overwrite each other (the loser's turn errors and the channel catch-all apologises).
// Caveat: botbuilder's BotState.saveChanges (ConversationState, UserState) always writes with eTag '*', so the bot's
// own state saves are unconditional (last writer wins); the check applies to callers that pass the eTag they read.
//
// Every turn reads and (when the dialog moved) writes one item, so both are hand-written SQL, one statement each:
// the same statements Prisma's findMany / upsert / updateMany send, without its per-call query planning, which was
// most of a turn's CPU (bench: npm run bench -- turn).
import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { AppError } from '../shared/app-error.js';
import { Prisma as Sql } from '../generated/sqlite/client.js';
import { isPostgres, type Prisma } from './client.js';

const storedItem = z.record(z.string(), z.unknown());

export class PrismaStorage implements Storage {
  constructor(private readonly prisma: Prisma) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.prisma.$queryRaw<Array<{ key: string; data: string; version: number | bigint }>>`
      SELECT "key", "data", "version" FROM "BotState" WHERE "key" IN (${Sql.join(keys)})`;
    const items: StoreItems = {};
    for (const row of rows) {
      const parsed = storedItem.safeParse(JSON.parse(row.data));
      // A row that is not an object (hand-edited, truncated) is treated as absent rather than crashing the turn.
      if (parsed.success) items[row.key] = { ...parsed.data, eTag: String(row.version) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const data = JSON.stringify(rest);
      if (eTag === undefined || eTag === '*') {
        // botbuilder semantics: no eTag (or '*') is an unconditional write.
        const [row] = await this.prisma.$queryRaw<Array<{ version: number | bigint }>>`
          INSERT INTO "BotState" ("key", "data", "version", "updatedAt") VALUES (${key}, ${data}, 1, ${this.now()})
          ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "version" = "BotState"."version" + 1, "updatedAt" = excluded."updatedAt"
          RETURNING "version"`;
        setETag(item, Number(row!.version));
        continue;
      }
      const version = Number(eTag);
      const count = await this.prisma.$executeRaw`
        UPDATE "BotState" SET "data" = ${data}, "version" = "version" + 1, "updatedAt" = ${this.now()}
        WHERE "key" = ${key} AND "version" = ${version}`;
      if (count === 0) {
        throw new AppError('CONFLICT', `storage eTag conflict on ${key} (eTag ${eTag})`);
      }
      setETag(item, version + 1);
    }
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

/** Like botbuilder's MemoryStorage: the cached item learns its new eTag, so a second save in one turn still works. */
function setETag(item: unknown, version: number): void {
  if (item && typeof item === 'object') (item as { eTag?: string }).eTag = String(version);
}
