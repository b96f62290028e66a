import type { Prisma } from './client.js';

export const identityInclude = {
  person: {
    include: {
      memberships: { include: { unit: { include: { building: { select: { name: true, estateId: true } } } } } },
      staff: true,
    },
  },
} as const;

/** Finds or creates the chat account and refreshes its address for proactive messages: one upsert per turn. */
export function touchIdentity(
  prisma: Prisma,
  input: { channel: string; externalId: string; displayName?: string; conversationRef: string; locale: string; now: Date },
) {
  return prisma.channelIdentity.upsert({
    where: { channel_externalId: { channel: input.channel, externalId: input.externalId } },
    create: {
      channel: input.channel,
      externalId: input.externalId,
      displayName: input.displayName ?? null,
      conversationRef: input.conversationRef,
      locale: input.locale,
      lastSeenAt: input.now,
    },
    update: { conversationRef: input.conversationRef, lastSeenAt: input.now },
    include: identityInclude,
  });
}

export type IdentityRow = Awaited<ReturnType<typeof touchIdentity>>;
