// The dispatcher and the Official Account's customer-service window, on both databases, against the fake platform:
// inside the window a notice is a customer-service message; outside it a template message when the estate has one
// for the notice type, else HELD (never lost) until the owner writes again; the platform's refusals win over our
// count; an unfollowed owner gets nothing. And the per-owner quota under a burst of two dispatchers.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { NoticeTemplateRef } from '../../adapters/channel.js';
import { WechatOaAdapter } from '../../adapters/wechat-oa/wechat-oa.adapter.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { enqueue } from '../../src/notify/outbox.js';
import {
  ServiceWindowGate,
  ServiceWindows,
  WECHAT_OA_WINDOW_RULES,
  renderTemplate,
} from '../../src/notify/service-window.js';
import { createLogger } from '../../src/shared/logger.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { FAKE_OA, FakeWechatOaApi } from '../support/fake-wechat-oa-api.js';
import { FakeClock } from './fakes.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const START = '2026-12-01T10:00:00+08:00';
const ARREARS_TEMPLATE = 'tpl-arrears-001';

it('fills a template from the notice’s facts and keeps each keyword within the platform’s length', () => {
  const ref: NoticeTemplateRef = {
    type: 'arrears',
    estateId: 'e1',
    facts: {
      unit: '3栋2单元1201',
      amount: '¥1,280.00',
      dueDate: '2026-12-10',
      estate: '锦绣花园物业服务中心北区客服部第二业主服务站',
    },
  };
  expect(
    renderTemplate(
      {
        templateId: 'T',
        data: {
          thing1: '{estate}',
          character_string2: '{unit}',
          amount3: '{amount}',
          time4: '{dueDate}',
          thing5: '{nope}',
        },
      },
      ref,
    ),
  ).toEqual({
    templateId: 'T',
    data: {
      thing1: '锦绣花园物业服务中心北区客服部第二业主…',
      character_string2: '3栋2单元1201',
      amount3: '¥1,280.00',
      time4: '2026-12-10',
      thing5: '',
    },
  });
  expect([...'锦绣花园物业服务中心北区客服部第二业主…'].length).toBe(20);
});

describeEachDb('WeChat OA window in the dispatcher', (provider) => {
  let db: TestDatabase;
  let fake: FakeWechatOaApi;
  let clock: FakeClock;
  let estateId: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    fake = await FakeWechatOaApi.start();
    fake.templates.add(ARREARS_TEMPLATE);
    const estate = await db.prisma.estate.create({
      data: {
        code: 'T1',
        name: '测试小区',
        deskPhone: '0571-1',
        emergencyPhone: '0571-2',
        settings: {
          wechatOa: {
            templates: {
              arrears: {
                templateId: ARREARS_TEMPLATE,
                data: { thing1: '{unit}', amount2: '{amount}', time3: '{dueDate}' },
              },
            },
          },
        },
      },
    });
    estateId = estate.id;
  });
  afterAll(async () => {
    await fake.close();
    await db.drop();
  });
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.serviceWindow.deleteMany();
    fake.delivered.length = 0;
    fake.calls.length = 0;
    clock = new FakeClock(START);
    fake.now = clock.now;
  });

  const rig = (prisma = db.prisma) => {
    const windows = new ServiceWindows(
      createRepositories(prisma).windows,
      'wechat-oa',
      WECHAT_OA_WINDOW_RULES,
      clock.now,
    );
    const adapter = new WechatOaAdapter({
      settings: {
        appId: FAKE_OA.appId,
        appSecret: FAKE_OA.appSecret,
        token: FAKE_OA.token,
        apiRoot: fake.apiRoot,
        window: WECHAT_OA_WINDOW_RULES,
      },
      handler: { onTurn: async () => undefined, onTurnError: async () => undefined },
      windows,
      media: createRepositories(prisma).media,
      dataDir: '/tmp',
      logger: createLogger('silent'),
      now: clock.now,
    });
    const dispatcher = (over: { workerId?: string; concurrency?: number } = {}) =>
      new Dispatcher({
        repos: createRepositories(prisma),
        channels: new Map([['wechat-oa', adapter]]),
        gates: new Map([['wechat-oa', new ServiceWindowGate({ windows, channel: adapter })]]),
        // No account-wide pacing here: only the window may hold a burst back.
        limits: {},
        now: clock.now,
        random: () => 1,
        ...over,
      });
    return { windows, adapter, dispatcher };
  };

  /** The owner wrote to the account now (the platform and our window both see it). */
  const ownerWrites = async (windows: ServiceWindows, openid: string) => {
    fake.interaction(openid, 'message', clock.now());
    await windows.opened(openid, 'message', clock.now());
  };

  const arrears = (n: number): NoticeTemplateRef => ({
    type: 'arrears',
    estateId,
    facts: { unit: `3栋2单元120${n}`, amount: '¥1,280.00', dueDate: '2026-12-10' },
  });
  const notice = (openid: string, key: string, template?: NoticeTemplateRef) =>
    enqueue(db.prisma, {
      channel: 'wechat-oa',
      address: openid,
      kind: 'notice',
      message: { text: `【通知】${key}`, ...(template ? { template } : {}) },
      dedupeKey: key,
      at: clock.now(),
    });
  const status = async (key: string) =>
    (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } })).status;

  it('inside the window a notice is a customer-service message and spends one of the owner’s five', async () => {
    const { windows, dispatcher } = rig();
    await ownerWrites(windows, 'o_a');
    await notice('o_a', 'in-1');
    expect(await dispatcher().tick()).toMatchObject({ sent: 1, held: 0 });
    expect(fake.to('o_a')).toMatchObject([{ kind: 'text', text: '【通知】in-1' }]);
    expect(await db.prisma.serviceWindow.findFirstOrThrow({ where: { address: 'o_a' } })).toMatchObject({
      messageUsed: 1,
    });
  });

  it('a report picture is uploaded as temporary media and sent as an image, spending two of the five', async () => {
    const { windows, dispatcher } = rig();
    await ownerWrites(windows, 'o_pic');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    await enqueue(db.prisma, {
      channel: 'wechat-oa',
      address: 'o_pic',
      kind: 'notice',
      message: { text: '本月报表', image: { png, caption: '11月收缴率' } },
      dedupeKey: 'pic-1',
      at: clock.now(),
    });
    expect(await dispatcher().tick()).toMatchObject({ sent: 1 });
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]?.bytes.equals(png)).toBe(true);
    expect(fake.to('o_pic').map((d) => d.kind)).toEqual(['text', 'image']);
    expect(fake.to('o_pic')[0]?.text).toBe('本月报表\n11月收缴率');
    expect(await db.prisma.serviceWindow.findFirstOrThrow({ where: { address: 'o_pic' } })).toMatchObject({
      messageUsed: 2,
    });
  });

  it('a token the platform has replaced (40001) is fetched again once and the send goes through', async () => {
    const { windows, dispatcher } = rig();
    await ownerWrites(windows, 'o_tok');
    await notice('o_tok', 'tok-1');
    const d = dispatcher();
    expect(await d.tick()).toMatchObject({ sent: 1 });
    fake.rotateToken();
    await notice('o_tok', 'tok-2');
    expect(await d.tick()).toMatchObject({ sent: 1, failed: 0 });
    expect(fake.callsTo('/cgi-bin/message/custom/send').map((c) => c.errcode)).toEqual([0, 40001, 0]);
    expect(fake.callsTo('/cgi-bin/stable_token')).toHaveLength(2);
  });

  it('a 催缴 outside the 48 hours goes as the estate’s template; one with no template is held, then sent after the owner writes', async () => {
    const { windows, dispatcher } = rig();
    await ownerWrites(windows, 'o_b');
    clock.advance(48 * 3_600_000 + 60_000);
    await notice('o_b', 'fee-1', arrears(1));
    await notice('o_b', 'water-1');
    const d = dispatcher();
    expect(await d.tick()).toMatchObject({ sent: 1, held: 1 });
    expect(fake.to('o_b')).toEqual([
      expect.objectContaining({
        kind: 'template',
        templateId: ARREARS_TEMPLATE,
        data: { thing1: '3栋2单元1201', amount2: '¥1,280.00', time3: '2026-12-10' },
      }),
    ]);
    // Our count said "closed": no customer-service call was even tried.
    expect(fake.callsTo('/cgi-bin/message/custom/send')).toEqual([]);
    const held = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'water-1' } });
    expect(held).toMatchObject({
      status: 'HELD',
      attempts: 0,
      lastError: '48 小时窗口外，此类通知没有模板，等待业主下次留言',
    });
    // Ticks come and go; a held message stays held (not an attempt, not a dead letter).
    clock.advance(3_600_000);
    expect(await d.tick()).toMatchObject({ sent: 0, dead: 0 });
    expect(await status('water-1')).toBe('HELD');
    // The owner writes again: released, and sent inside the new window.
    await ownerWrites(windows, 'o_b');
    expect(await windows.releaseHeld('o_b')).toBe(1);
    expect(await d.tick()).toMatchObject({ sent: 1 });
    expect(fake.to('o_b').at(-1)).toMatchObject({ kind: 'text', text: '【通知】water-1' });
  });

  it('a 催缴 type without a configured template is held with the reason naming it', async () => {
    const { dispatcher } = rig();
    await notice('o_c', 'appt-1', { type: 'appointment', estateId, facts: {} });
    expect(await dispatcher().tick()).toMatchObject({ held: 1 });
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'appt-1' } })).lastError).toBe(
      '48 小时窗口外，未配置「预约提醒」模板，等待业主下次留言',
    );
  });

  it('the platform’s 45015 wins over our count: the window is closed and the notice falls back to the template', async () => {
    const { windows, dispatcher } = rig();
    await ownerWrites(windows, 'o_d');
    // The platform runs a shorter window than we were told (rules change): it refuses with 45015.
    fake.rules = { ...fake.rules, messageWindowMs: 60_000 };
    clock.advance(120_000);
    await notice('o_d', 'fee-2', arrears(2));
    await notice('o_d', 'plain-2');
    try {
      expect(await dispatcher().tick()).toMatchObject({ sent: 1, held: 1 });
    } finally {
      fake.rules = { ...fake.rules, messageWindowMs: 48 * 3_600_000 };
    }
    // Both may have been tried at once (4 in flight); every try was refused, none went out as a chat message.
    const tries = fake.callsTo('/cgi-bin/message/custom/send').map((c) => c.errcode);
    expect(tries.length).toBeGreaterThan(0);
    expect(tries.every((e) => e === 45015)).toBe(true);
    expect(fake.to('o_d')).toMatchObject([{ kind: 'template' }]);
    expect(await db.prisma.serviceWindow.findFirstOrThrow({ where: { address: 'o_d' } })).toMatchObject({
      messageUsed: 5,
    });
  });

  it('an owner who unfollowed gets nothing, not even a template: dead letters that say why', async () => {
    const { windows, dispatcher } = rig();
    await ownerWrites(windows, 'o_e');
    await notice('o_e', 'held-e');
    fake.interaction('o_e', 'unfollow', clock.now());
    // The platform tells us before the callback does (43004) — the gate believes it.
    expect(await dispatcher().tick()).toMatchObject({ dead: 1 });
    await notice('o_e', 'fee-e', arrears(3));
    expect(await dispatcher().tick()).toMatchObject({ dead: 1, sent: 0 });
    expect(fake.to('o_e')).toEqual([]);
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'fee-e' } })).lastError).toBe(
      '业主已取消关注公众号，不再发送',
    );
  });

  it('a burst from two dispatchers never spends more than the window allows per owner', async () => {
    const OWNERS = 20;
    const PER_OWNER = 12;
    // PostgreSQL: a second pool, as a second instance has. SQLite: one writer process (design §6), one client.
    const other: Database =
      provider === 'postgresql'
        ? await openDatabase(db.url, { migrate: false })
        : { ...db, close: async () => undefined };
    try {
      const a = rig();
      const b = rig(other.prisma);
      for (let o = 0; o < OWNERS; o++) await ownerWrites(a.windows, `o_burst_${o}`);
      for (let o = 0; o < OWNERS; o++)
        for (let i = 0; i < PER_OWNER; i++)
          await notice(`o_burst_${o}`, `burst-${o}-${i}`, i % 2 === 0 ? arrears(i % 10) : undefined);
      const da = a.dispatcher({ workerId: 'a', concurrency: 8 });
      const db2 = b.dispatcher({ workerId: 'b', concurrency: 8 });
      const started = performance.now();
      const totals = { sent: 0, held: 0, failed: 0, dead: 0 };
      for (let round = 0; round < 10; round++) {
        const [ra, rb] = await Promise.all([da.tick(), db2.tick()]);
        for (const r of [ra, rb]) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
        if (ra.sent + rb.sent + ra.held + rb.held === 0) break;
      }
      const ms = performance.now() - started;
      const custom = fake.delivered.filter((d) => d.kind === 'text');
      const templates = fake.delivered.filter((d) => d.kind === 'template');
      const perOwner = new Map<string, number>();
      for (const d of custom) perOwner.set(d.openid, (perOwner.get(d.openid) ?? 0) + 1);
      expect([...perOwner.values()]).toEqual(Array.from({ length: OWNERS }, () => 5));
      // The platform never had to refuse one: our count kept us inside the quota.
      expect(fake.calls.filter((c) => c.errcode === 45047 || c.errcode === 45015)).toEqual([]);
      const held = await db.prisma.outboxMessage.count({ where: { status: 'HELD' } });
      expect(custom.length + templates.length + held).toBe(OWNERS * PER_OWNER);
      expect(await db.prisma.outboxMessage.count({ where: { status: { in: ['PENDING', 'SENDING', 'DEAD'] } } })).toBe(
        0,
      );
      console.log(
        `[burst] ${provider}: ${OWNERS} owners × ${PER_OWNER} notices, 2 dispatchers × 8 in flight → ` +
          `${custom.length} customer-service (exactly 5 per owner), ${templates.length} template, ${held} held, ` +
          `0 refused by the platform; ${ms.toFixed(0)} ms`,
      );
    } finally {
      if (provider === 'postgresql') await other.close();
    }
  });
});
