// Persistence for binding: one-time codes, unit look-up, chat-account ↔ person links, household members, AuditLog.
// The exported units of work each run in one transaction, so services never see Prisma's $transaction.
import { maskPhone } from '../shared/phone.js';
import type { MemberRole, StaffRole } from './enums.js';
import type { Prisma } from './client.js';
import type {
  BindingCodeRow,
  BindingIdentityRow,
  BindingUnitRow,
  Memberships,
  StaffByNameRow,
  StaffCodeRow,
  UnitWithMembersRow,
} from './rows.js';

export type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];
type Db = Prisma | Tx;
export type { MemberRole } from './enums.js';
export type StaffRoleName = StaffRole;

/** Every unit the address can mean: without a 单元 it may be several ("3栋1201" in a building with two entrances). */
export function findUnits(
  db: Db,
  estateId: string,
  building: string,
  entrance: string | null,
  room: string,
): Promise<BindingUnitRow[]> {
  return db.unit.findMany({
    where: { building: { estateId, name: building }, room, ...(entrance === null ? {} : { entrance }) },
    include: { building: { select: { name: true, estateId: true } } },
  });
}

export function unitWithMembers(db: Db, unitId: string): Promise<UnitWithMembersRow | null> {
  return db.unit.findUnique({
    where: { id: unitId },
    include: {
      building: { select: { name: true, estateId: true } },
      memberships: { include: { person: true }, orderBy: { createdAt: 'asc' } },
    },
  });
}

export async function countFailures(
  db: Db,
  identityId: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const rows = await db.auditLog.findMany({
    where: { subject: identityId, action: 'binding.fail', at: { gte: since } },
    orderBy: { at: 'asc' },
    select: { at: true },
  });
  return { count: rows.length, oldest: rows[0]?.at ?? null };
}

export function audit(
  db: Db,
  entry: {
    actor: string;
    action: string;
    subject: string | null;
    detail?: Record<string, string | number | boolean | null>;
    at: Date;
  },
) {
  return db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      at: entry.at,
      ...(entry.detail ? { detail: entry.detail } : {}),
    },
  });
}

export function liveBindingCode(db: Db, codeHash: string): Promise<BindingCodeRow | null> {
  return db.bindingCode.findFirst({ where: { codeHash }, orderBy: { createdAt: 'desc' } });
}

function createBindingCode(
  db: Db,
  data: { codeHash: string; unitId: string; issuedBy: string; expiresAt: Date; createdAt: Date },
) {
  return db.bindingCode.create({ data });
}

/** Marks the code used unless someone else just did: the count is 0 when the code was already taken. */
async function claimBindingCode(db: Db, id: string, usedBy: string, at: Date): Promise<boolean> {
  const r = await db.bindingCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: at, usedBy } });
  return r.count === 1;
}

export function liveStaffCode(db: Db, codeHash: string): Promise<StaffCodeRow | null> {
  return db.staffCode.findFirst({ where: { codeHash }, orderBy: { createdAt: 'desc' } });
}

function createStaffCode(
  db: Db,
  data: { codeHash: string; staffId: string; issuedBy: string; expiresAt: Date; createdAt: Date },
) {
  return db.staffCode.create({ data });
}

async function claimStaffCode(db: Db, id: string, usedBy: string, at: Date): Promise<boolean> {
  const r = await db.staffCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: at, usedBy } });
  return r.count === 1;
}

export function identityById(db: Db, identityId: string): Promise<BindingIdentityRow | null> {
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

function linkIdentity(db: Db, identityId: string, personId: string | null) {
  return db.channelIdentity.update({ where: { id: identityId }, data: { personId } });
}

function createPerson(db: Db, data: { name: string; phone: string | null; createdAt: Date }) {
  return db.person.create({ data });
}

function personByPhone(db: Db, phone: string) {
  return db.person.findFirst({ where: { phone } });
}

async function addMembership(db: Db, unitId: string, personId: string, role: MemberRole): Promise<void> {
  await db.unitMembership.upsert({
    where: { unitId_personId: { unitId, personId } },
    create: { unitId, personId, role },
    update: {},
  });
}

async function removeMembership(db: Db, unitId: string, personId: string): Promise<boolean> {
  const r = await db.unitMembership.deleteMany({ where: { unitId, personId } });
  return r.count > 0;
}

export function staffByName(db: Db, estateId: string, name: string): Promise<StaffByNameRow[]> {
  return db.staff.findMany({ where: { estateId, active: true, person: { name } }, include: { person: true } });
}

function staffById(db: Db, staffId: string): Promise<StaffByNameRow | null> {
  return db.staff.findUnique({ where: { id: staffId }, include: { person: true } });
}

function createStaff(db: Db, data: { estateId: string; personId: string; role: StaffRoleName }) {
  return db.staff.create({ data });
}

function upsertStaffChat(
  db: Db,
  data: {
    estateId: string;
    role: StaffRoleName;
    channel: string;
    chatId: string;
    title: string | null;
    conversationRef: string | null;
    department?: string | null;
  },
) {
  const row = { ...data, department: data.department ?? null };
  return db.staffChat.upsert({
    where: { channel_chatId: { channel: data.channel, chatId: data.chatId } },
    create: row,
    update: {
      estateId: data.estateId,
      role: data.role,
      title: data.title,
      conversationRef: data.conversationRef,
      department: row.department,
    },
  });
}

export function staffChatByChat(db: Db, channel: string, chatId: string) {
  return db.staffChat.findUnique({ where: { channel_chatId: { channel, chatId } } });
}

/** The person an account is now bound to, with all of that person's units. */
export type BoundIdentity = { personId: string; memberships: Memberships };

/** Writes, in the binding's transaction, the notices that tell the person and staff about it (outbox). */
export type Announce = (tx: Tx, bound: BoundIdentity) => Promise<void>;

/** Links the account to the person and records 'binding.ok'. */
async function bindIdentity(
  tx: Tx,
  identityId: string,
  personId: string,
  detail: { method: string; unit: string },
  at: Date,
): Promise<BoundIdentity> {
  await linkIdentity(tx, identityId, personId);
  await audit(tx, {
    actor: `identity:${identityId}`,
    action: 'binding.ok',
    subject: identityId,
    detail: { ...detail, personId },
    at,
  });
  const ident = await identityById(tx, identityId);
  return { personId, memberships: ident?.person?.memberships ?? [] };
}

/** Uses a 绑定码 and binds the account to the unit's owner; null when someone else used the code first. */
export function redeemBindingCode(
  prisma: Prisma,
  p: { codeId: string; identityId: string; unitId: string; unitLabel: string; at: Date },
  announce: Announce = async () => undefined,
): Promise<BoundIdentity | null> {
  return prisma.$transaction(async (tx) => {
    if (!(await claimBindingCode(tx, p.codeId, p.identityId, p.at))) return null;
    const ident = await identityById(tx, p.identityId);
    const unit = await unitWithMembers(tx, p.unitId);
    // The desk checked the owner in person: an account already bound keeps its person, otherwise it becomes the
    // owner on record (or a new owner record when the unit has none yet).
    let personId = ident?.personId ?? unit?.memberships.find((m) => m.role === 'OWNER')?.personId ?? null;
    if (!personId)
      personId = (await createPerson(tx, { name: ident?.displayName ?? '业主', phone: null, createdAt: p.at })).id;
    await addMembership(tx, p.unitId, personId, 'OWNER');
    const bound = await bindIdentity(tx, p.identityId, personId, { method: 'code', unit: p.unitLabel }, p.at);
    await announce(tx, bound);
    return bound;
  });
}

/** A binding to a unit member the account proved to be; `claim` gets the transaction (`T`) the binding runs in. */
export interface MemberBinding<T> {
  identityId: string;
  unitId: string;
  unitLabel: string;
  member: { personId: string; role: MemberRole };
  at: Date;
  /** Runs first in the same transaction (e.g. taking the staff approval); false binds nothing. */
  claim?: (tx: T) => Promise<boolean>;
}

/** Binds the account to a member of the unit it proved to be (name + phone last 4). An account already bound to
 *  another person keeps that person, who joins the unit with the member's role. */
export function bindToMember(
  prisma: Prisma,
  p: MemberBinding<Tx>,
  announce: Announce = async () => undefined,
): Promise<BoundIdentity | null> {
  return prisma.$transaction(async (tx) => {
    if (p.claim && !(await p.claim(tx))) return null;
    const ident = await identityById(tx, p.identityId);
    const personId = ident?.personId ?? p.member.personId;
    if (personId !== p.member.personId) await addMembership(tx, p.unitId, personId, p.member.role);
    const bound = await bindIdentity(tx, p.identityId, personId, { method: 'name', unit: p.unitLabel }, p.at);
    await announce(tx, bound);
    return bound;
  });
}

export function saveBindingCode(
  prisma: Prisma,
  p: { codeHash: string; unitId: string; unitLabel: string; issuedBy: string; expiresAt: Date; at: Date },
): Promise<void> {
  return prisma.$transaction(async (tx) => {
    await createBindingCode(tx, {
      codeHash: p.codeHash,
      unitId: p.unitId,
      issuedBy: p.issuedBy,
      expiresAt: p.expiresAt,
      createdAt: p.at,
    });
    await audit(tx, {
      actor: p.issuedBy,
      action: 'binding.code.issue',
      subject: p.unitId,
      detail: { unit: p.unitLabel },
      at: p.at,
    });
  });
}

export function saveStaffCode(
  prisma: Prisma,
  p: { codeHash: string; staffId: string; staffName: string; issuedBy: string; expiresAt: Date; at: Date },
): Promise<void> {
  return prisma.$transaction(async (tx) => {
    await createStaffCode(tx, {
      codeHash: p.codeHash,
      staffId: p.staffId,
      issuedBy: p.issuedBy,
      expiresAt: p.expiresAt,
      createdAt: p.at,
    });
    await audit(tx, {
      actor: p.issuedBy,
      action: 'staff.code.issue',
      subject: p.staffId,
      detail: { name: p.staffName },
      at: p.at,
    });
  });
}

/** Uses a 员工码 and links the account to the staff member's person. 'gone' leaves the code unused. */
export function redeemStaffCode(
  prisma: Prisma,
  p: { codeId: string; staffId: string; identityId: string; at: Date },
): Promise<StaffByNameRow | 'gone' | 'used'> {
  return prisma.$transaction(async (tx) => {
    const staff = await staffById(tx, p.staffId);
    if (!staff) return 'gone' as const;
    if (!(await claimStaffCode(tx, p.codeId, p.identityId, p.at))) return 'used' as const;
    await linkIdentity(tx, p.identityId, staff.personId);
    await audit(tx, {
      actor: `identity:${p.identityId}`,
      action: 'staff.bind',
      subject: p.identityId,
      detail: { staffId: staff.id },
      at: p.at,
    });
    return staff;
  });
}

/** The account forgets its person; false when it was not bound. */
export function unbindIdentity(prisma: Prisma, identityId: string, at: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const ident = await identityById(tx, identityId);
    if (!ident?.personId) return false;
    await linkIdentity(tx, identityId, null);
    await audit(tx, {
      actor: `identity:${identityId}`,
      action: 'binding.unbind',
      subject: identityId,
      detail: { personId: ident.personId },
      at,
    });
    return true;
  });
}

/** Adds a person (found by phone when the name matches, else a new record) to a unit, audited with the phone masked. */
export function addPersonToUnit(
  prisma: Prisma,
  p: { unitId: string; name: string; phone: string; role: MemberRole; actor: string; action: string; at: Date },
): Promise<{ personId: string }> {
  return prisma.$transaction(async (tx) => {
    const existing = await personByPhone(tx, p.phone);
    const person =
      existing && existing.name === p.name
        ? existing
        : await createPerson(tx, { name: p.name, phone: p.phone, createdAt: p.at });
    await addMembership(tx, p.unitId, person.id, p.role);
    await audit(tx, {
      actor: p.actor,
      action: p.action,
      subject: p.unitId,
      detail: { personId: person.id, role: p.role, phone: maskPhone(p.phone) },
      at: p.at,
    });
    return { personId: person.id };
  });
}

export function removePersonFromUnit(
  prisma: Prisma,
  p: { unitId: string; personId: string; actor: string; at: Date },
): Promise<void> {
  return prisma.$transaction(async (tx) => {
    await removeMembership(tx, p.unitId, p.personId);
    await audit(tx, {
      actor: p.actor,
      action: 'household.remove',
      subject: p.unitId,
      detail: { personId: p.personId },
      at: p.at,
    });
  });
}

/** A staff group chat to register (注册群) for an estate's role, or a department. */
export interface StaffChatRegistration {
  estateId: string;
  role: StaffRoleName;
  channel: string;
  chatId: string;
  title: string | null;
  conversationRef?: string | null;
  /** A maintenance department's group (工程部): 报修 only, never the role's desk notices. */
  department?: string | null;
  actor: string;
  at: Date;
}

export function registerStaffChat(prisma: Prisma, p: StaffChatRegistration): Promise<void> {
  return prisma.$transaction(async (tx) => {
    await upsertStaffChat(tx, {
      department: p.department ?? null,
      estateId: p.estateId,
      role: p.role,
      channel: p.channel,
      chatId: p.chatId,
      title: p.title,
      conversationRef: p.conversationRef ?? null,
    });
    await audit(tx, {
      actor: p.actor,
      action: 'staffchat.register',
      subject: p.chatId,
      detail: { role: p.role, channel: p.channel, ...(p.department ? { department: p.department } : {}) },
      at: p.at,
    });
  });
}

/** A new staff member (person + staff row), audited with the phone masked. */
export function addStaffMember(
  prisma: Prisma,
  p: { estateId: string; name: string; phone: string; role: StaffRoleName; actor: string; at: Date },
): Promise<{ personId: string }> {
  return prisma.$transaction(async (tx) => {
    const person = await createPerson(tx, { name: p.name, phone: p.phone, createdAt: p.at });
    await createStaff(tx, { estateId: p.estateId, personId: person.id, role: p.role });
    await audit(tx, {
      actor: p.actor,
      action: 'staff.add',
      subject: person.id,
      detail: { role: p.role, phone: maskPhone(p.phone) },
      at: p.at,
    });
    return { personId: person.id };
  });
}

/**
 * 不是我: the chat accounts bound to the person after `after` (other than the one asking), with when they were bound.
 * Read from the 'binding.ok' audit rows, which every binding writes.
 */
export async function recentBindingsOf(db: Db, personId: string, exceptIdentityId: string, after: Date) {
  const others = await db.channelIdentity.findMany({
    where: { personId, id: { not: exceptIdentityId } },
    select: { id: true, channel: true },
  });
  if (others.length === 0) return [];
  const oks = await db.auditLog.findMany({
    where: { action: 'binding.ok', subject: { in: others.map((o) => o.id) }, at: { gt: after } },
    select: { subject: true, at: true },
  });
  const boundAt = new Map<string, Date>();
  for (const o of oks) if (o.subject) boundAt.set(o.subject, o.at);
  return others.flatMap((o) => {
    const at = boundAt.get(o.id);
    return at ? [{ identityId: o.id, channel: o.channel, boundAt: at }] : [];
  });
}

/** When the account was last bound (its latest 'binding.ok' or 'staff.bind'), or null. */
export async function lastBoundAt(db: Db, identityId: string): Promise<Date | null> {
  const row = await db.auditLog.findFirst({
    where: { subject: identityId, action: { in: ['binding.ok', 'staff.bind'] } },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  return row?.at ?? null;
}

/** Unlinks the accounts the owner disowned, audited, with the staff notice in the same transaction. */
export function disownIdentities(
  prisma: Prisma,
  p: { personId: string; byIdentityId: string; identityIds: string[]; at: Date },
  alert: (tx: Tx) => Promise<void>,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const r = await tx.channelIdentity.updateMany({
      where: { id: { in: p.identityIds }, personId: p.personId },
      data: { personId: null },
    });
    for (const id of p.identityIds)
      await audit(tx, {
        actor: `identity:${p.byIdentityId}`,
        action: 'binding.disowned',
        subject: id,
        detail: { personId: p.personId },
        at: p.at,
      });
    if (r.count > 0) await alert(tx);
    return r.count;
  });
}

/** The newest binding code issued for a unit (used or not). */
export function latestBindingCodeOf(db: Db, unitId: string) {
  return db.bindingCode.findFirst({ where: { unitId }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
}
