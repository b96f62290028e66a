// 出入证: contractor passes owners request against a running renovation permit. `seq` is the number staff type,
// unique per estate (a concurrent duplicate fails and retries); a decision is a conditional update on PENDING.
import type { ContractorPass, RenovationPermit } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import type { OutboxDb } from './outbox.repo.js';

export type ContractorPassRow = ContractorPass;
/** Writes the change's notices in the same transaction (the caller queues them in the outbox). */
type Notify = (tx: OutboxDb, pass: ContractorPassRow) => Promise<unknown>;

export interface NewContractorPass {
  estateId: string;
  permitId: string;
  ownerPersonId: string;
  workerName: string;
  workerPhone: string;
  expiresOn: string;
  createdAt: Date;
}

export async function fileContractorPass(
  prisma: Prisma,
  p: NewContractorPass,
  notify: Notify,
): Promise<ContractorPassRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const max = await tx.contractorPass.aggregate({ where: { estateId: p.estateId }, _max: { seq: true } });
        const pass = await tx.contractorPass.create({ data: { ...p, seq: (max._max.seq ?? 0) + 1 } });
        await tx.auditLog.create({
          data: {
            at: p.createdAt,
            actor: `person:${p.ownerPersonId}`,
            action: 'pass.request',
            subject: `contractor-pass:${pass.id}`,
            detail: { seq: pass.seq, permitId: p.permitId },
          },
        });
        await notify(tx, pass);
        return pass;
      });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

export function passBySeq(
  prisma: Prisma,
  estateId: string,
  seq: number,
): Promise<(ContractorPassRow & { permit: RenovationPermit | null }) | null> {
  return prisma.contractorPass
    .findUnique({ where: { estateId_seq: { estateId, seq } } })
    .then(async (p) =>
      p ? { ...p, permit: await prisma.renovationPermit.findUnique({ where: { id: p.permitId } }) } : null,
    );
}

/** A supervisor's decision on a pass. */
export interface PassDecision {
  approve: boolean;
  decidedBy: string;
  decidedByName: string;
  decidedAt: Date;
  note: string | null;
  expiresOn: string;
}

/** Decides a PENDING pass; `won: false` returns it as the winner left it. */
export function decidePass(
  prisma: Prisma,
  id: string,
  d: PassDecision,
  notify: Notify,
): Promise<{ won: boolean; pass: ContractorPassRow }> {
  return prisma.$transaction(async (tx) => {
    const r = await tx.contractorPass.updateMany({
      where: { id, status: 'PENDING' },
      data: {
        status: d.approve ? 'APPROVED' : 'REJECTED',
        decidedBy: d.decidedBy,
        decidedByName: d.decidedByName,
        decidedAt: d.decidedAt,
        decisionNote: d.note,
        expiresOn: d.expiresOn,
      },
    });
    const pass = await tx.contractorPass.findUniqueOrThrow({ where: { id } });
    if (r.count !== 1) return { won: false, pass };
    await tx.auditLog.create({
      data: {
        at: d.decidedAt,
        actor: d.decidedBy,
        action: d.approve ? 'pass.approve' : 'pass.reject',
        subject: `contractor-pass:${id}`,
        detail: { seq: pass.seq, note: d.note },
      },
    });
    await notify(tx, pass);
    return { won: true, pass };
  });
}
