// Renovation permits and requests. Decisions are conditional updates (`where status = PENDING`), so two staff
// deciding one request at once cannot both win.
import type {
  Prisma as PrismaNs, RenovationPermit, RenovationRequest, RenovationRequestKind, RenovationRequestStatus, RenovationPermitStatus,
} from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';
import type { OutboxDb } from './outbox.repo.js';

export type PermitRow = RenovationPermit;
export type RenovationRequestRow = RenovationRequest;
export type { RenovationRequestKind, RenovationRequestStatus, RenovationPermitStatus };
export type RenovationDb = OutboxDb;
export type RenovationTx = PrismaNs.TransactionClient;

export function inRenovationTransaction<T>(prisma: Prisma, fn: (tx: RenovationTx) => Promise<T>): Promise<T> {
  return prisma.$transaction(fn);
}

export interface NewPermit {
  estateId: string;
  number: string;
  unitId: string;
  ownerPersonId: string;
  contractor: string;
  foremanPhone: string;
  scope: string;
  startDate: string;
  endDate: string;
  depositCents: number;
}

export function insertPermit(db: RenovationDb, p: NewPermit): Promise<PermitRow> {
  return db.renovationPermit.create({ data: p });
}

export function findPermitById(db: RenovationDb, id: string): Promise<PermitRow | null> {
  return db.renovationPermit.findUnique({ where: { id } });
}

export function listPermitsOfPerson(db: RenovationDb, personId: string): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({ where: { ownerPersonId: personId }, orderBy: [{ endDate: 'desc' }, { id: 'asc' }] });
}

/** Applies `data` only when the permit is still in one of `statuses`; true when this call made the change. */
export async function updatePermitIf(
  db: RenovationDb, id: string, cond: { statuses?: RenovationPermitStatus[]; endDate?: string }, data: PrismaNs.RenovationPermitUncheckedUpdateManyInput,
): Promise<boolean> {
  const r = await db.renovationPermit.updateMany({
    where: { id, ...(cond.statuses ? { status: { in: cond.statuses } } : {}), ...(cond.endDate ? { endDate: cond.endDate } : {}) },
    data,
  });
  return r.count === 1;
}

/** Permits still running (ACTIVE/SUSPENDED) of an estate whose end date is in [from, to]. */
export function runningPermitsEndingBetween(db: RenovationDb, estateId: string, from: string, to: string): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({
    where: { estateId, status: { in: ['ACTIVE', 'SUSPENDED'] }, endDate: { gte: from, lte: to } },
    orderBy: { endDate: 'asc' },
  });
}

export function runningPermitsEndedBefore(db: RenovationDb, estateId: string, date: string): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({ where: { estateId, status: { in: ['ACTIVE', 'SUSPENDED'] }, endDate: { lt: date } } });
}

export function listPermitsByStatus(db: RenovationDb, estateId: string, statuses: RenovationPermitStatus[]): Promise<PermitRow[]> {
  return db.renovationPermit.findMany({ where: { estateId, status: { in: statuses } }, orderBy: [{ endDate: 'asc' }, { number: 'asc' }] });
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
}

export function insertRequest(db: RenovationDb, r: NewRenovationRequest): Promise<RenovationRequestRow> {
  return db.renovationRequest.create({ data: r });
}

export function findRequestBySeq(db: RenovationDb, estateId: string, seq: number): Promise<RenovationRequestRow | null> {
  return db.renovationRequest.findUnique({ where: { estateId_seq: { estateId, seq } } });
}

export function findRequestById(db: RenovationDb, id: string): Promise<RenovationRequestRow | null> {
  return db.renovationRequest.findUnique({ where: { id } });
}

export function pendingRequestsOfPermit(db: RenovationDb, permitId: string): Promise<RenovationRequestRow[]> {
  return db.renovationRequest.findMany({ where: { permitId, status: 'PENDING' }, orderBy: { createdAt: 'asc' } });
}

export function listPendingRequests(db: RenovationDb, estateId: string): Promise<Array<RenovationRequestRow & { permit: PermitRow }>> {
  return db.renovationRequest.findMany({ where: { estateId, status: 'PENDING' }, include: { permit: true }, orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }] });
}

export function listRequestsOfPermit(db: RenovationDb, permitId: string): Promise<RenovationRequestRow[]> {
  return db.renovationRequest.findMany({ where: { permitId }, orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }] });
}

/** Decides a request only while it is still PENDING; true when this call made the decision. */
export async function decideRequestIf(
  db: RenovationDb, id: string, data: { status: RenovationRequestStatus; decidedBy: string; decidedByName: string; decidedAt: Date; decisionNote: string | null },
): Promise<boolean> {
  const r = await db.renovationRequest.updateMany({ where: { id, status: 'PENDING' }, data });
  return r.count === 1;
}

/** 退场验收 slots already held (pending or approved) in [from, to). */
export async function takenInspectionSlots(db: RenovationDb, estateId: string, from: Date, to: Date): Promise<Date[]> {
  const rows = await db.renovationRequest.findMany({
    where: { estateId, kind: 'EXIT_INSPECTION', status: { in: ['PENDING', 'APPROVED'] }, slotAt: { gte: from, lt: to } },
    select: { slotAt: true },
  });
  return rows.flatMap((r) => (r.slotAt ? [r.slotAt] : []));
}

export function listEstatesForJobs(db: RenovationDb): Promise<Array<{ id: string; name: string; timezone: string; settings: PrismaNs.JsonValue }>> {
  return db.estate.findMany({ select: { id: true, name: true, timezone: true, settings: true }, orderBy: { code: 'asc' } });
}

export async function personName(db: RenovationDb, personId: string): Promise<string | null> {
  const p = await db.person.findUnique({ where: { id: personId }, select: { name: true } });
  return p?.name ?? null;
}

/** Unit id → { building name, label parts } for display and grouping. */
export async function unitsWithBuilding(db: RenovationDb, unitIds: string[]): Promise<Map<string, { building: string; entrance: string; room: string }>> {
  const rows = await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, entrance: true, room: true, building: { select: { name: true } } } });
  return new Map(rows.map((u) => [u.id, { building: u.building.name, entrance: u.entrance, room: u.room }]));
}

export function auditRenovation(db: RenovationDb, e: { actor: string; action: string; subject: string; at: Date; detail?: Record<string, string | number | boolean | null> }) {
  return db.auditLog.create({ data: { actor: e.actor, action: e.action, subject: e.subject, at: e.at, ...(e.detail ? { detail: e.detail } : {}) } });
}

/** The unit id for 楼栋/单元/房号 in an estate (entrance "" when the building has none), or null. */
export async function findUnitId(db: RenovationDb, estateId: string, building: string, entrance: string, room: string): Promise<string | null> {
  const u = await db.unit.findFirst({ where: { room, entrance, building: { estateId, name: building } }, select: { id: true } });
  return u?.id ?? null;
}

/** The OWNER of a unit with this phone number, or null. */
export async function findUnitOwnerByPhone(db: RenovationDb, unitId: string, phone: string): Promise<string | null> {
  const m = await db.unitMembership.findFirst({ where: { unitId, role: 'OWNER', person: { phone } }, select: { personId: true } });
  return m?.personId ?? null;
}

export async function existingPermitNumbers(db: RenovationDb, estateId: string, numbers: string[]): Promise<Set<string>> {
  const rows = await db.renovationPermit.findMany({ where: { estateId, number: { in: numbers } }, select: { number: true } });
  return new Set(rows.map((r) => r.number));
}
