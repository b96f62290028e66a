// JobRun rows: one per (job, scheduled tick). Inserting the row is the claim, so only one instance runs a tick.
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';

export type JobRunStatus = 'RUNNING' | 'DONE' | 'FAILED' | 'SKIPPED';

export interface JobRunRow {
  id: string;
  jobId: string;
  scheduledFor: Date;
  startedAt: Date;
  finishedAt: Date | null;
  status: JobRunStatus;
  error: string | null;
}

// Error text is for people reading the table; a whole stack trace adds little there (the log has it).
const MAX_ERROR_CHARS = 1000;

/** Claims the tick; the new run id, or null when that (job, tick) was already claimed by anyone. */
export async function claimJobRun(
  prisma: Prisma,
  jobId: string,
  scheduledFor: Date,
  startedAt: Date,
): Promise<string | null> {
  try {
    const row = await prisma.jobRun.create({
      data: { jobId, scheduledFor, startedAt, status: 'RUNNING' },
      select: { id: true },
    });
    return row.id;
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

export async function finishJobRun(
  prisma: Prisma,
  id: string,
  outcome: { status: 'DONE' } | { status: 'FAILED'; error: string },
  finishedAt: Date,
): Promise<void> {
  const error = outcome.status === 'FAILED' ? outcome.error.slice(0, MAX_ERROR_CHARS) : null;
  await prisma.jobRun.update({ where: { id }, data: { status: outcome.status, error, finishedAt } });
}

/** Marks a tick as deliberately not run (the baseline when a job is first seen); false if the key was taken. */
export async function recordSkippedJobRun(
  prisma: Prisma,
  jobId: string,
  scheduledFor: Date,
  at: Date,
): Promise<boolean> {
  try {
    await prisma.jobRun.create({
      data: { jobId, scheduledFor, startedAt: at, finishedAt: at, status: 'SKIPPED' },
      select: { id: true },
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** The run with the latest tick for a job, whatever its status; null when the job has never been seen. */
export async function latestJobRun(prisma: Prisma, jobId: string): Promise<JobRunRow | null> {
  return prisma.jobRun.findFirst({ where: { jobId }, orderBy: { scheduledFor: 'desc' } });
}

/** A job's runs, oldest tick first. */
export async function listJobRuns(prisma: Prisma, jobId: string): Promise<JobRunRow[]> {
  return prisma.jobRun.findMany({ where: { jobId }, orderBy: { scheduledFor: 'asc' } });
}
