// #17: the send ledger (PostgreSQL only): every instance checks a channel's windows and reserves its send slot under
// one per-channel advisory lock, so N instances together keep the limits one instance keeps. The rules themselves
// (which windows, which caps) come from src/notify/shared-rate-limiter.ts; this file is only the SQL.
//
// A send's time in a window is when it ENDED (the channel answered), and a send still in flight counts as "now": a
// request reaches the provider somewhere between its start and its end, so measuring from ends keeps any N+1 sends at
// least the window apart at the provider, however slow the network or the event loop (the same reason the
// in-process limiter waits "from the end" for one-per-N rules).
import crypto from 'node:crypto';
import { Prisma as Sql } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';

export interface LedgerWindow {
  /** true: sends to this chat only; false: every send of the channel. */
  perChat: boolean;
  count: number;
  perMs: number;
}

export interface ReserveRequest {
  channel: string;
  address: string;
  isGroup: boolean;
  windows: LedgerWindow[];
  /** Sends per local day across the channel, counted from `dayStart`; when reached, wait until `nextDayStart`. */
  dailyCap?: { cap: number; dayStart: Date; nextDayStart: Date };
  now: Date;
  /** A send in flight longer than this belongs to a process that died: it stops counting as "now". */
  staleAfterMs: number;
}

export type Reservation = { ok: true; id: string } | { ok: false; retryAt: Date };

/** Address of a block that holds the whole channel. */
export const WHOLE_CHANNEL = '*';

const lockKey = (channel: string) => `wuye-send:${channel}`;
const ts = (d: Date) => d.toISOString();

/** Checks every window of `req` and, if all allow a send now, records one (in flight). One transaction, locked per channel. */
export async function reserveSendSlot(prisma: Prisma, req: ReserveRequest): Promise<Reservation> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS "ok" FROM pg_advisory_xact_lock(hashtext(${lockKey(req.channel)}))`;
      const now = req.now.getTime();
      const nowTs = ts(req.now);
      const staleBefore = ts(new Date(now - req.staleAfterMs));
      // One statement, one row per constraint: the time it allows a send from (null: no constraint now).
      const parts: Sql.Sql[] = req.windows.map((w) => {
        const address = w.perChat ? req.address : null;
        // The count-th latest send in the window, by its effective time (ended → endedAt; in flight → now).
        return Sql.sql`(SELECT "eff" + ${w.perMs} * interval '1 millisecond' FROM (
            SELECT CASE WHEN "endedAt" IS NOT NULL THEN "endedAt"
                        WHEN "startedAt" > ${staleBefore}::timestamp(3) THEN ${nowTs}::timestamp(3)
                        ELSE "startedAt" END AS "eff"
            FROM "SendLedger"
            WHERE "channel" = ${req.channel} AND "blockedUntil" IS NULL
              AND (${address}::text IS NULL OR "address" = ${address}::text)
              AND ("endedAt" IS NULL OR "endedAt" > ${ts(new Date(now - w.perMs))}::timestamp(3))
          ) s ORDER BY "eff" DESC OFFSET ${w.count - 1} LIMIT 1)`;
      });
      parts.push(Sql.sql`(SELECT max("blockedUntil") FROM "SendLedger"
          WHERE "channel" = ${req.channel} AND "address" IN (${req.address}, ${WHOLE_CHANNEL})
            AND "blockedUntil" > ${nowTs}::timestamp(3))`);
      if (req.dailyCap)
        parts.push(Sql.sql`(SELECT CASE WHEN count(*) >= ${req.dailyCap.cap}
              THEN ${ts(req.dailyCap.nextDayStart)}::timestamp(3) END FROM "SendLedger"
          WHERE "channel" = ${req.channel} AND "blockedUntil" IS NULL
            AND "startedAt" >= ${ts(req.dailyCap.dayStart)}::timestamp(3))`);
      const rows = await tx.$queryRaw<{ at: Date | null }[]>`SELECT greatest(${Sql.join(parts)}) AS "at"`;
      const at = Math.max(now, rows[0]?.at?.getTime() ?? now);
      if (at > now) return { ok: false as const, retryAt: new Date(at) };
      const id = crypto.randomUUID();
      await tx.sendLedger.create({
        data: { id, channel: req.channel, address: req.address, isGroup: req.isGroup, startedAt: req.now },
      });
      return { ok: true as const, id };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** The channel answered (or failed): the send's window time is now fixed. */
export async function endSend(prisma: Prisma, id: string, at: Date): Promise<void> {
  await prisma.sendLedger.updateMany({ where: { id, endedAt: null }, data: { endedAt: at } });
}

/** The channel said "wait" (Telegram 429 retry_after): no send to `address` (or WHOLE_CHANNEL) before `until`. */
export async function blockSends(
  prisma: Prisma,
  block: { channel: string; address: string; now: Date; until: Date },
): Promise<void> {
  await prisma.sendLedger.create({
    data: {
      id: crypto.randomUUID(),
      channel: block.channel,
      address: block.address,
      startedAt: block.now,
      endedAt: block.now,
      blockedUntil: block.until,
    },
  });
}

/** Forgets the channel's sends started before `before` and blocks that are over. Returns rows removed. */
export async function pruneSendLedger(
  prisma: Prisma,
  opts: { channel: string; before: Date; now: Date },
): Promise<number> {
  const r = await prisma.sendLedger.deleteMany({
    where: {
      channel: opts.channel,
      startedAt: { lt: opts.before },
      OR: [{ blockedUntil: null }, { blockedUntil: { lt: opts.now } }],
    },
  });
  return r.count;
}
