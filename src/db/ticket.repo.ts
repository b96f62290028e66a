// Tickets, their events, attachments and 回访 rows. Transitions are conditional updates (`where` includes the
// expected state), so two staff racing for one ticket cannot both win.
import type { StaffRole } from './enums.js';
import { outboxStoreOf, type NoticeWriter } from './outbox-store.js';
import type { Notice } from '../shared/outbound-message.js';
import { isPostgres, type Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import { driverDate, driverStatements, driverTimestamp, type Statement } from './driver-statements.js';
import type { OutboxDb } from './outbox.repo.js';
import {
  OPEN_TICKET_STATUSES,
  type CallbackRow,
  type NewTicket,
  type OwnerInfo,
  type ReopenPlan,
  type ResumePlan,
  type StaffInfo,
  type TicketActor,
  type TicketCondition,
  type TicketDraft,
  type TicketEventNote,
  type TicketEventRow,
  type TicketFiling,
  type TicketListItem,
  type TicketNotice,
  type TicketRow,
  type TicketStatus,
  type TicketTransition,
  type TicketUpdate,
} from './rows.js';

// The plain types live in rows.ts; these names stay importable from here for the callers that already do.
export type { TicketActor, TicketEventRow, TicketListItem, TicketRow, TicketStatus } from './rows.js';
/** The client or a transaction client. */
export type TicketDb = OutboxDb;

/** The open statuses (rows.ts), as the mutable list Prisma's `in` filter takes. */
export const OPEN_STATUSES: TicketStatus[] = [...OPEN_TICKET_STATUSES];

/** The highest number already used with this prefix (TS-20261128-), or null. */
async function lastNumberWithPrefix(db: TicketDb, estateId: string, prefix: string): Promise<string | null> {
  const row = await db.ticket.findFirst({
    where: { estateId, number: { startsWith: prefix } },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  return row?.number ?? null;
}

function insertTicket(db: TicketDb, t: NewTicket): Promise<TicketRow> {
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
function findRecentResolved(db: TicketDb, q: { estateId: string; unitId: string; category: string; since: Date }) {
  return db.ticket.findFirst({
    where: {
      estateId: q.estateId,
      unitId: q.unitId,
      category: q.category,
      resolvedAt: { gte: q.since },
      status: { not: 'WITHDRAWN' },
    },
    orderBy: { resolvedAt: 'desc' },
  });
}

/** Applies `data` only when the ticket is still as expected; true when this call made the change. */
export async function updateTicketIf(
  db: TicketDb,
  id: string,
  cond: TicketCondition,
  data: TicketUpdate,
): Promise<boolean> {
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

export function addTicketEvent(
  db: TicketDb,
  e: { ticketId: string; at: Date; actor: string; actorName: string; action: string; note?: string | null },
) {
  return db.ticketEvent.create({ data: { ...e, note: e.note ?? null } });
}

function addTicketAttachments(db: TicketDb, ticketId: string, files: Array<{ contentUrl: string; name: string }>) {
  return db.ticketAttachment.createMany({ data: files.map((f) => ({ ticketId, ...f })) });
}

export function countAttachments(db: TicketDb, ticketId: string): Promise<number> {
  return db.ticketAttachment.count({ where: { ticketId } });
}

export function listTicketEvents(db: TicketDb, ticketId: string): Promise<TicketEventRow[]> {
  return db.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}

/**
 * A person's open tickets and those created since `since`, newest first. 我的投诉 reads it on every visit, so it is a
 * statement prepared on the driver (the same SELECT Prisma's findMany sends, ≈ 2 ms of CPU less, #15); a transaction
 * client takes the Prisma path.
 */
export async function listTicketsOfPerson(
  db: TicketDb,
  personId: string,
  since: Date,
  limit = 10,
): Promise<TicketListItem[]> {
  const statements = driverStatements(db);
  if (!statements)
    return db.ticket.findMany({
      where: {
        personId,
        OR: [{ status: { in: OPEN_STATUSES } }, { createdAt: { gte: since } }],
      },
      select: {
        id: true,
        number: true,
        category: true,
        status: true,
        isRepeat: true,
        description: true,
        createdAt: true,
      },
      orderBy: { createdAt: 'desc' },
      take: limit,
    });
  type Row = Omit<TicketListItem, 'isRepeat' | 'createdAt'> & { isRepeat: boolean | number; createdAt: unknown };
  const rows = await statements.all<Row>(TICKETS_OF_PERSON, [personId, driverTimestamp(db, since), limit]);
  return rows.map((r) => ({ ...r, isRepeat: Boolean(r.isRepeat), createdAt: driverDate(r.createdAt) }));
}

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const TICKETS_OF_PERSON: Statement = {
  name: 'ticket.list-of-person',
  sqlite: `SELECT "id", "number", "category", "status", "isRepeat", "description", "createdAt" FROM "Ticket"
    WHERE "personId" = ? AND ("status" IN (${OPEN_LIST}) OR "createdAt" >= ?) ORDER BY "createdAt" DESC LIMIT ?`,
  postgresql: `SELECT "id", "number", "category", "status"::text, "isRepeat", "description", "createdAt" FROM "Ticket"
    WHERE "personId" = $1 AND ("status" IN (${OPEN_LIST}) OR "createdAt" >= $2::timestamp(3)) ORDER BY "createdAt" DESC LIMIT $3`,
};

/** The estate's settings blob (complaint limits live in its `complaints` section). */
export async function estateSettingsOf(db: TicketDb, estateId: string): Promise<Record<string, unknown>> {
  const e = await db.estate.findUnique({ where: { id: estateId }, select: { settings: true } });
  const s = e?.settings;
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, unknown>) : {};
}

export async function personContact(
  db: TicketDb,
  personId: string,
): Promise<{ name: string; phone: string | null } | null> {
  return db.person.findUnique({ where: { id: personId }, select: { name: true, phone: true } });
}

export async function unitLabelParts(
  db: TicketDb,
  unitId: string,
): Promise<{ building: string; entrance: string; room: string } | null> {
  const u = await db.unit.findUnique({
    where: { id: unitId },
    select: { entrance: true, room: true, building: { select: { name: true } } },
  });
  return u ? { building: u.building.name, entrance: u.entrance, room: u.room } : null;
}

export async function findStaffById(db: TicketDb, id: string): Promise<StaffInfo | null> {
  const s = await db.staff.findUnique({
    where: { id },
    select: { id: true, personId: true, role: true, department: true, person: { select: { name: true } } },
  });
  return s ? { id: s.id, personId: s.personId, role: s.role, name: s.person.name, department: s.department } : null;
}

export async function findActiveStaffByName(db: TicketDb, estateId: string, name: string): Promise<StaffInfo[]> {
  const rows = await db.staff.findMany({
    where: { estateId, active: true, person: { name } },
    select: { id: true, personId: true, role: true, department: true, person: { select: { name: true } } },
  });
  return rows.map((s) => ({
    id: s.id,
    personId: s.personId,
    role: s.role,
    name: s.person.name,
    department: s.department,
  }));
}

// ── 回访 ──

/** Inserts the survey row of a round; false when it already exists (a re-run of the job). */
async function insertCallback(
  db: TicketDb,
  c: { ticketId: string; round: number; askedAt: Date },
): Promise<CallbackRow | null> {
  const existing = await db.callback.findUnique({
    where: { ticketId_round: { ticketId: c.ticketId, round: c.round } },
  });
  if (existing) return null;
  return db.callback.create({ data: c });
}

/** Tickets whose survey is due now — an index range scan on surveyDueAt (set on resolve, cleared once handled). */
export function ticketsAwaitingSurvey(
  db: TicketDb,
  now: Date,
  limit = 500,
): Promise<Array<TicketRow & { callbacks: CallbackRow[] }>> {
  return db.ticket.findMany({
    where: { surveyDueAt: { lte: now } },
    orderBy: { surveyDueAt: 'asc' },
    take: limit,
    include: { callbacks: true },
  });
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

export function surveysNeedingReminder(
  db: TicketDb,
  askedBefore: Date,
): Promise<Array<CallbackRow & { ticket: TicketRow }>> {
  return db.callback.findMany({
    where: { answeredAt: null, remindedAt: null, askedAt: { lte: askedBefore } },
    include: { ticket: true },
  });
}

async function markCallbackReminded(db: TicketDb, id: string, at: Date): Promise<boolean> {
  const r = await db.callback.updateMany({
    where: { id, remindedAt: null, answeredAt: null },
    data: { remindedAt: at },
  });
  return r.count === 1;
}

/** The open survey of a ticket's current round, if any. */
function openCallback(db: TicketDb, ticketId: string, round: number): Promise<CallbackRow | null> {
  return db.callback.findFirst({ where: { ticketId, round, answeredAt: null } });
}

async function answerCallbackRow(
  db: TicketDb,
  id: string,
  a: { score: number | null; comment: string | null; at: Date },
): Promise<boolean> {
  const r = await db.callback.updateMany({
    where: { id, answeredAt: null },
    data: { score: a.score, comment: a.comment, answeredAt: a.at },
  });
  return r.count === 1;
}

// ── Units of work: each change, its TicketEvent and its outbox notices in one transaction ──
// The service decides the rules and writes the texts; these take them ready-made (or as builders of the rows they
// need) and do the whole change, so no caller holds a transaction open.

async function send(tx: TicketDb, writer: NoticeWriter, notices: TicketNotice[]): Promise<void> {
  for (const n of notices) {
    if ('personId' in n) await writer.person(outboxStoreOf(tx), n.personId, n.notice);
    else if ('department' in n) await writer.department(outboxStoreOf(tx), n.estateId, n.department, n.notice);
    else await writer.staffGroup(outboxStoreOf(tx), n.estateId, n.role, n.notice);
  }
}

/**
 * Files a ticket under the estate's next number with its 'created' event and notices. `draft` gets the last number
 * used with `numberPrefix` and the ticket this one repeats (same unit and category, resolved since `repeat.since`).
 * Two reports in the same instant may pick the same number: the unique key refuses one, which retries.
 */
export async function createTicket(
  prisma: Prisma,
  writer: NoticeWriter,
  q: TicketFiling,
  draft: (last: string | null, repeatOf: TicketRow | null) => TicketDraft,
): Promise<{ ticket: TicketRow; repeatOf: TicketRow | null }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        // PostgreSQL: one number at a time per estate. The row lock waits for a concurrent filing to commit, and the
        // read below then sees its number; without it, 30 owners confirming at once (a backlog after a restart)
        // outran the retries and got the error apology (test/faults/crash-restart.long.test.ts). SQLite serialises
        // writers anyway.
        if (isPostgres(tx)) await tx.$queryRaw`SELECT 1 FROM "Estate" WHERE "id" = ${q.estateId} FOR UPDATE`;
        // The same message filing again (its turn re-run after a crash): the ticket it filed, nothing new.
        const filed = q.intakeKey ? await tx.ticket.findUnique({ where: { intakeKey: q.intakeKey } }) : null;
        if (filed) return { ticket: filed, repeatOf: null };
        const last = await lastNumberWithPrefix(tx, q.estateId, q.numberPrefix);
        const repeatOf = q.repeat ? await findRecentResolved(tx, { estateId: q.estateId, ...q.repeat }) : null;
        const d = draft(last, repeatOf);
        const ticket = await insertTicket(tx, { ...d.ticket, intakeKey: q.intakeKey ?? null });
        await addTicketEvent(tx, { ticketId: ticket.id, at: d.ticket.createdAt, ...d.created, action: 'created' });
        await send(tx, writer, d.notices(ticket));
        return { ticket, repeatOf };
      });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 8) throw err;
    }
  }
}

/** 认领: NEW and unassigned → ACCEPTED (of two racing claims exactly one wins). False when this call lost. */
export function claimTicket(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: { staffId: string; at: Date; nextSlaCheckAt: Date | null; from: TicketStatus[] },
  by: TicketActor,
  notices: TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (
      !(await updateTicketIf(
        tx,
        id,
        { status: c.from, assigneeId: null },
        { status: 'ACCEPTED', assigneeId: c.staffId, acceptedAt: c.at, nextSlaCheckAt: c.nextSlaCheckAt },
      ))
    )
      return false;
    await addTicketEvent(tx, { ticketId: id, at: c.at, ...by, action: 'claimed' });
    await send(tx, writer, notices);
    return true;
  });
}

/** "收到" on an emergency: NEW → ACCEPTED, the 经理 ping off. False when someone acked it first. */
export function ackEmergencyTicket(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: { staffId: string; at: Date; from: TicketStatus[] },
  ev: TicketEventNote,
  notices: TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (
      !(await updateTicketIf(
        tx,
        id,
        { status: c.from },
        { status: 'ACCEPTED', assigneeId: c.staffId, acceptedAt: c.at, nextSlaCheckAt: null },
      ))
    )
      return false;
    await addTicketEvent(tx, { ticketId: id, at: c.at, ...ev, action: 'acked' });
    await send(tx, writer, notices);
    return true;
  });
}

/** A staff note; on an accepted ticket it means work has started. */
export async function addStaffNote(prisma: Prisma, id: string, at: Date, ev: TicketEventNote): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await addTicketEvent(tx, { ticketId: id, at, ...ev, action: 'note' });
    await updateTicketIf(tx, id, { status: ['ACCEPTED'] }, { status: 'IN_PROGRESS' });
  });
}

/** 等待业主 / 等待施工方: the clock stops (the sweep skips the ticket until resume). False when not being worked on. */
export function setTicketWaiting(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: { status: 'WAITING_OWNER' | 'WAITING_CONTRACTOR'; at: Date; from: TicketStatus[] },
  ev: TicketEventNote,
  notices: (eventId: string) => TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (
      !(await updateTicketIf(tx, id, { status: c.from }, { status: c.status, slaPausedAt: c.at, nextSlaCheckAt: null }))
    )
      return false;
    const e = await addTicketEvent(tx, {
      ticketId: id,
      at: c.at,
      ...ev,
      action: c.status === 'WAITING_OWNER' ? 'wait_owner' : 'wait_contractor',
    });
    await send(tx, writer, notices(e.id));
    return true;
  });
}

async function resumeIn(tx: TicketDb, id: string, at: Date, ev: TicketEventNote, plan: ResumePlan): Promise<boolean> {
  const cur = await findTicketById(tx, id);
  if (!cur || (cur.status !== 'WAITING_OWNER' && cur.status !== 'WAITING_CONTRACTOR')) return false;
  const next = plan(cur, await estateSettingsOf(tx, cur.estateId));
  if (
    !(await updateTicketIf(
      tx,
      id,
      { status: [cur.status], round: cur.round },
      { status: 'IN_PROGRESS', slaPausedAt: null, ...next },
    ))
  )
    return false;
  await addTicketEvent(tx, { ticketId: id, at, ...ev, action: 'resume' });
  return true;
}

/** A waiting ticket back to IN_PROGRESS. False when it was not waiting. */
export function resumeTicket(
  prisma: Prisma,
  id: string,
  at: Date,
  ev: TicketEventNote,
  plan: ResumePlan,
): Promise<boolean> {
  return prisma.$transaction((tx) => resumeIn(tx, id, at, ev, plan));
}

/** 办结: a ticket being worked on → RESOLVED, its 回访 due; a waiting one gets its resume event first. */
export function resolveTicket(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: { staffId: string; at: Date; note: string; resumeNote: string; from: TicketStatus[]; action?: string },
  by: TicketActor,
  notices: (round: number) => TicketNotice[],
): Promise<boolean> {
  const working = c.from;
  return prisma.$transaction(async (tx) => {
    const cur = await findTicketById(tx, id);
    if (!cur || !working.includes(cur.status)) return false;
    if (
      !(await updateTicketIf(
        tx,
        id,
        { status: working, round: cur.round },
        {
          status: 'RESOLVED',
          resolvedAt: c.at,
          assigneeId: cur.assigneeId ?? c.staffId,
          nextSlaCheckAt: null,
          slaPausedAt: null,
          surveyDueAt: c.at,
        },
      ))
    )
      return false;
    if (cur.status === 'WAITING_OWNER' || cur.status === 'WAITING_CONTRACTOR') {
      await addTicketEvent(tx, { ticketId: id, at: c.at, ...by, action: 'resume', note: c.resumeNote });
    }
    await addTicketEvent(tx, { ticketId: id, at: c.at, ...by, action: c.action ?? 'resolved', note: c.note });
    await send(tx, writer, notices(cur.round));
    return true;
  });
}

/** 转派 an open ticket to `toStaffId` (a NEW one is accepted on their behalf). False when closed or already theirs. */
export function reassignTicket(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: { toStaffId: string; at: Date; from: TicketStatus[] },
  ev: TicketEventNote,
  notices: (eventId: string) => TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const cur = await findTicketById(tx, id);
    if (!cur || !c.from.includes(cur.status) || cur.assigneeId === c.toStaffId) return false;
    const data =
      cur.status === 'NEW'
        ? { status: 'ACCEPTED' as const, acceptedAt: c.at, assigneeId: c.toStaffId }
        : { assigneeId: c.toStaffId };
    if (!(await updateTicketIf(tx, id, { status: [cur.status], assigneeId: cur.assigneeId }, data))) return false;
    const e = await addTicketEvent(tx, { ticketId: id, at: c.at, ...ev, action: 'reassigned' });
    await send(tx, writer, notices(e.id));
    return true;
  });
}

/** The owner withdraws an open ticket of theirs. False when it is not theirs or not open. */
export function withdrawTicket(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: { personId: string; at: Date; from: TicketStatus[] },
  by: TicketActor,
  notices: (t: TicketRow) => TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const t = await findTicketById(tx, id);
    if (
      !t ||
      !(await updateTicketIf(
        tx,
        id,
        { status: c.from, personId: c.personId },
        { status: 'WITHDRAWN', nextSlaCheckAt: null },
      ))
    )
      return false;
    await addTicketEvent(tx, { ticketId: id, at: c.at, ...by, action: 'withdrawn' });
    await send(tx, writer, notices(t));
    return true;
  });
}

/** 补充信息 on an open ticket of the owner's (text and/or photos); a ticket waiting for the owner resumes. */
export function addOwnerInfo(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: OwnerInfo,
  by: TicketActor,
  resume: { note: string; plan: ResumePlan },
  notices: (t: TicketRow, eventId: string) => TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const t = await findTicketById(tx, id);
    if (!t || t.personId !== c.personId || !OPEN_STATUSES.includes(t.status)) return false;
    if (c.attachments.length) await addTicketAttachments(tx, id, c.attachments);
    const e = await addTicketEvent(tx, { ticketId: id, at: c.at, ...by, action: 'owner_info', note: c.note });
    if (t.status === 'WAITING_OWNER') await resumeIn(tx, id, c.at, { ...by, note: resume.note }, resume.plan);
    await send(tx, writer, notices(t, e.id));
    return true;
  });
}

/**
 * The owner's 回访 answer: the open survey of the ticket's round answered and a 'rated' event; then either the ticket
 * reopens (`reopen` given: a new round, no ladder steps taken yet, with its event and notices) or closes.
 * 'no_survey' / 'answered' when there is nothing to answer; nothing is written then.
 */
export function answerTicketSurvey(
  prisma: Prisma,
  writer: NoticeWriter,
  ticket: { id: string; round: number },
  a: { score: number | null; comment: string | null; at: Date },
  rated: TicketEventNote,
  reopen: { by: TicketActor; reason: string; plan: ReopenPlan; notices: (t: TicketRow) => TicketNotice[] } | null,
): Promise<'no_survey' | 'answered' | 'reopened' | 'closed'> {
  return prisma.$transaction(async (tx) => {
    const cb = await openCallback(tx, ticket.id, ticket.round);
    if (!cb) return 'no_survey';
    if (!(await answerCallbackRow(tx, cb.id, a))) return 'answered';
    await addTicketEvent(tx, { ticketId: ticket.id, at: a.at, ...rated, action: 'rated' });
    if (reopen) {
      await reopenIn(tx, writer, ticket.id, a.at, reopen);
      return 'reopened';
    }
    await updateTicketIf(
      tx,
      ticket.id,
      { status: ['RESOLVED'], round: ticket.round },
      { status: 'CLOSED', surveyDueAt: null },
    );
    return 'closed';
  });
}

async function reopenIn(
  tx: TicketDb,
  writer: NoticeWriter,
  id: string,
  at: Date,
  r: { by: TicketActor; reason: string; plan: ReopenPlan; notices: (t: TicketRow) => TicketNotice[] },
): Promise<boolean> {
  const t = await findTicketById(tx, id);
  if (!t || t.status !== 'RESOLVED') return false;
  const next = r.plan(t, await estateSettingsOf(tx, t.estateId));
  // A new round: a fresh clock, no ladder steps taken yet.
  const ok = await updateTicketIf(
    tx,
    id,
    { status: ['RESOLVED'], round: t.round },
    {
      ...next,
      round: t.round + 1,
      slaStartAt: at,
      slaLevel: 0,
      slaPausedMinutes: 0,
      slaPausedAt: null,
      surveyDueAt: null,
    },
  );
  if (!ok) return false;
  await addTicketEvent(tx, { ticketId: id, at, ...r.by, action: 'reopened', note: r.reason });
  await send(tx, writer, r.notices(t));
  return true;
}

/** Asks the 回访 of a ticket's round: the survey row (once per round) and the owner's notice. False on a re-run. */
export function sendSurvey(
  prisma: Prisma,
  writer: NoticeWriter,
  t: { id: string; round: number },
  at: Date,
  notices: TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await updateTicketIf(tx, t.id, { round: t.round }, { surveyDueAt: null });
    if (!(await insertCallback(tx, { ticketId: t.id, round: t.round, askedAt: at }))) return false;
    await send(tx, writer, notices);
    return true;
  });
}

/** The one reminder of an unanswered survey. False when already reminded or answered. */
export function remindSurvey(
  prisma: Prisma,
  writer: NoticeWriter,
  callbackId: string,
  at: Date,
  notices: TicketNotice[],
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (!(await markCallbackReminded(tx, callbackId, at))) return false;
    await send(tx, writer, notices);
    return true;
  });
}

/**
 * Sends one staff member the owner's full contact for a ticket, privately through the outbox, and records the reveal
 * (PIPL) in the same transaction. Each request sends once (the dedupe key carries the instant).
 */
export async function sendTicketContactPrivately(
  prisma: Prisma,
  writer: NoticeWriter,
  ticketId: string,
  to: { personId: string; actor: string },
  text: string,
  at: Date,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const sent = await writer.person(outboxStoreOf(tx), to.personId, {
      kind: 'notice',
      message: { text },
      dedupeKey: `ticket:${ticketId}:contact:${to.personId}:${at.getTime()}`,
      at,
    });
    await tx.auditLog.create({
      data: { at, actor: to.actor, action: 'ticket.contactRevealed', subject: `ticket:${ticketId}` },
    });
    return sent;
  });
}

/**
 * One lifecycle move (派单, 接单, 到场, 完工, 无法处理…): the ticket must be in one of `from` (the transition table's
 * set) and, when given, held by `assigneeId`; its update, its event and its notices are one transaction. Returns the
 * updated row, or null when the ticket was not (or no longer) in a state that allows the move.
 */
export function applyTransition(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  c: TicketTransition,
  ev: TicketEventNote,
  notices: (t: TicketRow, eventId: string) => TicketNotice[],
): Promise<TicketRow | null> {
  return prisma.$transaction(async (tx) => {
    const cur = await findTicketById(tx, id);
    if (!cur || !c.from.includes(cur.status)) return null;
    if (c.assigneeId !== undefined && cur.assigneeId !== c.assigneeId) return null;
    const cond = { status: [cur.status], round: cur.round, assigneeId: cur.assigneeId };
    if (!(await updateTicketIf(tx, id, cond, c.data(cur)))) return null;
    const e = await addTicketEvent(tx, { ticketId: id, at: c.at, ...ev, action: c.action });
    const fresh = await findTicketById(tx, id);
    if (!fresh) return null;
    await send(tx, writer, notices(fresh, e.id));
    return fresh;
  });
}

/** Attachments added by staff (完工 photos) in the same transaction as nothing else: they are evidence, not a move. */
export async function addStaffAttachments(
  prisma: Prisma,
  ticketId: string,
  files: Array<{ contentUrl: string; name: string }>,
): Promise<void> {
  if (files.length) await addTicketAttachments(prisma, ticketId, files);
}

/** A unit of an estate by its address parts, with the persons bound to it as owners (oldest binding first). */
export async function unitWithOwners(
  db: TicketDb,
  estateId: string,
  a: { building: string; entrance: string; room: string },
): Promise<{ unitId: string; ownerIds: string[] } | null> {
  const u = await db.unit.findFirst({
    where: { building: { estateId, name: a.building }, entrance: a.entrance, room: a.room },
    select: {
      id: true,
      memberships: { where: { role: 'OWNER' }, orderBy: { createdAt: 'asc' }, select: { personId: true } },
    },
  });
  return u ? { unitId: u.id, ownerIds: u.memberships.map((m) => m.personId) } : null;
}
