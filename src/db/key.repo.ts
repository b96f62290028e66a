// Key holdings and desk appointments. Capacity is enforced by KeySlotSeat's unique key, not by counting first,
// so twenty owners racing for the last seat cannot overbook on either database.
import type { KeyAppointment, KeyAuthorisedPerson, KeyHolding } from '../generated/sqlite/client.js';
import type { Notice as OutboxNotice } from '../shared/outbound-message.js';
import { outboxStoreOf, type NoticeWriter } from './outbox-store.js';
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import type { KeyAppointmentKind } from './rows.js';

export type { KeyAppointment, KeyAuthorisedPerson, KeyHolding };
export type KeyHoldingWithPeople = KeyHolding & { authorised: KeyAuthorisedPerson[] };

export interface NewKeyAppointment {
  estateId: string;
  unitId: string;
  unitLabel: string;
  ownerPersonId: string;
  kind: KeyAppointmentKind;
  holdingId?: string | null;
  description?: string;
  slotStart: Date;
  personName: string;
  personPhone?: string | null;
  codeHash: string;
}

/** A key-desk notice; it is stamped with the time of the change it reports (`at` of the function it is given to). */
export interface Notice {
  kind: string;
  /** Plain, or a function of the owner's language (rendered per chat account). */
  message: OutboxNotice['message'];
  dedupeKey: string;
}

/** Takes the first free seat of the slot; null when all `capacity` seats are taken. */
export async function bookWithSeat(
  prisma: Prisma,
  a: NewKeyAppointment,
  capacity: number,
): Promise<KeyAppointment | null> {
  for (let seat = 1; seat <= capacity; seat++) {
    try {
      // Nested create = one statement batch in one transaction: appointment and seat exist together or not at all.
      const row = await prisma.keySlotSeat.create({
        data: {
          estateId: a.estateId,
          slotStart: a.slotStart,
          seat,
          appointment: {
            create: {
              estateId: a.estateId,
              unitId: a.unitId,
              unitLabel: a.unitLabel,
              ownerPersonId: a.ownerPersonId,
              kind: a.kind,
              holdingId: a.holdingId ?? null,
              description: a.description ?? '',
              slotStart: a.slotStart,
              personName: a.personName,
              personPhone: a.personPhone ?? null,
              codeHash: a.codeHash,
            },
          },
        },
        include: { appointment: true },
      });
      return row.appointment;
    } catch (err) {
      if (isUniqueViolation(err)) continue;
      throw err;
    }
  }
  return null;
}

/** Moves a BOOKED appointment to a new slot; false when the new slot is full (the old seat is kept then). */
export async function moveToSlot(
  prisma: Prisma,
  id: string,
  estateId: string,
  slotStart: Date,
  capacity: number,
): Promise<boolean> {
  for (let seat = 1; seat <= capacity; seat++) {
    try {
      // A unique violation aborts the whole transaction (PostgreSQL), so each seat is its own attempt.
      await prisma.$transaction(async (tx) => {
        await tx.keySlotSeat.deleteMany({ where: { appointmentId: id } });
        await tx.keySlotSeat.create({ data: { estateId, slotStart, seat, appointmentId: id } });
        const n = await tx.keyAppointment.updateMany({
          where: { id, status: 'BOOKED' },
          data: { slotStart, remindedAt: null },
        });
        if (n.count !== 1) throw new Error(`key appointment ${id} is no longer booked`);
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) continue;
      throw err;
    }
  }
  return false;
}

/** Cancels a BOOKED appointment and frees its seat; false when it was not BOOKED any more. */
export async function cancelBooked(prisma: Prisma, id: string, actor: string, at: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const n = await tx.keyAppointment.updateMany({ where: { id, status: 'BOOKED' }, data: { status: 'CANCELLED' } });
    if (n.count !== 1) return false;
    await tx.keySlotSeat.deleteMany({ where: { appointmentId: id } });
    await tx.auditLog.create({
      data: { at, actor, action: 'key.appointment.cancel', subject: `KeyAppointment:${id}` },
    });
    return true;
  });
}

export function findAppointment(prisma: Prisma, id: string): Promise<KeyAppointment | null> {
  return prisma.keyAppointment.findUnique({ where: { id } });
}

export function findBookedByCode(
  prisma: Prisma,
  estateId: string,
  codeHash: string,
  from: Date,
  to: Date,
): Promise<KeyAppointment[]> {
  return prisma.keyAppointment.findMany({
    where: { estateId, codeHash, status: 'BOOKED', slotStart: { gte: from, lt: to } },
    orderBy: { slotStart: 'asc' },
  });
}

export function appointmentsBetween(prisma: Prisma, estateId: string, from: Date, to: Date): Promise<KeyAppointment[]> {
  return prisma.keyAppointment.findMany({
    where: { estateId, slotStart: { gte: from, lt: to }, status: { not: 'CANCELLED' } },
    orderBy: [{ slotStart: 'asc' }, { createdAt: 'asc' }],
  });
}

export function ownerBookedAppointments(prisma: Prisma, ownerPersonId: string): Promise<KeyAppointment[]> {
  return prisma.keyAppointment.findMany({ where: { ownerPersonId, status: 'BOOKED' }, orderBy: { slotStart: 'asc' } });
}

export function countSeats(prisma: Prisma, estateId: string, slotStarts: Date[]): Promise<Array<{ slotStart: Date }>> {
  return prisma.keySlotSeat.findMany({
    where: { estateId, slotStart: { in: slotStarts } },
    select: { slotStart: true },
  });
}

/**
 * The hand-over at the desk: the appointment becomes DONE; a deposit creates the holding, a pickup releases it.
 * Guarded on status so a double scan of the same code hands over once. Returns null when it was not BOOKED.
 */
export async function completeHandover(
  prisma: Prisma,
  appt: KeyAppointment,
  actor: string,
  at: Date,
): Promise<{ appointment: KeyAppointment; holding: KeyHolding | null } | null> {
  return prisma.$transaction(async (tx) => {
    const n = await tx.keyAppointment.updateMany({
      where: { id: appt.id, status: 'BOOKED' },
      data: { status: 'DONE', doneAt: at, doneBy: actor },
    });
    if (n.count !== 1) return null;
    let holding: KeyHolding | null = null;
    if (appt.kind === 'DEPOSIT') {
      holding = await tx.keyHolding.create({
        data: {
          estateId: appt.estateId,
          unitId: appt.unitId,
          unitLabel: appt.unitLabel,
          ownerPersonId: appt.ownerPersonId,
          description: appt.description,
          depositedAt: at,
          depositedBy: appt.personName,
        },
      });
      await tx.keyAppointment.update({ where: { id: appt.id }, data: { holdingId: holding.id } });
    } else if (appt.holdingId) {
      holding = await tx.keyHolding.update({
        where: { id: appt.holdingId },
        data: { status: 'RELEASED', releasedAt: at },
      });
    }
    await tx.auditLog.create({
      data: {
        at,
        actor,
        action:
          appt.kind === 'DEPOSIT'
            ? 'key.handover.deposit'
            : appt.kind === 'PICKUP'
              ? 'key.handover.pickup'
              : `desk.appointment.done.${appt.kind}`,
        subject: `KeyAppointment:${appt.id}`,
        detail: {
          holdingId: holding?.id ?? null,
          unit: appt.unitLabel,
          person: appt.personName,
          slotStart: appt.slotStart.toISOString(),
        },
      },
    });
    const appointment = await tx.keyAppointment.findUniqueOrThrow({ where: { id: appt.id } });
    return { appointment, holding };
  });
}

/** BOOKED appointments whose slot starts in (from, to] and that have not been reminded yet. */
export function dueReminders(prisma: Prisma, from: Date, to: Date): Promise<KeyAppointment[]> {
  return prisma.keyAppointment.findMany({
    where: { status: 'BOOKED', remindedAt: null, slotStart: { gt: from, lte: to } },
  });
}

export async function markReminded(
  prisma: Prisma,
  writer: NoticeWriter,
  appt: KeyAppointment,
  at: Date,
  notice: Notice,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const n = await tx.keyAppointment.updateMany({
      where: { id: appt.id, remindedAt: null, status: 'BOOKED' },
      data: { remindedAt: at },
    });
    if (n.count === 1) await writer.person(outboxStoreOf(tx), appt.ownerPersonId, { ...notice, at });
  });
}

export function overdueBooked(prisma: Prisma, slotBefore: Date): Promise<KeyAppointment[]> {
  return prisma.keyAppointment.findMany({ where: { status: 'BOOKED', slotStart: { lte: slotBefore } } });
}

/** BOOKED → NO_SHOW with the owner's notice and an audit row, in one transaction. */
export async function markNoShow(
  prisma: Prisma,
  writer: NoticeWriter,
  appt: KeyAppointment,
  at: Date,
  notice: Notice,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const n = await tx.keyAppointment.updateMany({
      where: { id: appt.id, status: 'BOOKED' },
      data: { status: 'NO_SHOW' },
    });
    if (n.count !== 1) return false;
    await tx.auditLog.create({
      data: { at, actor: 'system', action: 'key.appointment.no_show', subject: `KeyAppointment:${appt.id}` },
    });
    await writer.person(outboxStoreOf(tx), appt.ownerPersonId, { ...notice, at });
    return true;
  });
}

export function heldByOwner(prisma: Prisma, ownerPersonId: string): Promise<KeyHoldingWithPeople[]> {
  return prisma.keyHolding.findMany({
    where: { ownerPersonId, status: 'HELD' },
    include: { authorised: { orderBy: { createdAt: 'asc' } } },
    orderBy: { depositedAt: 'asc' },
  });
}

export function findHolding(prisma: Prisma, id: string): Promise<KeyHoldingWithPeople | null> {
  return prisma.keyHolding.findUnique({ where: { id }, include: { authorised: { orderBy: { createdAt: 'asc' } } } });
}

/** Adds (or renames) an authorised person, keyed by phone. */
export async function upsertAuthorised(
  prisma: Prisma,
  holdingId: string,
  name: string,
  phone: string,
  actor: string,
  at: Date,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.keyAuthorisedPerson.upsert({
      where: { holdingId_phone: { holdingId, phone } },
      create: { holdingId, name, phone },
      update: { name },
    });
    await tx.auditLog.create({
      data: { at, actor, action: 'key.authorised.add', subject: `KeyHolding:${holdingId}`, detail: { name } },
    });
  });
}

export async function deleteAuthorised(
  prisma: Prisma,
  holdingId: string,
  phone: string,
  actor: string,
  at: Date,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const n = await tx.keyAuthorisedPerson.deleteMany({ where: { holdingId, phone } });
    if (n.count > 0) {
      await tx.auditLog.create({
        data: { at, actor, action: 'key.authorised.remove', subject: `KeyHolding:${holdingId}` },
      });
    }
    return n.count > 0;
  });
}
