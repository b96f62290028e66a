// The SLA sweep's reads and its one write: a conditional update of the ticket's ladder state (slaLevel read →
// new value), and — only when that update won — the events and notices of the steps, in the same transaction.
import type { Prisma } from './client.js';
import type { TicketDb, TicketStatus, TicketTx } from './ticket.repo.js';

export interface SlaTicket {
  id: string;
  number: string;
  estateId: string;
  kind: string;
  category: string;
  description: string;
  location: string;
  priority: number;
  status: TicketStatus;
  assigneeId: string | null;
  round: number;
  createdAt: Date;
  slaStartAt: Date | null;
  slaPausedMinutes: number;
  slaPausedAt: Date | null;
  slaLevel: number;
  nextSlaCheckAt: Date | null;
}

const slaSelect = {
  id: true, number: true, estateId: true, kind: true, category: true, description: true, location: true, priority: true,
  status: true, assigneeId: true, round: true, createdAt: true, slaStartAt: true, slaPausedMinutes: true, slaPausedAt: true,
  slaLevel: true, nextSlaCheckAt: true,
} as const;

/** Tickets whose next ladder check is due — an index range scan on nextSlaCheckAt, oldest first. */
export function dueSlaTickets(db: TicketDb, now: Date, limit: number): Promise<SlaTicket[]> {
  return db.ticket.findMany({ where: { nextSlaCheckAt: { lte: now } }, orderBy: { nextSlaCheckAt: 'asc' }, take: limit, select: slaSelect });
}

/** What the sweep expects the ticket still to be; any change in between (claim, pause, another sweep) makes it lose. */
export interface SlaExpect {
  id: string;
  round: number;
  status: TicketStatus;
  slaLevel: number;
}

/**
 * Moves the ladder state from `expect` to `next`; when this call made the change, runs `then` (events, notices) in
 * the same transaction. False when someone else got there first: nothing is written.
 */
export function takeSlaSteps(
  prisma: Prisma,
  expect: SlaExpect,
  next: { slaLevel: number; nextSlaCheckAt: Date | null },
  then: (tx: TicketTx) => Promise<void>,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const r = await tx.ticket.updateMany({
      where: { id: expect.id, round: expect.round, status: expect.status, slaLevel: expect.slaLevel },
      data: next,
    });
    if (r.count !== 1) return false;
    await then(tx);
    return true;
  });
}

export async function estateZoneOf(db: TicketDb, estateId: string): Promise<string> {
  const e = await db.estate.findUnique({ where: { id: estateId }, select: { timezone: true } });
  return e?.timezone ?? 'Asia/Shanghai';
}
