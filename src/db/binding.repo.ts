// Persistence for binding: one-time codes, unit look-up, chat-account ↔ person links, household members, AuditLog.
import type { Prisma } from './client.js';

export type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];
type Db = Prisma | Tx;
export type MemberRole = 'OWNER' | 'FAMILY' | 'TENANT';
export type StaffRoleName = 'ASSISTANT' | 'FOREMAN' | 'SUPERVISOR' | 'MANAGER';

/** Every unit the address can mean: without a 单元 it may be several ("3栋1201" in a building with two entrances). */
export function findUnits(db: Db, estateId: string, building: string, entrance: string | null, room: string) {
  return db.unit.findMany({
    where: { building: { estateId, name: building }, room, ...(entrance === null ? {} : { entrance }) },
    include: { building: { select: { name: true, estateId: true } } },
  });
}

export function unitWithMembers(db: Db, unitId: string) {
  return db.unit.findUnique({
    where: { id: unitId },
    include: {
      building: { select: { name: true, estateId: true } },
      memberships: { include: { person: true }, orderBy: { createdAt: 'asc' } },
    },
  });
}

export async function countFailures(db: Db, identityId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const rows = await db.auditLog.findMany({
    where: { subject: identityId, action: 'binding.fail', at: { gte: since } },
    orderBy: { at: 'asc' },
    select: { at: true },
  });
  return { count: rows.length, oldest: rows[0]?.at ?? null };
}

export function audit(db: Db, entry: { actor: string; action: string; subject: string | null; detail?: Record<string, string | number | boolean | null>; at: Date }) {
  return db.auditLog.create({
    data: { actor: entry.actor, action: entry.action, subject: entry.subject, at: entry.at, ...(entry.detail ? { detail: entry.detail } : {}) },
  });
}

export function liveBindingCode(db: Db, codeHash: string) {
  return db.bindingCode.findFirst({ where: { codeHash }, orderBy: { createdAt: 'desc' } });
}

export function createBindingCode(db: Db, data: { codeHash: string; unitId: string; issuedBy: string; expiresAt: Date; createdAt: Date }) {
  return db.bindingCode.create({ data });
}

/** Marks the code used unless someone else just did: the count is 0 when the code was already taken. */
export async function claimBindingCode(db: Db, id: string, usedBy: string, at: Date): Promise<boolean> {
  const r = await db.bindingCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: at, usedBy } });
  return r.count === 1;
}

export function liveStaffCode(db: Db, codeHash: string) {
  return db.staffCode.findFirst({ where: { codeHash }, orderBy: { createdAt: 'desc' } });
}

export function createStaffCode(db: Db, data: { codeHash: string; staffId: string; issuedBy: string; expiresAt: Date; createdAt: Date }) {
  return db.staffCode.create({ data });
}

export async function claimStaffCode(db: Db, id: string, usedBy: string, at: Date): Promise<boolean> {
  const r = await db.staffCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: at, usedBy } });
  return r.count === 1;
}

export function identityById(db: Db, identityId: string) {
  return db.channelIdentity.findUnique({
    where: { id: identityId },
    include: {
      person: {
        include: {
          memberships: { include: { unit: { include: { building: { select: { name: true, estateId: true } } } } } },
          staff: { include: { estate: { select: { name: true } } } },
          identities: { select: { channel: true, createdAt: true } },
        },
      },
    },
  });
}

export function linkIdentity(db: Db, identityId: string, personId: string | null) {
  return db.channelIdentity.update({ where: { id: identityId }, data: { personId } });
}

export function createPerson(db: Db, data: { name: string; phone: string | null; createdAt: Date }) {
  return db.person.create({ data });
}

export function personByPhone(db: Db, phone: string) {
  return db.person.findFirst({ where: { phone } });
}

export async function addMembership(db: Db, unitId: string, personId: string, role: MemberRole): Promise<void> {
  await db.unitMembership.upsert({
    where: { unitId_personId: { unitId, personId } },
    create: { unitId, personId, role },
    update: {},
  });
}

export async function removeMembership(db: Db, unitId: string, personId: string): Promise<boolean> {
  const r = await db.unitMembership.deleteMany({ where: { unitId, personId } });
  return r.count > 0;
}

export function staffByName(db: Db, estateId: string, name: string) {
  return db.staff.findMany({ where: { estateId, active: true, person: { name } }, include: { person: true } });
}

export function staffById(db: Db, staffId: string) {
  return db.staff.findUnique({ where: { id: staffId }, include: { person: true } });
}

export function createStaff(db: Db, data: { estateId: string; personId: string; role: StaffRoleName }) {
  return db.staff.create({ data });
}

export function upsertStaffChat(db: Db, data: { estateId: string; role: StaffRoleName; channel: string; chatId: string; title: string | null }) {
  return db.staffChat.upsert({
    where: { channel_chatId: { channel: data.channel, chatId: data.chatId } },
    create: data,
    update: { estateId: data.estateId, role: data.role, title: data.title },
  });
}

export function staffChatByChat(db: Db, channel: string, chatId: string) {
  return db.staffChat.findUnique({ where: { channel_chatId: { channel, chatId } } });
}

export function estateByCode(db: Db, code: string) {
  return db.estate.findUnique({ where: { code } });
}

export function firstEstate(db: Db) {
  return db.estate.findFirst({ orderBy: { createdAt: 'asc' } });
}
