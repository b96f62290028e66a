import { STAFF_ROLES, type StaffRole } from './enums.js';
import type { OutboxDb } from './outbox.repo.js';

/** The chat accounts a person can be reached on (most recently used first). */
export function identitiesOfPerson(db: OutboxDb, personId: string) {
  return db.channelIdentity.findMany({
    where: { personId },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, channel: true, externalId: true, conversationRef: true, locale: true },
  });
}

/** The group chats registered for an estate and role (e.g. the assistants' group). */
export function staffChatsFor(db: OutboxDb, estateId: string, role: StaffRole) {
  return db.staffChat.findMany({
    where: { estateId, role, department: null },
    select: { id: true, channel: true, chatId: true, conversationRef: true },
  });
}

/** The group chats registered for a maintenance department (注册群 工程部). */
export function departmentChatsFor(db: OutboxDb, estateId: string, department: string) {
  return db.staffChat.findMany({
    where: { estateId, department },
    select: { id: true, channel: true, chatId: true, conversationRef: true },
  });
}

/** The private chat accounts of a department's active staff: the fallback when it has no group. */
export function departmentIdentitiesFor(db: OutboxDb, estateId: string, department: string) {
  return db.channelIdentity.findMany({
    where: { person: { staff: { estateId, department, active: true } } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, channel: true, externalId: true, conversationRef: true },
  });
}

/**
 * The private chat accounts of an estate's active staff of a role: where a staff notice goes when the role has no
 * registered group (a fresh install, a group removed), so it reaches a person instead of nobody.
 */
export function staffIdentitiesFor(db: OutboxDb, estateId: string, role: StaffRole) {
  return db.channelIdentity.findMany({
    where: { person: { staff: { estateId, role, active: true, department: null } } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, channel: true, externalId: true, conversationRef: true },
  });
}

/** Per estate and staff role: registered groups, and active staff with a chat account (the private fallback). */
export async function staffCoverage(db: OutboxDb) {
  const estates = await db.estate.findMany({ select: { id: true, name: true } });
  const roles = STAFF_ROLES;
  const rows: Array<{ estateId: string; estate: string; role: StaffRole; groups: number; reachableStaff: number }> = [];
  for (const e of estates) {
    for (const role of roles) {
      const groups = await db.staffChat.count({ where: { estateId: e.id, role, department: null } });
      const reachableStaff = await db.staff.count({
        where: { estateId: e.id, role, active: true, department: null, person: { identities: { some: {} } } },
      });
      rows.push({ estateId: e.id, estate: e.name, role, groups, reachableStaff });
    }
  }
  return rows;
}

export async function isRegisteredStaffChat(db: OutboxDb, channel: string, chatId: string): Promise<boolean> {
  return (await db.staffChat.count({ where: { channel, chatId } })) > 0;
}
