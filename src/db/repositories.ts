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

export type { IdentityRow, TouchInput } from './identity.repo.js';
export type { JobRunRow } from './job-run.repo.js';
export type { OutboxStore } from './outbox-store.js';
export type { UndeliveredRow } from './service-window.repo.js';

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

export interface Repositories {
  /** Outbox writes and recipient lookups (src/notify/notifier.ts). */
  outbox: OutboxStore;
  estates: EstateRepository;
  identities: IdentityRepository;
  media: MediaRepository;
  jobRuns: JobRunRepository;
  serviceWindow: ServiceWindowRepository;
  feeFigures: FeeFiguresRepository;
  // --- repos-a ---
  settings: SettingsRepository;
  personData: PersonDataRepository;
  retention: RetentionRepository;
  fees: FeeRepository;
  outboxDispatch: OutboxDispatchRepository;
  sendLedger: SendLedgerRepository;
  windows: WindowRepository;
  // --- end repos-a ---
  /** Runs `fn` in one database transaction with repositories bound to it; a throw rolls everything back. */
  transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T>;
}

// --- repos-b ---
// Tickets (误报, photos, work lists), 转人工 callbacks, the SLA sweep and the reports. The Repositories fields of this
// block are declared here too (interface merging), so parallel additions to the bundle above do not collide.
// Methods taking a NoticeWriter write their notices in their own transaction; they open one of their own, so they are
// not for use inside `transaction`.
import type { FalseAlarmResult } from './false-alarm.repo.js';
import type { TicketPhoto } from './ticket-photos.repo.js';
import type { QueueTicket } from './work-queue.repo.js';
import type { CallbackItem, NewHandoff } from './handoff.repo.js';
import type { SlaExpect, SlaStepWrite, SlaTicket } from './sla.repo.js';
import type {
  CallbackRow,
  ReopenPlan,
  ResumePlan,
  StaffInfo,
  TicketActor,
  TicketCondition,
  TicketDraft,
  TicketEventNote,
  TicketEventRow,
  TicketListItem,
  TicketNotice,
  TicketRow,
  TicketStatus,
  TicketUpdate,
} from './ticket.repo.js';
import type { NoticeWriter } from './outbox-store.js';
import type {
  csatScores,
  deskAppointments,
  reportEstates,
  ticketCountsByCategory,
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
export type { DayCounts, OverdueRow, Period, RepeatCounts, SlaCounts } from './report.repo.js';
export type { ExportTicket } from './export.repo.js';
export type {
  CallbackRow,
  ReopenPlan,
  ResumePlan,
  StaffInfo,
  TicketActor,
  TicketCondition,
  TicketDraft,
  TicketEventNote,
  TicketEventRow,
  TicketListItem,
  TicketNotice,
  TicketRow,
  TicketStatus,
  TicketUpdate,
} from './ticket.repo.js';

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
  estates(): ReturnType<typeof reportEstates>;
  overdue(estateId: string, now: Date): Promise<OverdueRow[]>;
  dayCounts(estateId: string, day: Period): Promise<DayCounts>;
  deskAppointments(estateId: string, day: Period): ReturnType<typeof deskAppointments>;
  countsByCategory(estateId: string, p: Period): ReturnType<typeof ticketCountsByCategory>;
  slaCounts(estateId: string, p: Period, now: Date): Promise<SlaCounts>;
  repeatCounts(estateId: string, p: Period): Promise<RepeatCounts>;
  csatScores(estateId: string, p: Period): ReturnType<typeof csatScores>;
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
    q: {
      estateId: string;
      numberPrefix: string;
      repeat: { unitId: string; category: string; since: Date } | null;
      intakeKey?: string | null;
    },
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
    c: { personId: string; at: Date; note: string; attachments: Array<{ contentUrl: string; name: string }> },
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
    c: {
      from: TicketStatus[];
      assigneeId?: string | null;
      at: Date;
      action: string;
      data: (cur: TicketRow) => TicketUpdate;
    },
    ev: TicketEventNote,
    notices: (t: TicketRow, eventId: string) => TicketNotice[],
  ): Promise<TicketRow | null>;
  addStaffAttachments(ticketId: string, files: Array<{ contentUrl: string; name: string }>): Promise<void>;
}

export interface Repositories {
  tickets: TicketRepository;
  falseAlarms: FalseAlarmRepository;
  ticketPhotos: TicketPhotoRepository;
  workQueue: WorkQueueRepository;
  handoffs: HandoffRepository;
  sla: SlaRepository;
  reports: ReportRepository;
}
// --- repos-a ---
// Settings, privacy (export / erasure / retention) and fees. Methods marked "own transaction" open one themselves:
// call them on the root bundle, not inside `transaction` (they refuse there).
import type { EraseCounts, PersonData } from './person-data.repo.js';
import type { RetentionCounts, RetentionCutoffs } from './retention.repo.js';
import type {
  ArrearsBillRow,
  BillUpdate,
  ExistingBill,
  NewBill,
  NoticeItem,
  UnitBill,
  UnitOwnerRow,
  UnitRef,
} from './fee.repo.js';
import type { Notice, OutboundMessage } from '../shared/outbound-message.js';

export type { EraseCounts, PersonData } from './person-data.repo.js';
export type { RetentionCounts, RetentionCutoffs } from './retention.repo.js';
export type {
  ArrearsBillRow,
  BillUpdate,
  ExistingBill,
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
  recordReminder(
    writer: NoticeWriter,
    r: {
      estateId: string;
      personId: string;
      items: readonly NoticeItem[];
      message: Notice['message'];
      dedupeKey: string;
      at: Date;
      notBefore?: Date;
    },
  ): Promise<boolean>;
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
import type { ClaimOptions, CompanionQuery, OutboxRow } from './outbox.repo.js';
import type { LedgerWindow, Reservation, ReserveRequest } from './send-ledger.repo.js';
import type { WindowLimits, WindowSlot } from './service-window.repo.js';

export type { ClaimOptions, CompanionQuery, OutboxRow } from './outbox.repo.js';
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
// --- end repos-a ---
