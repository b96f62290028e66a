// Who a notice goes to → outbox rows. Call these inside the transaction of the change that causes the notice;
// the dedupe key makes a re-run of the same transition send nothing twice.
import type { OutboundMessage } from '../../adapters/channel.js';
import type { OutboxDb } from '../db/outbox.repo.js';
import { identitiesOfPerson, staffChatsFor } from '../db/recipient.repo.js';
import type { StaffRole } from '../identity/sender.js';
import { enqueue } from './outbox.js';

/** A channel's recipient string for one chat account (see each adapter's `send`). */
export function identityAddress(i: { channel: string; externalId: string; conversationRef: string | null }): string | null {
  switch (i.channel) {
    case 'telegram':
      return i.externalId;
    case 'wechat':
      return `contact:${i.externalId}`;
    case 'console':
      return i.externalId;
    default:
      // Bot Framework channels (emulator, msteams, webchat…) need the stored conversation reference.
      return i.conversationRef;
  }
}

export function staffChatAddress(c: { channel: string; chatId: string }): string {
  return c.channel === 'wechat' ? `room:${c.chatId}` : c.chatId;
}

const channelOf = (channel: string) => (['telegram', 'wechat', 'console'].includes(channel) ? channel : 'botframework');

/** Queues a notice to every chat account of a person. Returns how many rows were newly created. */
export async function notifyPerson(
  db: OutboxDb,
  personId: string,
  n: { kind: string; message: OutboundMessage; dedupeKey: string; notBefore?: Date },
): Promise<number> {
  let created = 0;
  for (const identity of await identitiesOfPerson(db, personId)) {
    const address = identityAddress(identity);
    if (!address) continue;
    const r = await enqueue(db, {
      channel: channelOf(identity.channel),
      address,
      kind: n.kind,
      message: n.message,
      dedupeKey: `${n.dedupeKey}|${identity.id}`,
      ...(n.notBefore ? { notBefore: n.notBefore } : {}),
    });
    if (r.created) created++;
  }
  return created;
}

/** Queues a notice to an estate's registered group chats of a role. Returns how many rows were newly created. */
export async function notifyStaffGroup(
  db: OutboxDb,
  estateId: string,
  role: StaffRole,
  n: { kind: string; message: OutboundMessage; dedupeKey: string; notBefore?: Date },
): Promise<number> {
  let created = 0;
  for (const chat of await staffChatsFor(db, estateId, role)) {
    const r = await enqueue(db, {
      channel: channelOf(chat.channel),
      address: staffChatAddress(chat),
      isGroup: true,
      kind: n.kind,
      message: n.message,
      dedupeKey: `${n.dedupeKey}|${chat.id}`,
      ...(n.notBefore ? { notBefore: n.notBefore } : {}),
    });
    if (r.created) created++;
  }
  return created;
}
