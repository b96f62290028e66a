// Who a notice goes to → outbox rows. Call these inside the transaction of the change that causes the notice;
// the dedupe key makes a re-run of the same transition send nothing twice.
import type { OutboundMessage } from './channel.js';
import { normalizeLocale, type Locale } from '../i18n/index.js';
import { channelRegistry } from './channel-registry.js';
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

/**
 * A chat account's outbox target, asked of the channel registry (src/notify/channel-registry.ts). A channel nobody
 * registered gets a row anyway, under its own id, so the dispatcher turns it into a dead letter that names the
 * missing channel; it is not counted as reached (start-up already refuses stored rows of unknown channels).
 */
function identityTarget(i: {
  id: string;
  channel: string;
  externalId: string;
  conversationRef: string | null;
  locale?: string | null;
}): Target | null {
  const t = channelRegistry.identityTarget(i);
  const locale = normalizeLocale(i.locale);
  if (!t) return { id: i.id, channel: i.channel, address: i.externalId, isGroup: false, reaches: false, locale };
  return t.address === null
    ? null
    : { id: i.id, channel: t.channel, address: t.address, isGroup: false, reaches: true, locale };
}

/** A channel's recipient string for one chat account (null: not reachable, or a channel nobody registered). */
export function identityAddress(i: {
  channel: string;
  externalId: string;
  conversationRef: string | null;
}): string | null {
  return channelRegistry.identityTarget(i)?.address ?? null;
}

/** A registered group's recipient string; null for a Bot Framework group registered without its reference. */
export function staffChatAddress(c: {
  channel: string;
  chatId: string;
  conversationRef?: string | null;
}): string | null {
  return channelRegistry.groupTarget(c)?.address ?? null;
}

export interface Notice {
  kind: string;
  /**
   * What is sent. A function of the reader's language for notices to owners (their chat account's language, zh-CN
   * for groups and for accounts that never chose one); a plain message is sent as is to everyone.
   */
  message: OutboundMessage | ((locale: Locale) => OutboundMessage);
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
  /** False for a channel nobody registered: written (to become a named dead letter) but never counted as sent. */
  reaches: boolean;
  /** The reader's language (a chat account's own; groups read zh-CN). */
  locale?: Locale;
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
    const t = identityTarget(i);
    return t ? [t] : [];
  });
  return enqueueAll(db, targets, n);
}

/** Queues a notice to one chat account (e.g. one waiting for a binding staff approved). */
export async function notifyIdentity(db: OutboxDb, identityId: string, n: Notice): Promise<number> {
  const i = await db.channelIdentity.findUnique({
    where: { id: identityId },
    select: { id: true, channel: true, externalId: true, conversationRef: true, locale: true },
  });
  const t = i ? identityTarget(i) : null;
  if (!t) return 0;
  return enqueueAll(db, [t], n);
}

/**
 * Queues a notice to an estate's registered group chats of a role; when the role has no group, to each active staff
 * member of that role privately, so a notice reaches a person rather than nobody. Returns how many rows were newly
 * created. Staff-facing, so any mobile number in the text is masked here, whatever the caller wrote (PIPL).
 */
export async function notifyStaffGroup(db: OutboxDb, estateId: string, role: StaffRole, n: Notice): Promise<number> {
  const targets = await staffTargets(db, estateId, role);
  return enqueueAll(db, targets, masked(n));
}

/** How many chats a staff notice for these roles would reach now (groups, else the role's staff privately). */
export async function staffReach(db: OutboxDb, estateId: string, roles: readonly StaffRole[]): Promise<number> {
  let n = 0;
  for (const role of roles) n += (await staffTargets(db, estateId, role)).filter((t) => t.reaches).length;
  return n;
}

async function staffTargets(db: OutboxDb, estateId: string, role: StaffRole): Promise<Target[]> {
  const groups = (await staffChatsFor(db, estateId, role)).flatMap((c): Target[] => {
    const t = channelRegistry.groupTarget(c);
    if (!t) return [{ id: c.id, channel: c.channel, address: c.chatId, isGroup: true, reaches: false }];
    return t.address === null
      ? []
      : [{ id: c.id, channel: t.channel, address: t.address, isGroup: true, reaches: true }];
  });
  if (groups.some((g) => g.reaches)) return groups;
  return [
    ...groups,
    ...(await staffIdentitiesFor(db, estateId, role)).flatMap((i): Target[] => {
      const t = identityTarget(i);
      return t ? [t] : [];
    }),
  ];
}

/**
 * Queues a notice to a maintenance department (工程部): its registered groups, else its staff privately. Returns how
 * many rows were newly created (0: nobody in that department can be reached — the caller tells the desk instead).
 */
export async function notifyDepartment(db: OutboxDb, estateId: string, department: string, n: Notice): Promise<number> {
  const groups = (await departmentChatsFor(db, estateId, department)).flatMap((c): Target[] => {
    const t = channelRegistry.groupTarget(c);
    if (!t) return [{ id: c.id, channel: c.channel, address: c.chatId, isGroup: true, reaches: false }];
    return t.address === null
      ? []
      : [{ id: c.id, channel: t.channel, address: t.address, isGroup: true, reaches: true }];
  });
  const targets = groups.some((g) => g.reaches)
    ? groups
    : [
        ...groups,
        ...(await departmentIdentitiesFor(db, estateId, department)).flatMap((i): Target[] => {
          const t = identityTarget(i);
          return t ? [t] : [];
        }),
      ];
  return enqueueAll(db, targets, masked(n));
}

/** Staff-facing notices: any mobile number in the text is masked, whatever the caller wrote (PIPL). */
function masked(n: Notice): Notice {
  const { message } = n;
  const mask = (m: OutboundMessage): OutboundMessage => ({ ...m, text: maskPhonesInText(m.text) });
  return { ...n, message: typeof message === 'function' ? (locale) => mask(message(locale)) : mask(message) };
}

async function enqueueAll(db: OutboxDb, targets: Target[], n: Notice): Promise<number> {
  let created = 0;
  const byLocale = new Map<Locale, OutboundMessage>();
  const messageFor = (locale: Locale): OutboundMessage => {
    if (typeof n.message !== 'function') return n.message;
    let m = byLocale.get(locale);
    if (!m) byLocale.set(locale, (m = n.message(locale)));
    return m;
  };
  for (const t of targets) {
    const r = await enqueue(db, {
      channel: t.channel,
      address: t.address,
      isGroup: t.isGroup,
      kind: n.kind,
      message: messageFor(t.locale ?? 'zh-CN'),
      dedupeKey: `${n.dedupeKey}|${t.id}`,
      at: n.at,
      ...(n.notBefore ? { notBefore: n.notBefore } : {}),
    });
    if (r.created && t.reaches) created++;
  }
  return created;
}
