import type { Prisma } from './client.js';
import type { Prisma as PrismaNs } from '../generated/sqlite/client.js';

export function findEstateById(prisma: Prisma, id: string) {
  return prisma.estate.findUnique({ where: { id } });
}

export function findEstateByCode(prisma: Prisma, code: string) {
  return prisma.estate.findUnique({ where: { code } });
}

/** The estate a not-yet-bound chat account talks to: the only one, or the first created (single-estate installs). */
export function findDefaultEstate(prisma: Prisma) {
  return prisma.estate.findFirst({ orderBy: { createdAt: 'asc' } });
}

export type EstateRow = NonNullable<Awaited<ReturnType<typeof findDefaultEstate>>>;

export function findEstateSettings(prisma: Prisma, id: string) {
  return prisma.estate.findUnique({
    where: { id },
    select: { id: true, code: true, name: true, timezone: true, settings: true },
  });
}

export function listEstates(prisma: Prisma) {
  return prisma.estate.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, code: true, name: true, timezone: true, settings: true },
  });
}

const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};

/**
 * Rewrites an estate's settings and audits it in one transaction: `change` gets the stored settings (an object) and
 * returns the new ones with the audit detail, or null to write nothing. A throw in `change` writes nothing.
 * Returns false when the estate does not exist.
 */
export function writeEstateSettings<T>(
  prisma: Prisma,
  estateId: string,
  change: (
    current: Record<string, unknown>,
  ) => { settings: Record<string, unknown>; result: T; detail: PrismaNs.InputJsonObject } | { result: T },
  audit: { actor: string; action: string; at: Date },
): Promise<{ found: false } | { found: true; result: T }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.estate.findUnique({ where: { id: estateId }, select: { settings: true } });
    if (!row) return { found: false as const };
    const next = change(asObject(row.settings));
    if ('settings' in next) {
      await tx.estate.update({
        where: { id: estateId },
        data: { settings: next.settings as PrismaNs.InputJsonObject },
      });
      await tx.auditLog.create({
        data: { actor: audit.actor, action: audit.action, subject: estateId, at: audit.at, detail: next.detail },
      });
    }
    return { found: true as const, result: next.result };
  });
}
