// Channels that describe themselves: addresses, limits and start-up checks come from the registry, and a channel
// nobody registered is refused (start-up) or a dead letter that names it (dispatch) — never sent as Bot Framework.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CHANNELS, BUILTIN_RATE_LIMITS, registerBuiltinChannels } from '../../adapters/channels.js';
import { TELEGRAM_CHANNEL, telegramChannel } from '../../adapters/telegram/telegram.channel.js';
import { WECHAT_CHANNEL, wechatChannel } from '../../adapters/wechat/wechat.channel.js';
import { openDatabase } from '../../src/db/client.js';
import { findOutboxRow } from '../../src/db/outbox.repo.js';
import { startApp } from '../../src/main.js';
import {
  ChannelRegistry,
  createChannelRegistry,
  UnknownChannelError,
  type ChannelDescriptor,
} from '../../src/notify/channel-registry.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { createNotifier } from '../../src/notify/notifier.js';
import { RateLimiter } from '../../src/notify/rate-limiter.js';
import { memoryLogger } from '../support/app.js';
import {
  createEmptyDatabaseUrl,
  createTestDatabase,
  describeEachDb,
  dropDatabaseUrl,
  type TestDatabase,
} from '../support/databases.js';
import { FakeClock } from './fakes.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const builtins = () => new ChannelRegistry(BUILTIN_CHANNELS);
const ref = JSON.stringify({ serviceUrl: 'https://smba.trafficmanager.net/', conversation: { id: 'c1' } });

describe('channel registry', () => {
  it('asks each channel how an account and a group become an address', () => {
    const r = builtins();
    expect(r.identityTarget({ channel: 'wechat', externalId: 'wxid_a', conversationRef: null })).toEqual({
      channel: 'wechat',
      address: 'contact:wxid_a',
    });
    expect(r.groupTarget({ channel: 'wechat', chatId: 'r1' })).toEqual({ channel: 'wechat', address: 'room:r1' });
    expect(r.identityTarget({ channel: 'telegram', externalId: '42', conversationRef: null })?.address).toBe('42');
    expect(r.identityTarget({ channel: 'wechat-oa', externalId: 'o-1', conversationRef: null })?.address).toBe('o-1');
    // Bot Framework carries the connector's ids (msteams, webchat…) and posts to the stored reference.
    expect(r.identityTarget({ channel: 'msteams', externalId: 'u', conversationRef: ref })).toEqual({
      channel: 'botframework',
      address: ref,
    });
    expect(r.groupTarget({ channel: 'msteams', chatId: 'g', conversationRef: null })?.address).toBeNull();
    // The Official Account has no groups.
    expect(r.groupTarget({ channel: 'wechat-oa', chatId: 'g' })?.address).toBeNull();
  });

  it('an unknown channel is refused, not taken for Bot Framework', () => {
    const r = builtins();
    // A second WeChat account nobody registered: adapter ids are never Bot Framework's.
    expect(r.identityTarget({ channel: 'wechat-2', externalId: 'wxid_b', conversationRef: ref })).toBeUndefined();
    expect(() => r.require('fax')).toThrow(UnknownChannelError);
    expect(() => r.require('fax')).toThrow(/channel "fax" is not registered/);
    expect(r.unknown({ outbox: ['telegram', 'fax', 'msteams'], stored: ['msteams', 'wechat-2', 'console'] })).toEqual([
      'fax',
      'msteams', // an outbox row always carries the adapter's id ('botframework'), never the connector's
      'wechat-2',
    ]);
  });

  it('refuses a second channel under a taken id, or an id Bot Framework carries', () => {
    const r = builtins();
    expect(() => r.register({ ...TELEGRAM_CHANNEL })).toThrow(/already registered/);
    expect(() => r.register({ ...TELEGRAM_CHANNEL, id: 'msteams' })).toThrow(/carried by Bot Framework/);
    r.register(TELEGRAM_CHANNEL); // the same descriptor again: a no-op
  });

  it('two accounts of one kind run side by side under distinct ids, each with its own address and limits', () => {
    const second = wechatChannel({ id: 'wechat-2' });
    expect(second).toMatchObject({ id: 'wechat-2', kind: 'wechat' });
    expect(wechatChannel()).toBe(WECHAT_CHANNEL);
    expect(telegramChannel()).toBe(TELEGRAM_CHANNEL);
    // A further Telegram bot: its own id and its own webhook path.
    expect(telegramChannel({ id: 'telegram-2' })).toMatchObject({
      id: 'telegram-2',
      kind: 'telegram',
      routes: [{ path: '/telegram/telegram-2/webhook' }],
    });
    const r = builtins().register(second);
    expect(r.identityTarget({ channel: 'wechat-2', externalId: 'wxid_b', conversationRef: null })).toEqual({
      channel: 'wechat-2',
      address: 'contact:wxid_b',
    });
    const clock = new FakeClock('2026-12-01T10:00:00+08:00');
    const rl = new RateLimiter(r.limits(), clock.now);
    expect(rl.tryAcquire({ channel: 'wechat', address: 'contact:a', isGroup: false }).ok).toBe(true);
    // The personal account's 3-second spacing does not hold back the other account.
    expect(rl.tryAcquire({ channel: 'wechat-2', address: 'contact:b', isGroup: false }).ok).toBe(true);
    expect(rl.tryAcquire({ channel: 'wechat', address: 'contact:c', isGroup: false }).ok).toBe(false);
  });

  it('gives each channel’s address of an account as data one SQL statement applies (the 公告 fan-out)', () => {
    const r = builtins().register(wechatChannel({ id: 'wechat-2' }));
    const rules = new Map(r.identityAddressRules().map((x) => [x.channel, x]));
    expect(rules.get('wechat-2')).toEqual({
      channel: 'wechat-2',
      hosted: false,
      from: 'externalId',
      prefix: 'contact:',
    });
    expect(rules.get('telegram')).toEqual({ channel: 'telegram', hosted: false, from: 'externalId', prefix: '' });
    expect(rules.get('botframework')).toEqual({
      channel: 'botframework',
      hosted: true,
      from: 'conversationRef',
      prefix: '',
    });
    // An address of any other form (say, an upper-cased id) cannot be declared: the form is data, checked by tsc.
  });

  it('send limits come from the channels, with the settings they read', () => {
    expect(Object.keys(BUILTIN_RATE_LIMITS).sort()).toEqual(['telegram', 'wechat', 'wechat-oa']);
    expect(BUILTIN_RATE_LIMITS.telegram?.perGroup).toEqual([{ count: 18, perMs: 60_000 }]);
    expect(builtins().limits({ WECHAT_DAILY_CAP: 2 }).wechat?.dailyCap).toBe(2);
    // A new channel's declared limit is what the rate limiter applies.
    const wecom: ChannelDescriptor = {
      // 企业微信: a new adapter's id is reserved from Bot Framework (src/shared/channel-ids.ts).
      id: 'wechat-work',
      kind: 'wecom',
      identityAddress: { from: 'externalId', prefix: '' },
      limits: { overall: [{ count: 1, perMs: 5000 }] },
      routes: [],
      capabilities: { buttons: 'numbered-menu', images: false, files: false, groups: false },
    };
    const clock = new FakeClock('2026-12-01T10:00:00+08:00');
    const rl = new RateLimiter(builtins().register(wecom).limits(), clock.now);
    expect(rl.tryAcquire({ channel: 'wechat-work', address: '1', isGroup: false })).toEqual({ ok: true });
    expect(rl.tryAcquire({ channel: 'wechat-work', address: '2', isGroup: false })).toEqual({
      ok: false,
      retryAt: new Date('2026-12-01T10:00:05+08:00'),
    });
  });
});

describeEachDb('unknown channels in stored data', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('a notice to an account on an unregistered channel is a dead letter that names it, never counted as sent', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00+08:00');
    const person = await db.prisma.person.create({
      data: {
        name: '测试',
        identities: { create: [{ channel: 'wechat-2', externalId: 'wxid_b', conversationRef: ref }] },
      },
    });
    const registry = builtins();
    const n = await createNotifier(registry).person(db.prisma, person.id, {
      kind: 'notice',
      message: { text: '通知' },
      dedupeKey: 'unknown-channel',
      at: clock.now(),
    });
    expect(n).toBe(0);
    const row = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { dedupeKey: { startsWith: 'unknown-channel' } },
    });
    expect(row.channel).toBe('wechat-2');
    const d = new Dispatcher({ repos: createRepositories(db.prisma), channels: new Map(), registry, now: clock.now });
    expect(await d.tick()).toMatchObject({ dead: 1, sent: 0 });
    expect(await findOutboxRow(db.prisma, row.id)).toMatchObject({
      status: 'DEAD',
      lastError: expect.stringContaining('channel "wechat-2" is not registered'),
    });
  });
});

describeEachDb('start-up with an unknown channel', (provider) => {
  let url: string;
  beforeAll(async () => {
    url = await createEmptyDatabaseUrl(provider);
    const db = await openDatabase(url);
    await db.prisma.channelIdentity.create({ data: { channel: 'wechat-2', externalId: 'wxid_b' } });
    await db.close();
  });
  afterAll(async () => {
    await dropDatabaseUrl(url);
  });

  const env = () => ({
    DATABASE_URL: url,
    PORT: '0',
    HOST: '127.0.0.1',
    CONSOLE_CHAT: 'off',
    SCHEDULER: 'off',
    SEED_DEMO: 'off',
  });

  it('refuses to start, naming the channel', async () => {
    const log = memoryLogger();
    await expect(startApp({ env: env(), logger: log.logger })).rejects.toThrow(/未注册的渠道 wechat-2/);
  });

  it('checks against the registry it is given: wechat-2 registered starts, another unknown id still refuses', async () => {
    const withSecond = () =>
      registerBuiltinChannels(createChannelRegistry()).register(wechatChannel({ id: 'wechat-2' }));
    const app = await startApp({ env: env(), logger: memoryLogger().logger, registry: withSecond() });
    await app.stop();

    const db = await openDatabase(url);
    await db.prisma.channelIdentity.create({ data: { channel: 'wechat-3', externalId: 'wxid_c' } });
    await db.close();
    await expect(startApp({ env: env(), logger: memoryLogger().logger, registry: withSecond() })).rejects.toThrow(
      /未注册的渠道 wechat-3/,
    );
    // The registry passed to one start-up is not the process's: a start without it knows only the built-ins.
    await expect(startApp({ env: env(), logger: memoryLogger().logger })).rejects.toThrow(
      /未注册的渠道 wechat-2、wechat-3/,
    );
  });
});

describeEachDb('notices in the reader’s language', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('an owner with two accounts gets each notice in that account’s language; staff groups read zh-CN', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00+08:00');
    const person = await db.prisma.person.create({
      data: {
        name: '测试',
        identities: {
          create: [
            { channel: 'telegram', externalId: '9001', locale: 'en' },
            { channel: 'telegram', externalId: '9002' },
          ],
        },
      },
    });
    const n = await createNotifier(builtins()).person(db.prisma, person.id, {
      kind: 'notice',
      message: (locale) => ({ text: locale === 'en' ? 'Your repair is done' : '您的报修已完工' }),
      dedupeKey: 'locale-notice',
      at: clock.now(),
    });
    expect(n).toBe(2);
    const rows = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'locale-notice' } } });
    const textTo = (address: string) => JSON.stringify(rows.find((r) => r.address === address)?.payload);
    expect(textTo('9001')).toContain('Your repair is done');
    expect(textTo('9002')).toContain('您的报修已完工');
  });
});
