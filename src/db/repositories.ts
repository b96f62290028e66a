// What the layers above src/db get instead of a Prisma client: repositories behind interfaces of plain types, one
// bundle built once by the composition root (src/main.ts, src/cli.ts) with createRepositories (prisma-repositories.ts)
// and passed down. Interfaces live here, next to their Prisma implementation, so one import names both and nothing
// above src/db imports src/db/client.ts or the generated client (rule `db-client-only-in-db`). Row types are plain
// interfaces (rows.ts, or the repo files' own plain types), never generated Prisma types.
// Areas move here one at a time; the rest still take a Prisma client (see docs/ARCHITECTURE.md).
import type { IdentityRow, TouchInput } from './identity.repo.js';
import type { JobRunRow } from './job-run.repo.js';
import type { OutboxStore } from './outbox-store.js';
import type { UndeliveredRow } from './service-window.repo.js';
import type {
  BindingApprovalRow,
  StoredState,
  BindingCodeRow,
  BindingIdentityRow,
  BindingUnitRow,
  CallbackRow,
  KeyAppointmentRecord,
  KeyHoldingRecord,
  KeyHoldingWithPeopleRecord,
  MediaFileRecord,
  OwnerInfo,
  VisitorPassRecord,
  OutboxRow,
  PermitRow,
  PersonData,
  ReopenPlan,
  RenovationPermitStatus,
  RenovationRequestRow,
  ResumePlan,
  StaffByNameRow,
  StaffCodeRow,
  StaffInfo,
  TicketActor,
  TicketCondition,
  TicketDraft,
  TicketEventNote,
  TicketEventRow,
  TicketFiling,
  TicketListItem,
  TicketNotice,
  TicketRow,
  TicketStatus,
  TicketTransition,
  TicketUpdate,
  UnitWithMembersRow,
} from './rows.js';
// --- survey, notices, passes, keys, staff, renovation, binding ---
import type { AttemptKey, AttemptMark, FailureCounts, NewApproval } from './binding-guard.repo.js';
import type { BoundIdentity, MemberBinding, StaffChatRegistration } from './binding.repo.js';
import type { MemberRole } from './enums.js';
import type { NewContractorPass, PassDecision } from './contractor-pass.repo.js';
import type { NewVisitorPass } from './visitor.repo.js';
import type { StaffRole } from './enums.js';
import type { HandedOver, LeaverHandOver } from './staff-admin.repo.js';
import type { NewKeyAppointment, Notice as KeyNotice } from './key.repo.js';
import type { AudienceFilter, NewOwnerGroup } from './notice.repo.js';
import type {
  Decision as RenovationDecision,
  NewApplication,
  NewPermit,
  NewRenovationRequest,
  RenovationNotice,
} from './renovation.repo.js';

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
  handOverLeaver(p: LeaverHandOver, tell: NotifyWith<HandedOver>): Promise<HandedOver | null>;
  /** Removes a registered staff group of the estate; its role, or null when it was not registered there. */
  unregisterStaffChat(p: {
    estateId: string;
    channel: string;
    chatId: string;
    actor: string;
    at: Date;
  }): Promise<StaffRole | null>;
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
  registerOwnerGroup(g: NewOwnerGroup): Promise<void>;
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
  bindToMember(p: MemberBinding<Repositories>, announce: BindingAnnounce): Promise<BoundIdentity | null>;
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
  }): Promise<StaffByNameRow | 'gone' | 'used'>;
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
  registerStaffChat(p: StaffChatRegistration): Promise<void>;
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
  createApproval(a: NewApproval, inTx: (tx: Repositories, seq: number) => Promise<void>): Promise<number>;
  /** PENDING → APPROVED/REJECTED once; false when someone decided first. */
  decideApproval(id: string, status: 'APPROVED' | 'REJECTED', by: string, at: Date): Promise<boolean>;
}

// Every plain row and contract type (rows.ts), and the ticket statuses as values.
export * from './rows.js';
export type { IdentityRow, TouchInput } from './identity.repo.js';
export type { JobRunRow } from './job-run.repo.js';
export type { OutboxStore } from './outbox-store.js';
export type { UndeliveredRow } from './service-window.repo.js';
// --- survey, notices, passes, keys, staff, renovation, binding ---
export type { AttemptKey, AttemptMark, FailureCounts, GuardMethod, NewApproval } from './binding-guard.repo.js';
export type { NewContractorPass, PassDecision } from './contractor-pass.repo.js';
export type { NewVisitorPass } from './visitor.repo.js';
export type { BoundIdentity, MemberBinding, StaffChatRegistration } from './binding.repo.js';
export type { MemberRole, StaffRole } from './enums.js';
export type { HandedOver, LeaverHandOver } from './staff-admin.repo.js';
export type { NewKeyAppointment, Notice as KeyNotice } from './key.repo.js';
export type { NoticeWriter } from './outbox-store.js';
export { AUDIENCES, type Audience, type AudienceFilter, type NewOwnerGroup } from './notice.repo.js';
export { SlotTakenError } from './renovation.repo.js';
export type {
  Decision as RenovationDecision,
  NewApplication,
  NewPermit,
  NewRenovationRequest,
  RenovationNotice,
} from './renovation.repo.js';

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
  /** touchKnown, and the conversation state stored under `stateKey`, read by the same statement (#15). */
  touchKnownWithState(
    input: TouchInput,
    stateKey: string,
  ): Promise<{ identity: IdentityRow | null; state: StoredState | undefined }>;
  setLocale(identityId: string, locale: string): Promise<void>;
}

export type NewMediaFileRecord = Omit<MediaFileRecord, 'id' | 'identityId' | 'createdAt'> & {
  identityId?: string | null;
};

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

// --- survey, notices, passes, keys, staff, renovation, binding ---

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
    d: PassDecision,
    notify: NotifyWith<ContractorPassRecord>,
  ): Promise<{ won: boolean; pass: ContractorPassRecord }>;
}

export interface Repositories {
  /** Outbox writes and recipient lookups (src/notify/notifier.ts). */
  outbox: OutboxStore;
  estates: EstateRepository;
  identities: IdentityRepository;
  media: MediaRepository;
  jobRuns: JobRunRepository;
  serviceWindow: ServiceWindowRepository;
  feeFigures: FeeFiguresRepository;
  settings: SettingsRepository;
  personData: PersonDataRepository;
  retention: RetentionRepository;
  fees: FeeRepository;
  outboxDispatch: OutboxDispatchRepository;
  sendLedger: SendLedgerRepository;
  windows: WindowRepository;
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
  tickets: TicketRepository;
  falseAlarms: FalseAlarmRepository;
  ticketPhotos: TicketPhotoRepository;
  workQueue: WorkQueueRepository;
  handoffs: HandoffRepository;
  sla: SlaRepository;
  reports: ReportRepository;
  /** Runs `fn` in one database transaction with repositories bound to it; a throw rolls everything back. */
  transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T>;
}

// --- tickets, callbacks, SLA, reports ---
// Tickets (误报, photos, work lists), 转人工 callbacks, the SLA sweep and the reports. The Repositories fields of this
// block are fields of the one Repositories interface above.
// Methods taking a NoticeWriter write their notices in their own transaction; they open one of their own, so they are
// not for use inside `transaction`.
import type { FalseAlarmResult } from './false-alarm.repo.js';
import type { TicketPhoto } from './ticket-photos.repo.js';
import type { QueueTicket } from './work-queue.repo.js';
import type { CallbackItem, NewHandoff } from './handoff.repo.js';
import type { SlaExpect, SlaStepWrite, SlaTicket } from './sla.repo.js';
import type { NoticeWriter } from './outbox-store.js';
import type {
  CategoryCount,
  CsatScores,
  DeskAppointmentCounts,
  ReportEstate,
  DayCounts,
  OverdueRow,
  Period,
  RepeatCounts,
  SlaCounts,
} from './report.repo.js';
import type { ExportTicket } from './export.repo.js';

export type { FalseAlarmResult } from './false-alarm.repo.js';
export type { TicketPhoto } from './ticket-photos.repo.js';
export type { QueueTicket } from './work-queue.repo.js';
export type { CallbackItem, NewHandoff } from './handoff.repo.js';
export type { SlaExpect, SlaStepWrite, SlaTicket } from './sla.repo.js';
export type {
  CategoryCount,
  CsatScores,
  DayCounts,
  DeskAppointmentCounts,
  OverdueRow,
  Period,
  RepeatCounts,
  ReportEstate,
  SlaCounts,
} from './report.repo.js';
export type { ExportTicket } from './export.repo.js';

export interface FalseAlarmRepository {
  /** 误报: flags the ticket (closing it if open) in one transaction; `tellOwner` writes the owner's notice in it. */
  mark(
    ticketId: string,
    m: {
      at: Date;
      by: TicketActor;
      note: string | null;
      tellOwner: ((store: OutboxStore, t: TicketRow) => Promise<unknown>) | null;
    },
  ): Promise<FalseAlarmResult>;
}

/** A ticket's photos as its assignee should see them (null: no such ticket, or nobody assigned). */
export interface AssignedTicketPhotos {
  ticket: { id: string; number: string; category: string };
  staff: { id: string; personId: string; name: string };
  photos: TicketPhoto[];
}

export interface TicketPhotoRepository {
  assignedPhotos(ticketId: string): Promise<AssignedTicketPhotos | null>;
}

/** The staff work lists; `total` counts them all, `items` is at most `limit`. */
export interface WorkQueueRepository {
  unclaimed(estateId: string, limit: number): Promise<{ items: QueueTicket[]; total: number }>;
  assignedTo(staffId: string, limit: number): Promise<{ items: QueueTicket[]; total: number }>;
}

/** 转人工 requests and their callbacks (回电). */
export interface HandoffRepository {
  /** The request, its audit entry and the assistants' notice (`notice(ref)`), in one transaction. */
  create(
    writer: NoticeWriter,
    input: NewHandoff,
    notice: (ref: string) => string,
  ): Promise<{ id: string; ref: string }>;
  open(estateId: string, limit: number): Promise<{ items: CallbackItem[]; total: number }>;
  byRef(estateId: string, ref: string): Promise<CallbackItem | null>;
  /** OPEN → TAKEN and the private note to the taker, audited; false when someone else took it first. */
  take(
    writer: NoticeWriter,
    id: string,
    staff: { staffId: string; personId: string; actor: string },
    at: Date,
    privateNote: string | null,
  ): Promise<boolean>;
  /** False when it was already closed. */
  close(id: string, staff: { staffId: string; actor: string }, at: Date, result: string): Promise<boolean>;
  unclosed(): Promise<Array<CallbackItem & { estateId: string | null }>>;
  /** Queues one due reminder; how many notices were newly created. */
  remind(
    writer: NoticeWriter,
    c: { id: string; estateId: string; takenById: string | null },
    text: string,
    at: Date,
  ): Promise<number>;
}

/** The SLA ladder sweep's reads and its one conditional write. */
export interface SlaRepository {
  due(now: Date, limit: number): Promise<SlaTicket[]>;
  estateSettings(estateId: string): Promise<Record<string, unknown>>;
  estateZone(estateId: string): Promise<string>;
  /** Moves the ladder state; only when this call won, writes the steps' events and notices. */
  takeSteps(
    writer: NoticeWriter,
    expect: SlaExpect,
    next: { slaLevel: number; nextSlaCheckAt: Date | null },
    t: { estateId: string; assigneeId: string | null; at: Date },
    steps: SlaStepWrite[],
  ): Promise<boolean>;
}

/** The supervisors' report figures (read only) and the monthly export. */
export interface ReportRepository {
  estates(): Promise<ReportEstate[]>;
  overdue(estateId: string, now: Date): Promise<OverdueRow[]>;
  dayCounts(estateId: string, day: Period): Promise<DayCounts>;
  deskAppointments(estateId: string, day: Period): Promise<DeskAppointmentCounts>;
  countsByCategory(estateId: string, p: Period): Promise<CategoryCount[]>;
  slaCounts(estateId: string, p: Period, now: Date): Promise<SlaCounts>;
  repeatCounts(estateId: string, p: Period): Promise<RepeatCounts>;
  csatScores(estateId: string, p: Period): Promise<CsatScores>;
  falseAlarmCount(estateId: string, p: Period): Promise<number>;
  ticketsForExport(estateId: string, p: Period, limit: number): Promise<{ rows: ExportTicket[]; total: number }>;
}

/**
 * Tickets of every kind (complaints, repairs, emergencies): reads, and the units of work of their lifecycle. A unit of
 * work taking a NoticeWriter writes its change, its event and its notices in one transaction of its own; it returns
 * false / null when the ticket was no longer as expected (someone else got there first) and writes nothing then.
 */
export interface TicketRepository {
  byNumber(estateId: string, number: string): Promise<TicketRow | null>;
  byId(id: string): Promise<TicketRow | null>;
  /** Applies `data` only when the ticket is still as expected; true when this call made the change. */
  updateIf(id: string, cond: TicketCondition, data: TicketUpdate): Promise<boolean>;
  countAttachments(ticketId: string): Promise<number>;
  events(ticketId: string): Promise<TicketEventRow[]>;
  /** A person's open tickets and those created since `since`, newest first. */
  ofPerson(personId: string, since: Date, limit?: number): Promise<TicketListItem[]>;
  estateSettings(estateId: string): Promise<Record<string, unknown>>;
  personContact(personId: string): Promise<{ name: string; phone: string | null } | null>;
  unitLabelParts(unitId: string): Promise<{ building: string; entrance: string; room: string } | null>;
  unitWithOwners(
    estateId: string,
    a: { building: string; entrance: string; room: string },
  ): Promise<{ unitId: string; ownerIds: string[] } | null>;
  staffById(id: string): Promise<StaffInfo | null>;
  activeStaffByName(estateId: string, name: string): Promise<StaffInfo[]>;
  awaitingSurvey(now: Date, limit?: number): Promise<Array<TicketRow & { callbacks: CallbackRow[] }>>;
  withOpenSurvey(personId: string): Promise<TicketRow[]>;
  surveysNeedingReminder(askedBefore: Date): Promise<Array<CallbackRow & { ticket: TicketRow }>>;
  /** Files a ticket under the estate's next number (see createTicket in ticket.repo.ts). */
  create(
    writer: NoticeWriter,
    q: TicketFiling,
    draft: (last: string | null, repeatOf: TicketRow | null) => TicketDraft,
  ): Promise<{ ticket: TicketRow; repeatOf: TicketRow | null }>;
  claim(
    writer: NoticeWriter,
    id: string,
    c: { staffId: string; at: Date; nextSlaCheckAt: Date | null; from: TicketStatus[] },
    by: TicketActor,
    notices: TicketNotice[],
  ): Promise<boolean>;
  ackEmergency(
    writer: NoticeWriter,
    id: string,
    c: { staffId: string; at: Date; from: TicketStatus[] },
    ev: TicketEventNote,
    notices: TicketNotice[],
  ): Promise<boolean>;
  addStaffNote(id: string, at: Date, ev: TicketEventNote): Promise<void>;
  setWaiting(
    writer: NoticeWriter,
    id: string,
    c: { status: 'WAITING_OWNER' | 'WAITING_CONTRACTOR'; at: Date; from: TicketStatus[] },
    ev: TicketEventNote,
    notices: (eventId: string) => TicketNotice[],
  ): Promise<boolean>;
  resume(id: string, at: Date, ev: TicketEventNote, plan: ResumePlan): Promise<boolean>;
  resolve(
    writer: NoticeWriter,
    id: string,
    c: { staffId: string; at: Date; note: string; resumeNote: string; from: TicketStatus[]; action?: string },
    by: TicketActor,
    notices: (round: number) => TicketNotice[],
  ): Promise<boolean>;
  reassign(
    writer: NoticeWriter,
    id: string,
    c: { toStaffId: string; at: Date; from: TicketStatus[] },
    ev: TicketEventNote,
    notices: (eventId: string) => TicketNotice[],
  ): Promise<boolean>;
  withdraw(
    writer: NoticeWriter,
    id: string,
    c: { personId: string; at: Date; from: TicketStatus[] },
    by: TicketActor,
    notices: (t: TicketRow) => TicketNotice[],
  ): Promise<boolean>;
  addOwnerInfo(
    writer: NoticeWriter,
    id: string,
    c: OwnerInfo,
    by: TicketActor,
    resume: { note: string; plan: ResumePlan },
    notices: (t: TicketRow, eventId: string) => TicketNotice[],
  ): Promise<boolean>;
  answerSurvey(
    writer: NoticeWriter,
    ticket: { id: string; round: number },
    a: { score: number | null; comment: string | null; at: Date },
    rated: TicketEventNote,
    reopen: { by: TicketActor; reason: string; plan: ReopenPlan; notices: (t: TicketRow) => TicketNotice[] } | null,
  ): Promise<'no_survey' | 'answered' | 'reopened' | 'closed'>;
  sendSurvey(
    writer: NoticeWriter,
    t: { id: string; round: number },
    at: Date,
    notices: TicketNotice[],
  ): Promise<boolean>;
  remindSurvey(writer: NoticeWriter, callbackId: string, at: Date, notices: TicketNotice[]): Promise<boolean>;
  /** The owner's contact to one staff member privately, audited; how many notices were newly created. */
  sendContactPrivately(
    writer: NoticeWriter,
    ticketId: string,
    to: { personId: string; actor: string },
    text: string,
    at: Date,
  ): Promise<number>;
  /** One lifecycle move (see applyTransition in ticket.repo.ts); the updated row, or null when not allowed (now). */
  applyTransition(
    writer: NoticeWriter,
    id: string,
    c: TicketTransition,
    ev: TicketEventNote,
    notices: (t: TicketRow, eventId: string) => TicketNotice[],
  ): Promise<TicketRow | null>;
  addStaffAttachments(ticketId: string, files: Array<{ contentUrl: string; name: string }>): Promise<void>;
}

// --- settings, privacy, fees, the dispatcher ---
// Settings, privacy (export / erasure / retention) and fees. Methods marked "own transaction" open one themselves:
// call them on the root bundle, not inside `transaction` (they refuse there).
import type { EraseCounts } from './person-data.repo.js';
import type { RetentionCounts, RetentionCutoffs } from './retention.repo.js';
import type {
  ArrearsBillRow,
  BillUpdate,
  ExistingBill,
  FeeReminder,
  NewBill,
  NoticeItem,
  UnitBill,
  UnitOwnerRow,
  UnitRef,
} from './fee.repo.js';
import type { OutboundMessage } from '../shared/outbound-message.js';

export type { EraseCounts } from './person-data.repo.js';
export type { RetentionCounts, RetentionCutoffs } from './retention.repo.js';
export type {
  ArrearsBillRow,
  BillUpdate,
  ExistingBill,
  FeeReminder,
  NewBill,
  NoticeItem,
  UnitBill,
  UnitOwnerRow,
  UnitRef,
} from './fee.repo.js';

/** An estate's stored settings as `设置` reads them. */
export interface EstateSettingsRecord {
  id: string;
  code: string;
  name: string;
  timezone: string;
  settings: unknown;
}

/** What a settings change returns: the new settings and the audit detail, or only a result (nothing written). */
export type SettingsChange<T> =
  { settings: Record<string, unknown>; result: T; detail: Record<string, string> } | { result: T };

export interface SettingsRepository {
  settingsOf(estateId: string): Promise<EstateSettingsRecord | null>;
  /**
   * Own transaction: reads the stored settings, applies `change` (a throw writes nothing), writes them and the audit
   * row. `found: false` when the estate does not exist.
   */
  write<T>(
    estateId: string,
    change: (current: Record<string, unknown>) => SettingsChange<T>,
    audit: { actor: string; action: string; at: Date },
  ): Promise<{ found: false } | { found: true; result: T }>;
}

export interface PersonRecord {
  id: string;
  name: string;
  phone: string | null;
}

/** A chat account's outbox address (the notifier's; repositories know no channel). */
export type AddressOf = (i: { channel: string; externalId: string; conversationRef: string | null }) => string | null;

export interface PersonDataRepository {
  byPhone(phone: string): Promise<PersonRecord[]>;
  /** Everyone who is a member of the unit. */
  ofUnit(unitId: string): Promise<PersonRecord[]>;
  /** The ids of the units an address can mean (several without a 单元). */
  unitsAt(estateId: string, building: string, entrance: string | null, room: string): Promise<string[]>;
  isStaff(personId: string): Promise<boolean>;
  /** Every row held about the person (null: no such person). */
  collect(personId: string, addressOf: AddressOf): Promise<PersonData | null>;
  auditExport(p: { personId: string; actor: string; at: Date }): Promise<void>;
  closeRequests(personId: string, at: Date): Promise<void>;
  /** Own transaction: the erasure (see person-data.repo.ts); null when the person is gone. */
  erase(p: { personId: string; actor: string; at: Date; addressOf: AddressOf }): Promise<EraseCounts | null>;
  /**
   * Own transaction: 我的数据, one open request per person; `notify` runs in the same transaction with the bundle
   * bound to it (the assistants' group is told with the request).
   */
  openRequest(
    p: { estateId: string; personId: string; identityId: string; at: Date },
    notify: (r: Repositories, requestId: string) => Promise<void>,
  ): Promise<{ created: boolean; id: string }>;
  phoneOf(personId: string): Promise<string | null>;
}

export interface RetentionRepository {
  /** One sweep in batches of short statements (no long transaction). */
  expire(cut: RetentionCutoffs): Promise<RetentionCounts>;
}

/** An estate as the 催缴 campaign reads it. */
export interface FeeEstateRecord {
  id: string;
  name: string;
  deskPhone: string;
  timezone: string;
  settings: unknown;
}

/** The import's batch writes, inside its one transaction. */
export interface BillBatchWriter {
  /** The stored bills among a batch of (unit, period, fee type) keys, by billKey. */
  existing(
    estateId: string,
    keys: ReadonlyArray<{ unitId: string; period: string; feeType: string }>,
  ): Promise<Map<string, ExistingBill>>;
  write(creates: readonly NewBill[], updates: readonly BillUpdate[]): Promise<void>;
}

export interface FeeRepository {
  /** The bills of an owner's units, oldest due first (prepared on the driver outside a transaction). */
  billsOfUnits(unitIds: readonly string[]): Promise<UnitBill[]>;
  /** Own transaction: records the opt-out and tells the assistants' group; false if already opted out. */
  setOptOut(
    writer: NoticeWriter,
    o: { personId: string; estateId: string; at: Date; staffMessage: OutboundMessage },
  ): Promise<boolean>;
  clearOptOut(personId: string): Promise<boolean>;
  // 催缴 campaign
  estates(): Promise<FeeEstateRecord[]>;
  arrearsBills(estateId: string, dueOnOrBefore: string): Promise<ArrearsBillRow[]>;
  estateOwners(estateId: string): Promise<UnitOwnerRow[]>;
  optedOut(): Promise<Set<string>>;
  lastReminders(since: Date): Promise<Map<string, Date>>;
  sentNoticeKeys(estateId: string, fromDueDate: string): Promise<Set<string>>;
  /** Own transaction: the notice records and the outbox rows together; false when already recorded. */
  recordReminder(writer: NoticeWriter, r: FeeReminder): Promise<boolean>;
  // bill import
  /** The estate for a back-office import: by code, or the first one. */
  estateForImport(code: string | undefined): Promise<{ id: string; code: string; name: string } | null>;
  /** building|room → unit, every spelling the import accepts. */
  unitIndex(estateId: string): Promise<Map<string, UnitRef>>;
  /** Own transaction (long): either every batch `fn` writes is in, or none. */
  inImportTransaction<T>(fn: (w: BillBatchWriter) => Promise<T>): Promise<T>;
}
// The outbox as the dispatcher (src/notify/dispatcher.ts) works it: claims under a lease, state changes guarded by
// the claim. See outbox.repo.ts.
import type { ClaimOptions, CompanionQuery } from './outbox.repo.js';
import type { LedgerWindow, Reservation, ReserveRequest } from './send-ledger.repo.js';
import type { WindowLimits, WindowSlot } from './service-window.repo.js';

export type { ClaimOptions, CompanionQuery } from './outbox.repo.js';
export type { LedgerWindow, Reservation, ReserveRequest } from './send-ledger.repo.js';
export type { WindowLimits, WindowSlot } from './service-window.repo.js';

/** A claimed row as the state changes after a send guard it (only its claimer may change it). */
export type ClaimedRow = Pick<OutboxRow, 'id' | 'lockedBy'>;

export interface OutboxDispatchRepository {
  /** True on PostgreSQL, where several instances may dispatch (the send limits then go through the send ledger). */
  readonly multiInstance: boolean;
  claimDue(opts: ClaimOptions): Promise<OutboxRow[]>;
  claimGroupCompanions(q: CompanionQuery): Promise<OutboxRow[]>;
  /** How many were still held by their claim and are now SENT. */
  markSent(rows: ClaimedRow[], sentAt: Date, mergedInto?: string): Promise<number>;
  release(row: ClaimedRow, change: { nextAttemptAt: Date; attempts?: number; lastError?: string }): Promise<boolean>;
  markDead(row: ClaimedRow, change: { attempts: number; lastError: string }): Promise<boolean>;
  /** HELD until the recipient writes again (a windowed channel). */
  hold(row: ClaimedRow, reason: string): Promise<boolean>;
  /** A stored picture's record. */
  mediaById(id: string): Promise<{ path: string; mimeType: string; fileName: string } | null>;
}

/** The send ledger shared by every instance (PostgreSQL; see send-ledger.repo.ts). */
export interface SendLedgerRepository {
  /** Own transaction (locked per channel): a send slot, or when to retry. */
  reserve(req: ReserveRequest): Promise<Reservation>;
  end(id: string, at: Date): Promise<void>;
  /** No send to `address` (null: anyone on the channel) before `until`. */
  block(b: { channel: string; address: string | null; now: Date; until: Date }): Promise<void>;
  /** Rows removed. */
  prune(p: { channel: string; before: Date; now: Date }): Promise<number>;
}

/** The customer-service windows of a windowed channel's followers (see service-window.repo.ts). */
export interface WindowRepository {
  open(w: { channel: string; address: string; slot: WindowSlot; at: Date }): Promise<void>;
  reserve(channel: string, address: string, l: WindowLimits): Promise<WindowSlot | null>;
  spend(channel: string, address: string, l: WindowLimits): Promise<void>;
  refund(channel: string, address: string, slot: WindowSlot): Promise<void>;
  exhaust(channel: string, address: string, l: WindowLimits): Promise<void>;
  isUnfollowed(channel: string, address: string): Promise<boolean>;
  /** Waiting messages become dead letters with `reason`; returns how many. */
  markUnfollowed(u: { channel: string; address: string; at: Date; reason: string }): Promise<number>;
  /** The recipient wrote again: their held messages are due now. */
  releaseHeld(channel: string, address: string, now: Date): Promise<number>;
  /** An estate's settings JSON (template ids live there); null when there is no such estate. */
  estateSettings(estateId: string): Promise<unknown>;
}
