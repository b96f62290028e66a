import type { StaffRole } from '../identity/sender.js';
import type { OutboxDb } from './outbox.repo.js';

/** The chat accounts a person can be reached on (most recently used first). */
export function identitiesOfPerson(db: OutboxDb, personId: string) {
  return db.channelIdentity.findMany({
    where: { personId },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, channel: true, externalId: true, conversationRef: true },
  });
}

/** The group chats registered for an estate and role (e.g. the assistants' group). */
export function staffChatsFor(db: OutboxDb, estateId: string, role: StaffRole) {
  return db.staffChat.findMany({
    where: { estateId, role },
    select: { id: true, channel: true, chatId: true, conversationRef: true },
  });
}

export async function isRegisteredStaffChat(db: OutboxDb, channel: string, chatId: string): Promise<boolean> {
  return (await db.staffChat.count({ where: { channel, chatId } })) > 0;
}
