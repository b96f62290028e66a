// The staff work lists: open tickets nobody has claimed, and the open tickets of one staff member.
import { OPEN_STATUSES, type TicketDb } from './ticket.repo.js';
import type { TicketRow } from './rows.js';

export type QueueTicket = Pick<
  TicketRow,
  'id' | 'number' | 'kind' | 'category' | 'location' | 'status' | 'createdAt' | 'ackDueAt' | 'resolveDueAt'
>;

const SELECT = {
  id: true,
  number: true,
  kind: true,
  category: true,
  location: true,
  status: true,
  createdAt: true,
  ackDueAt: true,
  resolveDueAt: true,
} as const;

/** Open and unclaimed (NEW, no assignee) in one estate, oldest first; `total` counts them all. */
export async function unclaimedTickets(
  db: TicketDb,
  estateId: string,
  limit: number,
): Promise<{ items: QueueTicket[]; total: number }> {
  const where = { estateId, status: 'NEW' as const, assigneeId: null };
  const [items, total] = await Promise.all([
    db.ticket.findMany({ where, orderBy: [{ createdAt: 'asc' }, { number: 'asc' }], take: limit, select: SELECT }),
    db.ticket.count({ where }),
  ]);
  return { items, total };
}

/** One staff member's open tickets by resolve due time (none last, the same on both databases), then age. */
export async function ticketsAssignedTo(
  db: TicketDb,
  staffId: string,
  limit: number,
): Promise<{ items: QueueTicket[]; total: number }> {
  const where = { assigneeId: staffId, status: { in: OPEN_STATUSES } };
  const [items, total] = await Promise.all([
    db.ticket.findMany({
      where,
      orderBy: [{ resolveDueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
      take: limit,
      select: SELECT,
    }),
    db.ticket.count({ where }),
  ]);
  return { items, total };
}
