// A 公告 to 1,000 owners on Telegram (#20): planned by NoticeService.confirm, sent by the real Dispatcher (real rate
// limits) through the real TelegramAdapter to the fake Bot API over HTTP. The figures come from the fake server's own
// record: every owner got it exactly once, and no one-second window held more than Telegram's own limit (≈ 30/s).
// Our limiter allows 25/s when it releases a send; measured at the fake server's arrival the busiest sliding second
// held 29 (2026-12-05, 1,000 sends over 40.4 s = 24.8/s on average, load ≈ 4–9): with 4 sends in flight, requests
// released across a window boundary arrive bunched. Only an upper bound is asserted: a slower machine sends fewer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { TelegramAdapter } from '../../adapters/telegram/telegram.adapter.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { BUILTIN_RATE_LIMITS as DEFAULT_RATE_LIMITS } from '../../adapters/channels.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { NoticeService } from '../../src/notices/notice.service.js';
import { createLogger } from '../../src/shared/logger.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { FakeTelegramApi } from '../support/fake-telegram-api.js';
import { until } from '../support/patience.js';
import { RunningClock } from '../support/running-clock.js';
import { testNotifier } from '../support/channels.js';

const OWNERS = 1_000;
const noTurns: TurnHandler = { onTurn: async () => undefined, onTurnError: async () => undefined };

describeEachDb('公告 to 1,000 owners on Telegram', (provider) => {
  let db: TestDatabase;
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  let dispatcher: Dispatcher;
  const clock = new RunningClock(zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai'));

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const p = db.prisma;
    const e = await p.estate.create({ data: { code: 'T', name: '测试小区', deskPhone: '1', emergencyPhone: '2' } });
    const b = await p.building.create({ data: { estateId: e.id, name: '1' } });
    const ids = Array.from({ length: OWNERS }, (_, i) => i);
    await p.unit.createMany({ data: ids.map((i) => ({ id: `u${i}`, buildingId: b.id, room: String(1000 + i) })) });
    await p.person.createMany({ data: ids.map((i) => ({ id: `p${i}`, name: `业主${i}` })) });
    await p.unitMembership.createMany({
      data: ids.map((i) => ({ unitId: `u${i}`, personId: `p${i}`, role: 'OWNER' as const })),
    });
    await p.channelIdentity.createMany({
      data: ids.map((i) => ({ channel: 'telegram', externalId: String(70000 + i), personId: `p${i}` })),
    });
    const person = await p.person.create({ data: { name: '主管' } });
    const staff = await p.staff.create({ data: { estateId: e.id, personId: person.id, role: 'SUPERVISOR' } });
    const estate = {
      id: e.id,
      name: '测试小区',
      deskPhone: '1',
      timezone: 'Asia/Shanghai',
      settings: { handoffMaxTopicLength: 500 },
    };
    const notices = new NoticeService(createRepositories(p), testNotifier(), clock.now);
    const author = { staffId: staff.id, channel: 'console', conversation: 'c' };
    const d = await notices.createDraft(estate, author, {
      title: '电梯检修',
      body: '12月3日 9:00–11:00 1栋电梯检修停运。',
      pictureUrl: null,
      audience: 'all',
      buildings: [],
      urgent: false,
    });
    const r = await notices.confirm(estate, author, d.seq);
    expect(r.ok && r.privateCount).toBe(OWNERS);

    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      mode: { kind: 'polling' },
      handler: noTurns,
      logger: createLogger('silent'),
      requestTimeoutSeconds: 5,
    });
    dispatcher = new Dispatcher({
      repos: createRepositories(p),
      channels: new Map([['telegram', adapter]]),
      limits: { telegram: DEFAULT_RATE_LIMITS.telegram ?? {} },
      intervalMs: 100,
      now: clock.now,
    });
    dispatcher.start();
  }, 60_000);
  afterAll(async () => {
    await dispatcher?.stop();
    await adapter?.stop();
    await fake?.close();
    await db?.drop();
  });

  it('every owner gets it once, and no second holds more than Telegram’s 30 sends', async () => {
    await until(
      async () => ((await db.prisma.outboxMessage.count({ where: { status: 'SENT' } })) === OWNERS ? true : undefined),
      'all 1,000 notices sent',
      180_000,
    );
    const sends = fake.callsTo('sendMessage').filter((c) => c.status === 200);
    const chats = sends.map((c) => String(c.payload.chat_id));
    expect(new Set(chats).size).toBe(OWNERS);
    expect(chats).toHaveLength(OWNERS);
    // The busiest one-second window (sliding, on the fake server's clock).
    const at = sends.map((c) => c.at.getTime()).sort((a, b) => a - b);
    let max = 0;
    for (let i = 0, j = 0; i < at.length; i++) {
      while (at[i]! - at[j]! >= 1000) j++;
      max = Math.max(max, i - j + 1);
    }
    console.log(
      `[公告 Telegram ${provider}] ${OWNERS} sends over ${((at.at(-1)! - at[0]!) / 1000).toFixed(1)} s, busiest second ${max}`,
    );
    expect(max).toBeLessThanOrEqual(30);
  }, 200_000);
});
