// The outbox table: insert with dedupe, claim with a lease, and the state changes after a send.
// Raw SQL lives only here (the PostgreSQL claim and the conflict-free insert).
import crypto from 'node:crypto';
import type { Prisma as PrismaNs } from '../generated/sqlite/client.js';
import { type Prisma, isPostgres } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import type { InputJsonObject, OutboxRow } from './rows.js';

export type { OutboxRow } from './rows.js';
/** The client or a transaction handed out by `prisma.$transaction(async (tx) => …)`. */
export type OutboxDb = Prisma | PrismaNs.TransactionClient;

export interface NewOutboxRow {
  channel: string;
  address: string;
  isGroup: boolean;
  kind: string;
  payload: InputJsonObject;
  dedupeKey: string;
  nextAttemptAt: Date;
  createdAt: Date;
}

/**
 * Inserts unless the dedupe key exists; returns the row either way. Never throws on a duplicate, so it is safe inside
 * a caller's transaction (on PostgreSQL a failed INSERT would abort the whole transaction, hence ON CONFLICT there).
 */
export async function insertOutboxRow(
  db: OutboxDb,
  row: NewOutboxRow,
): Promise<{ created: boolean; message: OutboxRow }> {
  const id = crypto.randomUUID();
  if (isPostgres(db)) {
    const inserted = await db.$executeRaw`
      INSERT INTO "OutboxMessage" ("id", "channel", "address", "isGroup", "kind", "payload", "dedupeKey", "status",
        "attempts", "nextAttemptAt", "createdAt")
      VALUES (${id}, ${row.channel}, ${row.address}, ${row.isGroup}, ${row.kind}, ${JSON.stringify(row.payload)}::jsonb,
        ${row.dedupeKey}, 'PENDING', 0, ${row.nextAttemptAt.toISOString()}::timestamp(3), ${row.createdAt.toISOString()}::timestamp(3))
      ON CONFLICT ("dedupeKey") DO NOTHING`;
    const message = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: row.dedupeKey } });
    return { created: inserted === 1, message };
  }
  try {
    // SQLite rolls back only the failing statement, so the caller's transaction survives a duplicate.
    return { created: true, message: await db.outboxMessage.create({ data: { id, ...row } }) };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return {
      created: false,
      message: await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: row.dedupeKey } }),
    };
  }
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/** A fresh token per claim: rows carry it in `lockedBy`, and every later update is guarded by it. */
function claimToken(workerId: string): string {
  return `${workerId}#${crypto.randomBytes(6).toString('hex')}`;
}

/**
 * Claims up to `limit` due rows (PENDING and due, or SENDING with an expired lease) for this worker. Two workers can
 * never both win a row. A reclaimed row counts one attempt (its previous claimer died mid-send), so a message that
 * crashes the process every time still ends as a dead letter.
 */
export async function claimDue(prisma: Prisma, opts: ClaimOptions): Promise<OutboxRow[]> {
  const token = claimToken(opts.workerId);
  const until = new Date(opts.now.getTime() + opts.leaseMs);
  if (isPostgres(prisma)) {
    const now = opts.now.toISOString();
    await prisma.$executeRaw`
      UPDATE "OutboxMessage" SET "status" = 'SENDING', "lockedBy" = ${token}, "lockedUntil" = ${until.toISOString()}::timestamp(3),
        "attempts" = CASE WHEN "status" = 'SENDING' THEN "attempts" + 1 ELSE "attempts" END,
        "lastError" = CASE WHEN "status" = 'SENDING' THEN 'lease expired' ELSE "lastError" END
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp(3))
           OR ("status" = 'SENDING' AND "lockedUntil" < ${now}::timestamp(3))
        ORDER BY "nextAttemptAt" LIMIT ${opts.limit}
        FOR UPDATE SKIP LOCKED)`;
  } else {
    // SQLite serialises writers, so a conditional UPDATE over the candidates is an exclusive claim.
    const candidates = await prisma.outboxMessage.findMany({
      where: {
        OR: [
          { status: 'PENDING', nextAttemptAt: { lte: opts.now } },
          { status: 'SENDING', lockedUntil: { lt: opts.now } },
        ],
      },
      orderBy: { nextAttemptAt: 'asc' },
      take: opts.limit,
      select: { id: true },
    });
    if (candidates.length === 0) return [];
    const ids = candidates.map((c) => c.id);
    // Two single-statement updates, no transaction around them: each is exclusive on its own, and a multi-statement
    // transaction on SQLite invites the SQLITE_BUSY-at-COMMIT hazard (prisma/orm#29933).
    await prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, status: 'SENDING', lockedUntil: { lt: opts.now } },
      data: { lockedBy: token, lockedUntil: until, attempts: { increment: 1 }, lastError: 'lease expired' },
    });
    await prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, status: 'PENDING', nextAttemptAt: { lte: opts.now } },
      data: { status: 'SENDING', lockedBy: token, lockedUntil: until },
    });
  }
  return prisma.outboxMessage.findMany({
    where: { lockedBy: token, status: 'SENDING' },
    orderBy: { nextAttemptAt: 'asc' },
  });
}

export interface CompanionQuery extends ClaimOptions {
  channel: string;
  address: string;
  dueBefore: Date;
  excludeKinds: string[];
}

/** Claims further PENDING group messages for one address due before `dueBefore` (candidates for a digest). */
export async function claimGroupCompanions(prisma: Prisma, q: CompanionQuery): Promise<OutboxRow[]> {
  const token = claimToken(q.workerId);
  const where = {
    channel: q.channel,
    address: q.address,
    isGroup: true,
    status: 'PENDING' as const,
    nextAttemptAt: { lte: q.dueBefore },
    kind: { notIn: q.excludeKinds },
  };
  const candidates = await prisma.outboxMessage.findMany({
    where,
    orderBy: { nextAttemptAt: 'asc' },
    take: q.limit,
    select: { id: true },
  });
  if (candidates.length === 0) return [];
  // The conditional UPDATE is exclusive on both databases (PostgreSQL re-checks the WHERE after a concurrent update).
  await prisma.outboxMessage.updateMany({
    where: { ...where, id: { in: candidates.map((c) => c.id) } },
    data: { status: 'SENDING', lockedBy: token, lockedUntil: new Date(q.now.getTime() + q.leaseMs) },
  });
  return prisma.outboxMessage.findMany({
    where: { lockedBy: token, status: 'SENDING' },
    orderBy: { nextAttemptAt: 'asc' },
  });
}

/** Marks rows sent; only those still held by their claim (a lost lease means another worker owns them now). */
export async function markSent(
  prisma: Prisma,
  rows: Pick<OutboxRow, 'id' | 'lockedBy'>[],
  sentAt: Date,
  mergedInto?: string,
): Promise<number> {
  let count = 0;
  for (const row of rows) {
    const r = await prisma.outboxMessage.updateMany({
      where: { id: row.id, status: 'SENDING', lockedBy: row.lockedBy },
      data: {
        status: 'SENT',
        sentAt,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        mergedInto: mergedInto !== undefined && mergedInto !== row.id ? mergedInto : null,
      },
    });
    count += r.count;
  }
  return count;
}

/** Puts a claimed row back to PENDING for `nextAttemptAt` (a deferral or a retry). */
export async function releaseRow(
  prisma: Prisma,
  row: Pick<OutboxRow, 'id' | 'lockedBy'>,
  change: { nextAttemptAt: Date; attempts?: number; lastError?: string },
): Promise<boolean> {
  const r = await prisma.outboxMessage.updateMany({
    where: { id: row.id, status: 'SENDING', lockedBy: row.lockedBy },
    data: { status: 'PENDING', lockedBy: null, lockedUntil: null, ...change },
  });
  return r.count === 1;
}

/** Gives up on a claimed row: it becomes a dead letter for supervisors to see. */
export async function markDead(
  prisma: Prisma,
  row: Pick<OutboxRow, 'id' | 'lockedBy'>,
  change: { attempts: number; lastError: string },
): Promise<boolean> {
  const r = await prisma.outboxMessage.updateMany({
    where: { id: row.id, status: 'SENDING', lockedBy: row.lockedBy },
    data: { status: 'DEAD', lockedBy: null, lockedUntil: null, ...change },
  });
  return r.count === 1;
}

/** Newest dead letters first. */
export function listDeadLetters(prisma: Prisma, limit = 50): Promise<OutboxRow[]> {
  return prisma.outboxMessage.findMany({ where: { status: 'DEAD' }, orderBy: { createdAt: 'desc' }, take: limit });
}

export function findOutboxRow(prisma: Prisma, id: string): Promise<OutboxRow | null> {
  return prisma.outboxMessage.findUnique({ where: { id } });
}
