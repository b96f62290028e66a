// 来访登记: owners' pre-registered visitors and the gate/desk check of their code. A code is checked by its hash
// among the estate's unused passes of that day; using it is a conditional update (usedAt = null), so it works once.
import type { Prisma } from './client.js';
import type { VisitorPassRecord as VisitorPassRow } from './rows.js';

/** A pass as registered: everything but its id and its use. */
export type NewVisitorPass = Omit<VisitorPassRow, 'id' | 'usedAt' | 'usedBy'>;

/** Whether an unused pass of this estate and day already has this code (a new code must differ). */
export async function codeInUse(prisma: Prisma, estateId: string, visitDate: string, codeHash: string) {
  return (await prisma.visitorPass.count({ where: { estateId, visitDate, codeHash, usedAt: null } })) > 0;
}

export function insertVisitorPass(prisma: Prisma, p: NewVisitorPass): Promise<VisitorPassRow> {
  return prisma.$transaction(async (tx) => {
    const pass = await tx.visitorPass.create({ data: p });
    await tx.auditLog.create({
      data: {
        at: p.createdAt,
        actor: `person:${p.ownerPersonId}`,
        action: 'visitor.register',
        subject: `visitor-pass:${pass.id}`,
        detail: { visitDate: p.visitDate },
      },
    });
    return pass;
  });
}

/** The estate's passes of `visitDate` with this code (used or not). */
export function passesByCode(
  prisma: Prisma,
  estateId: string,
  visitDate: string,
  codeHash: string,
): Promise<VisitorPassRow[]> {
  return prisma.visitorPass.findMany({ where: { estateId, visitDate, codeHash }, orderBy: { createdAt: 'asc' } });
}

/** Marks the pass used; false when another check used it first. */
export function usePass(prisma: Prisma, id: string, actor: string, at: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const r = await tx.visitorPass.updateMany({ where: { id, usedAt: null }, data: { usedAt: at, usedBy: actor } });
    if (r.count !== 1) return false;
    await tx.auditLog.create({ data: { at, actor, action: 'visitor.checkIn', subject: `visitor-pass:${id}` } });
    return true;
  });
}

/** An owner's passes from `fromDate` on, soonest first. */
export function upcomingPassesOf(prisma: Prisma, ownerPersonId: string, fromDate: string): Promise<VisitorPassRow[]> {
  return prisma.visitorPass.findMany({
    where: { ownerPersonId, visitDate: { gte: fromDate } },
    orderBy: [{ visitDate: 'asc' }, { createdAt: 'asc' }],
    take: 20,
  });
}
