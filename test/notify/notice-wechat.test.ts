// A 公告 to 1,000 owners on a personal WeChat account (#20): planned by NoticeService.confirm, sent by the real
// Dispatcher through the real WechatAdapter on wechaty's PuppetMock. What the mock contacts and room received is the
// record. (a) With a registered owner group (注册群 业主群) the 公告 is ONE group post and no private send — thousands
// of private sends would get a personal account banned. (b) Without one, the private sends keep WeChat's limits
// (adapters/wechat/wechat.channel.ts: ≥ 3 s apart, WECHAT_DAILY_CAP = 300 a day): the dispatcher is ticked by hand on
// an injected clock that jumps to the next due send, so four local days pass in seconds of real time.
// Figures (2026-12-05, load ≈ 7–8, both databases alike): account sends per local day 300 / 300 / 300 / 101 (day 1
// is (a)'s group post + 299 private: the cap is the account's), min gap 3.0 s by the injected clock, 0 duplicated,
// 0 lost, 0 dead letters. (b) runs after (a) in the same database. Real time for (b): SQLite ≈ 20 s, PostgreSQL ≈ 60 s (shared limits).
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log as wechatyLog } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { WechatAdapter } from '../../adapters/wechat/wechat.adapter.js';
import { WECHAT_CHANNEL } from '../../adapters/wechat/wechat.channel.js';
import { ChannelRegistry } from '../../src/notify/channel-registry.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { NoticeService } from '../../src/notices/notice.service.js';
import { createLogger } from '../../src/shared/logger.js';
import { localDateKey } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { eventually } from '../support/patience.js';
import { testNotifier } from '../support/channels.js';
import { FakeClock } from './fakes.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

wechatyLog.level('silent');

const OWNERS = 1_000;
const TZ = 'Asia/Shanghai';
const noTurns: TurnHandler = { onTurn: async () => undefined, onTurnError: async () => undefined };

describeEachDb('公告 to 1,000 owners on a personal WeChat account (PuppetMock)', (provider) => {
  let db: TestDatabase;
  let dataDir: string;
  let adapter: WechatAdapter;
  let dispatcher: Dispatcher;
  let notices: NoticeService;
  let room: mock.RoomMock;
  let staffId: string;
  let estate: Parameters<NoticeService['confirm']>[0];
  const clock = new FakeClock('2026-12-02T10:00:00+08:00');
  /** What the bot account said: to whom (contact id or 'room') and when, by the injected clock. */
  const received: { to: string; at: number }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-notice-wechat-'));
    const mocker = new mock.Mocker();
    adapter = new WechatAdapter({
      puppet: new PuppetMock({ mocker }),
      handler: noTurns,
      isRegisteredGroup: async () => false,
      media: createRepositories(db.prisma).media,
      dataDir,
      logger: createLogger('silent'),
      sendGapMs: 0,
      now: clock.now,
    });
    await adapter.start();
    const botUser = mocker.createContact({ name: '物业小助手' });
    mocker.login(botUser);
    await eventually(() => expect(adapter.loggedIn).toBe(true));
    const watch = (who: mock.ContactMock | mock.RoomMock, to: string) => {
      if (!(who instanceof EventEmitter)) throw new Error('mock is not an EventEmitter');
      who.on('message', (m: mock.MessageMock) => {
        if (m.payload.talkerId === botUser.id) received.push({ to, at: clock.now().getTime() });
      });
    };
    const contacts = Array.from({ length: OWNERS }, (_, i) => mocker.createContact({ name: `业主${i}` }));
    for (const c of contacts) watch(c, c.id);
    room = mocker.createRoom({ topic: '测试小区业主群', memberIdList: [botUser.id, ...contacts.map((c) => c.id)] });
    watch(room, 'room');

    const p = db.prisma;
    const e = await p.estate.create({ data: { code: 'W', name: '测试小区', deskPhone: '1', emergencyPhone: '2' } });
    const b = await p.building.create({ data: { estateId: e.id, name: '1' } });
    const ids = contacts.map((_, i) => i);
    await p.unit.createMany({ data: ids.map((i) => ({ id: `u${i}`, buildingId: b.id, room: String(1000 + i) })) });
    await p.person.createMany({ data: ids.map((i) => ({ id: `p${i}`, name: `业主${i}` })) });
    await p.unitMembership.createMany({
      data: ids.map((i) => ({ unitId: `u${i}`, personId: `p${i}`, role: 'OWNER' as const })),
    });
    await p.channelIdentity.createMany({
      data: ids.map((i) => ({ channel: 'wechat', externalId: contacts[i]!.id, personId: `p${i}` })),
    });
    const person = await p.person.create({ data: { name: '主管' } });
    staffId = (await p.staff.create({ data: { estateId: e.id, personId: person.id, role: 'SUPERVISOR' } })).id;
    estate = { id: e.id, name: '测试小区', deskPhone: '1', timezone: TZ, settings: { handoffMaxTopicLength: 500 } };
    notices = new NoticeService(createRepositories(p), testNotifier(), clock.now);
    dispatcher = new Dispatcher({
      repos: createRepositories(p),
      channels: new Map([['wechat', adapter]]),
      // The channel's own limits as the app reads them (no WECHAT_DAILY_CAP set: 300 a day).
      limits: new ChannelRegistry([WECHAT_CHANNEL]).limits({}),
      now: clock.now,
      timeZone: TZ,
      batchSize: 3,
      random: () => 1,
    });
  }, 120_000);
  afterAll(async () => {
    await adapter?.stop();
    await db?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function publish(title: string) {
    const author = { staffId, channel: 'console', conversation: 'c' };
    const d = await notices.createDraft(estate, author, {
      title,
      body: '12月3日 9:00–11:00 1栋电梯检修停运。',
      pictureUrl: null,
      audience: 'all',
      buildings: [],
      urgent: false,
    });
    const r = await notices.confirm(estate, author, d.seq);
    if (!r.ok) throw new Error(`not published: ${r.reason}`);
    return r;
  }

  /** Ticks until nothing is pending: one tick per 3 s while sends go, else a jump to the next row's due time. */
  async function drain(): Promise<number> {
    let ticks = 0;
    for (;;) {
      const r = await dispatcher.tick();
      ticks++;
      if (r.sent > 0) {
        clock.advance(3_000);
        continue;
      }
      const next = await db.prisma.outboxMessage.findFirst({
        where: { status: { in: ['PENDING', 'SENDING'] } },
        orderBy: { nextAttemptAt: 'asc' },
      });
      if (!next) return ticks;
      clock.set(new Date(Math.max(clock.now().getTime() + 3_000, next.nextAttemptAt.getTime())));
      if (ticks > 20_000) throw new Error('outbox never drained');
    }
  }

  it('(a) with an owner group registered: one post in the group, no private send', async () => {
    await notices.registerOwnerGroup(
      estate,
      { channel: 'wechat', chatId: room.id, title: '测试小区业主群', conversationRef: null },
      'zh-CN',
    );
    const r = await publish('电梯检修');
    expect([r.privateCount, r.groupCount]).toEqual([0, 1]);
    await drain();
    expect(received.filter((m) => m.to === 'room')).toHaveLength(1);
    expect(received.filter((m) => m.to !== 'room')).toHaveLength(0);
    console.log(`[公告 WeChat ${provider}] with an owner group: 1 group post, 0 private sends to ${OWNERS} owners`);
    await db.prisma.ownerGroup.deleteMany();
  }, 60_000);

  it('(b) no owner group: private sends ≥ 3 s apart, ≤ 300 a local day, the rest held until the next day', async () => {
    const r = await publish('停水通知');
    expect([r.privateCount, r.groupCount]).toEqual([OWNERS, 0]);
    const firstDay = localDateKey(clock.now(), TZ);
    const ticks = await drain();

    // The account's one group post from (a) went out on the same day and counts against the same daily cap.
    expect(received.filter((m) => m.to === 'room')).toHaveLength(1);
    const to = received.filter((m) => m.to !== 'room').map((m) => m.to);
    expect(to).toHaveLength(OWNERS); // 0 duplicated…
    expect(new Set(to).size).toBe(OWNERS); // …0 lost
    expect(await db.prisma.outboxMessage.count({ where: { status: 'DEAD' } })).toBe(0);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'announcement', status: 'SENT' } })).toBe(OWNERS + 1);

    const at = received.map((m) => m.at).sort((x, y) => x - y);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    const minGap = Math.min(...gaps);
    // Per local day, every send by the account (the cap is the account's, group post included).
    const perDay = new Map<string, number>();
    for (const t of at) {
      const day = localDateKey(new Date(t), TZ);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    console.log(
      `[公告 WeChat ${provider}] no owner group: ${OWNERS} private sends (+ 1 group post from (a)) in ${ticks} ` +
        `dispatcher ticks; account sends per local day ` +
        `${[...perDay].map(([d, n]) => `${d}: ${n}`).join(', ')}; min gap ${minGap / 1000} s (injected clock)`,
    );
    expect(minGap).toBeGreaterThanOrEqual(3_000);
    expect(perDay.get(firstDay)).toBe(300);
    for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(300);
    expect([...perDay.values()]).toEqual([300, 300, 300, 101]);
    // The rest waited for the next local day (and its daytime hours), not dead letters.
    const [, ...later] = [...perDay.keys()];
    expect(later.every((d) => d > firstDay)).toBe(true);
  }, 180_000);
});
