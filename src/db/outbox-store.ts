// The outbox as the notifier (src/notify/notifier.ts) sees it: who a notice can reach and the insert-with-dedupe,
// behind an interface of plain types, so src/notify needs no Prisma client and src/db needs nothing from src/notify.
// A store built on a transaction client writes in that transaction ("the notice is written with the change").
// Units of work in src/db that write notices take a NoticeWriter (implemented by the notifier, passed by the service)
// and call it with the store of their own transaction.
import type { Notice } from '../shared/outbound-message.js';
import type { StaffRole } from './enums.js';
import { insertOutboxRow, type NewOutboxRow, type OutboxDb, type OutboxRow } from './outbox.repo.js';
import {
  departmentChatsFor,
  departmentIdentitiesFor,
  identitiesOfPerson,
  staffChatsFor,
  staffIdentitiesFor,
} from './recipient.repo.js';

/** A chat account a notice can go to. */
export interface RecipientIdentity {
  id: string;
  channel: string;
  externalId: string;
  conversationRef: string | null;
  /** The account's language (null: never chose one, zh-CN). */
  locale?: string | null;
}

/** A registered group chat a notice can go to. */
export interface RecipientChat {
  id: string;
  channel: string;
  chatId: string;
  conversationRef: string | null;
}

export interface OutboxStore {
  /** Marks the object as a store (the notifier still accepts a Prisma client from code not yet moved to stores). */
  readonly isOutboxStore: true;
  /** A person's chat accounts, most recently used first. */
  identitiesOfPerson(personId: string): Promise<RecipientIdentity[]>;
  identityById(identityId: string): Promise<RecipientIdentity | null>;
  staffChatsFor(estateId: string, role: StaffRole): Promise<RecipientChat[]>;
  staffIdentitiesFor(estateId: string, role: StaffRole): Promise<RecipientIdentity[]>;
  departmentChatsFor(estateId: string, department: string): Promise<RecipientChat[]>;
  departmentIdentitiesFor(estateId: string, department: string): Promise<RecipientIdentity[]>;
  /** Inserts unless the dedupe key exists; returns the row either way, never throws on a duplicate. */
  insert(row: NewOutboxRow): Promise<{ created: boolean; message: OutboxRow }>;
}

/** The Prisma outbox store over a client or a transaction client (then every write is in that transaction). */
export class PrismaOutboxStore implements OutboxStore {
  readonly isOutboxStore = true as const;
  constructor(private readonly db: OutboxDb) {}
  identitiesOfPerson(personId: string) {
    return identitiesOfPerson(this.db, personId);
  }
  identityById(identityId: string) {
    return this.db.channelIdentity.findUnique({
      where: { id: identityId },
      select: { id: true, channel: true, externalId: true, conversationRef: true, locale: true },
    });
  }
  staffChatsFor(estateId: string, role: StaffRole) {
    return staffChatsFor(this.db, estateId, role);
  }
  staffIdentitiesFor(estateId: string, role: StaffRole) {
    return staffIdentitiesFor(this.db, estateId, role);
  }
  departmentChatsFor(estateId: string, department: string) {
    return departmentChatsFor(this.db, estateId, department);
  }
  departmentIdentitiesFor(estateId: string, department: string) {
    return departmentIdentitiesFor(this.db, estateId, department);
  }
  insert(row: NewOutboxRow) {
    return insertOutboxRow(this.db, row);
  }
}

/** A store as is, or the Prisma store over a client / transaction client. */
export function outboxStoreOf(db: OutboxStore | OutboxDb): OutboxStore {
  return (db as { isOutboxStore?: unknown }).isOutboxStore === true
    ? (db as OutboxStore)
    : new PrismaOutboxStore(db as OutboxDb);
}

/**
 * How a unit of work in src/db writes the notices its change causes, in its own transaction (`store` is built on
 * it). Implemented by the `Notifier` (src/notify/notifier.ts); the service passes it, so src/db never imports the
 * notifier. Each returns how many rows were newly created for reachable recipients.
 */
export interface NoticeWriter {
  person(store: OutboxStore, personId: string, n: Notice, except?: readonly string[]): Promise<number>;
  staffGroup(store: OutboxStore, estateId: string, role: StaffRole, n: Notice): Promise<number>;
  department(store: OutboxStore, estateId: string, department: string, n: Notice): Promise<number>;
}
