// Telegram, the slow half (npm run test:faults): inbound long polling through getUpdates faults (grammY waits a fixed
// 3 s after each failed poll), and the burst of 200 proactive messages to 20 chats in real time (~10 s at 1 msg/s per
// chat). Figures come from the fake Bot API's own record and clock. The fast outbound faults are in
// channel-faults.test.ts.
import type { Activity, TurnContext } from 'botbuilder';
import { systemClock } from '../../src/shared/clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { TelegramAdapter } from '../../adapters/telegram/telegram.adapter.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { enqueue } from '../../src/notify/outbox.js';
import { BUILTIN_RATE_LIMITS as DEFAULT_RATE_LIMITS } from '../../adapters/channels.js';
import { createLogger } from '../../src/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { FakeTelegramApi, type RecordedCall } from '../support/fake-telegram-api.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function textUpdate(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_760_000_000,
      chat: { id: chatId, type: 'private' },
      from: { id: chatId, is_bot: false, first_name: '业主' },
      text,
    },
  };
}

describe('Telegram inbound: getUpdates faults while long polling', () => {
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  /** update id → how many turns it produced. */
  const handled = new Map<string, number>();
  const handler: TurnHandler = {
    async onTurn(context: TurnContext) {
      const id = (context.activity as Partial<Activity>).id ?? '';
      handled.set(id, (handled.get(id) ?? 0) + 1);
    },
    onTurnError: async () => undefined,
  };
  let nextUpdate = 1;
  const push = () => {
    const id = nextUpdate++;
    fake.pushUpdate(textUpdate(id, 7000 + id, `消息 ${id}`));
    return `update:${id}`;
  };
  const handledOnce = (id: string) => until(() => (handled.get(id) ? true : undefined), `turn for ${id}`, 20_000);
  const polls = () => fake.callsTo('getUpdates');

  beforeAll(async () => {
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      mode: { kind: 'polling' },
      handler,
      logger: createLogger('silent'),
      pollingTimeoutSeconds: 1,
      requestTimeoutSeconds: 1,
      pollRestartDelayMs: 50,
    });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
  });

  it('500, 429, a hung poll, a dropped connection and a late answer: polling recovers, no update lost or handled twice', async () => {
    await handledOnce(push());
    const faults: [string, () => void, (c: RecordedCall) => boolean][] = [
      ['500', () => fake.failNext('getUpdates', 1, { status: 500 }), (c) => c.status === 500],
      [
        '429 retry_after=1',
        () => fake.failNext('getUpdates', 1, { status: 429, retryAfter: 1 }),
        (c) => c.status === 429,
      ],
      ['hung (client timeout)', () => fake.hangNext('getUpdates'), (c) => c.fault === 'hung'],
      ['connection dropped', () => fake.dropNext('getUpdates'), (c) => c.fault === 'dropped'],
      // Telegram handed the updates out but the answer came after the client gave up: they must come again, once.
      ['answer after the client timeout', () => fake.answerLateNext('getUpdates', 1, 2500), (c) => c.fault === 'late'],
    ];
    for (const [name, script, isFault] of faults) {
      const before = polls().length;
      script();
      // The next poll hits the fault; updates that arrive meanwhile wait at the fake (not confirmed).
      await until(() => polls().slice(before).find(isFault), `the ${name} poll`);
      const ids = [push(), push()];
      for (const id of ids) await handledOnce(id);
    }
    await adapter.drain();
    const pushed = nextUpdate - 1;
    const counts = [...handled.values()];
    expect(handled.size).toBe(pushed);
    expect(counts.every((n) => n === 1)).toBe(true);
    const statuses = polls().map((c) => c.fault ?? String(c.status));
    for (const f of ['500', '429', 'hung', 'dropped', 'late']) expect(statuses).toContain(f);
    console.log(
      `telegram inbound polling faults: 5 faults (500, 429, hung, dropped, late answer), ${pushed} updates, ` +
        `${pushed - handled.size} lost, ${counts.filter((n) => n > 1).length} handled twice; ${polls().length} polls`,
    );
  });
});

describe('Telegram burst through the real Dispatcher and TelegramAdapter', () => {
  let db: TestDatabase;
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  let dispatcher: Dispatcher;
  let seq = 0;
  async function notify(chat: string, text: string): Promise<string> {
    const { message } = await enqueue(db.prisma, {
      channel: 'telegram',
      address: chat,
      kind: 'notice',
      message: { text },
      dedupeKey: `burst-${++seq}`,
      at: new Date(), // the dispatcher below runs on the process clock
    });
    return message.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      mode: { kind: 'polling' },
      handler: { onTurn: async () => undefined, onTurnError: async () => undefined },
      logger: createLogger('silent'),
    });
    // As src/main.ts builds it: DEFAULT_RATE_LIMITS (Telegram ≤ 25/s overall, ≤ 1/s per chat), default batch and
    // concurrency; only the tick interval is the config minimum (OUTBOX_INTERVAL_MS=100) instead of 1 s.
    dispatcher = new Dispatcher({
      repos: createRepositories(db.prisma),
      channels: new Map([['telegram', adapter]]),
      limits: DEFAULT_RATE_LIMITS,
      intervalMs: 100,
      now: systemClock, // rate limits are measured in real time here
    });
    dispatcher.start();
  });
  afterAll(async () => {
    await dispatcher.stop();
    await adapter.stop();
    await fake.close();
    await db.drop();
  });

  it('a burst of 200 proactive messages to 20 chats keeps Telegram limits (fake server clock) and delivers each once', async () => {
    const chats = Array.from({ length: 20 }, (_, i) => String(6000 + i));
    const texts: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const text = `burst-${String(i).padStart(3, '0')}`;
      texts.push(text);
      ids.push(await notify(chats[i % chats.length] ?? '', text));
    }
    const started = Date.now();
    await until(
      async () => {
        const sent = await db.prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'SENT' } });
        return sent === ids.length ? sent : undefined;
      },
      'the burst to be sent',
      60_000,
    );
    const took = Date.now() - started;

    const burst: RecordedCall[] = fake.callsTo('sendMessage').filter((c) => chats.includes(String(c.payload.chat_id)));
    const delivered = burst.filter((c) => c.status === 200);
    expect(burst.every((c) => c.status === 200)).toBe(true); // no 429 from the fake's point of view
    expect(delivered.map((c) => String(c.payload.text)).sort()).toEqual(texts);

    // Per chat: consecutive messages at least 1 s apart as the server saw them. (The dispatcher starts the next send to
    // a chat 1 s after the previous one ENDED, so request latency cannot squeeze the gap below 1 s.)
    let minGap = Infinity;
    for (const chat of chats) {
      const times = delivered
        .filter((c) => c.payload.chat_id === chat)
        .map((c) => c.at.getTime())
        .sort((x, y) => x - y);
      expect(times).toHaveLength(10);
      for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, (times[i] ?? 0) - (times[i - 1] ?? 0));
    }
    expect(minGap).toBeGreaterThanOrEqual(1000);
    // Overall: the most messages the server saw in any 1000 ms window.
    const all = delivered.map((c) => c.at.getTime()).sort((x, y) => x - y);
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < all.length; i++) {
      while ((all[i] ?? 0) - (all[j] ?? 0) >= 1000) j++;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    expect(maxPerSecond).toBeLessThanOrEqual(30);
    console.log(
      `telegram burst: 200 messages to 20 chats, ${delivered.length} delivered, 0 lost, 0 duplicates, ` +
        `min per-chat gap ${minGap} ms, max ${maxPerSecond} msg in any 1 s (limit 30; ours 25), took ${(took / 1000).toFixed(1)} s`,
    );
  });
});
