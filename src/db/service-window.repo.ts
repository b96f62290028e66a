// ServiceWindow rows (one per follower of an Official Account) and the HELD outbox rows waiting for them. Every
// counter change is one conditional UPDATE, exclusive on both databases: SQLite serialises writers, and PostgreSQL
// re-checks the WHERE of a row another transaction has just updated — so a burst can never overspend a window.
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';

export type WindowSlot = 'message' | 'event';

export interface WindowLimits {
  messageQuota: number;
  messageSince: Date;
  eventQuota: number;
  eventSince: Date;
}

async function ensureRow(prisma: Prisma, channel: string, address: string): Promise<void> {
  if (await prisma.serviceWindow.findUnique({ where: { channel_address: { channel, address } }, select: { id: true } }))
    return;
  try {
    await prisma.serviceWindow.create({ data: { channel, address } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

/**
 * The owner wrote (`message`) or clicked / followed (`event`) at `at`: that window restarts with a full quota. A retry
 * of the same callback (same `at`) or an older one changes nothing, so an answered retry cannot refill the quota.
 */
export async function openWindow(
  prisma: Prisma,
  w: { channel: string; address: string; slot: WindowSlot; at: Date },
): Promise<void> {
  await ensureRow(prisma, w.channel, w.address);
  const key = { channel: w.channel, address: w.address };
  const followed = { followed: true, unfollowedAt: null };
  if (w.slot === 'message')
    await prisma.serviceWindow.updateMany({
      where: { ...key, OR: [{ messageAt: null }, { messageAt: { lt: w.at } }] },
      data: { messageAt: w.at, messageUsed: 0, ...followed },
    });
  else
    await prisma.serviceWindow.updateMany({
      where: { ...key, OR: [{ eventAt: null }, { eventAt: { lt: w.at } }] },
      data: { eventAt: w.at, eventUsed: 0, ...followed },
    });
}

/** Takes one customer-service message from the owner's open window (the long one first); null when none is left. */
export async function reserveSlot(
  prisma: Prisma,
  channel: string,
  address: string,
  l: WindowLimits,
): Promise<WindowSlot | null> {
  const key = { channel, address, followed: true };
  const m = await prisma.serviceWindow.updateMany({
    where: { ...key, messageAt: { gt: l.messageSince }, messageUsed: { lt: l.messageQuota } },
    data: { messageUsed: { increment: 1 } },
  });
  if (m.count === 1) return 'message';
  const e = await prisma.serviceWindow.updateMany({
    where: { ...key, eventAt: { gt: l.eventSince }, eventUsed: { lt: l.eventQuota } },
    data: { eventUsed: { increment: 1 } },
  });
  return e.count === 1 ? 'event' : null;
}

/** A reply inside a turn: always sent (the owner is waiting), but counted against the window all the same. */
export async function spendSlot(prisma: Prisma, channel: string, address: string, l: WindowLimits): Promise<void> {
  if ((await reserveSlot(prisma, channel, address, l)) !== null) return;
  await prisma.serviceWindow.updateMany({ where: { channel, address }, data: { messageUsed: { increment: 1 } } });
}

/** The platform refused a reserved message without sending it: the slot goes back. */
export async function refundSlot(prisma: Prisma, channel: string, address: string, slot: WindowSlot): Promise<void> {
  const where = { channel, address };
  if (slot === 'message')
    await prisma.serviceWindow.updateMany({
      where: { ...where, messageUsed: { gt: 0 } },
      data: { messageUsed: { decrement: 1 } },
    });
  else
    await prisma.serviceWindow.updateMany({
      where: { ...where, eventUsed: { gt: 0 } },
      data: { eventUsed: { decrement: 1 } },
    });
}

/** The platform says the window is closed or spent (45015 / 45047): nothing more until the owner's next message. */
export async function exhaustWindow(prisma: Prisma, channel: string, address: string, l: WindowLimits): Promise<void> {
  await prisma.serviceWindow.updateMany({
    where: { channel, address },
    data: { messageUsed: l.messageQuota, eventUsed: l.eventQuota },
  });
}

export async function isUnfollowed(prisma: Prisma, channel: string, address: string): Promise<boolean> {
  const row = await prisma.serviceWindow.findUnique({
    where: { channel_address: { channel, address } },
    select: { followed: true },
  });
  return row?.followed === false;
}

/**
 * 取消关注: nothing more goes to this owner. Messages waiting for them (held or pending) become dead letters with
 * the reason, so staff see them in 未送达 instead of their vanishing.
 */
export async function markUnfollowed(
  prisma: Prisma,
  u: { channel: string; address: string; at: Date; reason: string },
): Promise<number> {
  await ensureRow(prisma, u.channel, u.address);
  await prisma.serviceWindow.updateMany({
    where: { channel: u.channel, address: u.address },
    data: { followed: false, unfollowedAt: u.at, messageAt: null, eventAt: null },
  });
  const r = await prisma.outboxMessage.updateMany({
    where: { channel: u.channel, address: u.address, status: { in: ['PENDING', 'HELD'] } },
    data: { status: 'DEAD', lastError: u.reason, lockedBy: null, lockedUntil: null },
  });
  return r.count;
}

/** A claimed row that cannot go now: HELD until the owner writes again (not an attempt, never a dead letter). */
export async function holdRow(
  prisma: Prisma,
  row: { id: string; lockedBy: string | null },
  reason: string,
): Promise<boolean> {
  const r = await prisma.outboxMessage.updateMany({
    where: { id: row.id, status: 'SENDING', lockedBy: row.lockedBy },
    data: { status: 'HELD', lockedBy: null, lockedUntil: null, lastError: reason },
  });
  return r.count === 1;
}

/** The owner wrote again: their held messages are due now (oldest first, as the dispatcher claims by due time). */
export async function releaseHeld(prisma: Prisma, channel: string, address: string, now: Date): Promise<number> {
  const r = await prisma.outboxMessage.updateMany({
    where: { channel, address, status: 'HELD' },
    data: { status: 'PENDING', nextAttemptAt: now },
  });
  return r.count;
}

/** Per-estate settings JSON (template ids live there). */
export async function estateSettings(prisma: Prisma, estateId: string): Promise<unknown> {
  return (await prisma.estate.findUnique({ where: { id: estateId }, select: { settings: true } }))?.settings ?? null;
}

export interface UndeliveredRow {
  id: string;
  kind: string;
  status: 'HELD' | 'DEAD';
  text: string;
  reason: string;
  createdAt: Date;
  owner: { name: string; phone: string | null; units: { building: string; entrance: string; room: string }[] } | null;
}

/**
 * Messages of `channel` that reached nobody: HELD ones, and dead letters since `since`, for owners of `estateId`
 * (matched through the chat account and the person's units). Newest first.
 */
export async function undeliveredFor(
  prisma: Prisma,
  q: { channel: string; estateId: string; since: Date; limit: number },
): Promise<UndeliveredRow[]> {
  const rows = await prisma.outboxMessage.findMany({
    where: {
      channel: q.channel,
      isGroup: false,
      OR: [{ status: 'HELD' }, { status: 'DEAD', createdAt: { gte: q.since } }],
    },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  if (rows.length === 0) return [];
  const identities = await prisma.channelIdentity.findMany({
    where: { channel: q.channel, externalId: { in: [...new Set(rows.map((r) => r.address))] } },
    select: {
      externalId: true,
      person: {
        select: {
          name: true,
          phone: true,
          memberships: {
            select: {
              unit: { select: { entrance: true, room: true, building: { select: { name: true, estateId: true } } } },
            },
          },
        },
      },
    },
  });
  const byAddress = new Map(identities.map((i) => [i.externalId, i.person]));
  const out: UndeliveredRow[] = [];
  for (const r of rows) {
    const person = byAddress.get(r.address);
    const units = (person?.memberships ?? []).filter((m) => m.unit.building.estateId === q.estateId);
    if (units.length === 0) continue;
    const payload = r.payload as { text?: unknown } | null;
    out.push({
      id: r.id,
      kind: r.kind,
      status: r.status === 'HELD' ? 'HELD' : 'DEAD',
      text: typeof payload?.text === 'string' ? payload.text : '',
      reason: r.lastError ?? '',
      createdAt: r.createdAt,
      owner: person
        ? {
            name: person.name,
            phone: person.phone,
            units: units.map((m) => ({ building: m.unit.building.name, entrance: m.unit.entrance, room: m.unit.room })),
          }
        : null,
    });
    if (out.length >= q.limit) break;
  }
  return out;
}
