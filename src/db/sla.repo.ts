// The SLA sweep's reads and its one write: a conditional update of the ticket's ladder state (slaLevel read →
// new value), and — only when that update won — the events and notices of the steps, in the same transaction.
import { outboxStoreOf, type NoticeWriter } from './outbox-store.js';
import type { Notice } from '../shared/outbound-message.js';
import type { StaffRole } from './enums.js';
import type { Prisma } from './client.js';
import { addTicketEvent, findStaffById, type TicketDb } from './ticket.repo.js';
import type { TicketActor, TicketRow, TicketStatus } from './rows.js';

const slaSelect = {
  id: true,
  number: true,
  estateId: true,
  kind: true,
  category: true,
  description: true,
  location: true,
  priority: true,
  status: true,
  assigneeId: true,
  round: true,
  createdAt: true,
  slaStartAt: true,
  slaPausedMinutes: true,
  slaPausedAt: true,
  slaLevel: true,
  nextSlaCheckAt: true,
} as const;

/** A ticket as the sweep reads it: the columns of `slaSelect`. */
export type SlaTicket = Pick<TicketRow, keyof typeof slaSelect>;

/** Tickets whose next ladder check is due — an index range scan on nextSlaCheckAt, oldest first. */
export function dueSlaTickets(db: TicketDb, now: Date, limit: number): Promise<SlaTicket[]> {
  return db.ticket.findMany({
    where: { nextSlaCheckAt: { lte: now } },
    orderBy: { nextSlaCheckAt: 'asc' },
    take: limit,
    select: slaSelect,
  });
}

/** What the sweep expects the ticket still to be; any change in between (claim, pause, another sweep) makes it lose. */
export interface SlaExpect {
  id: string;
  round: number;
  status: TicketStatus;
  slaLevel: number;
}

/** One ladder step to write: its event and the notice to its target ('ASSIGNEE': the assignee, else the assistants). */
export interface SlaStepWrite {
  event: TicketActor & { action: string; note: string };
  to: 'ASSIGNEE' | StaffRole;
  notice: Notice;
}

/**
 * Moves the ladder state from `expect` to `next`; when this call made the change, writes the steps' events and
 * notices in the same transaction. False when someone else got there first: nothing is written.
 */
export function takeSlaSteps(
  prisma: Prisma,
  writer: NoticeWriter,
  expect: SlaExpect,
  next: { slaLevel: number; nextSlaCheckAt: Date | null },
  t: { estateId: string; assigneeId: string | null; at: Date },
  steps: SlaStepWrite[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const r = await tx.ticket.updateMany({
      where: { id: expect.id, round: expect.round, status: expect.status, slaLevel: expect.slaLevel },
      data: next,
    });
    if (r.count !== 1) return false;
    for (const s of steps) {
      await addTicketEvent(tx, { ticketId: expect.id, at: t.at, ...s.event });
      if (s.to !== 'ASSIGNEE') {
        await writer.staffGroup(outboxStoreOf(tx), t.estateId, s.to, s.notice);
        continue;
      }
      const assignee = t.assigneeId ? await findStaffById(tx, t.assigneeId) : null;
      if (assignee) await writer.person(outboxStoreOf(tx), assignee.personId, s.notice);
      else await writer.staffGroup(outboxStoreOf(tx), t.estateId, 'ASSISTANT', s.notice);
    }
    return true;
  });
}

export async function estateZoneOf(db: TicketDb, estateId: string): Promise<string> {
  const e = await db.estate.findUnique({ where: { id: estateId }, select: { timezone: true } });
  return e?.timezone ?? 'Asia/Shanghai';
}
