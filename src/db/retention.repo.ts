// #17 retention: removes what has a natural end. Each call works in batches of short statements (no long transaction:
// SQLite's one writer must not wait on a sweep), so it can run on a live database.
import type { Prisma } from './client.js';
import { stateKeysOf } from './person-data.repo.js';

export interface RetentionCutoffs {
  /** Conversation state (and the account row itself) of chat accounts never bound to a person, last seen before this. */
  idleUnboundBefore: Date;
  /** Proactive messages delivered before this. */
  sentOutboxBefore: Date;
  /** Failed binding attempts made before this (older than every window that counts them). */
  bindingFailuresBefore: Date;
}

export interface RetentionCounts {
  states: number;
  identities: number;
  outbox: number;
  bindingFailures: number;
}

const BATCH = 500;

export async function expireRetained(prisma: Prisma, cut: RetentionCutoffs): Promise<RetentionCounts> {
  const counts: RetentionCounts = { states: 0, identities: 0, outbox: 0, bindingFailures: 0 };

  // Unbound, idle accounts: their dialog state (a half-answered prompt, the ids of recent messages for dedupe) goes;
  // the account row goes too unless something staff may still act on names it (a 转人工 request, a photo, a binding
  // held for approval, a 我的数据 request) — those keep it until they are dealt with.
  let after = '';
  for (;;) {
    const idle = await prisma.channelIdentity.findMany({
      where: { personId: null, lastSeenAt: { lt: cut.idleUnboundBefore }, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, channel: true, externalId: true, conversationRef: true },
    });
    if (idle.length === 0) break;
    after = idle[idle.length - 1]!.id;
    const ids = idle.map((i) => i.id);
    counts.states += (await prisma.botState.deleteMany({ where: { key: { in: idle.flatMap(stateKeysOf) } } })).count;
    const referenced = new Set(
      (
        await Promise.all([
          prisma.handoff.findMany({ where: { identityId: { in: ids } }, select: { identityId: true } }),
          prisma.mediaFile.findMany({ where: { identityId: { in: ids } }, select: { identityId: true } }),
          prisma.bindingApproval.findMany({ where: { identityId: { in: ids } }, select: { identityId: true } }),
          prisma.privacyRequest.findMany({ where: { identityId: { in: ids } }, select: { identityId: true } }),
        ])
      )
        .flat()
        .map((r) => r.identityId),
    );
    const free = ids.filter((id) => !referenced.has(id));
    // Re-checked in the DELETE: an account that wrote or bound meanwhile stays.
    counts.identities += (
      await prisma.channelIdentity.deleteMany({
        where: { id: { in: free }, personId: null, lastSeenAt: { lt: cut.idleUnboundBefore } },
      })
    ).count;
  }

  counts.outbox = (
    await prisma.outboxMessage.deleteMany({ where: { status: 'SENT', sentAt: { lt: cut.sentOutboxBefore } } })
  ).count;
  counts.bindingFailures = (
    await prisma.bindingFailure.deleteMany({ where: { at: { lt: cut.bindingFailuresBefore } } })
  ).count;
  return counts;
}
