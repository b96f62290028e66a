// The rows the layers above src/db see, as plain TypeScript: field by field, enums as string-literal unions. Nothing
// here is derived from the generated Prisma client (rule `row-types-are-plain` in .dependency-cruiser.cjs: this file
// imports nothing from src/generated or src/db/client.ts). prisma-repositories.ts checks at compile time that each
// generated model row is exactly its plain type here, so a schema change that breaks one fails `tsc`.
import type { Notice } from '../shared/outbound-message.js';
import type { MemberRole, StaffRole } from './enums.js';

// --- JSON columns (the shapes of Prisma's JsonValue / InputJsonValue) ---

export type JsonValue = string | number | boolean | JsonObject | JsonArray | null;
export type JsonObject = { [key in string]?: JsonValue };
export type JsonArray = JsonValue[];
/** A JSON value as written (readonly; anything with toJSON). */
export type InputJsonValue = string | number | boolean | InputJsonObject | InputJsonArray | { toJSON(): unknown };
export type InputJsonObject = { readonly [key in string]?: InputJsonValue | null };
export type InputJsonArray = ReadonlyArray<InputJsonValue | null>;

// --- tickets ---

export type TicketKind = 'COMPLAINT' | 'EMERGENCY' | 'REQUEST' | 'REPAIR';
export type TicketStatus =
  | 'NEW'
  | 'DISPATCHED'
  | 'ACCEPTED'
  | 'IN_PROGRESS'
  | 'WAITING_OWNER'
  | 'WAITING_CONTRACTOR'
  | 'RESOLVED'
  | 'CLOSED'
  | 'WITHDRAWN';

export const TICKET_KINDS: readonly TicketKind[] = ['COMPLAINT', 'EMERGENCY', 'REQUEST', 'REPAIR'];
/** Every ticket status, in the order prisma/models/tickets.prisma declares them. */
export const TICKET_STATUSES: readonly TicketStatus[] = [
  'NEW',
  'DISPATCHED',
  'ACCEPTED',
  'IN_PROGRESS',
  'WAITING_OWNER',
  'WAITING_CONTRACTOR',
  'RESOLVED',
  'CLOSED',
  'WITHDRAWN',
];
/** Open: the SLA clock may run, the owner may add information or withdraw. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (s) => s !== 'RESOLVED' && s !== 'CLOSED' && s !== 'WITHDRAWN',
);

export interface TicketRow {
  id: string;
  estateId: string;
  number: string;
  /** The intake's idempotency key (null for tickets filed without one). */
  intakeKey: string | null;
  unitId: string | null;
  personId: string;
  kind: TicketKind;
  category: string;
  description: string;
  location: string;
  priority: number;
  status: TicketStatus;
  assigneeId: string | null;
  repeatOfId: string | null;
  isRepeat: boolean;
  round: number;
  createdAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
  slaStartAt: Date | null;
  slaPausedMinutes: number;
  slaPausedAt: Date | null;
  slaLevel: number;
  nextSlaCheckAt: Date | null;
  surveyDueAt: Date | null;
  falseAlarm: boolean;
  falseAlarmAt: Date | null;
  intake: string;
  intakeBy: string | null;
  visitFrom: Date | null;
  visitTo: Date | null;
  homeContact: string | null;
  paid: boolean;
  priceCents: number | null;
  priceConfirmedAt: Date | null;
}

/** The columns a lifecycle move may set (conditional update); the key columns never change. */
export type TicketUpdate = Partial<Omit<TicketRow, 'id' | 'estateId' | 'number' | 'intakeKey'>>;

export interface TicketEventRow {
  id: string;
  ticketId: string;
  at: Date;
  actor: string;
  actorName: string;
  action: string;
  note: string | null;
}

/** A 回访 of one round of a ticket. */
export interface CallbackRow {
  id: string;
  ticketId: string;
  round: number;
  askedAt: Date;
  remindedAt: Date | null;
  score: number | null;
  comment: string | null;
  answeredAt: Date | null;
}

export interface TicketAttachmentRow {
  id: string;
  ticketId: string;
  name: string;
  contentUrl: string;
  createdAt: Date;
}

// --- what the ticket units of work take (ticket.repo.ts) ---

export interface NewTicket {
  number: string;
  estateId: string;
  unitId: string | null;
  personId: string;
  category: string;
  description: string;
  location: string;
  priority: number;
  repeatOfId: string | null;
  isRepeat: boolean;
  createdAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date | null;
  kind?: TicketKind;
  /** chat (default) / phone / counter (代客登记), and the staff member who filed it. */
  intake?: string;
  intakeBy?: string | null;
  /** 报修: visit window, who will be home, 有偿 and its confirmed price (分). */
  visitFrom?: Date | null;
  visitTo?: Date | null;
  homeContact?: string | null;
  paid?: boolean;
  priceCents?: number | null;
  priceConfirmedAt?: Date | null;
  slaStartAt: Date;
  nextSlaCheckAt: Date | null;
  attachments: Array<{ contentUrl: string; name: string }>;
  /** The inbound message that files it (see the model): filing twice with one key returns the first ticket. */
  intakeKey?: string | null;
}

export interface TicketCondition {
  status?: TicketStatus[];
  assigneeId?: string | null;
  personId?: string;
  round?: number;
}

/** What 我的投诉 shows of each ticket in its list. */
export type TicketListItem = Pick<
  TicketRow,
  'id' | 'number' | 'category' | 'status' | 'isRepeat' | 'description' | 'createdAt'
>;

export interface StaffInfo {
  id: string;
  personId: string;
  name: string;
  role: StaffRole;
  /** Maintenance department (工程部…); null for the desk. */
  department: string | null;
}

/** Who did something, as written on TicketEvent rows. */
export interface TicketActor {
  actor: string;
  actorName: string;
}
export type TicketEventNote = TicketActor & { note?: string | null };
/** A notice to one person, or to an estate's staff group of a role. */
export type TicketNotice =
  | { personId: string; notice: Notice }
  | { estateId: string; role: StaffRole; notice: Notice }
  | { estateId: string; department: string; notice: Notice };

export interface TicketDraft {
  ticket: NewTicket;
  created: TicketEventNote;
  notices: (ticket: TicketRow) => TicketNotice[];
}

/** The clock of a waiting ticket going again, worked out from the row and its estate's settings. */
export type ResumePlan = (
  cur: TicketRow,
  estateSettings: Record<string, unknown>,
) => { slaPausedMinutes: number; resolveDueAt: Date | null; nextSlaCheckAt: Date | null };

/** A resolved ticket's next round: its status and clock, worked out from the row and its estate's settings. */
export type ReopenPlan = (
  t: TicketRow,
  estateSettings: Record<string, unknown>,
) => {
  status: TicketStatus;
  priority: number;
  ackDueAt: Date;
  resolveDueAt: Date | null;
  nextSlaCheckAt: Date | null;
};

/** 补充信息: what the owner adds to an open ticket of theirs (text and/or photos). */
export interface OwnerInfo {
  personId: string;
  at: Date;
  note: string;
  attachments: Array<{ contentUrl: string; name: string }>;
}

/** Where a new ticket is filed: its number prefix, the repeat it may be of, the intake's idempotency key. */
export interface TicketFiling {
  estateId: string;
  numberPrefix: string;
  repeat: { unitId: string; category: string; since: Date } | null;
  intakeKey?: string | null;
}

/** One lifecycle move: from one of `from` (and, when given, still this assignee), `data` of the row as it is then. */
export interface TicketTransition {
  from: TicketStatus[];
  assigneeId?: string | null;
  at: Date;
  action: string;
  data: (cur: TicketRow) => TicketUpdate;
}

// --- the outbox ---

export type OutboxStatus = 'PENDING' | 'SENDING' | 'SENT' | 'DEAD' | 'HELD';

export interface OutboxRow {
  id: string;
  channel: string;
  address: string;
  isGroup: boolean;
  kind: string;
  payload: JsonValue;
  dedupeKey: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  mergedInto: string | null;
}

// --- renovation ---

export type RenovationPermitStatus = 'APPLIED' | 'REJECTED' | 'ACTIVE' | 'SUSPENDED' | 'FINISHED' | 'EXPIRED';
export type RenovationDepositStatus = 'HELD' | 'REFUNDING' | 'REFUNDED' | 'DEDUCTED';
export type RenovationRequestKind = 'EXTENSION' | 'STOP_WORK' | 'RESUME' | 'EXIT_INSPECTION' | 'APPLICATION';
export type RenovationRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

/** A 装修许可证 as stored (`drawings`: JSON). */
export interface PermitRow {
  id: string;
  estateId: string;
  number: string;
  unitId: string;
  ownerPersonId: string;
  contractor: string;
  foremanPhone: string;
  scope: string;
  startDate: string;
  endDate: string;
  depositCents: number;
  depositStatus: RenovationDepositStatus;
  status: RenovationPermitStatus;
  extensionCount: number;
  drawings: JsonValue;
  createdAt: Date;
  updatedAt: Date;
}

export interface RenovationRequestRow {
  id: string;
  estateId: string;
  seq: number;
  permitId: string;
  personId: string;
  kind: RenovationRequestKind;
  status: RenovationRequestStatus;
  reason: string | null;
  fromDate: string | null;
  newEndDate: string | null;
  slotAt: Date | null;
  slotHeld: Date | null;
  dueAt: Date | null;
  slaLevel: number;
  nextSlaCheckAt: Date | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

// --- key desk ---

export type KeyAppointmentKind = 'DEPOSIT' | 'PICKUP' | 'TRANSFER' | 'MOVE_OUT' | 'MOVE_IN';
export type KeyAppointmentStatus = 'BOOKED' | 'DONE' | 'NO_SHOW' | 'CANCELLED';
export type KeyHoldingStatus = 'HELD' | 'RELEASED';

/** A key-desk appointment as stored (the code only as its hash). */
export interface KeyAppointmentRecord {
  id: string;
  estateId: string;
  unitId: string;
  unitLabel: string;
  ownerPersonId: string;
  kind: KeyAppointmentKind;
  holdingId: string | null;
  description: string;
  slotStart: Date;
  personName: string;
  personPhone: string | null;
  codeHash: string;
  status: KeyAppointmentStatus;
  remindedAt: Date | null;
  doneAt: Date | null;
  doneBy: string | null;
  createdAt: Date;
}

/** Keys the desk holds for an owner. */
export interface KeyHoldingRecord {
  id: string;
  estateId: string;
  unitId: string;
  unitLabel: string;
  ownerPersonId: string;
  description: string;
  depositedAt: Date;
  depositedBy: string;
  status: KeyHoldingStatus;
  releasedAt: Date | null;
  createdAt: Date;
}

/** Someone an owner allows to pick up their keys. */
export interface KeyAuthorisedPersonRecord {
  id: string;
  holdingId: string;
  name: string;
  phone: string;
  createdAt: Date;
}

export interface KeyHoldingWithPeopleRecord extends KeyHoldingRecord {
  authorised: KeyAuthorisedPersonRecord[];
}

// --- passes ---

/** A 来访登记 pass as stored (the code only as its hash). */
export interface VisitorPassRecord {
  id: string;
  estateId: string;
  unitId: string;
  unitLabel: string;
  ownerPersonId: string;
  visitorName: string;
  visitDate: string;
  carPlate: string | null;
  codeHash: string;
  createdAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
}

// --- people, units, chat accounts, staff, binding ---

export interface PersonRow {
  id: string;
  name: string;
  phone: string | null;
  createdAt: Date;
}

export interface UnitRow {
  id: string;
  buildingId: string;
  entrance: string;
  room: string;
  areaSqm: number | null;
}

/** A unit with its building's name and estate. */
export interface BindingUnitRow extends UnitRow {
  building: { name: string; estateId: string };
}

export interface MembershipRow {
  id: string;
  unitId: string;
  personId: string;
  role: MemberRole;
  createdAt: Date;
}

/** A unit with its members, oldest first. */
export interface UnitWithMembersRow extends BindingUnitRow {
  memberships: Array<MembershipRow & { person: PersonRow }>;
}

/** A person's units (each with its building). */
export type Memberships = Array<MembershipRow & { unit: BindingUnitRow }>;

export interface ChannelIdentityRow {
  id: string;
  personId: string | null;
  channel: string;
  externalId: string;
  displayName: string | null;
  conversationRef: string | null;
  locale: string;
  lastSeenAt: Date;
  createdAt: Date;
}

export interface StaffRow {
  id: string;
  estateId: string;
  personId: string;
  role: StaffRole;
  onDuty: boolean;
  active: boolean;
  department: string | null;
  createdAt: Date;
}

/** A chat account with its person, that person's units, staff post and chat accounts. */
export interface BindingIdentityRow extends ChannelIdentityRow {
  person:
    | (PersonRow & {
        memberships: Memberships;
        staff: (StaffRow & { estate: { name: string } }) | null;
        identities: Array<{ channel: string; createdAt: Date }>;
      })
    | null;
}

/** A staff member with their person. */
export type StaffByNameRow = StaffRow & { person: PersonRow };

/** A one-time code as stored (only its hash): who issued it, until when, who used it. */
interface OneTimeCodeRow {
  id: string;
  codeHash: string;
  issuedBy: string;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
  createdAt: Date;
}

/** A 绑定码 for a unit's owner. */
export interface BindingCodeRow extends OneTimeCodeRow {
  unitId: string;
}

/** A staff binding code. */
export interface StaffCodeRow extends OneTimeCodeRow {
  staffId: string;
}

export type BindingApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** A name + phone match held for staff (批准绑定 <seq>). */
export interface BindingApprovalRow {
  id: string;
  estateId: string;
  seq: number;
  unitId: string;
  unitLabel: string;
  identityId: string;
  personId: string;
  role: string;
  status: BindingApprovalStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

// --- media, fees, privacy, audit: what 我的数据 exports (person-data.repo.ts) ---

/** A received file kept on disk (a WeChat photo, a 公告 picture), as recorded. */
export interface MediaFileRecord {
  id: string;
  channel: string;
  externalId: string;
  fileName: string;
  mimeType: string;
  path: string;
  sizeBytes: number;
  identityId: string | null;
  createdAt: Date;
}

/** 转人工. */
export type HandoffStatus = 'OPEN' | 'TAKEN' | 'CLOSED';

export interface HandoffRow {
  id: string;
  estateId: string | null;
  personId: string | null;
  identityId: string;
  topic: string;
  callbackText: string;
  callbackAt: Date | null;
  status: HandoffStatus;
  takenById: string | null;
  createdAt: Date;
}

export interface FeeBillRow {
  id: string;
  estateId: string;
  buildingId: string;
  unitId: string;
  period: string;
  feeType: string;
  dueDate: string;
  amountDueCents: number;
  amountPaidCents: number;
  outstandingCents: number;
}

/** A 催缴 notice sent to a person. */
export interface FeeNoticeRow {
  id: string;
  estateId: string;
  personId: string;
  unitId: string;
  dueDate: string;
  stage: string;
  amountCents: number;
  summary: string;
  outboxDedupeKey: string;
  createdAt: Date;
}

export interface FeeReminderOptOutRow {
  personId: string;
  at: Date;
}

export type PrivacyRequestStatus = 'OPEN' | 'DONE';

export interface PrivacyRequestRow {
  id: string;
  estateId: string;
  personId: string;
  identityId: string;
  status: PrivacyRequestStatus;
  createdAt: Date;
  doneAt: Date | null;
}

export interface AuditLogRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  detail: JsonValue;
}

/** Every row held about a person, as stored (the data subject gets the whole phone). */
export interface PersonData {
  person: PersonRow & { memberships: Memberships; identities: ChannelIdentityRow[]; staff: StaffRow | null };
  tickets: Array<
    TicketRow & { events: TicketEventRow[]; attachments: TicketAttachmentRow[]; callbacks: CallbackRow[] }
  >;
  handoffs: HandoffRow[];
  keyHoldings: KeyHoldingWithPeopleRecord[];
  keyAppointments: KeyAppointmentRecord[];
  renovationPermits: PermitRow[];
  renovationRequests: RenovationRequestRow[];
  feeNotices: FeeNoticeRow[];
  feeOptOut: FeeReminderOptOutRow | null;
  feeBills: FeeBillRow[];
  bindingApprovals: BindingApprovalRow[];
  privacyRequests: PrivacyRequestRow[];
  media: MediaFileRecord[];
  outbox: OutboxRow[];
  audit: AuditLogRow[];
}

/**
 * A stored conversation-state item (botbuilder StoreItem, its eTag the row's version) with the JSON text it was read
 * from (JsonConversationState's change check starts from that text).
 */
export interface StoredState {
  item: Record<string, unknown>;
  text: string;
}
