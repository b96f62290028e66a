// Staff administration in one transaction each: a leaver (离职) is deactivated and unbound and their open work handed
// to a foreman; a staff group chat is unregistered (注销群). Both audited.
import type { StaffRole } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';
import type { OutboxDb } from './outbox.repo.js';
import { OPEN_STATUSES } from './ticket.repo.js';

export interface HandedOver {
  tickets: Array<{ id: string; number: string; category: string; status: string }>;
  callbacks: Array<{ id: string; topic: string }>;
  accounts: number;
}

/** Active foremen of an estate, oldest first (the one work is handed to is the first that is not the leaver). */
export function activeForemen(prisma: Prisma, estateId: string) {
  return prisma.staff.findMany({
    where: { estateId, role: 'FOREMAN', active: true },
    orderBy: { createdAt: 'asc' },
    select: { id: true, personId: true, person: { select: { name: true } } },
  });
}

/** 离职: who leaves, who takes their open work, and the audit's who and why. */
export interface LeaverHandOver {
  estateId: string;
  leaver: { id: string; personId: string };
  to: { id: string };
  actor: string;
  actorName: string;
  note: string;
  at: Date;
}

/**
 * The leaver's staff record goes inactive, their chat accounts are unbound, their open tickets and taken callbacks
 * pass to `to`; `tell` queues the one notice about it inside the same transaction. False when the leaver is no
 * longer active (someone else did it first).
 */
export function handOverLeaver(
  prisma: Prisma,
  p: LeaverHandOver,
  tell: (tx: OutboxDb, handed: HandedOver) => Promise<unknown>,
): Promise<HandedOver | null> {
  return prisma.$transaction(async (tx) => {
    const gone = await tx.staff.updateMany({
      where: { id: p.leaver.id, estateId: p.estateId, active: true },
      data: { active: false, onDuty: false },
    });
    if (gone.count === 0) return null;
    const accounts = await tx.channelIdentity.updateMany({
      where: { personId: p.leaver.personId },
      data: { personId: null },
    });
    const tickets = await tx.ticket.findMany({
      where: { estateId: p.estateId, assigneeId: p.leaver.id, status: { in: OPEN_STATUSES } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, number: true, category: true, status: true },
    });
    for (const t of tickets) {
      await tx.ticket.update({ where: { id: t.id }, data: { assigneeId: p.to.id } });
      await tx.ticketEvent.create({
        data: { ticketId: t.id, at: p.at, actor: p.actor, actorName: p.actorName, action: 'reassigned', note: p.note },
      });
    }
    const callbacks = await tx.handoff.findMany({
      where: { estateId: p.estateId, takenById: p.leaver.id, status: 'TAKEN' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, topic: true },
    });
    if (callbacks.length > 0)
      await tx.handoff.updateMany({
        where: { id: { in: callbacks.map((c) => c.id) } },
        data: { takenById: p.to.id },
      });
    const handed: HandedOver = { tickets, callbacks, accounts: accounts.count };
    await tx.auditLog.create({
      data: {
        actor: p.actor,
        action: 'staff.left',
        subject: p.leaver.id,
        at: p.at,
        detail: {
          to: p.to.id,
          accounts: accounts.count,
          tickets: tickets.map((t) => t.id),
          callbacks: callbacks.map((c) => c.id),
        },
      },
    });
    await tell(tx, handed);
    return handed;
  });
}

/** Removes a registered staff group of the estate; its role, or null when the chat was not registered there. */
export function unregisterStaffChat(
  prisma: Prisma,
  p: { estateId: string; channel: string; chatId: string; actor: string; at: Date },
): Promise<StaffRole | null> {
  return prisma.$transaction(async (tx) => {
    const chat = await tx.staffChat.findUnique({
      where: { channel_chatId: { channel: p.channel, chatId: p.chatId } },
    });
    if (!chat || chat.estateId !== p.estateId) return null;
    await tx.staffChat.delete({ where: { id: chat.id } });
    await tx.auditLog.create({
      data: {
        actor: p.actor,
        action: 'staffChat.unregistered',
        subject: chat.id,
        at: p.at,
        detail: { role: chat.role, channel: chat.channel, chatId: chat.chatId },
      },
    });
    return chat.role;
  });
}
