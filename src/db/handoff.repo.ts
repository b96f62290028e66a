import type { Prisma } from './client.js';
import { notifyStaffGroup } from '../notify/notifier.js';

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
export async function createHandoff(prisma: Prisma, input: NewHandoff, notice: (ref: string) => string) {
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
    await notifyStaffGroup(tx, input.estateId, 'ASSISTANT', {
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
