// Two personal WeChat accounts side by side in one bot over one database (#18): the first under `wechat`, the second
// under `wechat-2` (its adapter `new WechatAdapter({ id: 'wechat-2' })`, its descriptor `wechatChannel({ id })`
// registered in the registry the bot is built with). Each account is a wechaty PuppetMock of its own; the same two
// WeChat users (same wxids) exist on both, so a message leaving through the wrong account would be seen.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log as wechatyLog } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinChannels } from '../../adapters/channels.js';
import { WechatAdapter, type WechatChannelId } from '../../adapters/wechat/wechat.adapter.js';
import { wechatChannel } from '../../adapters/wechat/wechat.channel.js';
import { buildBot, type BotParts } from '../../src/main.js';
import { isRegisteredStaffChat } from '../../src/db/recipient.repo.js';
import { seedDemo } from '../../src/db/seed.js';
import { createChannelRegistry } from '../../src/notify/channel-registry.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { NoticeService } from '../../src/notices/notice.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { memoryLogger, UNLIMITED_INBOUND, WEEKDAY_MORNING } from '../support/app.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { eventually } from '../support/patience.js';
import { FakeClock } from '../notify/fakes.js';

wechatyLog.level('silent');

/** One logged-in account: its mock WeChat, its bot user, the adapter, and the two owners as contacts on it. */
interface Account {
  id: WechatChannelId;
  mocker: mock.Mocker;
  botUser: mock.ContactMock;
  adapter: WechatAdapter;
  /** What each owner's contact received from this account's bot user. */
  inbox: { a: string[]; b: string[] };
}

const WXID_A = 'wxid_owner_a';
const WXID_B = 'wxid_owner_b';

describeEachDb('two wechaty accounts side by side (wechat, wechat-2)', (provider) => {
  let db: TestDatabase;
  let dataDir: string;
  let parts: BotParts;
  let one: Account;
  let two: Account;
  let dispatcher: Dispatcher;
  let ownerA: string;
  let ownerB: string;
  const clock = new FakeClock('2026-12-02T10:00:00+08:00');

  async function account(id: WechatChannelId): Promise<Account> {
    const mocker = new mock.Mocker();
    const adapter = new WechatAdapter({
      id,
      puppet: new PuppetMock({ mocker }),
      handler: parts.bot,
      isRegisteredGroup: (channel, chatId) => isRegisteredStaffChat(db.prisma, channel, chatId),
      media: parts.repos.media,
      dataDir,
      logger: memoryLogger().logger,
      sendGapMs: 0,
      printQr: () => undefined,
      now: systemClock, // PuppetMock stamps messages with the process clock
    });
    await adapter.start();
    const botUser = mocker.createContact({ name: `物业小助手 ${id}` });
    const inbox = { a: [] as string[], b: [] as string[] };
    for (const [key, wxid] of [
      ['a', WXID_A],
      ['b', WXID_B],
    ] as const) {
      const contact = mocker.createContact({ id: wxid, name: `业主 ${key}` });
      // The mocks are EventEmitters; their typed-emitter typings do not resolve here.
      if (!(contact instanceof EventEmitter)) throw new Error('mock is not an EventEmitter');
      contact.on('message', (m: mock.MessageMock) => {
        if (m.payload.talkerId === botUser.id && m.text()) inbox[key].push(m.text() ?? '');
      });
    }
    mocker.login(botUser);
    await eventually(() => expect(adapter.loggedIn).toBe(true));
    return { id, mocker, botUser, adapter, inbox };
  }

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-wechat-two-'));
    // The composition root's registry: the built-in channels and the second account under its own id.
    const registry = registerBuiltinChannels(createChannelRegistry()).register(wechatChannel({ id: 'wechat-2' }));
    parts = buildBot(db, memoryLogger().logger, {
      now: () => WEEKDAY_MORNING,
      registry,
      inboundLimits: UNLIMITED_INBOUND,
    });
    one = await account('wechat');
    two = await account('wechat-2');
    // Two owners of the demo estate with no chat account yet, bound on one account each.
    const owners = await db.prisma.person.findMany({
      where: { memberships: { some: { role: 'OWNER' } }, identities: { none: {} } },
      orderBy: { name: 'asc' },
      take: 2,
    });
    [ownerA, ownerB] = owners.map((o) => o.id) as [string, string];
    await db.prisma.channelIdentity.create({ data: { channel: 'wechat', externalId: WXID_A, personId: ownerA } });
    await db.prisma.channelIdentity.create({ data: { channel: 'wechat-2', externalId: WXID_B, personId: ownerB } });
    dispatcher = new Dispatcher({
      repos: parts.repos,
      channels: new Map([one.adapter, two.adapter].map((a) => [a.name, a])),
      registry: parts.registry,
      now: clock.now,
      random: () => 1,
    });
  }, 120_000);

  afterAll(async () => {
    await one?.adapter.stop();
    await two?.adapter.stop();
    await db?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('each account has its own channel id, and the registry knows both', () => {
    expect([one.adapter.name, two.adapter.name]).toEqual(['wechat', 'wechat-2']);
    expect(parts.registry.get('wechat-2')).toMatchObject({ id: 'wechat-2', kind: 'wechat' });
    expect(parts.registry.limits()['wechat-2']).toEqual(parts.registry.limits().wechat);
  });

  it('a notice to each owner leaves through that owner’s account only', async () => {
    const notice = (key: string) => ({
      kind: 'notice',
      message: { text: `停水通知 ${key}` },
      dedupeKey: `two-accounts:${key}`,
      at: clock.now(),
    });
    expect(await parts.notifier.person(parts.repos.outbox, ownerA, notice('A'))).toBe(1);
    expect(await parts.notifier.person(parts.repos.outbox, ownerB, notice('B'))).toBe(1);
    const rows = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: 'two-accounts:' } },
      orderBy: { dedupeKey: 'asc' },
    });
    expect(rows.map((r) => [r.channel, r.address])).toEqual([
      ['wechat', `contact:${WXID_A}`],
      ['wechat-2', `contact:${WXID_B}`],
    ]);

    // One tick sends both: each account's 3-second spacing holds back only its own sends.
    expect(await dispatcher.tick()).toMatchObject({ sent: 2, failed: 0, dead: 0 });
    await eventually(() => {
      expect(one.inbox).toEqual({ a: ['停水通知 A'], b: [] });
      expect(two.inbox).toEqual({ a: [], b: ['停水通知 B'] });
    });
    const sent = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'two-accounts:' } } });
    expect(sent.every((r) => r.status === 'SENT')).toBe(true);
  });

  it('a 公告 to the estate reaches each owner through that owner’s account; groups on wechat-2 are addressed on it', async () => {
    const membership = await db.prisma.unitMembership.findFirstOrThrow({
      where: { personId: ownerA },
      include: { unit: { include: { building: true } } },
    });
    const estate = await parts.estates.byId(membership.unit.building.estateId);
    if (!estate) throw new Error('no demo estate');
    const staff = await db.prisma.staff.findFirstOrThrow({ where: { estateId: estate.id } });
    const notices = new NoticeService(parts.repos, parts.notifier, clock.now);
    const author = { staffId: staff.id, channel: 'console', conversation: 'two-accounts' };
    const publish = async (title: string) => {
      const draft = await notices.createDraft(estate, author, {
        title,
        body: '明天 9:00–12:00 停水。',
        pictureUrl: null,
        audience: 'all',
        buildings: [],
        urgent: false,
      });
      const r = await notices.confirm(estate, author, draft.seq);
      if (!r.ok) throw new Error(`not published: ${r.reason}`);
      return draft.id;
    };
    const rowsOf = async (noticeId: string) => {
      const ids = await db.prisma.channelIdentity.findMany({ where: { personId: { in: [ownerA, ownerB] } } });
      const rows = await db.prisma.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: `notice:${noticeId}|` } },
      });
      const key = (suffix: string) => rows.find((r) => r.dedupeKey === `notice:${noticeId}|${suffix}`);
      return { ids, key };
    };

    // No owner group: each WeChat owner privately, through the account they are bound on.
    const first = await publish('停水通知');
    const { ids, key } = await rowsOf(first);
    const idOf = (channel: string) => ids.find((i) => i.channel === channel)?.id ?? '';
    expect([key(idOf('wechat')), key(idOf('wechat-2'))].map((r) => r && [r.channel, r.address])).toEqual([
      ['wechat', `contact:${WXID_A}`],
      ['wechat-2', `contact:${WXID_B}`],
    ]);
    clock.advance(60_000);
    await eventually(async () => {
      clock.advance(3_000);
      await dispatcher.tick();
      expect(one.inbox.a.some((m) => m.includes('停水通知'))).toBe(true);
      expect(two.inbox.b.some((m) => m.includes('停水通知'))).toBe(true);
    });
    // Neither owner heard it through the other account.
    expect(one.inbox.b.some((m) => m.includes('停水通知'))).toBe(false);
    expect(two.inbox.a.some((m) => m.includes('停水通知'))).toBe(false);

    // An owner group on wechat-2: the post goes to that room on wechat-2, and wechat-2's owners read it there (no
    // private send from that account); the first account, with no group, still sends privately.
    const room = 'owners-two@chatroom';
    await notices.registerOwnerGroup(
      estate,
      { channel: 'wechat-2', chatId: room, title: '业主群', conversationRef: null },
      'zh-CN',
    );
    const group = await db.prisma.ownerGroup.findFirstOrThrow({ where: { channel: 'wechat-2', chatId: room } });
    const second = await publish('停电通知');
    const again = await rowsOf(second);
    expect(again.key(`group:${group.id}`)).toMatchObject({
      channel: 'wechat-2',
      address: `room:${room}`,
      isGroup: true,
    });
    expect(again.key(idOf('wechat'))).toMatchObject({ channel: 'wechat', address: `contact:${WXID_A}` });
    expect(again.key(idOf('wechat-2'))).toBeUndefined();

    // A staff group registered on wechat-2 is addressed on wechat-2 too.
    const staffChat = await db.prisma.staffChat.create({
      data: { estateId: estate.id, role: 'SUPERVISOR', channel: 'wechat-2', chatId: 'staff-two@chatroom' },
    });
    await parts.notifier.staffGroup(parts.repos.outbox, estate.id, 'SUPERVISOR', {
      kind: 'notice',
      message: { text: '值班提醒' },
      dedupeKey: 'two-accounts:staff',
      at: clock.now(),
    });
    expect(
      await db.prisma.outboxMessage.findUnique({ where: { dedupeKey: `two-accounts:staff|${staffChat.id}` } }),
    ).toMatchObject({ channel: 'wechat-2', address: 'room:staff-two@chatroom', isGroup: true });
  });

  it('a message received on account 2 is answered on account 2, under the wechat-2 identity', async () => {
    const before = { one: [...one.inbox.b], two: two.inbox.b.length };
    const contact = two.mocker.ContactMock.load(WXID_B);
    contact.say('你好').to(two.botUser);
    await eventually(() => expect(two.inbox.b.length).toBeGreaterThan(before.two));
    // Nothing went out through the first account, though the same WeChat user exists there.
    expect(one.inbox.b).toEqual(before.one);
    const identities = await db.prisma.channelIdentity.findMany({ where: { externalId: WXID_B } });
    expect(identities.map((i) => [i.channel, i.personId])).toEqual([['wechat-2', ownerB]]);
  });
});

describe('a WeChat account id', () => {
  it('is wechat or wechat-…, as the channel registry keeps them from Bot Framework', () => {
    const opts = {
      puppet: 'wechaty-puppet-mock',
      handler: { onTurn: async () => undefined, onTurnError: async () => undefined },
      isRegisteredGroup: async () => false,
      media: {} as BotParts['repos']['media'],
      dataDir: os.tmpdir(),
      logger: memoryLogger().logger,
      now: systemClock,
    };
    expect(new WechatAdapter(opts).name).toBe('wechat');
    expect(new WechatAdapter({ ...opts, id: 'wechat-shop' }).name).toBe('wechat-shop');
    expect(() => new WechatAdapter({ ...opts, id: 'wechat-Shop 2' })).toThrow(/not a WeChat account id/);
  });

  it("is not another adapter kind's id that starts with wechat-", () => {
    const opts = {
      puppet: 'wechaty-puppet-mock',
      handler: { onTurn: async () => undefined, onTurnError: async () => undefined },
      isRegisteredGroup: async () => false,
      media: {} as BotParts['repos']['media'],
      dataDir: os.tmpdir(),
      logger: memoryLogger().logger,
      now: systemClock,
    };
    // The Official Account's id (and further OA accounts) belong to WechatOaAdapter, not to a personal account.
    expect(() => new WechatAdapter({ ...opts, id: 'wechat-oa' })).toThrow(/not a WeChat account id/);
    expect(() => new WechatAdapter({ ...opts, id: 'wechat-oa-2' })).toThrow(/not a WeChat account id/);
  });
});
