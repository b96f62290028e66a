import type { Prisma } from './client.js';
import { outboxStoreOf, type NoticeWriter } from './outbox-store.js';

export interface NewHandoff {
  estateId: string;
  personId: string | null;
  identityId: string;
  topic: string;
  callbackText: string;
  callbackAt: Date | null;
  /** When the owner asked, on the injected clock: the row, its audit entry and the group notice carry it. */
  createdAt: Date;
}

/**
 * The handoff, its audit entry and the assistants' group notice are written in one transaction: the request is
 * never recorded without its trail, and staff hear of every request exactly once.
 */
export async function createHandoff(
  prisma: Prisma,
  writer: NoticeWriter,
  input: NewHandoff,
  notice: (ref: string) => string,
) {
  return prisma.$transaction(async (tx) => {
    const handoff = await tx.handoff.create({ data: input });
    await tx.auditLog.create({
      data: {
        at: input.createdAt,
        actor: `identity:${input.identityId}`,
        action: 'handoff.requested',
        subject: input.personId ? `person:${input.personId}` : null,
      },
    });
    const ref = handoffRef(handoff.id);
    await writer.staffGroup(outboxStoreOf(tx), input.estateId, 'ASSISTANT', {
      kind: 'notice',
      message: { text: notice(ref) },
      dedupeKey: `handoff:${handoff.id}:new`,
      at: input.createdAt,
    });
    return { ...handoff, ref };
  });
}

/** A short reference the owner can quote on the phone. */
export function handoffRef(id: string): string {
  return `RG-${id.slice(-6).toUpperCase()}`;
}

/** An open or taken callback request with what staff need to call back. */
export interface CallbackItem {
  id: string;
  topic: string;
  callbackAt: Date | null;
  createdAt: Date;
  status: 'OPEN' | 'TAKEN' | 'CLOSED';
  takenById: string | null;
  personId: string | null;
  person: { name: string; phone: string | null } | null;
  takenByName: string | null;
}

async function withPeople(
  prisma: Prisma,
  rows: Array<{
    id: string;
    topic: string;
    callbackAt: Date | null;
    createdAt: Date;
    status: CallbackItem['status'];
    takenById: string | null;
    personId: string | null;
    takenBy: { person: { name: string } } | null;
  }>,
): Promise<CallbackItem[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))];
  const people = await prisma.person.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, phone: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map(({ takenBy, ...r }) => {
    const p = r.personId ? byId.get(r.personId) : undefined;
    return { ...r, person: p ? { name: p.name, phone: p.phone } : null, takenByName: takenBy?.person.name ?? null };
  });
}

const CALLBACK_SELECT = {
  id: true,
  topic: true,
  callbackAt: true,
  createdAt: true,
  status: true,
  takenById: true,
  personId: true,
  takenBy: { select: { person: { select: { name: true } } } },
} as const;

/** Callback requests not yet closed: "尽快" ones first (oldest first), then by the time the owner asked for. */
export async function openCallbacks(
  prisma: Prisma,
  estateId: string,
  limit: number,
): Promise<{ items: CallbackItem[]; total: number }> {
  const where = { estateId, status: { in: ['OPEN' as const, 'TAKEN' as const] } };
  const [rows, total] = await Promise.all([
    prisma.handoff.findMany({
      where,
      orderBy: [{ callbackAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
      take: limit,
      select: CALLBACK_SELECT,
    }),
    prisma.handoff.count({ where }),
  ]);
  return { items: await withPeople(prisma, rows), total };
}

/** The request a reference ("RG-1A2B3C", any case) names in this estate, or null. */
export async function findCallbackByRef(prisma: Prisma, estateId: string, ref: string): Promise<CallbackItem | null> {
  const m = /^(?:RG-?)?([0-9a-z]{6})$/i.exec(ref.trim());
  if (!m?.[1]) return null;
  const rows = await prisma.handoff.findMany({
    where: { estateId, id: { endsWith: m[1].toLowerCase() } },
    select: CALLBACK_SELECT,
    take: 2,
  });
  // Six characters of a cuid: a clash is unlikely but possible; refuse to guess between two.
  return rows.length === 1 ? ((await withPeople(prisma, rows))[0] ?? null) : null;
}

/**
 * Claims a callback (OPEN → TAKEN) and sends the claimer the owner's full number privately, both audited, in one
 * transaction. False when someone else took it first.
 */
export async function takeCallback(
  prisma: Prisma,
  writer: NoticeWriter,
  id: string,
  staff: { staffId: string; personId: string; actor: string },
  at: Date,
  privateNote: string | null,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const won = await tx.handoff.updateMany({
      where: { id, status: 'OPEN' },
      data: { status: 'TAKEN', takenById: staff.staffId },
    });
    if (won.count === 0) return false;
    await tx.auditLog.create({ data: { at, actor: staff.actor, action: 'handoff.taken', subject: `handoff:${id}` } });
    if (privateNote) {
      await writer.person(outboxStoreOf(tx), staff.personId, {
        kind: 'notice',
        message: { text: privateNote },
        dedupeKey: `handoff:${id}:contact:${staff.staffId}`,
        at,
      });
      // PIPL: the owner's full number went to one named staff member.
      await tx.auditLog.create({
        data: { at, actor: staff.actor, action: 'handoff.contactRevealed', subject: `handoff:${id}` },
      });
    }
    return true;
  });
}

/** Closes a callback with what came of it (audited). False when it was already closed. */
export async function closeCallback(
  prisma: Prisma,
  id: string,
  staff: { staffId: string; actor: string },
  at: Date,
  result: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const done = await tx.handoff.updateMany({
      where: { id, status: { in: ['OPEN', 'TAKEN'] } },
      data: { status: 'CLOSED', takenById: staff.staffId },
    });
    if (done.count === 0) return false;
    await tx.auditLog.create({
      data: { at, actor: staff.actor, action: 'handoff.closed', subject: `handoff:${id}`, detail: { result } },
    });
    return true;
  });
}

/** Every callback request not yet closed, with its estate's zone (for the due sweep; a desk has few at a time). */
export async function unclosedCallbacks(prisma: Prisma): Promise<Array<CallbackItem & { estateId: string | null }>> {
  const rows = await prisma.handoff.findMany({
    where: { status: { in: ['OPEN', 'TAKEN'] } },
    orderBy: { createdAt: 'asc' },
    select: { ...CALLBACK_SELECT, estateId: true },
  });
  const items = await withPeople(prisma, rows);
  return items.map((c, i) => ({ ...c, estateId: rows[i]?.estateId ?? null }));
}

/** Queues one due reminder: to the taker privately, else to the assistants (group, or privately if none). */
export async function remindCallback(
  prisma: Prisma,
  writer: NoticeWriter,
  c: { id: string; estateId: string; takenById: string | null },
  text: string,
  at: Date,
): Promise<number> {
  const notice = { kind: 'notice', message: { text }, dedupeKey: `handoff:${c.id}:due`, at };
  if (c.takenById) {
    const taker = await prisma.staff.findUnique({ where: { id: c.takenById }, select: { personId: true } });
    if (taker) return writer.person(outboxStoreOf(prisma), taker.personId, notice);
  }
  return writer.staffGroup(outboxStoreOf(prisma), c.estateId, 'ASSISTANT', notice);
}
