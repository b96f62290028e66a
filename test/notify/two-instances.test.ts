// #17: two real bot processes on one PostgreSQL database share the channel limits. Each talks to its own fake
// Telegram Bot API server (so we know who sent what); together the two logs are what Telegram would see, and they
// must keep Telegram's limits as one instance does: ≤ 25 sends in any second overall, ≥ 1 s between two sends to one
// chat — and the outbox's promise: every notice once, none lost, none twice.
// No timing is asserted: the limits hold however fast or slow the machine is; the timeout is only a last guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { seedDemo } from '../../src/db/seed.js';
import { ChildApp } from '../faults/support/child-app.js';
import { enqueue } from '../../src/notify/outbox.js';
import { availableProviders, createTestDatabase, dropDatabaseUrl } from '../support/databases.js';
import { FakeTelegramApi, type RecordedCall } from '../support/fake-telegram-api.js';
import { until } from '../support/patience.js';

const pg = availableProviders().includes('postgresql');
const NOTICES = 250;
const CHATS = Array.from({ length: 50 }, (_, i) => 7_000_001 + i);
const TEXT = (i: number) => `两实例通知 #${i}`;
/** Sending 250 notices at ≤ 25/s takes ≥ 10 s on any machine; this only stops a hang. */
const LAST_GUARD_MS = 240_000;

describe.runIf(pg)('two instances on one PostgreSQL database share the Telegram limits', () => {
  let url = '';
  const fakes: FakeTelegramApi[] = [];
  const apps: ChildApp[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase('postgresql');
    url = db.url;
    await seedDemo(db.prisma); // seeded here, not by two children racing on an empty database
    await db.close();
    for (let i = 0; i < 2; i++) fakes.push(await FakeTelegramApi.start());
    // Both start before anything is queued, so both compete for the same rows from the first one.
    const started = await Promise.all(
      fakes.map((fake, i) =>
        ChildApp.start({
          databaseUrl: url,
          telegramToken: fake.token,
          telegramApiRoot: fake.apiRoot,
          env: { SEED_DEMO: 'off' },
          label: `instance ${i + 1}`,
        }),
      ),
    );
    apps.push(...started);
  }, LAST_GUARD_MS);

  afterAll(async () => {
    for (const app of apps) await app.kill9();
    for (const fake of fakes) await fake.close();
    if (url) await dropDatabaseUrl(url);
  });

  it(
    `${NOTICES} notices to ${CHATS.length} chats: ≤ 25 in any second, ≥ 1 s apart per chat, each sent exactly once`,
    async () => {
      const db = await openDatabase(url, { migrate: false });
      try {
        // One transaction: all notices become visible at once, as after a 催缴 run, so both instances claim rows for
        // the same chats at the same moment (queued one by one, they would trickle out too slowly to collide).
        await db.prisma.$transaction(
          async (tx) => {
            for (let i = 0; i < NOTICES; i++)
              await enqueue(tx, {
                channel: 'telegram',
                address: String(CHATS[i % CHATS.length]),
                kind: 'urgent', // no quiet hours
                message: { text: TEXT(i) },
                dedupeKey: `two-instances-${i}`,
                at: new Date(), // the children run on the process clock
              });
          },
          { timeout: LAST_GUARD_MS },
        );
        await until(
          async () =>
            (await db.prisma.outboxMessage.count({ where: { status: { not: 'SENT' } } })) === 0 ? true : undefined,
          `all ${NOTICES} notices to be marked sent`,
          LAST_GUARD_MS,
        );
      } finally {
        await db.close();
      }

      const sends: (RecordedCall & { by: number })[] = fakes
        .flatMap((fake, by) => fake.callsTo('sendMessage').map((c) => ({ ...c, by })))
        .filter((c) => String(c.payload.text).startsWith('两实例通知'))
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      const ok = sends.filter((c) => c.status === 200);
      // 0 lost, 0 duplicated (no failure was scripted, so every call was a delivery).
      expect(sends.length).toBe(NOTICES);
      expect(new Set(ok.map((c) => String(c.payload.text))).size).toBe(NOTICES);
      // Both instances did send: this is a test of two, not of one with a bystander.
      expect([0, 1].map((by) => sends.some((c) => c.by === by))).toEqual([true, true]);

      // ≤ 25 in any 1-second window ⇔ any 26 consecutive sends span at least a second.
      const times = sends.map((c) => c.at.getTime());
      const crowded = times.flatMap((t, i) => {
        const t26 = times[i + 25];
        return t26 !== undefined && t26 - t < 1000 ? [{ from: new Date(t).toISOString(), spanMs: t26 - t }] : [];
      });
      expect(crowded).toEqual([]);

      // ≥ 1 s between two sends to one chat, whichever instance sent them.
      const tooClose: { chat: string; gapMs: number; by: string }[] = [];
      for (const chat of CHATS) {
        const mine = sends.filter((c) => String(c.payload.chat_id) === String(chat));
        for (let i = 1; i < mine.length; i++) {
          const gap = mine[i]!.at.getTime() - mine[i - 1]!.at.getTime();
          if (gap < 1000) tooClose.push({ chat: String(chat), gapMs: gap, by: `${mine[i - 1]!.by}→${mine[i]!.by}` });
        }
      }
      expect(tooClose).toEqual([]);
      expect(apps.flatMap((a) => a.errorLines)).toEqual([]);
    },
    LAST_GUARD_MS,
  );
});
