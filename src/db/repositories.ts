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
