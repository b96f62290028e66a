// botbuilder Storage on the BotState table, with optimistic concurrency: the row's `version` is the item's eTag.
// A write carrying a stale eTag changes nothing and fails, so two turns racing on one conversation cannot silently
// overwrite each other (the loser's turn errors and the channel catch-all apologises).
import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { AppError } from '../bot/app-error.js';
import type { Prisma } from './client.js';

const storedItem = z.record(z.string(), z.unknown());

export class PrismaStorage implements Storage {
  constructor(private readonly prisma: Prisma) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.prisma.botState.findMany({ where: { key: { in: keys } } });
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
        const row = await this.prisma.botState.upsert({
          where: { key },
          create: { key, data },
          update: { data, version: { increment: 1 } },
          select: { version: true },
        });
        setETag(item, row.version);
        continue;
      }
      const version = Number(eTag);
      const { count } = await this.prisma.botState.updateMany({
        where: { key, version },
        data: { data, version: { increment: 1 } },
      });
      if (count === 0) {
        throw new AppError('CONFLICT', `storage eTag conflict on ${key} (eTag ${eTag})`);
      }
      setETag(item, version + 1);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}

/** Like botbuilder's MemoryStorage: the cached item learns its new eTag, so a second save in one turn still works. */
function setETag(item: unknown, version: number): void {
  if (item && typeof item === 'object') (item as { eTag?: string }).eTag = String(version);
}
