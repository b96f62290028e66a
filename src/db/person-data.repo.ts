// PIPL: everything held about one person, read for an export and removed (or anonymised) for an erasure. The list of
// tables here is the one place that must grow when a model gains personal data (test/privacy/person-data.test.ts
// dumps every table after an erasure and fails on any trace of the name or phone).
import { isPostgres, type Prisma } from './client.js';
import type { Tx } from './binding.repo.js';
import type { PersonData } from './rows.js';

type Db = Prisma | Tx;

/** A chat account's outbox address (the notifier's, passed in: repositories know no channel). */
export type AddressOf = (i: { channel: string; externalId: string; conversationRef: string | null }) => string | null;

/** What replaces a removed name or phone inside kept text (tickets keep their facts). */
export const ERASED = '［已删除］';

export function personsByPhone(db: Db, phone: string) {
  return db.person.findMany({ where: { phone }, select: { id: true, name: true, phone: true } });
}

export function personsOfUnit(db: Db, unitId: string) {
  return db.person.findMany({
    where: { memberships: { some: { unitId } } },
    select: { id: true, name: true, phone: true },
  });
}

/** Awaits the promises of `o` together (one Promise.all, in key order) and keeps their keys. */
async function allOf<T extends Record<string, PromiseLike<unknown>>>(o: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(o);
  const values = await Promise.all(keys.map((k) => o[k]));
  return Object.fromEntries(keys.map((k, n) => [k, values[n]])) as { [K in keyof T]: Awaited<T[K]> };
}

/** Every row about the person, as stored (the data subject gets the whole phone). */
export async function collectPersonData(db: Db, personId: string, addressOf: AddressOf): Promise<PersonData | null> {
  const person = await db.person.findUnique({
    where: { id: personId },
    include: {
      memberships: { include: { unit: { include: { building: { select: { name: true, estateId: true } } } } } },
      identities: true,
      staff: true,
    },
  });
  if (!person) return null;
  const identityIds = person.identities.map((i) => i.id);
  const addresses = addressesOf(person.identities, addressOf);
  const unitIds = person.memberships.map((m) => m.unitId);
  const rows = await allOf({
    tickets: db.ticket.findMany({ where: { personId }, include: { events: true, attachments: true, callbacks: true } }),
    handoffs: db.handoff.findMany({ where: { OR: [{ personId }, { identityId: { in: identityIds } }] } }),
    keyHoldings: db.keyHolding.findMany({ where: { ownerPersonId: personId }, include: { authorised: true } }),
    keyAppointments: db.keyAppointment.findMany({ where: { ownerPersonId: personId } }),
    renovationPermits: db.renovationPermit.findMany({ where: { ownerPersonId: personId } }),
    renovationRequests: db.renovationRequest.findMany({ where: { personId } }),
    feeNotices: db.feeNotice.findMany({ where: { personId } }),
    feeOptOut: db.feeReminderOptOut.findUnique({ where: { personId } }),
    feeBills: db.feeBill.findMany({ where: { unitId: { in: unitIds } } }),
    bindingApprovals: db.bindingApproval.findMany({
      where: { OR: [{ personId }, { identityId: { in: identityIds } }] },
    }),
    privacyRequests: db.privacyRequest.findMany({ where: { personId } }),
    media: db.mediaFile.findMany({ where: { identityId: { in: identityIds } } }),
    outbox: db.outboxMessage.findMany({ where: { address: { in: addresses } } }),
    audit: db.auditLog.findMany({
      where: {
        OR: [
          { subject: { in: [personId, ...identityIds] } },
          { actor: { in: [`person:${personId}`, ...identityIds.map((i) => `identity:${i}`)] } },
        ],
      },
      orderBy: { at: 'asc' },
    }),
  });
  return { person, ...rows };
}

function addressesOf(
  identities: ReadonlyArray<{ channel: string; externalId: string; conversationRef: string | null }>,
  identityAddress: AddressOf,
): string[] {
  return identities.flatMap((i) => {
    const a = identityAddress(i);
    return a ? [a] : [];
  });
}

/** botbuilder's state keys of one chat account: its user state and its private conversation. */
export function stateKeysOf(i: { channel: string; externalId: string; conversationRef: string | null }): string[] {
  const keys = [`${i.channel}/users/${i.externalId}`];
  try {
    const ref = JSON.parse(i.conversationRef ?? 'null') as { conversation?: { id?: string } } | null;
    if (ref?.conversation?.id) keys.push(`${i.channel}/conversations/${ref.conversation.id}`);
  } catch {
    // A broken reference names no conversation.
  }
  return keys;
}

export interface EraseCounts {
  tickets: number;
  identities: number;
  outboxDeleted: number;
  outboxScrubbed: number;
  auditScrubbed: number;
  mediaFiles: string[];
}

/**
 * Erases a person in one transaction: the person, their memberships and chat accounts (with conversation state,
 * pending messages, failed-binding counts, media records) are deleted; what the estate must keep (tickets, handoffs,
 * key and renovation records) stays, with the name and phone removed from its text; staff-group messages and audit
 * details that quote them are scrubbed. Returns what changed; media files are deleted from disk by the caller after
 * the commit.
 */
export function erasePerson(
  prisma: Prisma,
  p: { personId: string; actor: string; at: Date; addressOf: AddressOf },
): Promise<EraseCounts | null> {
  return prisma.$transaction(
    async (tx) => {
      const person = await tx.person.findUnique({ where: { id: p.personId }, include: { identities: true } });
      if (!person) return null;
      const secrets = [person.name.trim(), person.phone ?? ''].filter((s) => s.length >= 2);
      const scrub = (text: string | null): string | null =>
        text === null ? null : secrets.reduce((t, s) => t.split(s).join(ERASED), text);
      const identityIds = person.identities.map((i) => i.id);
      const addresses = addressesOf(person.identities, p.addressOf);

      const tickets = await tx.ticket.findMany({
        where: { personId: p.personId },
        include: { events: true, callbacks: true },
      });
      for (const t of tickets) {
        await tx.ticket.update({
          where: { id: t.id },
          data: { description: scrub(t.description) ?? '', location: scrub(t.location) ?? '' },
        });
        for (const e of t.events)
          await tx.ticketEvent.update({
            where: { id: e.id },
            data: {
              actorName: e.actor === `person:${p.personId}` ? ERASED : (scrub(e.actorName) ?? ''),
              note: scrub(e.note),
            },
          });
        for (const c of t.callbacks)
          if (c.comment) await tx.callback.update({ where: { id: c.id }, data: { comment: scrub(c.comment) } });
      }
      for (const h of await tx.handoff.findMany({
        where: { OR: [{ personId: p.personId }, { identityId: { in: identityIds } }] },
      }))
        await tx.handoff.update({
          where: { id: h.id },
          data: {
            personId: null,
            identityId: 'erased',
            topic: scrub(h.topic) ?? '',
            callbackText: scrub(h.callbackText) ?? '',
          },
        });
      const holdings = await tx.keyHolding.findMany({ where: { ownerPersonId: p.personId }, select: { id: true } });
      await tx.keyAuthorisedPerson.deleteMany({ where: { holdingId: { in: holdings.map((h) => h.id) } } });
      for (const a of await tx.keyAppointment.findMany({ where: { ownerPersonId: p.personId } }))
        await tx.keyAppointment.update({
          where: { id: a.id },
          data: { personName: ERASED, personPhone: null, description: scrub(a.description) ?? '' },
        });
      for (const r of await tx.renovationRequest.findMany({ where: { personId: p.personId } }))
        await tx.renovationRequest.update({
          where: { id: r.id },
          data: { reason: scrub(r.reason), decisionNote: scrub(r.decisionNote) },
        });
      await tx.feeNotice.deleteMany({ where: { personId: p.personId } });
      await tx.feeReminderOptOut.deleteMany({ where: { personId: p.personId } });
      await tx.bindingApproval.deleteMany({
        where: { OR: [{ personId: p.personId }, { identityId: { in: identityIds } }] },
      });
      await tx.bindingFailure.deleteMany({ where: { identityId: { in: identityIds } } });
      await tx.botState.deleteMany({ where: { key: { in: person.identities.flatMap(stateKeysOf) } } });
      await tx.serviceWindow.deleteMany({ where: { address: { in: addresses } } });
      const outboxDeleted = (await tx.outboxMessage.deleteMany({ where: { address: { in: addresses } } })).count;
      const media = await tx.mediaFile.findMany({ where: { identityId: { in: identityIds } }, select: { path: true } });
      await tx.mediaFile.deleteMany({ where: { identityId: { in: identityIds } } });

      // Messages to staff groups and audit details that quote the name or phone keep their facts, not the person.
      let outboxScrubbed = 0;
      for (const row of await rowsMentioning(tx, 'OutboxMessage', 'payload', secrets)) {
        await tx.outboxMessage.update({
          where: { id: row.id },
          data: { payload: JSON.parse(scrub(JSON.stringify(row.json)) ?? '{}') as object },
        });
        outboxScrubbed++;
      }
      let auditScrubbed = 0;
      for (const row of await rowsMentioning(tx, 'AuditLog', 'detail', secrets)) {
        await tx.auditLog.update({
          where: { id: row.id },
          data: { detail: JSON.parse(scrub(JSON.stringify(row.json)) ?? '{}') as object },
        });
        auditScrubbed++;
      }

      await tx.channelIdentity.deleteMany({ where: { personId: p.personId } });
      await tx.privacyRequest.updateMany({
        where: { personId: p.personId, status: 'OPEN' },
        data: { status: 'DONE', doneAt: p.at },
      });
      await tx.person.delete({ where: { id: p.personId } });
      const counts: EraseCounts = {
        tickets: tickets.length,
        identities: identityIds.length,
        outboxDeleted,
        outboxScrubbed,
        auditScrubbed,
        mediaFiles: media.map((m) => m.path),
      };
      await tx.auditLog.create({
        data: {
          actor: p.actor,
          action: 'person.erase',
          subject: p.personId,
          at: p.at,
          detail: {
            tickets: counts.tickets,
            identities: counts.identities,
            outboxDeleted,
            outboxScrubbed,
            auditScrubbed,
            mediaFiles: media.length,
          },
        },
      });
      return counts;
    },
    // A person with years of tickets is still a few hundred rows; the default 5 s is for chat turns.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Rows of a Json column whose text contains any of the strings (SQLite stores Json as text; PostgreSQL casts). */
async function rowsMentioning(
  tx: Tx,
  table: 'OutboxMessage' | 'AuditLog',
  column: 'payload' | 'detail',
  needles: string[],
): Promise<Array<{ id: string; json: unknown }>> {
  const found = new Map<string, unknown>();
  const pg = isPostgres(tx);
  for (const n of needles) {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string; text: unknown }>>(
      pg
        ? `SELECT "id", "${column}"::text AS "text" FROM "${table}" WHERE "${column}"::text LIKE $1`
        : `SELECT "id", "${column}" AS "text" FROM "${table}" WHERE "${column}" LIKE ?`,
      `%${n}%`,
    );
    // The SQLite adapter hands a Json column back already parsed; the PostgreSQL cast gives text.
    for (const r of rows)
      if (r.text !== null) found.set(r.id, typeof r.text === 'string' ? (JSON.parse(r.text) as unknown) : r.text);
  }
  return [...found].map(([id, json]) => ({ id, json }));
}

/** Audited record that a person's data was exported. */
export async function auditExport(db: Db, p: { personId: string; actor: string; at: Date }): Promise<void> {
  await db.auditLog.create({ data: { actor: p.actor, action: 'person.export', subject: p.personId, at: p.at } });
}

/** 我的数据: one open request per person; the assistants' group is told in the same transaction. */
export function openPrivacyRequest(
  prisma: Prisma,
  p: { estateId: string; personId: string; identityId: string; at: Date },
  notify: (tx: Tx, requestId: string) => Promise<void>,
): Promise<{ created: boolean; id: string }> {
  return prisma.$transaction(async (tx) => {
    const open = await tx.privacyRequest.findFirst({ where: { personId: p.personId, status: 'OPEN' } });
    if (open) return { created: false, id: open.id };
    const row = await tx.privacyRequest.create({
      data: { estateId: p.estateId, personId: p.personId, identityId: p.identityId, createdAt: p.at },
    });
    await tx.auditLog.create({
      data: { actor: `identity:${p.identityId}`, action: 'privacy.request', subject: p.personId, at: p.at },
    });
    await notify(tx, row.id);
    return { created: true, id: row.id };
  });
}

export function closePrivacyRequests(db: Db, personId: string, at: Date) {
  return db.privacyRequest.updateMany({ where: { personId, status: 'OPEN' }, data: { status: 'DONE', doneAt: at } });
}
