// Telegram channel faults, end to end: outbox row → real Dispatcher (real rate limits) → real TelegramAdapter (grammY's
// HTTP client) → the fake Bot API over HTTP. Every figure is taken from the fake server's own record of what it received
// and processed, not from what our side believes it sent. Inbound polling faults and the 200-message burst are in
// channel-faults.long.test.ts (npm run test:faults).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { TelegramAdapter } from '../../adapters/telegram/telegram.adapter.js';
import { findOutboxRow, listDeadLetters } from '../../src/db/outbox.repo.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { enqueue } from '../../src/notify/outbox.js';
import { BUILTIN_RATE_LIMITS as DEFAULT_RATE_LIMITS } from '../../adapters/channels.js';
import { createLogger } from '../../src/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { FakeTelegramApi } from '../support/fake-telegram-api.js';
import { until } from '../support/patience.js';
import { RunningClock } from '../support/running-clock.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

/** Outbound only: nothing polls here, so turns never run. */
const noTurns: TurnHandler = { onTurn: async () => undefined, onTurnError: async () => undefined };

/** OUTBOX_MAX_ATTEMPTS for this file (the app's default is 8; 3 keeps the dead-letter case short). */
const MAX_ATTEMPTS = 3;

describe('Telegram outbound faults: outbox → Dispatcher → TelegramAdapter → fake Bot API', () => {
  let db: TestDatabase;
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  let dispatcher: Dispatcher;
  let seq = 0;
  const clock = new RunningClock(new Date());

  /** Writes one proactive message to `chat` as the app does (through the outbox) and returns its row id. */
  async function notify(chat: string, text: string): Promise<string> {
    const { message } = await enqueue(db.prisma, {
      channel: 'telegram',
      address: chat,
      kind: 'notice',
      message: { text },
      dedupeKey: `fault-${++seq}`,
      at: clock.now(),
    });
    return message.id;
  }
  const to = (chat: string) => fake.callsTo('sendMessage').filter((c) => c.payload.chat_id === chat);
  /** Calls the fake processed (= the user got the message), whether or not our side saw the answer. */
  const deliveredTo = (chat: string) => to(chat).filter((c) => c.status === 200);
  const row = async (id: string) => {
    const r = await findOutboxRow(db.prisma, id);
    if (!r) throw new Error(`outbox row ${id} vanished`);
    return r;
  };
  const settled = (id: string) =>
    until(async () => {
      const r = await row(id);
      return r.status === 'SENT' || r.status === 'DEAD' ? r : undefined;
    }, `outbox row ${id} to settle`);

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      mode: { kind: 'polling' },
      handler: noTurns,
      logger: createLogger('silent'),
      requestTimeoutSeconds: 1,
    });
    dispatcher = new Dispatcher({
      repos: createRepositories(db.prisma),
      channels: new Map([['telegram', adapter]]),
      // What src/main.ts configures for Telegram: ≤ 25/s overall, ≤ 1/s per chat, ≤ 18/min per group.
      limits: { telegram: DEFAULT_RATE_LIMITS.telegram ?? {} },
      maxAttempts: MAX_ATTEMPTS,
      intervalMs: 100,
      // Backoff pinned to its 1 s floor so the retries below take seconds, not minutes.
      random: () => 0,
      // Real speed (backoff waits real time on the dispatcher's timer); the 429 case jumps it ahead.
      now: clock.now,
    });
    dispatcher.start();
  });
  afterAll(async () => {
    await dispatcher.stop();
    await adapter.stop();
    await fake.close();
    await db.drop();
  });

  it('429 retry_after: the chat is held for the wait, the message goes after it, once; other chats are not held', async () => {
    // retry_after is 60 s of the dispatcher's clock, which the test then jumps ahead: what is held is decided by the
    // clock, never by how fast this machine happens to deliver the other chat's message.
    const retryAfter = 60;
    fake.failNext('sendMessage', 1, { status: 429, retryAfter });
    const a1 = await notify('5001', '429-A1');
    await until(() => to('5001').find((c) => c.status === 429), 'the 429');
    // Queued while chat 5001 is held: a second message to it, and one to another chat.
    const a2 = await notify('5001', '429-A2');
    const b1 = await notify('5002', '429-B1');
    // The other chat is not held behind it…
    expect(await settled(b1)).toMatchObject({ status: 'SENT', attempts: 0 });
    expect(deliveredTo('5002').map((c) => c.payload.text)).toEqual(['429-B1']);
    // …while nothing more reached chat 5001: both its messages wait for retry_after.
    expect(to('5001').map((c) => c.status)).toEqual([429]);
    expect([(await row(a1)).status, (await row(a2)).status]).toEqual(['PENDING', 'PENDING']);

    clock.advance(retryAfter * 1000);
    await Promise.all([settled(a1), settled(a2)]);
    expect(
      deliveredTo('5001')
        .map((c) => c.payload.text)
        .sort(),
    ).toEqual(['429-A1', '429-A2']);
    expect(await row(a1)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(await row(a2)).toMatchObject({ status: 'SENT', attempts: 0 });
    console.log(
      `telegram 429 retry_after=${retryAfter}s: 3 messages, 3 delivered once, 0 lost; chat held until the ` +
        `dispatcher's clock passed retry_after, other chat not held`,
    );
  });

  it('a run of 500s: retried with backoff and delivered once it recovers; past OUTBOX_MAX_ATTEMPTS a visible dead letter', async () => {
    fake.failNext('sendMessage', MAX_ATTEMPTS - 1, { status: 500 });
    const c1 = await notify('5003', '500-recovers');
    expect(await settled(c1)).toMatchObject({ status: 'SENT', attempts: MAX_ATTEMPTS - 1 });
    const calls = to('5003');
    expect(calls.map((c) => c.status)).toEqual([...Array<number>(MAX_ATTEMPTS - 1).fill(500), 200]);
    const gaps = calls.slice(1).map((c, i) => c.at.getTime() - (calls[i]?.at.getTime() ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000); // the backoff floor

    fake.failNext('sendMessage', MAX_ATTEMPTS, { status: 500 });
    const d1 = await notify('5004', '500-forever');
    const dead = await settled(d1);
    expect(dead).toMatchObject({ status: 'DEAD', attempts: MAX_ATTEMPTS, lastError: '500 Internal Server Error' });
    expect((await listDeadLetters(db.prisma)).map((r) => r.id)).toContain(d1);
    // A dead letter is not tried again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(to('5004').map((c) => c.status)).toEqual(Array<number>(MAX_ATTEMPTS).fill(500));
    console.log(
      `telegram 500 run: ${MAX_ATTEMPTS - 1}×500 then delivered once (gaps ${gaps.join('/')} ms); ` +
        `${MAX_ATTEMPTS}×500 → dead letter after ${MAX_ATTEMPTS} attempts, 0 lost, 0 sent twice`,
    );
  });

  it('timeouts: a request that never answers fails at the client timeout, is retried and delivered once', async () => {
    // The adapter on its own first: the send returns a retryable failure instead of hanging.
    fake.hangNext('sendMessage', 1);
    const direct = await adapter.send('5005', { text: 'hang-direct' });
    expect(direct).toMatchObject({ ok: false, error: expect.stringMatching(/timed out/) as unknown });
    expect(direct).not.toHaveProperty('permanent');

    fake.hangNext('sendMessage', 1);
    const e1 = await notify('5006', 'hang-then-ok');
    expect(await settled(e1)).toMatchObject({ status: 'SENT', attempts: 1 });
    const calls = to('5006');
    expect(calls.map((c) => c.fault ?? c.status)).toEqual(['hung', 200]);
    expect(deliveredTo('5006')).toHaveLength(1);
    console.log('telegram hung request: client timeout 1 s → retried → delivered 1×, 0 duplicates, 0 lost');
  });

  it('at-least-once window: the server delivers but answers after the client timeout → one duplicate, counted', async () => {
    fake.answerLateNext('sendMessage', 1, 2500);
    const f1 = await notify('5007', 'late-answer');
    expect(await settled(f1)).toMatchObject({ status: 'SENT', attempts: 1 });
    const delivered = deliveredTo('5007');
    // The first request was processed (the user has it) but our side saw a timeout and sent again.
    expect(delivered.map((c) => c.fault ?? 'ok')).toEqual(['late', 'ok']);
    const duplicates = delivered.length - 1;
    expect(duplicates).toBe(1);
    console.log(
      `telegram late answer (processed, answered after 2.5 s > 1 s timeout): 1 message, delivered ${delivered.length}×, ` +
        `${duplicates} duplicate (at-least-once window), outbox marked sent once`,
    );
  });
});
