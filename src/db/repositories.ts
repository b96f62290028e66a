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
