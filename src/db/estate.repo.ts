import type { Prisma } from './client.js';

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
