// What the layers above src/db get instead of a Prisma client: repositories behind interfaces of plain types, one
// bundle built once by the composition root (src/main.ts, src/cli.ts) with createRepositories (prisma-repositories.ts)
// and passed down. Interfaces live here, next to their Prisma implementation, so one import names both and nothing
// above src/db imports src/db/client.ts or the generated client (rule `db-client-only-in-db`). Row types are plain
// interfaces (or the repo files' own plain types), never generated Prisma types.
// Areas move here one at a time; the rest still take a Prisma client (see docs/ARCHITECTURE.md).
import type { IdentityRow, TouchInput } from './identity.repo.js';
import type { JobRunRow } from './job-run.repo.js';
import type { OutboxStore } from './outbox-store.js';
import type { UndeliveredRow } from './service-window.repo.js';
// --- repos-c ---
import type { ApprovalRow, AttemptKey, AttemptMark, FailureCounts } from './binding-guard.repo.js';
import type { BoundIdentity } from './binding.repo.js';
import type { MemberRole } from './enums.js';
import type { NewContractorPass } from './contractor-pass.repo.js';
import type { NewVisitorPass } from './visitor.repo.js';
import type { StaffRole } from './enums.js';
import type { HandedOver } from './staff-admin.repo.js';
import type { StaffInfo } from './ticket.repo.js';
import type { NewKeyAppointment, Notice as KeyNotice } from './key.repo.js';
import type { NoticeWriter } from './outbox-store.js';
import type { AudienceFilter } from './notice.repo.js';
import type {
  Decision as RenovationDecision,
  NewApplication,
  NewPermit,
  NewRenovationRequest,
  PermitRow,
  RenovationNotice,
  RenovationPermitStatus,
  RenovationRequestRow,
} from './renovation.repo.js';
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

/** 来访登记 (src/db/visitor.repo.ts). Writes open their own transaction: not for use inside `transaction`. */
export interface VisitorPassRepository {
  /** Whether an unused pass of this estate and day already has this code. */
  codeInUse(estateId: string, visitDate: string, codeHash: string): Promise<boolean>;
  /** The pass and its audit row. */
  insert(p: NewVisitorPass): Promise<VisitorPassRecord>;
  /** The estate's passes of `visitDate` with this code (used or not). */
  byCode(estateId: string, visitDate: string, codeHash: string): Promise<VisitorPassRecord[]>;
  /** Marks the pass used (with its audit row); false when another check used it first. */
  use(id: string, actor: string, at: Date): Promise<boolean>;
  /** An owner's passes from `fromDate` on, soonest first. */
  upcomingOf(ownerPersonId: string, fromDate: string): Promise<VisitorPassRecord[]>;
}

/** Failed secret attempts (binding codes, 访客核销) counted against limits (src/db/binding-guard.repo.ts). */
export interface AttemptGuardRepository {
  /** Writes an attempt before its secret is checked, so concurrent guesses see each other. */
  record(key: AttemptKey, at: Date): Promise<AttemptMark>;
  /** An attempt that succeeded or was refused before its secret was looked at is not a failure. */
  forget(id: string): Promise<void>;
  /** Failures in each scope's window, counting only attempts up to `upTo`. */
  countFailures(
    key: AttemptKey,
    since: { account: Date; target: Date; estate: Date },
    upTo: AttemptMark,
  ): Promise<FailureCounts>;
}

/** 离职 and 注销群 (src/db/staff-admin.repo.ts). Writes open their own transaction: not for use inside `transaction`. */
export interface StaffAdminRepository {
  /** Active staff of an estate with that name. */
  activeStaffByName(estateId: string, name: string): Promise<StaffInfo[]>;
  /** Active foremen of an estate, oldest first. */
  activeForemen(estateId: string): Promise<Array<{ id: string; personId: string; person: { name: string } }>>;
  /**
   * Deactivates and unbinds the leaver and hands their open work to `to`, `tell` writing the notice in the same
   * transaction; null when the leaver is no longer active.
   */
  handOverLeaver(
    p: {
      estateId: string;
      leaver: { id: string; personId: string };
      to: { id: string };
      actor: string;
      actorName: string;
      note: string;
      at: Date;
    },
    tell: NotifyWith<HandedOver>,
  ): Promise<HandedOver | null>;
  /** Removes a registered staff group of the estate; its role, or null when it was not registered there. */
  unregisterStaffChat(p: {
    estateId: string;
    channel: string;
    chatId: string;
    actor: string;
    at: Date;
  }): Promise<StaffRole | null>;
}

export type KeyAppointmentKind = 'DEPOSIT' | 'PICKUP' | 'TRANSFER' | 'MOVE_OUT' | 'MOVE_IN';
export type KeyAppointmentStatus = 'BOOKED' | 'DONE' | 'NO_SHOW' | 'CANCELLED';

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
  status: 'HELD' | 'RELEASED';
  releasedAt: Date | null;
  createdAt: Date;
}

export interface KeyHoldingWithPeopleRecord extends KeyHoldingRecord {
  authorised: Array<{ id: string; holdingId: string; name: string; phone: string; createdAt: Date }>;
}

/** Key holdings and desk appointments (src/db/key.repo.ts). Writes open their own transaction. */
export interface KeyRepository {
  /** Takes the first free seat of the slot; null when all `capacity` seats are taken. */
  bookWithSeat(a: NewKeyAppointment, capacity: number): Promise<KeyAppointmentRecord | null>;
  /** Moves a BOOKED appointment to a new slot; false when the new slot is full. */
  moveToSlot(id: string, estateId: string, slotStart: Date, capacity: number): Promise<boolean>;
  /** Cancels a BOOKED appointment and frees its seat; false when it was not BOOKED any more. */
  cancelBooked(id: string, actor: string, at: Date): Promise<boolean>;
  findAppointment(id: string): Promise<KeyAppointmentRecord | null>;
  findBookedByCode(estateId: string, codeHash: string, from: Date, to: Date): Promise<KeyAppointmentRecord[]>;
  appointmentsBetween(estateId: string, from: Date, to: Date): Promise<KeyAppointmentRecord[]>;
  ownerBookedAppointments(ownerPersonId: string): Promise<KeyAppointmentRecord[]>;
  countSeats(estateId: string, slotStarts: Date[]): Promise<Array<{ slotStart: Date }>>;
  /** The hand-over at the desk; null when it was not BOOKED. */
  completeHandover(
    appt: KeyAppointmentRecord,
    actor: string,
    at: Date,
  ): Promise<{ appointment: KeyAppointmentRecord; holding: KeyHoldingRecord | null } | null>;
  /** BOOKED appointments whose slot starts in (from, to] and that have not been reminded yet. */
  dueReminders(from: Date, to: Date): Promise<KeyAppointmentRecord[]>;
  markReminded(writer: NoticeWriter, appt: KeyAppointmentRecord, at: Date, notice: KeyNotice): Promise<void>;
  overdueBooked(slotBefore: Date): Promise<KeyAppointmentRecord[]>;
  /** BOOKED → NO_SHOW with the owner's notice and an audit row. */
  markNoShow(writer: NoticeWriter, appt: KeyAppointmentRecord, at: Date, notice: KeyNotice): Promise<boolean>;
  heldByOwner(ownerPersonId: string): Promise<KeyHoldingWithPeopleRecord[]>;
  findHolding(id: string): Promise<KeyHoldingWithPeopleRecord | null>;
  upsertAuthorised(holdingId: string, name: string, phone: string, actor: string, at: Date): Promise<void>;
  deleteAuthorised(holdingId: string, phone: string, actor: string, at: Date): Promise<boolean>;
  /** An estate's stored settings (JSON), for the desk-appointment checklists. */
  estateSettings(estateId: string): Promise<{ settings: unknown } | null>;
}

/** A 公告 as stored (`buildings`: JSON array of building names when audience = buildings). */
export interface NoticeRecord {
  id: string;
  estateId: string;
  seq: number;
  status: string;
  title: string;
  body: string;
  pictureUrl: string | null;
  audience: string;
  buildings: string | null;
  urgent: boolean;
  authorStaffId: string;
  channel: string;
  conversation: string;
  privateCount: number;
  groupCount: number;
  createdAt: Date;
  sentAt: Date | null;
}

export type NewNoticeDraft = Omit<NoticeRecord, 'id' | 'seq' | 'privateCount' | 'groupCount' | 'sentAt'>;

/** An owners' group chat registered with 注册群 业主群. */
export interface OwnerGroupRecord {
  id: string;
  estateId: string;
  channel: string;
  chatId: string;
  title: string | null;
  conversationRef: string | null;
  createdAt: Date;
}

/** The outbox rows a notice plans for its audience (notice.repo.ts FanOut; payloads: outbox payload JSON). */
export interface NoticeFanOut {
  noticeId: string;
  kind: string;
  payload: Record<string, unknown>;
  payloadEn?: Record<string, unknown>;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** 公告 and owner groups (src/db/notice.repo.ts). */
export interface NoticeRepository {
  buildingNames(estateId: string): Promise<string[]>;
  /** A new draft with the estate's next number. */
  createDraft(data: NewNoticeDraft): Promise<NoticeRecord>;
  bySeq(estateId: string, seq: number): Promise<NoticeRecord | null>;
  /** The newest draft of a staff member in one chat. */
  latestDraft(
    estateId: string,
    authorStaffId: string,
    channel: string,
    conversation: string,
  ): Promise<NoticeRecord | null>;
  /** DRAFT → CANCELLED; false when it was no draft any more. */
  cancelDraft(id: string): Promise<boolean>;
  /** Bound chat accounts an audience reaches privately, per adapter channel. */
  countAudience(f: AudienceFilter): Promise<Map<string, number>>;
  /**
   * Publishes a draft in one transaction (up to `timeoutMs`): DRAFT → SENT, the audience's rows planned in one
   * statement, then `groups` writes the owner-group posts with the transaction's store and returns how many; the
   * counts are stored. `moved: false` when it was no draft any more; a throw from `groups` rolls everything back.
   */
  publish(
    p: { draftId: string; sentAt: Date; filter: AudienceFilter; fanOut: NoticeFanOut; timeoutMs: number },
    groups: (store: OutboxStore, privateCount: number) => Promise<number>,
  ): Promise<{ moved: false } | { moved: true; privateCount: number; groupCount: number }>;
  /** Sent notices of an estate since `since`, newest first. */
  recent(estateId: string, since: Date, limit: number): Promise<NoticeRecord[]>;
  countSent(estateId: string, from: Date, to: Date): Promise<number>;
  /** Building names and arrears of a person's units. */
  unitsOfPerson(personId: string, today: string): Promise<{ buildings: string[]; inArrears: boolean }>;
  ownerGroupsOf(estateId: string): Promise<OwnerGroupRecord[]>;
  /** Registers (or re-registers) a group chat as an owners' group of an estate. */
  registerOwnerGroup(g: {
    estateId: string;
    channel: string;
    chatId: string;
    title: string | null;
    conversationRef: string | null;
    at: Date;
  }): Promise<void>;
  isStaffChat(channel: string, chatId: string): Promise<boolean>;
  /** `media:<id>` → the stored file, or null. */
  mediaByContentUrl(contentUrl: string): Promise<MediaFileRecord | null>;
}

/** Renovation permits and requests (src/db/renovation.repo.ts). Units of work open their own transaction. */
export interface RenovationRepository {
  /** Every estate, for the daily and weekly renovation jobs. */
  estatesForJobs(): Promise<Array<{ id: string; name: string; timezone: string; settings: unknown }>>;
  /** Permits still running (ACTIVE/SUSPENDED) of an estate whose end date is in [from, to]. */
  runningPermitsEndingBetween(estateId: string, from: string, to: string): Promise<PermitRow[]>;
  runningPermitsEndedBefore(estateId: string, date: string): Promise<PermitRow[]>;
  permitsByStatus(estateId: string, statuses: RenovationPermitStatus[]): Promise<PermitRow[]>;
  unitsWithBuilding(unitIds: string[]): Promise<Map<string, { building: string; entrance: string; room: string }>>;
  /** A running permit past its end → EXPIRED, with its notices; false when it was no longer running. */
  expirePermit(
    writer: NoticeWriter,
    p: PermitRow,
    at: Date,
    ownerNotice: RenovationNotice,
    staffNotice: RenovationNotice | null,
  ): Promise<boolean>;
  findUnitId(estateId: string, building: string, entrance: string, room: string): Promise<string | null>;
  findUnitOwnerByPhone(unitId: string, phone: string): Promise<string | null>;
  existingPermitNumbers(estateId: string, numbers: string[]): Promise<Set<string>>;
  /** All or nothing, one transaction. */
  importPermits(estateId: string, permits: NewPermit[], audit: { actor: string; at: Date }): Promise<void>;
  createPermitAudited(p: NewPermit, audit: { actor: string; at: Date }): Promise<PermitRow>;
  permitsOfPerson(personId: string): Promise<PermitRow[]>;
  permitById(id: string): Promise<PermitRow | null>;
  openPermitOfUnit(unitId: string): Promise<PermitRow | null>;
  pendingRequestsOfPermit(permitId: string): Promise<RenovationRequestRow[]>;
  pendingRequests(estateId: string): Promise<Array<RenovationRequestRow & { permit: PermitRow }>>;
  requestBySeq(estateId: string, seq: number): Promise<RenovationRequestRow | null>;
  takenInspectionSlots(estateId: string, from: Date, to: Date): Promise<Date[]>;
  peopleByIds(ids: string[]): Promise<Map<string, { name: string; phone: string | null }>>;
  submitRequest(
    writer: NoticeWriter,
    r: Omit<NewRenovationRequest, 'seq'>,
    staffNotice: (request: RenovationRequestRow) => RenovationNotice,
  ): Promise<RenovationRequestRow>;
  decideRequest(
    writer: NoticeWriter,
    id: string,
    d: RenovationDecision,
    ownerNotice: (request: RenovationRequestRow, permit: PermitRow) => RenovationNotice,
  ): Promise<{ won: boolean; request: RenovationRequestRow; permit: PermitRow }>;
  submitApplication(
    writer: NoticeWriter,
    a: NewApplication,
    staffNotice: (request: RenovationRequestRow, permit: PermitRow) => RenovationNotice,
  ): Promise<{ request: RenovationRequestRow; permit: PermitRow }>;
  /** Pending requests whose approval ladder is due, oldest check first. */
  dueApprovalChecks(now: Date, limit: number): Promise<Array<RenovationRequestRow & { permit: PermitRow }>>;
  takeApprovalSteps(
    writer: NoticeWriter,
    expect: { id: string; estateId: string; slaLevel: number },
    next: { slaLevel: number; nextSlaCheckAt: Date | null },
    at: Date,
    steps: Array<{ role: StaffRole; step: string; notice: RenovationNotice }>,
  ): Promise<boolean>;
  /** An estate's settings object ({} when none or not an object). */
  estateSettings(estateId: string): Promise<Record<string, unknown>>;
  /** An estate's time zone (Asia/Shanghai when unknown). */
  estateZone(estateId: string): Promise<string>;
}

// Row types of the binding reads, as binding.repo.ts's queries return them (that file's own derived types).
type BindingRepo = typeof import('./binding.repo.js');
export type BindingUnitRow = Awaited<ReturnType<BindingRepo['findUnits']>>[number];
export type UnitWithMembersRow = NonNullable<Awaited<ReturnType<BindingRepo['unitWithMembers']>>>;
export type BindingCodeRow = NonNullable<Awaited<ReturnType<BindingRepo['liveBindingCode']>>>;
export type StaffCodeRow = NonNullable<Awaited<ReturnType<BindingRepo['liveStaffCode']>>>;
export type BindingIdentityRow = NonNullable<Awaited<ReturnType<BindingRepo['identityById']>>>;
export type StaffByNameRow = Awaited<ReturnType<BindingRepo['staffByName']>>[number];
export type BindingApprovalRow = ApprovalRow;

/** Writes, in the binding's transaction (`tx`: the repositories bound to it), what tells the person and staff. */
export type BindingAnnounce = (tx: Repositories, bound: BoundIdentity) => Promise<void>;

/** Binding, staff codes, household members (src/db/binding.repo.ts). Units of work open their own transaction. */
export interface BindingRepository {
  findUnits(estateId: string, building: string, entrance: string | null, room: string): Promise<BindingUnitRow[]>;
  unitWithMembers(unitId: string): Promise<UnitWithMembersRow | null>;
  audit(entry: {
    actor: string;
    action: string;
    subject: string | null;
    detail?: Record<string, string | number | boolean | null>;
    at: Date;
  }): Promise<void>;
  liveBindingCode(codeHash: string): Promise<BindingCodeRow | null>;
  liveStaffCode(codeHash: string): Promise<StaffCodeRow | null>;
  identityById(identityId: string): Promise<BindingIdentityRow | null>;
  staffByName(estateId: string, name: string): Promise<StaffByNameRow[]>;
  staffChatByChat(channel: string, chatId: string): Promise<{ estateId: string } | null>;
  /** A person's name, or null. */
  personName(personId: string): Promise<string | null>;
  /** Uses a 绑定码 and binds the account to the unit's owner; null when someone else used the code first. */
  redeemBindingCode(
    p: { codeId: string; identityId: string; unitId: string; unitLabel: string; at: Date },
    announce: BindingAnnounce,
  ): Promise<BoundIdentity | null>;
  /** Binds the account to a member of the unit; `claim` runs first in the same transaction (false binds nothing). */
  bindToMember(
    p: {
      identityId: string;
      unitId: string;
      unitLabel: string;
      member: { personId: string; role: MemberRole };
      at: Date;
      claim?: (tx: Repositories) => Promise<boolean>;
    },
    announce: BindingAnnounce,
  ): Promise<BoundIdentity | null>;
  saveBindingCode(p: {
    codeHash: string;
    unitId: string;
    unitLabel: string;
    issuedBy: string;
    expiresAt: Date;
    at: Date;
  }): Promise<void>;
  saveStaffCode(p: {
    codeHash: string;
    staffId: string;
    staffName: string;
    issuedBy: string;
    expiresAt: Date;
    at: Date;
  }): Promise<void>;
  redeemStaffCode(p: {
    codeId: string;
    staffId: string;
    identityId: string;
    at: Date;
  }): ReturnType<BindingRepo['redeemStaffCode']>;
  unbindIdentity(identityId: string, at: Date): Promise<boolean>;
  addPersonToUnit(p: {
    unitId: string;
    name: string;
    phone: string;
    role: MemberRole;
    actor: string;
    action: string;
    at: Date;
  }): Promise<{ personId: string }>;
  removePersonFromUnit(p: { unitId: string; personId: string; actor: string; at: Date }): Promise<void>;
  registerStaffChat(p: {
    estateId: string;
    role: StaffRole;
    channel: string;
    chatId: string;
    title: string | null;
    conversationRef?: string | null;
    department?: string | null;
    actor: string;
    at: Date;
  }): Promise<void>;
  recentBindingsOf(
    personId: string,
    exceptIdentityId: string,
    after: Date,
  ): Promise<Array<{ identityId: string; channel: string; boundAt: Date }>>;
  lastBoundAt(identityId: string): Promise<Date | null>;
  /** Unlinks the disowned accounts, audited; `alert` writes the staff notice in the same transaction. */
  disownIdentities(
    p: { personId: string; byIdentityId: string; identityIds: string[]; at: Date },
    alert: (tx: Repositories) => Promise<void>,
  ): Promise<number>;
  latestBindingCodeOf(unitId: string): Promise<{ createdAt: Date } | null>;
  /** Failed attempts of an account since `since`. */
  accountFailures(identityId: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
  approvalBySeq(estateId: string, seq: number): Promise<BindingApprovalRow | null>;
  pendingApprovalOf(identityId: string): Promise<BindingApprovalRow | null>;
  /** Holds a match for staff under the estate's next number; `inTx` writes what goes with it, same transaction. */
  createApproval(
    a: {
      estateId: string;
      unitId: string;
      unitLabel: string;
      identityId: string;
      personId: string;
      role: string;
      at: Date;
    },
    inTx: (tx: Repositories, seq: number) => Promise<void>,
  ): Promise<number>;
  /** PENDING → APPROVED/REJECTED once; false when someone decided first. */
  decideApproval(id: string, status: 'APPROVED' | 'REJECTED', by: string, at: Date): Promise<boolean>;
}

// --- end repos-c ---

export type { IdentityRow, TouchInput } from './identity.repo.js';
export type { JobRunRow } from './job-run.repo.js';
export type { OutboxStore } from './outbox-store.js';
export type { UndeliveredRow } from './service-window.repo.js';
// --- repos-c ---
export type { AttemptKey, AttemptMark, FailureCounts, GuardMethod } from './binding-guard.repo.js';
export type { NewContractorPass } from './contractor-pass.repo.js';
export type { NewVisitorPass } from './visitor.repo.js';
export type { BoundIdentity, Memberships } from './binding.repo.js';
export type { MemberRole, StaffRole } from './enums.js';
export type { HandedOver } from './staff-admin.repo.js';
export type { StaffInfo } from './ticket.repo.js';
export type { NewKeyAppointment, Notice as KeyNotice } from './key.repo.js';
export type { NoticeWriter } from './outbox-store.js';
export { AUDIENCES, type Audience, type AudienceFilter } from './notice.repo.js';
export { SlotTakenError } from './renovation.repo.js';
export type {
  Decision as RenovationDecision,
  NewApplication,
  NewPermit,
  NewRenovationRequest,
  PermitRow,
  RenovationNotice,
  RenovationPermitStatus,
  RenovationRequestKind,
  RenovationRequestRow,
  RenovationRequestStatus,
} from './renovation.repo.js';
// --- end repos-c ---

/** An estate row as the domain reads it (`settings`: the stored JSON, parsed by src/estate). */
export interface EstateRecord {
  id: string;
  code: string;
  name: string;
  timezone: string;
  deskPhone: string;
  emergencyPhone: string;
  settings: unknown;
}

export interface EstateRepository {
  byId(id: string): Promise<EstateRecord | null>;
  /** The estate a not-yet-bound chat account talks to: the only one, or the first created. */
  findDefault(): Promise<EstateRecord | null>;
}

/** Chat accounts as a turn sees them (src/identity/identity.service.ts). */
export interface IdentityRepository {
  /** Finds or creates the chat account and refreshes its address. */
  touch(input: TouchInput): Promise<IdentityRow>;
  /** Refreshes a known chat account; null for an unknown one, which stays unwritten. */
  touchKnown(input: TouchInput): Promise<IdentityRow | null>;
  setLocale(identityId: string, locale: string): Promise<void>;
}

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

export interface NewMediaFileRecord {
  channel: string;
  externalId: string;
  fileName: string;
  mimeType: string;
  path: string;
  sizeBytes: number;
  identityId?: string | null;
}

export interface MediaRepository {
  /** Records a received file; a second record for the same (channel, externalId) updates the first. */
  save(file: NewMediaFileRecord): Promise<MediaFileRecord>;
}

export interface JobRunRepository {
  /** Claims the tick; the new run id, or null when that (job, tick) was already claimed by anyone. */
  claim(jobId: string, scheduledFor: Date, startedAt: Date): Promise<string | null>;
  finish(
    id: string,
    outcome: { status: 'DONE' } | { status: 'FAILED'; error: string },
    finishedAt: Date,
  ): Promise<void>;
  /** Marks a tick as deliberately not run; false if the key was taken. */
  recordSkipped(jobId: string, scheduledFor: Date, at: Date): Promise<boolean>;
  /** The run with the latest tick for a job, whatever its status; null when the job has never been seen. */
  latest(jobId: string): Promise<JobRunRow | null>;
}

export interface UndeliveredQuery {
  channel: string;
  estateId: string;
  since: Date;
  limit: number;
}

export interface ServiceWindowRepository {
  /** Notices of a windowed channel that reached nobody (HELD, and dead letters since `since`), newest first. */
  undelivered(q: UndeliveredQuery): Promise<UndeliveredRow[]>;
}

export interface CollectionTotalRow {
  buildingId: string;
  period: string;
  dueCents: number;
  outstandingCents: number;
}

export interface LargestArrearsRow {
  unitId: string;
  label: string;
  outstandingCents: number;
  oldestDueDate: string;
  owners: Array<{ name: string; phone: string | null }>;
}

/** The supervisors' fee figures (收缴率, 欠费排行). */
export interface FeeFiguresRepository {
  buildingsOf(estateId: string): Promise<Array<{ id: string; name: string }>>;
  collectionTotals(
    estateId: string,
    f: { buildingId?: string; period?: string; dueBy: string },
  ): Promise<CollectionTotalRow[]>;
  largestArrears(
    estateId: string,
    f: { buildingId?: string; today: string; take: number },
  ): Promise<LargestArrearsRow[]>;
}

// --- repos-c ---

/** An estate as the survey jobs read it. */
export interface SurveyEstateRow {
  id: string;
  name: string;
  timezone: string;
  deskPhone: string;
  settings: unknown;
}

/** A month's 满意度 round (`questions`: the stored JSON, parsed by src/survey). */
export interface SurveyRoundRow {
  id: string;
  estateId: string;
  period: string;
  questions: unknown;
  plannedAt: Date;
  completedAt: Date | null;
}

/** An owner's unfinished survey with its round. */
export interface OpenSurveyResponseRow {
  id: string;
  personId: string;
  unitId: string;
  invitedAt: Date;
  startedAt: Date | null;
  answers: unknown;
  remindedAt: Date | null;
  round: { id: string; estateId: string; period: string; questions: unknown };
}

export interface SurveyOpinionRow {
  id: string;
  personId: string;
  unitId: string;
  opinion: string | null;
  completedAt: Date | null;
  ticketId: string | null;
}

/** The monthly survey's reads and writes (src/db/survey.repo.ts). */
export interface SurveyRepository {
  estates(): Promise<SurveyEstateRow[]>;
  findRound(estateId: string, period: string): Promise<SurveyRoundRow | null>;
  /** The month's round, created once (a concurrent second planner gets the first one's row). */
  ensureRound(r: { estateId: string; period: string; questions: unknown; plannedAt: Date }): Promise<SurveyRoundRow>;
  completeRound(roundId: string, at: Date): Promise<void>;
  /** Owners of the estate's units with at least one chat account. */
  boundOwners(estateId: string): Promise<Array<{ personId: string; unitId: string; buildingId: string }>>;
  optOuts(): Promise<Set<string>>;
  isOptedOut(personId: string): Promise<boolean>;
  /** True when newly opted out. */
  setOptOut(personId: string, at: Date): Promise<boolean>;
  /** True when an opt-out was removed. */
  clearOptOut(personId: string): Promise<boolean>;
  invitedPeople(roundId: string): Promise<Set<string>>;
  /** The invitation row; null when the person already has one this round. */
  createResponse(r: {
    roundId: string;
    personId: string;
    unitId: string;
    buildingId: string;
    invitedAt: Date;
  }): Promise<{ id: string } | null>;
  deleteResponse(id: string): Promise<void>;
  openResponseOf(personId: string): Promise<OpenSurveyResponseRow | null>;
  saveAnswers(id: string, answers: Record<string, number>, at: Date): Promise<void>;
  /** False when it was already finished. */
  completeResponse(id: string, opinion: string | null, at: Date): Promise<boolean>;
  dueReminders(roundId: string, before: Date): Promise<Array<{ id: string; personId: string; answers: unknown }>>;
  markReminded(id: string, at: Date): Promise<boolean>;
  roundResponses(
    roundId: string,
  ): Promise<Array<{ buildingId: string; answers: unknown; completedAt: Date | null; opinion: string | null }>>;
  buildingNames(estateId: string): Promise<Map<string, string>>;
  /** A round's collected opinions in the order they came in. */
  roundOpinions(roundId: string): Promise<SurveyOpinionRow[]>;
  unitLabelParts(unitId: string): Promise<{ building: string; entrance: string; room: string } | null>;
  /** False when another supervisor linked a ticket first. */
  linkOpinionTicket(responseId: string, ticketId: string): Promise<boolean>;
  ticketNumbers(ids: string[]): Promise<Map<string, string>>;
  opinionCount(estateId: string, period: string): Promise<number>;
}

/** A 建议 as stored (`photos`: JSON array of contentUrls). */
export interface SuggestionRecord {
  id: string;
  estateId: string;
  seq: number;
  identityId: string;
  personId: string | null;
  unitLabel: string | null;
  text: string;
  photos: string | null;
  createdAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
}

/** 建议 (src/db/notice.repo.ts). */
export interface SuggestionRepository {
  /** A new suggestion with the estate's next number. */
  create(data: {
    estateId: string;
    identityId: string;
    personId: string | null;
    unitLabel: string | null;
    text: string;
    photos: string | null;
    createdAt: Date;
  }): Promise<SuggestionRecord>;
  bySeq(estateId: string, seq: number): Promise<SuggestionRecord | null>;
  list(estateId: string, opts: { unansweredOnly: boolean; limit: number }): Promise<SuggestionRecord[]>;
  /** Records the answer once; false when already answered. */
  answer(id: string, answer: string, by: string, at: Date): Promise<boolean>;
  counts(estateId: string, from: Date, to: Date): Promise<{ received: number; answered: number }>;
}

export type ContractorPassStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** An 出入证 as stored. */
export interface ContractorPassRecord {
  id: string;
  estateId: string;
  seq: number;
  permitId: string;
  ownerPersonId: string;
  workerName: string;
  workerPhone: string;
  expiresOn: string;
  status: ContractorPassStatus;
  createdAt: Date;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

/** Writes the notices a change causes, with the store of the change's own transaction. */
export type NotifyWith<T> = (store: OutboxStore, row: T) => Promise<unknown>;

/** 出入证 (src/db/contractor-pass.repo.ts). Each write opens its own transaction: not for use inside `transaction`. */
export interface ContractorPassRepository {
  /** Files the pass with the estate's next number, its audit row and `notify`'s notices in one transaction. */
  file(p: NewContractorPass, notify: NotifyWith<ContractorPassRecord>): Promise<ContractorPassRecord>;
  bySeq(estateId: string, seq: number): Promise<(ContractorPassRecord & { permit: PermitRow | null }) | null>;
  /** Decides a PENDING pass; `won: false` returns it as the winner left it. */
  decide(
    id: string,
    d: {
      approve: boolean;
      decidedBy: string;
      decidedByName: string;
      decidedAt: Date;
      note: string | null;
      expiresOn: string;
    },
    notify: NotifyWith<ContractorPassRecord>,
  ): Promise<{ won: boolean; pass: ContractorPassRecord }>;
}

// --- end repos-c ---

export interface Repositories {
  /** Outbox writes and recipient lookups (src/notify/notifier.ts). */
  outbox: OutboxStore;
  estates: EstateRepository;
  identities: IdentityRepository;
  media: MediaRepository;
  jobRuns: JobRunRepository;
  serviceWindow: ServiceWindowRepository;
  feeFigures: FeeFiguresRepository;
  // --- repos-c ---
  survey: SurveyRepository;
  suggestions: SuggestionRepository;
  contractorPasses: ContractorPassRepository;
  visitorPasses: VisitorPassRepository;
  attempts: AttemptGuardRepository;
  staffAdmin: StaffAdminRepository;
  keys: KeyRepository;
  notices: NoticeRepository;
  renovation: RenovationRepository;
  binding: BindingRepository;
  // --- end repos-c ---
  /** Runs `fn` in one database transaction with repositories bound to it; a throw rolls everything back. */
  transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T>;
}
