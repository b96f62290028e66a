// 误报: staff mark a ticket a false alarm. One transaction: the flag and its time, the ticket closed if it was still
// open (no more ladder steps, no 回访), a 'false_alarm' event naming who and why, and the owner's notice (written by the caller, in the same transaction).
import type { Prisma } from './client.js';
import type { OutboxDb } from './outbox.repo.js';
import { addTicketEvent, findTicketById, updateTicketIf } from './ticket.repo.js';
import type { TicketActor, TicketRow, TicketStatus } from './rows.js';

export type FalseAlarmResult =
  | { result: 'marked'; ticket: TicketRow; closed: boolean }
  | { result: 'already'; ticket: TicketRow }
  | { result: 'withdrawn'; ticket: TicketRow }
  | { result: 'changed' };

/** Statuses a false alarm closes: still being worked on, or resolved and waiting for its 回访. */
const CLOSES: TicketStatus[] = ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_OWNER', 'WAITING_CONTRACTOR', 'RESOLVED'];

export function markTicketFalseAlarm(
  prisma: Prisma,
  ticketId: string,
  m: {
    at: Date;
    by: TicketActor;
    note: string | null;
    tellOwner: ((tx: OutboxDb, t: TicketRow) => Promise<unknown>) | null;
  },
): Promise<FalseAlarmResult> {
  return prisma.$transaction(async (tx): Promise<FalseAlarmResult> => {
    const t = await findTicketById(tx, ticketId);
    if (!t) return { result: 'changed' };
    if (t.falseAlarm) return { result: 'already', ticket: t };
    if (t.status === 'WITHDRAWN') return { result: 'withdrawn', ticket: t };
    const closes = CLOSES.includes(t.status);
    const ok = await updateTicketIf(
      tx,
      t.id,
      { status: [t.status], round: t.round },
      {
        falseAlarm: true,
        falseAlarmAt: m.at,
        ...(closes ? { status: 'CLOSED', nextSlaCheckAt: null, surveyDueAt: null, slaPausedAt: null } : {}),
      },
    );
    if (!ok) return { result: 'changed' };
    await addTicketEvent(tx, { ticketId: t.id, at: m.at, ...m.by, action: 'false_alarm', note: m.note });
    // The owner hears that a ticket they are waiting on was closed; a resolved one they were already told about.
    if (closes && t.status !== 'RESOLVED' && m.tellOwner) await m.tellOwner(tx, t);
    const after = await findTicketById(tx, t.id);
    return { result: 'marked', ticket: after ?? t, closed: closes };
  });
}
