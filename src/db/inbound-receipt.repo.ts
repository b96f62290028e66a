import type { Prisma } from './client.js';

/** Records an inbound message id; false when it was already seen (a redelivery). One INSERT per message. */
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
