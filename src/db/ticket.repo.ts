// Tickets, their events, attachments and 回访 rows. Transitions are conditional updates (`where` includes the
// expected state), so two staff racing for one ticket cannot both win.
import type { Prisma as PrismaNs, Ticket, TicketEvent, Callback, TicketStatus } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';
import type { OutboxDb } from './outbox.repo.js';

export type TicketRow = Ticket;
export type TicketEventRow = TicketEvent;
export type CallbackRow = Callback;
export type { TicketStatus };
/** The client or a transaction client. */
export type TicketDb = OutboxDb;
export type TicketTx = PrismaNs.TransactionClient;

export function inTransaction<T>(prisma: Prisma, fn: (tx: TicketTx) => Promise<T>): Promise<T> {
  return prisma.$transaction(fn);
}

/** The highest number already used with this prefix (TS-20261128-), or null. */
export async function lastNumberWithPrefix(db: TicketDb, estateId: string, prefix: string): Promise<string | null> {
  const row = await db.ticket.findFirst({
    where: { estateId, number: { startsWith: prefix } },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  return row?.number ?? null;
}

export interface NewTicket {
  number: string;
  estateId: string;
  unitId: string | null;
  personId: string;
  category: string;
  description: string;
  location: string;
  priority: number;
  repeatOfId: string | null;
  isRepeat: boolean;
  createdAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date | null;
  kind?: 'COMPLAINT' | 'EMERGENCY';
  slaStartAt: Date;
  nextSlaCheckAt: Date | null;
  attachments: Array<{ contentUrl: string; name: string }>;
}

export function insertTicket(db: TicketDb, t: NewTicket): Promise<TicketRow> {
  const { attachments, kind, ...data } = t;
  return db.ticket.create({ data: { ...data, kind: kind ?? 'COMPLAINT', attachments: { create: attachments } } });
}

export function findTicketByNumber(db: TicketDb, estateId: string, number: string): Promise<TicketRow | null> {
  return db.ticket.findUnique({ where: { estateId_number: { estateId, number } } });
}

export function findTicketById(db: TicketDb, id: string): Promise<TicketRow | null> {
  return db.ticket.findUnique({ where: { id } });
}

/** The latest ticket of the same unit and category resolved since `since` (reopened ones keep their resolvedAt). */
export function findRecentResolved(db: TicketDb, q: { estateId: string; unitId: string; category: string; since: Date }) {
  return db.ticket.findFirst({
    where: { estateId: q.estateId, unitId: q.unitId, category: q.category, resolvedAt: { gte: q.since }, status: { not: 'WITHDRAWN' } },
    orderBy: { resolvedAt: 'desc' },
  });
}

export interface TicketCondition {
  status?: TicketStatus[];
  assigneeId?: string | null;
  personId?: string;
  round?: number;
}

/** Applies `data` only when the ticket is still as expected; true when this call made the change. */
export async function updateTicketIf(db: TicketDb, id: string, cond: TicketCondition, data: PrismaNs.TicketUncheckedUpdateManyInput): Promise<boolean> {
  const r = await db.ticket.updateMany({
    where: {
      id,
      ...(cond.status ? { status: { in: cond.status } } : {}),
      ...(cond.assigneeId !== undefined ? { assigneeId: cond.assigneeId } : {}),
      ...(cond.personId ? { personId: cond.personId } : {}),
      ...(cond.round !== undefined ? { round: cond.round } : {}),
    },
    data,
  });
  return r.count === 1;
}

export function addTicketEvent(db: TicketDb, e: { ticketId: string; at: Date; actor: string; actorName: string; action: string; note?: string | null }) {
  return db.ticketEvent.create({ data: { ...e, note: e.note ?? null } });
}

export function addTicketAttachments(db: TicketDb, ticketId: string, files: Array<{ contentUrl: string; name: string }>) {
  return db.ticketAttachment.createMany({ data: files.map((f) => ({ ticketId, ...f })) });
}

export function countAttachments(db: TicketDb, ticketId: string): Promise<number> {
  return db.ticketAttachment.count({ where: { ticketId } });
}

export function listTicketEvents(db: TicketDb, ticketId: string): Promise<TicketEventRow[]> {
  return db.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}

/** A person's open tickets and those closed since `since`, newest first. */
export function listTicketsOfPerson(db: TicketDb, personId: string, since: Date, limit = 10): Promise<TicketRow[]> {
  return db.ticket.findMany({
    where: {
      personId,
      OR: [{ status: { in: ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_OWNER', 'WAITING_CONTRACTOR'] } }, { createdAt: { gte: since } }],
    },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
}

/** The estate's settings blob (complaint limits live in its `complaints` section). */
export async function estateSettingsOf(db: TicketDb, estateId: string): Promise<Record<string, unknown>> {
  const e = await db.estate.findUnique({ where: { id: estateId }, select: { settings: true } });
  const s = e?.settings;
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, unknown>) : {};
}

export async function personContact(db: TicketDb, personId: string): Promise<{ name: string; phone: string | null } | null> {
  return db.person.findUnique({ where: { id: personId }, select: { name: true, phone: true } });
}

export async function unitLabelParts(db: TicketDb, unitId: string): Promise<{ building: string; entrance: string; room: string } | null> {
  const u = await db.unit.findUnique({ where: { id: unitId }, select: { entrance: true, room: true, building: { select: { name: true } } } });
  return u ? { building: u.building.name, entrance: u.entrance, room: u.room } : null;
}

export interface StaffInfo {
  id: string;
  personId: string;
  name: string;
  role: 'ASSISTANT' | 'FOREMAN' | 'SUPERVISOR' | 'MANAGER';
}

export async function findStaffById(db: TicketDb, id: string): Promise<StaffInfo | null> {
  const s = await db.staff.findUnique({ where: { id }, select: { id: true, personId: true, role: true, person: { select: { name: true } } } });
  return s ? { id: s.id, personId: s.personId, role: s.role, name: s.person.name } : null;
}

export async function findActiveStaffByName(db: TicketDb, estateId: string, name: string): Promise<StaffInfo[]> {
  const rows = await db.staff.findMany({
    where: { estateId, active: true, person: { name } },
    select: { id: true, personId: true, role: true, person: { select: { name: true } } },
  });
  return rows.map((s) => ({ id: s.id, personId: s.personId, role: s.role, name: s.person.name }));
}

// ── 回访 ──

/** Inserts the survey row of a round; false when it already exists (a re-run of the job). */
export async function insertCallback(db: TicketDb, c: { ticketId: string; round: number; askedAt: Date }): Promise<CallbackRow | null> {
  const existing = await db.callback.findUnique({ where: { ticketId_round: { ticketId: c.ticketId, round: c.round } } });
  if (existing) return null;
  return db.callback.create({ data: c });
}

/** Tickets whose survey is due now — an index range scan on surveyDueAt (set on resolve, cleared once handled). */
export function ticketsAwaitingSurvey(db: TicketDb, now: Date, limit = 500): Promise<Array<TicketRow & { callbacks: CallbackRow[] }>> {
  return db.ticket.findMany({ where: { surveyDueAt: { lte: now } }, orderBy: { surveyDueAt: 'asc' }, take: limit, include: { callbacks: true } });
}

/** The person's resolved tickets with an unanswered survey of the current round, newest survey first. */
export async function ticketsWithOpenSurvey(db: TicketDb, personId: string): Promise<TicketRow[]> {
  const rows = await db.callback.findMany({
    where: { answeredAt: null, ticket: { personId, status: 'RESOLVED' } },
    orderBy: { askedAt: 'desc' },
    take: 5,
    include: { ticket: true },
  });
  return rows.filter((c) => c.round === c.ticket.round).map((c) => c.ticket);
}

export function surveysNeedingReminder(db: TicketDb, askedBefore: Date): Promise<Array<CallbackRow & { ticket: TicketRow }>> {
  return db.callback.findMany({ where: { answeredAt: null, remindedAt: null, askedAt: { lte: askedBefore } }, include: { ticket: true } });
}

export async function markCallbackReminded(db: TicketDb, id: string, at: Date): Promise<boolean> {
  const r = await db.callback.updateMany({ where: { id, remindedAt: null, answeredAt: null }, data: { remindedAt: at } });
  return r.count === 1;
}

/** The open survey of a ticket's current round, if any. */
export function openCallback(db: TicketDb, ticketId: string, round: number): Promise<CallbackRow | null> {
  return db.callback.findFirst({ where: { ticketId, round, answeredAt: null } });
}

export async function answerCallbackRow(db: TicketDb, id: string, a: { score: number | null; comment: string | null; at: Date }): Promise<boolean> {
  const r = await db.callback.updateMany({ where: { id, answeredAt: null }, data: { score: a.score, comment: a.comment, answeredAt: a.at } });
  return r.count === 1;
}
