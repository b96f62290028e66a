import type { Prisma } from './client.js';

export interface NewHandoff {
  estateId: string | null;
  personId: string | null;
  identityId: string;
  topic: string;
  callbackText: string;
  callbackAt: Date | null;
}

/** The handoff and its audit entry are written together: the request is never recorded without its trail. */
export async function createHandoff(prisma: Prisma, input: NewHandoff) {
  const [handoff] = await prisma.$transaction([
    prisma.handoff.create({ data: input }),
    prisma.auditLog.create({
      data: { actor: `identity:${input.identityId}`, action: 'handoff.requested', subject: input.personId ? `person:${input.personId}` : null },
    }),
  ]);
  return handoff;
}

export function listOpenHandoffs(prisma: Prisma, estateId: string) {
  return prisma.handoff.findMany({ where: { estateId, status: 'OPEN' }, orderBy: { createdAt: 'asc' } });
}
