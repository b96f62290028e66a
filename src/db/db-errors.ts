import type { Prisma } from './client.js';

/** Whether the turn of this inbound message id already ran to its end (a redelivery is then ignored). */
export async function wasInboundHandled(prisma: Prisma, channel: string, messageId: string): Promise<boolean> {
  // Hand-written: every turn runs it, and Prisma's findUnique costs about three times this one SELECT in CPU
  // (query planning per call; bench: npm run bench -- turn).
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 AS "seen" FROM "InboundReceipt" WHERE "channel" = ${channel} AND "messageId" = ${messageId} LIMIT 1`;
  return rows.length > 0;
}

/** Records that an inbound message id was handled; false when it already was. One INSERT per message. */
export async function recordInbound(prisma: Prisma, channel: string, messageId: string): Promise<boolean> {
  try {
    await prisma.inboundReceipt.create({ data: { channel, messageId }, select: { id: true } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
