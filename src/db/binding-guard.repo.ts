// Persistence of what guards binding: failed attempts (per account, per target unit + method, estate-wide) and
// name + phone bindings held for staff approval.
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import type { Tx } from './binding.repo.js';
import type { BindingApprovalRow } from './rows.js';

type Db = Prisma | Tx;

/** 'visitor': a wrong 访客核销 code at the gate or desk (estate-wide and per staff account, like binding codes). */
export type GuardMethod = 'code' | 'name' | 'staff' | 'visitor';

export interface AttemptKey {
  estateId: string;
  /** The unit guessed at; null for a staff code (which names no target until it matches). */
  unitId: string | null;
  identityId: string;
  method: GuardMethod;
}

/** Writes an attempt before its secret is checked, so concurrent guesses see each other (see BindingGuard). */
export async function recordAttempt(db: Db, key: AttemptKey, at: Date): Promise<AttemptMark> {
  return db.bindingFailure.create({ data: { ...key, at }, select: { id: true, at: true } });
}

/** An attempt that succeeded or was refused before its secret was looked at is not a failure. */
export async function forgetAttempt(db: Db, id: string): Promise<void> {
  await db.bindingFailure.deleteMany({ where: { id } });
}

export interface FailureCounts {
  account: { count: number; oldest: Date | null };
  target: { count: number; oldest: Date | null };
  estate: { count: number; oldest: Date | null };
}

/** An attempt's place in the order of attempts: by time, then id (ties under one clock instant). */
export interface AttemptMark {
  id: string;
  at: Date;
}

async function countSince(
  db: Db,
  where: object,
  since: Date,
  upTo?: AttemptMark,
): Promise<{ count: number; oldest: Date | null }> {
  const w = {
    ...where,
    at: { gte: since },
    ...(upTo ? { OR: [{ at: { lt: upTo.at } }, { at: upTo.at, id: { lte: upTo.id } }] } : {}),
  };
  const [count, first] = await Promise.all([
    db.bindingFailure.count({ where: w }),
    db.bindingFailure.findFirst({ where: w, orderBy: { at: 'asc' }, select: { at: true } }),
  ]);
  return { count, oldest: first?.at ?? null };
}

/**
 * Failures in each scope's window, counting only attempts up to `upTo` (this attempt's rank): of concurrent attempts
 * the first `max` in that order are judged and the rest refused. Staff codes count across all estates (a staff code
 * is not tied to one).
 */
export async function countFailures(
  db: Db,
  key: AttemptKey,
  since: { account: Date; target: Date; estate: Date },
  upTo: AttemptMark,
): Promise<FailureCounts> {
  const [account, target, estate] = await Promise.all([
    countSince(db, { identityId: key.identityId }, since.account, upTo),
    key.unitId === null
      ? Promise.resolve({ count: 0, oldest: null })
      : countSince(db, { unitId: key.unitId, method: key.method }, since.target, upTo),
    countSince(
      db,
      key.method === 'staff' ? { method: 'staff' } : { estateId: key.estateId, method: key.method },
      since.estate,
      upTo,
    ),
  ]);
  return { account, target, estate };
}

export function accountFailures(db: Db, identityId: string, since: Date) {
  return countSince(db, { identityId }, since);
}

export function approvalBySeq(db: Db, estateId: string, seq: number): Promise<BindingApprovalRow | null> {
  return db.bindingApproval.findUnique({ where: { estateId_seq: { estateId, seq } } });
}

export function pendingApprovalOf(db: Db, identityId: string): Promise<BindingApprovalRow | null> {
  return db.bindingApproval.findFirst({ where: { identityId, status: 'PENDING' }, orderBy: { createdAt: 'desc' } });
}

/** A name + phone match to hold for staff. */
export interface NewApproval {
  estateId: string;
  unitId: string;
  unitLabel: string;
  identityId: string;
  personId: string;
  role: string;
  at: Date;
}

/**
 * Holds a name + phone match for staff under the estate's next number; `inTx` writes what goes with it (audit, the
 * notice to the assistants' group) in the same transaction. Two at once may pick the same number: the unique key
 * refuses one, which retries with the next.
 */
export async function createApproval(
  prisma: Prisma,
  a: NewApproval,
  inTx: (tx: Tx, seq: number) => Promise<void>,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const max = await tx.bindingApproval.aggregate({ where: { estateId: a.estateId }, _max: { seq: true } });
        const seq = (max._max.seq ?? 0) + 1;
        const { at, ...rest } = a;
        await tx.bindingApproval.create({ data: { ...rest, seq, createdAt: at } });
        await inTx(tx, seq);
        return seq;
      });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

/** PENDING → APPROVED/REJECTED once; false when someone decided first. */
export async function decideApproval(
  db: Db,
  id: string,
  status: 'APPROVED' | 'REJECTED',
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await db.bindingApproval.updateMany({
    where: { id, status: 'PENDING' },
    data: { status, decidedBy: by, decidedAt: at },
  });
  return r.count === 1;
}
