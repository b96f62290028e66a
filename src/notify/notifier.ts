// Who a notice goes to → outbox rows. Call these inside the transaction of the change that causes the notice;
// the dedupe key makes a re-run of the same transition send nothing twice.
import type { OutboundMessage } from './channel.js';
import { normalizeLocale, type Locale } from '../i18n/index.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { OutboxDb } from '../db/outbox.repo.js';
import { outboxStoreOf, type NoticeWriter, type OutboxStore } from '../db/outbox-store.js';
import type { Notice } from '../shared/outbound-message.js';
import type { StaffRole } from '../identity/sender.js';
import { enqueue } from './outbox.js';
import { maskPhonesInText } from '../shared/phone.js';

/**
 * A chat account's outbox target, asked of the channel registry (src/notify/channel-registry.ts). A channel nobody
 * registered gets a row anyway, under its own id, so the dispatcher turns it into a dead letter that names the
 * missing channel; it is not counted as reached (start-up already refuses stored rows of unknown channels).
 */
function identityTarget(
  channels: ChannelRegistry,
  i: { id: string; channel: string; externalId: string; conversationRef: string | null; locale?: string | null },
): Target | null {
  const t = channels.identityTarget(i);
  const locale = normalizeLocale(i.locale);
  if (!t) return { id: i.id, channel: i.channel, address: i.externalId, isGroup: false, reaches: false, locale };
  return t.address === null
    ? null
    : { id: i.id, channel: t.channel, address: t.address, isGroup: false, reaches: true, locale };
}

export type { Notice } from '../shared/outbound-message.js';

/**
 * Where notices are written: an OutboxStore (src/db/outbox-store.ts; one built on a transaction writes in it), or —
 * for code not yet moved to stores — a Prisma client or transaction client, wrapped in one.
 */
export type OutboxTarget = OutboxStore | OutboxDb;

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
async function toPerson(
  channels: ChannelRegistry,
  db: OutboxTarget,
  personId: string,
  n: Notice,
  except: readonly string[] = [],
): Promise<number> {
  const store = outboxStoreOf(db);
  const targets = (await store.identitiesOfPerson(personId)).flatMap((i): Target[] => {
    if (except.includes(i.id)) return [];
    const t = identityTarget(channels, i);
    return t ? [t] : [];
  });
  return enqueueAll(store, targets, n);
}

/** Queues a notice to one chat account (e.g. one waiting for a binding staff approved). */
async function toIdentity(channels: ChannelRegistry, db: OutboxTarget, identityId: string, n: Notice): Promise<number> {
  const store = outboxStoreOf(db);
  const i = await store.identityById(identityId);
  const t = i ? identityTarget(channels, i) : null;
  if (!t) return 0;
  return enqueueAll(store, [t], n);
}

/**
 * Queues a notice to an estate's registered group chats of a role; when the role has no group, to each active staff
 * member of that role privately, so a notice reaches a person rather than nobody. Returns how many rows were newly
 * created. Staff-facing, so any mobile number in the text is masked here, whatever the caller wrote (PIPL).
 */
async function toStaffGroup(
  channels: ChannelRegistry,
  db: OutboxTarget,
  estateId: string,
  role: StaffRole,
  n: Notice,
): Promise<number> {
  const store = outboxStoreOf(db);
  const targets = await staffTargets(channels, store, estateId, role);
  return enqueueAll(store, targets, masked(n));
}

/** How many chats a staff notice for these roles would reach now (groups, else the role's staff privately). */
async function reach(
  channels: ChannelRegistry,
  db: OutboxTarget,
  estateId: string,
  roles: readonly StaffRole[],
): Promise<number> {
  const store = outboxStoreOf(db);
  let n = 0;
  for (const role of roles) n += (await staffTargets(channels, store, estateId, role)).filter((t) => t.reaches).length;
  return n;
}

async function staffTargets(
  channels: ChannelRegistry,
  store: OutboxStore,
  estateId: string,
  role: StaffRole,
): Promise<Target[]> {
  const groups = (await store.staffChatsFor(estateId, role)).flatMap((c): Target[] => {
    const t = channels.groupTarget(c);
    if (!t) return [{ id: c.id, channel: c.channel, address: c.chatId, isGroup: true, reaches: false }];
    return t.address === null
      ? []
      : [{ id: c.id, channel: t.channel, address: t.address, isGroup: true, reaches: true }];
  });
  if (groups.some((g) => g.reaches)) return groups;
  return [
    ...groups,
    ...(await store.staffIdentitiesFor(estateId, role)).flatMap((i): Target[] => {
      const t = identityTarget(channels, i);
      return t ? [t] : [];
    }),
  ];
}

/**
 * Queues a notice to a maintenance department (工程部): its registered groups, else its staff privately. Returns how
 * many rows were newly created (0: nobody in that department can be reached — the caller tells the desk instead).
 */
async function toDepartment(
  channels: ChannelRegistry,
  db: OutboxTarget,
  estateId: string,
  department: string,
  n: Notice,
): Promise<number> {
  const store = outboxStoreOf(db);
  const groups = (await store.departmentChatsFor(estateId, department)).flatMap((c): Target[] => {
    const t = channels.groupTarget(c);
    if (!t) return [{ id: c.id, channel: c.channel, address: c.chatId, isGroup: true, reaches: false }];
    return t.address === null
      ? []
      : [{ id: c.id, channel: t.channel, address: t.address, isGroup: true, reaches: true }];
  });
  const targets = groups.some((g) => g.reaches)
    ? groups
    : [
        ...groups,
        ...(await store.departmentIdentitiesFor(estateId, department)).flatMap((i): Target[] => {
          const t = identityTarget(channels, i);
          return t ? [t] : [];
        }),
      ];
  return enqueueAll(store, targets, masked(n));
}

/** Staff-facing notices: any mobile number in the text is masked, whatever the caller wrote (PIPL). */
function masked(n: Notice): Notice {
  const { message } = n;
  const mask = (m: OutboundMessage): OutboundMessage => ({ ...m, text: maskPhonesInText(m.text) });
  return { ...n, message: typeof message === 'function' ? (locale) => mask(message(locale)) : mask(message) };
}

async function enqueueAll(store: OutboxStore, targets: Target[], n: Notice): Promise<number> {
  let created = 0;
  const byLocale = new Map<Locale, OutboundMessage>();
  const messageFor = (locale: Locale): OutboundMessage => {
    if (typeof n.message !== 'function') return n.message;
    let m = byLocale.get(locale);
    if (!m) byLocale.set(locale, (m = n.message(locale)));
    return m;
  };
  for (const t of targets) {
    const r = await enqueue(store, {
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

/**
 * The notifier over one channel registry: who a notice goes to, as outbox rows. It is also the NoticeWriter that
 * src/db units of work call inside their transaction.
 */
export interface Notifier extends NoticeWriter {
  /** The registry it asks (the composition root's). */
  readonly channels: ChannelRegistry;
  /** Every chat account of a person but `except`; how many rows were newly created for reachable accounts. */
  person(db: OutboxTarget, personId: string, n: Notice, except?: readonly string[]): Promise<number>;
  /** One chat account. */
  identity(db: OutboxTarget, identityId: string, n: Notice): Promise<number>;
  /** An estate's groups of a role, else its staff of that role privately (phones masked). */
  staffGroup(db: OutboxTarget, estateId: string, role: StaffRole, n: Notice): Promise<number>;
  /** A maintenance department's groups, else its staff privately (phones masked). */
  department(db: OutboxTarget, estateId: string, department: string, n: Notice): Promise<number>;
  /** How many chats a staff notice for these roles would reach now. */
  staffReach(db: OutboxTarget, estateId: string, roles: readonly StaffRole[]): Promise<number>;
  /** A chat account's recipient string (null: not reachable, or a channel nobody registered). */
  identityAddress(i: { channel: string; externalId: string; conversationRef: string | null }): string | null;
}

/** The notifier asking `channels` how each account or group is reached. */
export function createNotifier(channels: ChannelRegistry): Notifier {
  return {
    channels,
    person: (db, personId, n, except = []) => toPerson(channels, db, personId, n, except),
    identity: (db, identityId, n) => toIdentity(channels, db, identityId, n),
    staffGroup: (db, estateId, role, n) => toStaffGroup(channels, db, estateId, role, n),
    department: (db, estateId, department, n) => toDepartment(channels, db, estateId, department, n),
    staffReach: (db, estateId, roles) => reach(channels, db, estateId, roles),
    identityAddress: (i) => channels.identityTarget(i)?.address ?? null,
  };
}
