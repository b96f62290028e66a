// Renovation permits and requests. Decisions are conditional updates (`where status = PENDING`), so two staff
// deciding one request at once cannot both win.
import type { Prisma as PrismaNs } from '../generated/sqlite/client.js';
import { outboxStoreOf, type NoticeWriter } from './outbox-store.js';
import type { Notice } from '../shared/outbound-message.js';
import type { StaffRole } from './enums.js';
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import type { OutboxDb } from './outbox.repo.js';
import type {
  PermitRow,
  RenovationPermitStatus,
  RenovationRequestKind,
  RenovationRequestRow,
  RenovationRequestStatus,
} from './rows.js';
export type RenovationDb = OutboxDb;
export type RenovationNotice = Notice;
type Audit = { actor: string; at: Date };

/** A permit as imported or applied for: the row's own columns, the rest take their defaults. */
export type NewPermit = Pick<
  PermitRow,
  | 'estateId'
  | 'number'
  | 'unitId'
  | 'ownerPersonId'
  | 'contractor'
  | 'foremanPhone'
  | 'scope'
  | 'startDate'
  | 'endDate'
  | 'depositCents'
>;

function insertPermit(db: RenovationDb, p: NewPermit): Promise<PermitRow> {
  return db.renovationPermit.create({ data: p });
}

export function findPermitById(db: RenovationDb, id: string): Promise<PermitRow | null> {
  return db.renovationPermit.findUnique({ where: { id } });
}

export function listPermitsOfPerson(db: RenovationDb, personId: string): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({
    where: { ownerPersonId: personId },
    orderBy: [{ endDate: 'desc' }, { id: 'asc' }],
  });
}

/** Applies `data` only when the permit is still in one of `statuses`; true when this call made the change. */
async function updatePermitIf(
  db: RenovationDb,
  id: string,
  cond: { statuses?: RenovationPermitStatus[]; endDate?: string },
  data: PrismaNs.RenovationPermitUncheckedUpdateManyInput,
): Promise<boolean> {
  const r = await db.renovationPermit.updateMany({
    where: {
      id,
      ...(cond.statuses ? { status: { in: cond.statuses } } : {}),
      ...(cond.endDate ? { endDate: cond.endDate } : {}),
    },
    data,
  });
  return r.count === 1;
}

/** Permits still running (ACTIVE/SUSPENDED) of an estate whose end date is in [from, to]. */
export function runningPermitsEndingBetween(
  db: RenovationDb,
  estateId: string,
  from: string,
  to: string,
): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({
    where: { estateId, status: { in: ['ACTIVE', 'SUSPENDED'] }, endDate: { gte: from, lte: to } },
    orderBy: { endDate: 'asc' },
  });
}

export function runningPermitsEndedBefore(db: RenovationDb, estateId: string, date: string): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({
    where: { estateId, status: { in: ['ACTIVE', 'SUSPENDED'] }, endDate: { lt: date } },
  });
}

export function listPermitsByStatus(
  db: RenovationDb,
  estateId: string,
  statuses: RenovationPermitStatus[],
): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({
    where: { estateId, status: { in: statuses } },
    orderBy: [{ endDate: 'asc' }, { number: 'asc' }],
  });
}

export async function maxRequestSeq(db: RenovationDb, estateId: string): Promise<number> {
  const r = await db.renovationRequest.aggregate({ where: { estateId }, _max: { seq: true } });
  return r._max.seq ?? 0;
}

export interface NewRenovationRequest {
  estateId: string;
  seq: number;
  permitId: string;
  personId: string;
  kind: RenovationRequestKind;
  reason: string | null;
  fromDate: string | null;
  newEndDate: string | null;
  slotAt: Date | null;
  createdAt: Date;
  dueAt: Date | null;
  /** The approval ladder's first look (src/renovation/approval-ladder.ts); null: no ladder. */
  nextSlaCheckAt?: Date | null;
}

function insertRequest(db: RenovationDb, r: NewRenovationRequest): Promise<RenovationRequestRow> {
  // A 退场验收 booking holds its slot through the unique (estateId, slotHeld) key until it is rejected.
  return db.renovationRequest.create({ data: { ...r, slotHeld: r.kind === 'EXIT_INSPECTION' ? r.slotAt : null } });
}

/** Another owner's booking got the 退场验收 slot first (the unique slot key refused this one). */
export class SlotTakenError extends Error {
  constructor(readonly slotAt: Date) {
    super(`inspection slot ${slotAt.toISOString()} already held`);
    this.name = 'SlotTakenError';
  }
}

export function findRequestBySeq(
  db: RenovationDb,
  estateId: string,
  seq: number,
): Promise<RenovationRequestRow | null> {
  return db.renovationRequest.findUnique({ where: { estateId_seq: { estateId, seq } } });
}

export function pendingRequestsOfPermit(db: RenovationDb, permitId: string): Promise<RenovationRequestRow[]> {
  return db.renovationRequest.findMany({ where: { permitId, status: 'PENDING' }, orderBy: { createdAt: 'asc' } });
}

export function listPendingRequests(
  db: RenovationDb,
  estateId: string,
): Promise<Array<RenovationRequestRow & { permit: PermitRow }>> {
  return db.renovationRequest.findMany({
    where: { estateId, status: 'PENDING' },
    include: { permit: true },
    orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }],
  });
}

/** Decides a request only while it is still PENDING; true when this call made the decision. */
async function decideRequestIf(
  db: RenovationDb,
  id: string,
  data: {
    status: RenovationRequestStatus;
    decidedBy: string;
    decidedByName: string;
    decidedAt: Date;
    decisionNote: string | null;
    slotHeld?: null;
  },
): Promise<boolean> {
  // A decided request leaves the approval ladder.
  const r = await db.renovationRequest.updateMany({
    where: { id, status: 'PENDING' },
    data: { ...data, nextSlaCheckAt: null },
  });
  return r.count === 1;
}

/** 退场验收 slots already held (pending or approved) in [from, to). */
export async function takenInspectionSlots(db: RenovationDb, estateId: string, from: Date, to: Date): Promise<Date[]> {
  const rows = await db.renovationRequest.findMany({
    where: {
      estateId,
      kind: 'EXIT_INSPECTION',
      status: { in: ['PENDING', 'APPROVED'] },
      slotAt: { gte: from, lt: to },
    },
    select: { slotAt: true },
  });
  return rows.flatMap((r) => (r.slotAt ? [r.slotAt] : []));
}

export function listEstatesForJobs(
  db: RenovationDb,
): Promise<Array<{ id: string; name: string; timezone: string; settings: PrismaNs.JsonValue }>> {
  return db.estate.findMany({
    select: { id: true, name: true, timezone: true, settings: true },
    orderBy: { code: 'asc' },
  });
}

/** Unit id → { building name, label parts } for display and grouping. */
export async function unitsWithBuilding(
  db: RenovationDb,
  unitIds: string[],
): Promise<Map<string, { building: string; entrance: string; room: string }>> {
  const rows = await db.unit.findMany({
    where: { id: { in: unitIds } },
    select: { id: true, entrance: true, room: true, building: { select: { name: true } } },
  });
  return new Map(rows.map((u) => [u.id, { building: u.building.name, entrance: u.entrance, room: u.room }]));
}

function auditRenovation(
  db: RenovationDb,
  e: {
    actor: string;
    action: string;
    subject: string;
    at: Date;
    detail?: Record<string, string | number | boolean | null>;
  },
) {
  return db.auditLog.create({
    data: { actor: e.actor, action: e.action, subject: e.subject, at: e.at, ...(e.detail ? { detail: e.detail } : {}) },
  });
}

/** The unit id for 楼栋/单元/房号 in an estate (entrance "" when the building has none), or null. */
export async function findUnitId(
  db: RenovationDb,
  estateId: string,
  building: string,
  entrance: string,
  room: string,
): Promise<string | null> {
  const u = await db.unit.findFirst({
    where: { room, entrance, building: { estateId, name: building } },
    select: { id: true },
  });
  return u?.id ?? null;
}

/** The OWNER of a unit with this phone number, or null. */
export async function findUnitOwnerByPhone(db: RenovationDb, unitId: string, phone: string): Promise<string | null> {
  const m = await db.unitMembership.findFirst({
    where: { unitId, role: 'OWNER', person: { phone } },
    select: { personId: true },
  });
  return m?.personId ?? null;
}

export async function existingPermitNumbers(
  db: RenovationDb,
  estateId: string,
  numbers: string[],
): Promise<Set<string>> {
  const rows = await db.renovationPermit.findMany({
    where: { estateId, number: { in: numbers } },
    select: { number: true },
  });
  return new Set(rows.map((r) => r.number));
}

// Units of work: each change, its AuditLog row and its outbox notices in one transaction.

/** Registers one permit (desk process) with its audit row. */
export function createPermitAudited(prisma: Prisma, p: NewPermit, audit: Audit): Promise<PermitRow> {
  return prisma.$transaction(async (tx) => {
    const permit = await insertPermit(tx, p);
    await auditRenovation(tx, {
      ...audit,
      action: 'renovation.permit.create',
      subject: `permit:${permit.id}`,
      detail: { number: p.number },
    });
    return permit;
  });
}

/** All permits of an import file or none, with one audit row for the file. */
export async function importPermits(
  prisma: Prisma,
  estateId: string,
  permits: NewPermit[],
  audit: Audit,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const p of permits) await insertPermit(tx, p);
    await auditRenovation(tx, {
      ...audit,
      action: 'renovation.permit.import',
      subject: `estate:${estateId}`,
      detail: { count: permits.length },
    });
  });
}

/**
 * Files an owner request under the estate's next number and tells the assistants' group. Two owners filing at once
 * may pick the same number: the unique (estateId, seq) key refuses one, which retries with the next number.
 */
export async function submitRequest(
  prisma: Prisma,
  writer: NoticeWriter,
  r: Omit<NewRenovationRequest, 'seq'>,
  staffNotice: (request: RenovationRequestRow) => RenovationNotice,
): Promise<RenovationRequestRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const seq = (await maxRequestSeq(tx, r.estateId)) + 1;
        const request = await insertRequest(tx, { ...r, seq });
        await auditRenovation(tx, {
          actor: `person:${r.personId}`,
          action: 'renovation.request.submit',
          subject: `renovation-request:${request.id}`,
          at: r.createdAt,
          detail: { seq, kind: r.kind },
        });
        await writer.staffGroup(outboxStoreOf(tx), r.estateId, 'ASSISTANT', staffNotice(request));
        return request;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The refused key is either the number (retry with the next one) or the slot (retrying cannot help).
      if (
        r.kind === 'EXIT_INSPECTION' &&
        r.slotAt &&
        (await prisma.renovationRequest.findFirst({
          where: { estateId: r.estateId, slotHeld: r.slotAt },
          select: { id: true },
        }))
      ) {
        throw new SlotTakenError(r.slotAt);
      }
      if (attempt < 5) continue;
      throw err;
    }
  }
}

export interface Decision {
  approve: boolean;
  decidedBy: string;
  decidedByName: string;
  decidedAt: Date;
  decisionNote: string | null;
  /** The estate's local date: an EXPIRED permit extended to today or later runs again. */
  today: string;
  /** 装修申报 approved: the deposit the permit holds. */
  depositCents?: number;
}

/**
 * Decides a PENDING request (conditional update: of two racing deciders exactly one wins), applies an approval to the
 * permit, audits and tells the owner. `won: false` returns the request as the winner left it, nothing changed.
 */
export function decideRequest(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  d: Decision,
  ownerNotice: (request: RenovationRequestRow, permit: PermitRow) => RenovationNotice,
): Promise<{ won: boolean; request: RenovationRequestRow; permit: PermitRow }> {
  return prisma.$transaction(async (tx) => {
    const { approve, today, depositCents, ...decided } = d;
    // A rejected 退场验收 booking frees its slot for other owners.
    const won = await decideRequestIf(tx, id, {
      ...decided,
      status: approve ? 'APPROVED' : 'REJECTED',
      ...(approve ? {} : { slotHeld: null }),
    });
    const request = await tx.renovationRequest.findUniqueOrThrow({ where: { id } });
    const permit = await tx.renovationPermit.findUniqueOrThrow({ where: { id: request.permitId } });
    if (!won) return { won, request, permit };
    if (approve) await applyApproved(tx, request, permit, today, depositCents ?? 0);
    else if (request.kind === 'APPLICATION')
      await updatePermitIf(tx, permit.id, { statuses: ['APPLIED'] }, { status: 'REJECTED' });
    await auditRenovation(tx, {
      actor: d.decidedBy,
      action: approve ? 'renovation.request.approve' : 'renovation.request.reject',
      subject: `renovation-request:${request.id}`,
      at: d.decidedAt,
      detail: { seq: request.seq, kind: request.kind, note: request.decisionNote },
    });
    await writer.person(outboxStoreOf(tx), request.personId, ownerNotice(request, permit));
    return { won, request, permit: (await tx.renovationPermit.findUnique({ where: { id: permit.id } })) ?? permit };
  });
}

async function applyApproved(
  tx: RenovationDb,
  r: RenovationRequestRow,
  permit: PermitRow,
  today: string,
  depositCents: number,
): Promise<void> {
  if (r.kind === 'APPLICATION') {
    await updatePermitIf(tx, permit.id, { statuses: ['APPLIED'] }, { status: 'ACTIVE', depositCents });
  } else if (r.kind === 'EXTENSION' && r.newEndDate) {
    // A permit marked EXPIRED while the request waited runs again once extended.
    const status = permit.status === 'EXPIRED' && r.newEndDate >= today ? 'ACTIVE' : permit.status;
    await updatePermitIf(
      tx,
      permit.id,
      { statuses: ['ACTIVE', 'SUSPENDED', 'EXPIRED'] },
      { endDate: r.newEndDate, extensionCount: { increment: 1 }, status },
    );
  } else if (r.kind === 'STOP_WORK') {
    await updatePermitIf(tx, permit.id, { statuses: ['ACTIVE'] }, { status: 'SUSPENDED' });
  } else if (r.kind === 'RESUME') {
    await updatePermitIf(tx, permit.id, { statuses: ['SUSPENDED'] }, { status: 'ACTIVE' });
  }
}

/**
 * Marks a running permit EXPIRED, conditional on its end date too (an extension approved meanwhile wins over the
 * expiry); tells the owner, and the assistants' group when `staffNotice` is given. False when nothing changed.
 */
export function expirePermit(
  prisma: Prisma,
  writer: NoticeWriter,
  p: PermitRow,
  at: Date,
  ownerNotice: RenovationNotice,
  staffNotice: RenovationNotice | null,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (
      !(await updatePermitIf(
        tx,
        p.id,
        { statuses: ['ACTIVE', 'SUSPENDED'], endDate: p.endDate },
        { status: 'EXPIRED' },
      ))
    )
      return false;
    await auditRenovation(tx, {
      actor: 'job:renovation',
      action: 'renovation.permit.expire',
      subject: `permit:${p.id}`,
      at,
      detail: { endDate: p.endDate },
    });
    await writer.person(outboxStoreOf(tx), p.ownerPersonId, ownerNotice);
    if (staffNotice) await writer.staffGroup(outboxStoreOf(tx), p.estateId, 'ASSISTANT', staffNotice);
    return true;
  });
}

// 装修申报: the owner's application is a permit in status APPLIED plus a request of kind APPLICATION on it, so staff
// decide it with the same 待审批 / 批准 / 驳回 numbers and the same conditional update as every other request.

export interface NewApplication {
  permit: Omit<NewPermit, 'number' | 'depositCents'> & { drawings: Array<{ contentUrl: string; name: string }> };
  /** The permit number from the request's number (unique per estate, so the number is too). */
  numberOf: (seq: number) => string;
  request: Omit<NewRenovationRequest, 'seq' | 'permitId' | 'estateId' | 'personId' | 'kind' | 'slotAt'>;
}

/** Files the application (permit + request + audit + the assistants' notice) in one transaction; retries a taken number. */
export async function submitApplication(
  prisma: Prisma,
  writer: NoticeWriter,
  a: NewApplication,
  staffNotice: (request: RenovationRequestRow, permit: PermitRow) => RenovationNotice,
): Promise<{ request: RenovationRequestRow; permit: PermitRow }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const seq = (await maxRequestSeq(tx, a.permit.estateId)) + 1;
        const { drawings, ...p } = a.permit;
        const permit = await tx.renovationPermit.create({
          data: { ...p, number: a.numberOf(seq), depositCents: 0, status: 'APPLIED', drawings },
        });
        const request = await insertRequest(tx, {
          ...a.request,
          seq,
          estateId: p.estateId,
          permitId: permit.id,
          personId: p.ownerPersonId,
          kind: 'APPLICATION',
          slotAt: null,
        });
        await auditRenovation(tx, {
          actor: `person:${p.ownerPersonId}`,
          action: 'renovation.application.submit',
          subject: `renovation-request:${request.id}`,
          at: a.request.createdAt,
          detail: { seq, permit: permit.number },
        });
        await writer.staffGroup(outboxStoreOf(tx), p.estateId, 'ASSISTANT', staffNotice(request, permit));
        return { request, permit };
      });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

/** Owner name and phone of requests' people, for 待审批 (masked there). */
export async function peopleByIds(
  db: RenovationDb,
  ids: string[],
): Promise<Map<string, { name: string; phone: string | null }>> {
  const rows = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, phone: true } });
  return new Map(rows.map((p) => [p.id, { name: p.name, phone: p.phone }]));
}

// The approval ladder: PENDING requests whose next check has come, and the conditional step write.

export function dueApprovalChecks(db: RenovationDb, now: Date, limit: number) {
  return db.renovationRequest.findMany({
    where: { status: 'PENDING', nextSlaCheckAt: { lte: now } },
    include: { permit: true },
    orderBy: { nextSlaCheckAt: 'asc' },
    take: limit,
  });
}

/**
 * Moves a pending request's ladder state from the `slaLevel` read to `next`; only when this call made the change are
 * the steps' audit rows and notices written (same transaction). False when a decision or another sweep came first.
 */
export function takeApprovalSteps(
  prisma: Prisma,
  writer: NoticeWriter,
  expect: { id: string; estateId: string; slaLevel: number },
  next: { slaLevel: number; nextSlaCheckAt: Date | null },
  at: Date,
  steps: Array<{ role: StaffRole; step: string; notice: RenovationNotice }>,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const r = await tx.renovationRequest.updateMany({
      where: { id: expect.id, status: 'PENDING', slaLevel: expect.slaLevel },
      data: next,
    });
    if (r.count !== 1) return false;
    for (const s of steps) {
      await auditRenovation(tx, {
        actor: 'system:sla',
        action: `renovation.request.sla_${s.step}`,
        subject: `renovation-request:${expect.id}`,
        at,
      });
      await writer.staffGroup(outboxStoreOf(tx), expect.estateId, s.role, s.notice);
    }
    return true;
  });
}

/** A permit of the unit still applied for or running (one at a time per unit). */
export function openPermitOfUnit(db: RenovationDb, unitId: string): Promise<PermitRow | null> {
  return db.renovationPermit.findFirst({
    where: { unitId, status: { in: ['APPLIED', 'ACTIVE', 'SUSPENDED'] } },
    orderBy: { createdAt: 'desc' },
  });
}
