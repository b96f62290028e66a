// Shared by the turn bench and the RSS child: a demo bot with N bound owners (bills, tickets) and a way to send
// one owner message through bot.onTurn exactly as every channel adapter does (TestAdapter + TurnContext).
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { systemClock } from '../src/shared/clock.js';
import type { InboundLimits } from '../src/bot/inbound-limiter.js';
import { buildBot } from '../src/main.js';
import { seedDemo } from '../src/db/seed.js';
import { createLogger } from '../src/shared/logger.js';
import { translator } from '../src/i18n/index.js';
import type { Database } from '../src/db/client.js';

const GENERIC_ERROR = translator('zh-CN')('error.generic');

/**
 * The demo estate plus `owners` bound owners (console ids bench-owner-0…), each in a demo unit with one bill in
 * arrears and two tickets (one open, one closed), so 物业费 / 我的投诉 read real rows.
 */
export async function seedBenchOwners(db: Database, owners: number): Promise<void> {
  const { estateId } = await seedDemo(db.prisma);
  const units = await db.prisma.unit.findMany({ select: { id: true, buildingId: true }, orderBy: { id: 'asc' } });
  const p = db.prisma;
  await p.person.createMany({
    data: Array.from({ length: owners }, (_, i) => ({ id: `bench-p-${i}`, name: `业主${i}` })),
  });
  await p.unitMembership.createMany({
    data: Array.from({ length: owners }, (_, i) => ({
      unitId: units[i % units.length]!.id,
      personId: `bench-p-${i}`,
      role: 'OWNER' as const,
    })),
  });
  await p.channelIdentity.createMany({
    data: Array.from({ length: owners }, (_, i) => ({
      channel: 'console',
      externalId: `bench-owner-${i}`,
      displayName: `业主${i}`,
      personId: `bench-p-${i}`,
    })),
  });
  await p.feeBill.createMany({
    data: units.map((u) => ({
      estateId,
      buildingId: u.buildingId,
      unitId: u.id,
      period: '2026-11',
      feeType: 'PROPERTY',
      amountDueCents: 123_450,
      amountPaidCents: 0,
      outstandingCents: 123_450,
      dueDate: '2026-11-30',
    })),
  });
  const created = new Date('2026-11-20T02:00:00Z');
  await p.ticket.createMany({
    data: Array.from({ length: owners * 2 }, (_, k) => ({
      number: `TS-20261120-B${k}`,
      estateId,
      personId: `bench-p-${k >> 1}`,
      unitId: units[(k >> 1) % units.length]!.id,
      category: '噪音',
      description: '楼上晚上施工很吵',
      location: '本户',
      status: k % 2 === 0 ? ('IN_PROGRESS' as const) : ('CLOSED' as const),
      createdAt: created,
      slaStartAt: created,
    })),
  });
}

export interface BenchBot {
  /** One owner message through the bot's turn; resolves with the replies' texts. */
  say(owner: number, conversation: string, text: string): Promise<string[]>;
}

/** `inboundLimits`: unset, no limit a bench reaches (the rows measure turns, not refusals); the flood row sets one. */
export function benchBot(db: Database, inboundLimits?: InboundLimits): BenchBot {
  const { bot } = buildBot(db, createLogger('silent'), {
    now: systemClock,
    inboundLimits: inboundLimits ?? { perMinute: 1_000_000, burst: 1_000_000 },
  });
  const adapter = new TestAdapter(async () => undefined);
  let seq = 0;
  return {
    async say(owner, conversation, text) {
      const context = new TurnContext(adapter, {
        type: ActivityTypes.Message,
        id: `m-${++seq}`,
        channelId: 'console',
        conversation: { id: conversation, isGroup: false, name: '', conversationType: 'personal' },
        from: { id: `bench-owner-${owner}`, name: `业主${owner}` },
        recipient: { id: 'bot', name: 'bot' },
        text,
      });
      const replies: string[] = [];
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) replies.push(a.text ?? '');
        return next();
      });
      await bot.onTurn(context, 'console');
      // TestAdapter keeps every reply for assertReply(); nothing reads them here, and 10,000 of them would be
      // counted as the bot's memory.
      adapter.activeQueue.splice(0);
      // A benchmark of turns that fail would measure the wrong thing: stop loudly.
      if (replies.some((r) => r === GENERIC_ERROR)) throw new Error(`turn「${text}」failed in ${conversation}`);
      return replies;
    },
  };
}
