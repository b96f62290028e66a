// Who a notice goes to → outbox rows. Call these inside the transaction of the change that causes the notice;
// the dedupe key makes a re-run of the same transition send nothing twice.
import type { OutboundMessage } from './channel.js';
import type { OutboxDb } from '../db/outbox.repo.js';
import {
  departmentChatsFor,
  departmentIdentitiesFor,
  identitiesOfPerson,
  staffChatsFor,
  staffIdentitiesFor,
} from '../db/recipient.repo.js';
import type { StaffRole } from '../identity/sender.js';
import { enqueue } from './outbox.js';
import { maskPhonesInText } from '../shared/phone.js';

/** Our adapter name for a channel id: every Bot Framework channel (msteams, webchat, emulator…) is one adapter. */
const channelOf = (channel: string) =>
  ['telegram', 'wechat', 'wechat-oa', 'console'].includes(channel) ? channel : 'botframework';

/** A channel's recipient string for one chat account (see each adapter's `send`). */
export function identityAddress(i: {
  channel: string;
  externalId: string;
  conversationRef: string | null;
}): string | null {
  switch (i.channel) {
    case 'telegram':
      return i.externalId;
    case 'wechat':
      return `contact:${i.externalId}`;
    case 'wechat-oa':
      // The follower's openid (adapters/wechat-oa/wechat-oa.channel.ts).
      return i.externalId;
    case 'console':
      return i.externalId;
    default:
      // Bot Framework channels (emulator, msteams, webchat…) need the stored conversation reference.
      return i.conversationRef;
  }
}

/** A registered group's recipient string; null for a Bot Framework group registered without its reference. */
export function staffChatAddress(c: {
  channel: string;
  chatId: string;
  conversationRef?: string | null;
}): string | null {
  // Bot Framework channels (msteams…): the bare conversation id cannot be posted to; the reference can.
  if (channelOf(c.channel) === 'botframework') return c.conversationRef ?? null;
  return c.channel === 'wechat' ? `room:${c.chatId}` : c.chatId;
}

export interface Notice {
  kind: string;
  message: OutboundMessage;
  /** Per notice; each recipient gets `${dedupeKey}|${recipient id}`. */
  dedupeKey: string;
  /** When the change that causes the notice happened, on the caller's injected clock (never the process clock). */
  at: Date;
  /** Not before this instant (default: `at`). */
  notBefore?: Date;
}

interface Target {
  id: string;
  channel: string;
  address: string;
  isGroup: boolean;
}

/**
 * Queues a notice to every chat account of a person (but `except`: e.g. the account just bound, which is told in
 * its own chat). Returns how many rows were newly created.
 */
export async function notifyPerson(
  db: OutboxDb,
  personId: string,
  n: Notice,
  except: readonly string[] = [],
): Promise<number> {
  const targets = (await identitiesOfPerson(db, personId)).flatMap((i): Target[] => {
    if (except.includes(i.id)) return [];
    const address = identityAddress(i);
    return address ? [{ id: i.id, channel: channelOf(i.channel), address, isGroup: false }] : [];
  });
  return enqueueAll(db, targets, n);
}

/** Queues a notice to one chat account (e.g. one waiting for a binding staff approved). */
export async function notifyIdentity(db: OutboxDb, identityId: string, n: Notice): Promise<number> {
  const i = await db.channelIdentity.findUnique({
    where: { id: identityId },
    select: { id: true, channel: true, externalId: true, conversationRef: true },
  });
  const address = i ? identityAddress(i) : null;
  if (!i || !address) return 0;
  return enqueueAll(db, [{ id: i.id, channel: channelOf(i.channel), address, isGroup: false }], n);
}

/**
 * Queues a notice to an estate's registered group chats of a role; when the role has no group, to each active staff
 * member of that role privately, so a notice reaches a person rather than nobody. Returns how many rows were newly
 * created. Staff-facing, so any mobile number in the text is masked here, whatever the caller wrote (PIPL).
 */
export async function notifyStaffGroup(db: OutboxDb, estateId: string, role: StaffRole, n: Notice): Promise<number> {
  const targets = await staffTargets(db, estateId, role);
  return enqueueAll(db, targets, { ...n, message: { ...n.message, text: maskPhonesInText(n.message.text) } });
}

/** How many chats a staff notice for these roles would reach now (groups, else the role's staff privately). */
export async function staffReach(db: OutboxDb, estateId: string, roles: readonly StaffRole[]): Promise<number> {
  let n = 0;
  for (const role of roles) n += (await staffTargets(db, estateId, role)).length;
  return n;
}

async function staffTargets(db: OutboxDb, estateId: string, role: StaffRole): Promise<Target[]> {
  const groups = (await staffChatsFor(db, estateId, role)).flatMap((c): Target[] => {
    const address = staffChatAddress(c);
    return address ? [{ id: c.id, channel: channelOf(c.channel), address, isGroup: true }] : [];
  });
  if (groups.length > 0) return groups;
  return (await staffIdentitiesFor(db, estateId, role)).flatMap((i): Target[] => {
    const address = identityAddress(i);
    return address ? [{ id: i.id, channel: channelOf(i.channel), address, isGroup: false }] : [];
  });
}

/**
 * Queues a notice to a maintenance department (工程部): its registered groups, else its staff privately. Returns how
 * many rows were newly created (0: nobody in that department can be reached — the caller tells the desk instead).
 */
export async function notifyDepartment(db: OutboxDb, estateId: string, department: string, n: Notice): Promise<number> {
  const groups = (await departmentChatsFor(db, estateId, department)).flatMap((c): Target[] => {
    const address = staffChatAddress(c);
    return address ? [{ id: c.id, channel: channelOf(c.channel), address, isGroup: true }] : [];
  });
  const targets = groups.length
    ? groups
    : (await departmentIdentitiesFor(db, estateId, department)).flatMap((i): Target[] => {
        const address = identityAddress(i);
        return address ? [{ id: i.id, channel: channelOf(i.channel), address, isGroup: false }] : [];
      });
  return enqueueAll(db, targets, { ...n, message: { ...n.message, text: maskPhonesInText(n.message.text) } });
}

async function enqueueAll(db: OutboxDb, targets: Target[], n: Notice): Promise<number> {
  let created = 0;
  for (const t of targets) {
    const r = await enqueue(db, {
      channel: t.channel,
      address: t.address,
      isGroup: t.isGroup,
      kind: n.kind,
      message: n.message,
      dedupeKey: `${n.dedupeKey}|${t.id}`,
      at: n.at,
      ...(n.notBefore ? { notBefore: n.notBefore } : {}),
    });
    if (r.created) created++;
  }
  return created;
}
