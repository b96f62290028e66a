// Which channel ids the database refers to: the start-up check that every one of them has a registered channel.
import type { Prisma } from './client.js';

export async function channelsInUse(prisma: Prisma): Promise<{ outbox: string[]; stored: string[] }> {
  const [outbox, identities, groups] = await Promise.all([
    // Rows still to be sent (or held for a window); what was sent or died is history.
    prisma.outboxMessage.findMany({
      where: { status: { in: ['PENDING', 'SENDING', 'HELD'] } },
      distinct: ['channel'],
      select: { channel: true },
    }),
    prisma.channelIdentity.findMany({ distinct: ['channel'], select: { channel: true } }),
    prisma.staffChat.findMany({ distinct: ['channel'], select: { channel: true } }),
  ]);
  return {
    outbox: outbox.map((r) => r.channel),
    stored: [...new Set([...identities, ...groups].map((r) => r.channel))],
  };
}
