// Drives the real wechaty API through wechaty-puppet-mock: mock contacts/rooms talk to the bot, the adapter runs a tiny
// TurnHandler, and we watch what the mock contacts receive.
import { EventEmitter } from 'node:events';
import { systemClock } from '../../src/shared/clock.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageFactory, type Activity } from 'botbuilder';
import { FileBox } from 'file-box';
import { ScanStatus, log as wechatyLog, types as wechatyTypes } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatConfigSchema, wechatPuppetSettings } from '../../adapters/wechat/wechat.config.js';
import { WechatAdapter, qrcodeUrl } from '../../adapters/wechat/wechat.adapter.js';
import { findMediaByContentUrl } from '../../src/db/media.repo.js';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { createLogger } from '../../src/shared/logger.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { eventually } from '../support/patience.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

wechatyLog.level('silent');

// 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

interface LogLine {
  msg?: string;
  reason?: string;
  messageId?: string;
  url?: string;
}

describeEachDb('WechatAdapter (wechaty + PuppetMock)', (provider) => {
  let db: TestDatabase;
  let dataDir: string;
  let adapter: WechatAdapter;
  let mocker: mock.Mocker;
  let puppet: PuppetMock;
  let botUser: mock.ContactMock;
  const seen: Partial<Activity>[] = [];
  const logs: LogLine[] = [];
  const qrs: string[] = [];
  const registered = new Set<string>();

  // Replies '您好' with two suggested actions, and records every activity it was given.
  const handler: TurnHandler = {
    async onTurn(ctx) {
      seen.push(ctx.activity);
      if (ctx.activity.text === '出错') throw new Error('boom');
      await ctx.sendActivity(MessageFactory.suggestedActions(['投诉', '装修'], '您好'));
    },
    async onTurnError(ctx) {
      await ctx.sendActivity('抱歉，出错了');
    },
  };

  /** Texts a mock contact (or room) received from the bot. */
  function inbox(who: mock.ContactMock | mock.RoomMock): { texts: string[]; types: number[] } {
    const box = { texts: [] as string[], types: [] as number[] };
    const record = (m: mock.MessageMock) => {
      if (m.payload.talkerId !== botUser.id) return;
      box.types.push(m.type());
      if (m.text()) box.texts.push(m.text() ?? '');
    };
    // The mocks are EventEmitters; their typed-emitter typings do not resolve here.
    if (!(who instanceof EventEmitter)) throw new Error('mock is not an EventEmitter');
    who.on('message', record);
    return box;
  }

  /** The id the mock gave a message, found by its text. */
  function idOf(text: string): string {
    const p = [...mocker.cacheMessagePayload.values()].find((m) => m.text === text);
    if (!p) throw new Error(`no mock message "${text}"`);
    return p.id;
  }

  const seenText = (text: string) => seen.find((a) => a.text === text);

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-wechat-'));
    mocker = new mock.Mocker();
    puppet = new PuppetMock({ mocker });
    adapter = new WechatAdapter({
      puppet,
      handler,
      isRegisteredGroup: async (channel, chatId) => channel === 'wechat' && registered.has(chatId),
      media: createRepositories(db.prisma).media,
      dataDir,
      logger: createLogger('debug', { write: (s: string) => logs.push(JSON.parse(s) as LogLine) }),
      sendGapMs: 0,
      restartBackoffMs: { initial: 5, max: 20 },
      printQr: (q) => qrs.push(q),
      now: systemClock, // PuppetMock stamps messages with the process clock
    });
    await adapter.start();
    mocker.scan('https://login.weixin.qq.com/l/wuye-test', ScanStatus.Waiting);
    botUser = mocker.createContact({ name: '物业小助手' });
    mocker.login(botUser);
    await eventually(() => expect(adapter.loggedIn).toBe(true));
  });

  afterAll(async () => {
    await adapter.stop();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the login QR and logs its URL', () => {
    expect(qrs).toEqual(['https://login.weixin.qq.com/l/wuye-test']);
    expect(logs.some((l) => l.url === qrcodeUrl('https://login.weixin.qq.com/l/wuye-test'))).toBe(true);
    expect(qrcodeUrl('https://login.weixin.qq.com/l/wuye-test')).toBe(
      'https://wechaty.js.org/qrcode/https%3A%2F%2Flogin.weixin.qq.com%2Fl%2Fwuye-test',
    );
  });

  it('a contact messages the bot: one turn runs and the reply is a numbered menu', async () => {
    const owner = mocker.createContact({ name: '张阿姨' });
    const box = inbox(owner);
    owner.say('你好').to(botUser);
    await eventually(() => expect(box.texts).toEqual(['您好\n\n1. 投诉\n2. 装修']));
    const act = seenText('你好');
    expect(act).toMatchObject({
      type: 'message',
      channelId: 'wechat',
      id: idOf('你好'),
      locale: 'zh-CN',
      conversation: { id: owner.id, isGroup: false },
      from: { id: owner.id, name: '张阿姨' },
    });

    // A full-width "２" picks the second entry of the menu just shown.
    owner.say('２').to(botUser);
    await eventually(() => expect(seenText('装修')).toBeDefined());
    expect(seenText('装修')?.channelData).toMatchObject({ menuPick: { index: 1, typed: '２' } });
    await eventually(() => expect(box.texts).toHaveLength(2));

    // "第一个" works the same against the menu of the last reply.
    owner.say('第一个').to(botUser);
    await eventually(() => expect(seenText('投诉')).toBeDefined());
  });

  it('an error in the turn reaches onTurnError, whose apology is delivered; the process keeps going', async () => {
    const owner = mocker.createContact({ name: '钱先生' });
    const box = inbox(owner);
    owner.say('出错').to(botUser);
    await eventually(() => expect(box.texts).toEqual(['抱歉，出错了']));
    owner.say('你好').to(botUser);
    await eventually(() => expect(box.texts).toHaveLength(2));
  });

  it('a voice message in a private chat is answered in zh-CN (send text or a photo), not left unanswered', async () => {
    const owner = mocker.createContact({ name: '周先生' });
    const box = inbox(owner);
    const msg = mocker.MessageMock.create({
      id: 'wx-voice-1',
      talkerId: owner.id,
      listenerId: botUser.id,
      text: '',
      timestamp: Date.now(),
      type: wechatyTypes.Message.Audio,
    });
    puppet.emit('message', { messageId: msg.id });
    await eventually(() => expect(box.texts).toEqual(['暂不支持语音、视频、表情等消息，请发送文字或图片。']));
    expect(seen.some((a) => a.id === 'wx-voice-1')).toBe(false);
  });

  it('a photo that cannot be downloaded from WeChat: the owner is asked to send it again', async () => {
    const owner = mocker.createContact({ name: '吴女士' });
    const box = inbox(owner);
    // PuppetMock has no file behind this image message, as when WeChat's CDN fails.
    const msg = mocker.MessageMock.create({
      id: 'wx-img-1',
      talkerId: owner.id,
      listenerId: botUser.id,
      text: '',
      timestamp: Date.now(),
      type: wechatyTypes.Message.Image,
    });
    puppet.emit('message', { messageId: msg.id });
    await eventually(() => expect(box.texts).toEqual(['图片或文件没有接收成功，请重新发送一次。']));
    expect(seen.some((a) => a.id === 'wx-img-1')).toBe(false);
  });

  it('a number with no menu shown passes through as text', async () => {
    const owner = mocker.createContact({ name: '李先生' });
    owner.say('3').to(botUser);
    await eventually(() => expect(seen.find((a) => a.from?.id === owner.id)?.text).toBe('3'));
  });

  it('a registered group message that @-mentions the bot reaches the pipeline, without the mention', async () => {
    const staff = mocker.createContact({ name: '王助理' });
    const room = mocker.createRoom({ topic: '物业助理群', memberIdList: [botUser.id, staff.id] });
    registered.add(room.id);
    const box = inbox(room);
    staff.say('@物业小助手 /待办', [botUser]).to(room);
    await eventually(() => expect(seenText('/待办')).toBeDefined());
    expect(seenText('/待办')).toMatchObject({
      conversation: { id: room.id, isGroup: true },
      from: { id: staff.id, name: '王助理' },
      channelData: { roomTopic: '物业助理群' },
    });
    // The reply goes to the room (addressed to the staff member).
    await eventually(() => expect(box.texts.some((t) => t.includes('您好') && t.includes('1. 投诉'))).toBe(true));
  });

  it('in a registered group, chatter that does not mention the bot is ignored', async () => {
    const staff = mocker.createContact({ name: '赵主管' });
    const room = mocker.createRoom({ topic: '维修群', memberIdList: [botUser.id, staff.id] });
    registered.add(room.id);
    staff.say('大家辛苦了').to(room);
    const id = await eventually(() => idOf('大家辛苦了'));
    await eventually(() => expect(logs.some((l) => l.messageId === id && l.reason === 'not-mentioned')).toBe(true));
    expect(seen.find((a) => a.id === id)).toBeUndefined();
  });

  it("in a registered group, a quote reply to the bot's notice reaches the bot with the notice as quotedText", async () => {
    const staff = mocker.createContact({ name: '孙助理' });
    const room = mocker.createRoom({ topic: '客服助理群2', memberIdList: [botUser.id, staff.id] });
    registered.add(room.id);
    staff.say('「物业小助手：【新投诉】TS-20261128-0007 漏水」\n- - - - - - - - - - - - - - -\n认领').to(room);
    await eventually(() => expect(seen.find((a) => a.from?.id === staff.id)).toBeDefined());
    expect(seen.find((a) => a.from?.id === staff.id)).toMatchObject({
      text: '认领',
      conversation: { id: room.id, isGroup: true },
      channelData: { quotedText: '【新投诉】TS-20261128-0007 漏水' },
    });
  });

  it('a group that is not registered is ignored, even when it mentions the bot', async () => {
    const stranger = mocker.createContact({ name: '路人' });
    const room = mocker.createRoom({ topic: '业主闲聊群', memberIdList: [botUser.id, stranger.id] });
    stranger.say('@物业小助手 投诉', [botUser]).to(room);
    const id = await eventually(() => idOf('@物业小助手 投诉'));
    await eventually(() =>
      expect(logs.some((l) => l.messageId === id && l.reason === 'room-not-registered')).toBe(true),
    );
    expect(seen.find((a) => a.id === id)).toBeUndefined();
  });

  it('注册群 from a group that is not registered yet reaches the bot (so the group can be registered)', async () => {
    const supervisor = mocker.createContact({ name: '张主管' });
    const room = mocker.createRoom({ topic: '客服组', memberIdList: [botUser.id, supervisor.id] });
    supervisor.say('@物业小助手 注册群 客户助理', [botUser]).to(room);
    await eventually(() =>
      expect(seen.some((a) => a.text === '注册群 客户助理' && a.conversation?.isGroup === true)).toBe(true),
    );
  });

  it("ignores the account's own messages", async () => {
    const owner = mocker.createContact({ name: '孙女士' });
    botUser.say('我自己发的').to(owner);
    const id = await eventually(() => idOf('我自己发的'));
    await eventually(() => expect(logs.some((l) => l.messageId === id && l.reason === 'self')).toBe(true));
    expect(seen.find((a) => a.id === id)).toBeUndefined();
  });

  it('ignores a backlog message sent more than 2 minutes before start-up', async () => {
    const owner = mocker.createContact({ name: '周先生' });
    const msg = mocker.MessageMock.create({
      id: 'old-msg-1',
      talkerId: owner.id,
      listenerId: botUser.id,
      text: '昨天的消息',
      timestamp: Date.now() - 10 * 60_000,
      type: wechatyTypes.Message.Text,
    });
    puppet.emit('message', { messageId: msg.id });
    await eventually(() => expect(logs.some((l) => l.messageId === 'old-msg-1' && l.reason === 'backlog')).toBe(true));
    expect(seen.find((a) => a.id === 'old-msg-1')).toBeUndefined();
  });

  it('an image is saved to DATA_DIR, recorded as a MediaFile and attached to the activity', async () => {
    const owner = mocker.createContact({ name: '吴阿姨' });
    owner.say(FileBox.fromBase64(PNG.toString('base64'), '漏水.png')).to(botUser);
    await eventually(() => expect(seen.find((a) => a.from?.id === owner.id)).toBeDefined());
    const act = seen.find((a) => a.from?.id === owner.id);
    const att = act?.attachments?.[0];
    expect(att).toMatchObject({ contentType: 'image/png', name: '漏水.png' });
    expect(att?.contentUrl).toMatch(/^media:/);
    const row = await findMediaByContentUrl(db.prisma, att?.contentUrl ?? '');
    expect(row).toMatchObject({ channel: 'wechat', externalId: act?.id, mimeType: 'image/png', sizeBytes: PNG.length });
    expect(row?.path).toBe(path.join(path.resolve(dataDir), 'media', 'wechat', `${act?.id}.png`));
    expect(fs.readFileSync(row?.path ?? '')).toEqual(PNG);
  });

  it('Channel.send delivers a proactive message with a menu the contact can answer by number', async () => {
    const owner = mocker.createContact({ name: '郑先生' });
    const box = inbox(owner);
    const r = await adapter.send(`contact:${owner.id}`, { text: '您的报修已受理', suggestions: ['查看进度', '评价'] });
    expect(r.ok).toBe(true);
    await eventually(() => expect(box.texts).toEqual(['您的报修已受理\n\n1. 查看进度\n2. 评价']));
    owner.say('一').to(botUser);
    await eventually(() => expect(seen.find((a) => a.from?.id === owner.id)?.text).toBe('查看进度'));
  });

  it('Channel.send with an image sends the text and then the picture', async () => {
    const owner = mocker.createContact({ name: '冯女士' });
    const box = inbox(owner);
    const r = await adapter.send(`contact:${owner.id}`, { text: '本月收缴率', image: { png: PNG } });
    expect(r.ok).toBe(true);
    await eventually(() => expect(box.types).toEqual([wechatyTypes.Message.Text, wechatyTypes.Message.Image]));
    expect(box.texts).toEqual(['本月收缴率']);
  });

  it('Channel.send with a document (the 导出 .xlsx) sends the text and then the file', async () => {
    const staff = mocker.createContact({ name: '张主管' });
    const box = inbox(staff);
    expect(adapter.supportsFiles).toBe(true);
    const r = await adapter.send(`contact:${staff.id}`, {
      text: '锦绣花园 2026年11月工单表（8 单）',
      file: { data: Buffer.from('PK xlsx'), name: '工单-2026-11.xlsx', mimeType: 'application/octet-stream' },
    });
    expect(r.ok).toBe(true);
    await eventually(() => expect(box.types).toHaveLength(2));
    expect(box.types[0]).toBe(wechatyTypes.Message.Text);
    expect(box.types[1]).not.toBe(wechatyTypes.Message.Text);
    expect(box.texts).toEqual(['锦绣花园 2026年11月工单表（8 单）']);
  });

  it('Channel.send to a contact that does not exist fails permanently; a bad address too', async () => {
    expect(await adapter.send('contact:nobody-here', { text: '您好' })).toMatchObject({ ok: false, permanent: true });
    expect(await adapter.send('wxid_123', { text: '您好' })).toMatchObject({ ok: false, permanent: true });
  });

  it('after a logout it restarts by itself and answers again once logged back in', async () => {
    await puppet.logout('test logout');
    await eventually(() => expect(logs.some((l) => l.msg === 'wechaty restarted')).toBe(true));
    expect(adapter.loggedIn).toBe(false);
    // Not logged in: a proactive send is retryable, not permanent.
    expect(await adapter.send(`contact:${botUser.id}`, { text: '测试' })).toMatchObject({ ok: false });
    expect(await adapter.send(`contact:${botUser.id}`, { text: '测试' })).not.toMatchObject({ permanent: true });
    mocker.login(botUser);
    await eventually(() => expect(adapter.loggedIn).toBe(true));
    const owner = mocker.createContact({ name: '陈先生' });
    const box = inbox(owner);
    owner.say('还在吗').to(botUser);
    await eventually(() => expect(box.texts).toEqual(['您好\n\n1. 投诉\n2. 装修']));
  });
});

describe('WeChat config', () => {
  it('is off unless WECHATY_PUPPET is set', () => {
    const cfg = wechatConfigSchema.parse({ WECHATY_PUPPET: '' });
    expect(cfg.WECHATY_NAME).toBe('wuye-desk');
    expect(wechatPuppetSettings(cfg)).toBeNull();
  });

  it('passes the service token to the puppet', () => {
    const cfg = wechatConfigSchema.parse({
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'tok',
    });
    expect(wechatPuppetSettings(cfg)).toEqual({
      puppet: 'wechaty-puppet-service',
      puppetOptions: { token: 'tok' },
      name: 'wuye-desk',
    });
  });

  it('rejects a puppet that is not a wechaty puppet package', () => {
    expect(wechatConfigSchema.safeParse({ WECHATY_PUPPET: 'padlocal' }).success).toBe(false);
  });
});
