// WeChat channel faults with wechaty + PuppetMock, through the real outbox Dispatcher on a real SQLite file: the account
// is logged out mid-run, the puppet disconnects (stops) mid-run, emits reset/error, and a send breaks mid-flight.
// Messages wait in the outbox (not lost, not dead) and go out once each after the next login; inbound works again;
// nothing reaches process 'unhandledRejection' / 'uncaughtException'.
import { EventEmitter } from 'node:events';
import { systemClock } from '../../src/shared/clock.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import { ScanStatus, log as wechatyLog } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WechatAdapter } from '../../adapters/wechat/wechat.adapter.js';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { findOutboxRow } from '../../src/db/outbox.repo.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { enqueue } from '../../src/notify/outbox.js';
import { createLogger } from '../../src/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { eventually } from '../support/patience.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

wechatyLog.level('silent');

/** OUTBOX_MAX_ATTEMPTS here; a logout lasts longer than that many retries would take. */
const MAX_ATTEMPTS = 3;

describe('WeChat faults: logout, disconnect and broken sends mid-run (PuppetMock + Dispatcher)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let mocker: mock.Mocker;
  let puppet: PuppetMock;
  let adapter: WechatAdapter;
  let dispatcher: Dispatcher;
  let botUser: mock.ContactMock;
  const logs: { msg?: string }[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => unhandled.push(err);
  let seq = 0;

  const handler: TurnHandler = {
    async onTurn(ctx: TurnContext) {
      await ctx.sendActivity(`收到：${ctx.activity.text ?? ''}`);
    },
    async onTurnError(ctx: TurnContext) {
      await ctx.sendActivity('抱歉，出错了');
    },
  };

  /** Texts a mock contact received from the bot. */
  function inbox(who: mock.ContactMock): string[] {
    const texts: string[] = [];
    if (!(who instanceof EventEmitter)) throw new Error('mock is not an EventEmitter');
    who.on('message', (m: mock.MessageMock) => {
      if (m.payload.talkerId === botUser.id) texts.push(m.text() ?? '');
    });
    return texts;
  }
  async function notify(who: mock.ContactMock, text: string): Promise<string> {
    const { message } = await enqueue(db.prisma, {
      channel: 'wechat',
      address: `contact:${who.id}`,
      kind: 'notice',
      message: { text },
      dedupeKey: `wx-fault-${++seq}`,
      at: new Date(), // the dispatcher below runs on the process clock
    });
    return message.id;
  }
  const row = async (id: string) => {
    const r = await findOutboxRow(db.prisma, id);
    if (!r) throw new Error(`outbox row ${id} vanished`);
    return r;
  };
  const restarts = () => logs.filter((l) => l.msg === 'wechaty restarted').length;
  async function loginAgain(): Promise<void> {
    mocker.login(botUser);
    await eventually(() => expect(adapter.loggedIn).toBe(true));
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    db = await createTestDatabase('sqlite');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-wechat-faults-'));
    mocker = new mock.Mocker();
    puppet = new PuppetMock({ mocker });
    adapter = new WechatAdapter({
      puppet,
      handler,
      isRegisteredGroup: async () => false,
      media: createRepositories(db.prisma).media,
      dataDir,
      logger: createLogger('debug', { write: (s: string) => logs.push(JSON.parse(s) as { msg?: string }) }),
      sendGapMs: 0,
      restartBackoffMs: { initial: 5, max: 20 },
      printQr: () => undefined,
      now: systemClock, // PuppetMock stamps messages with the process clock
    });
    dispatcher = new Dispatcher({
      repos: createRepositories(db.prisma),
      channels: new Map([['wechat', adapter]]),
      // The app's WeChat limit is 1 send per 3 s; 1 per 100 ms keeps this file short without changing what is tested.
      limits: { wechat: { overall: [{ count: 1, perMs: 100 }] } },
      maxAttempts: MAX_ATTEMPTS,
      intervalMs: 100,
      notReadyDelayMs: 200,
      random: () => 0,
      now: systemClock, // retries wait real time on the dispatcher's own timer
    });
    await adapter.start();
    mocker.scan('https://login.weixin.qq.com/l/wuye-faults', ScanStatus.Waiting);
    botUser = mocker.createContact({ name: '物业小助手' });
    await loginAgain();
    dispatcher.start();
  });

  afterAll(async () => {
    await dispatcher.stop();
    await adapter.stop();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });

  it('logout mid-run: sends wait in the outbox (no attempts spent, not dead) and go out once each after login', async () => {
    const owners = ['业主甲', '业主乙', '业主丙', '业主丁'].map((name) => mocker.createContact({ name }));
    const boxes = owners.map(inbox);
    const first = await notify(owners[0] as mock.ContactMock, '通知0');
    await eventually(async () => expect((await row(first)).status).toBe('SENT'));

    const restartsBefore = restarts();
    await puppet.logout('kicked out by the phone');
    await eventually(() => expect(restarts()).toBeGreaterThan(restartsBefore)); // the adapter restarts itself
    expect(adapter.loggedIn).toBe(false);
    // The channel itself says "retry later", never "give up".
    const direct = await adapter.send(`contact:${owners[1]?.id ?? ''}`, { text: '直接发送' });
    expect(direct).toMatchObject({ ok: false });
    expect(direct).not.toHaveProperty('permanent');

    const waiting = await Promise.all(owners.slice(1).map((o, i) => notify(o, `通知${i + 1}`)));
    // Logged out for longer than MAX_ATTEMPTS retries with backoff would take (1 s each here).
    await new Promise((r) => setTimeout(r, (MAX_ATTEMPTS + 1) * 1000));
    for (const id of waiting) {
      expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0, lastError: 'channel "wechat" not ready' });
    }
    expect(boxes.slice(1).flat()).toEqual([]);

    await loginAgain();
    await eventually(async () => {
      for (const id of waiting) expect((await row(id)).status).toBe('SENT');
    });
    expect(boxes).toEqual([['通知0'], ['通知1'], ['通知2'], ['通知3']]);

    // Inbound after the re-login: a turn runs and its reply arrives.
    owners[1]?.say('还在吗').to(botUser);
    await eventually(() => expect(boxes[1]).toContain('收到：还在吗'));
    console.log(
      `wechat logout mid-run: 1 sent before, 3 queued while logged out ${MAX_ATTEMPTS + 1} s (> ${MAX_ATTEMPTS} attempts' backoff), ` +
        `0 dead, 0 lost, 3 delivered once after re-login; inbound after re-login ok; unhandled rejections ${unhandled.length}`,
    );
  });

  it('puppet reset/error events and a disconnect (puppet stopped) mid-batch: every message delivered once after re-login', async () => {
    const owners = Array.from({ length: 6 }, (_, i) => mocker.createContact({ name: `住户${i}` }));
    const boxes = owners.map(inbox);
    // Noise a flaky puppet-service produces: wechaty ignores 'reset', the adapter logs 'error' and keeps its session.
    puppet.emit('reset', { data: 'test reset' });
    puppet.emit('error', { data: 'grpc stream lost' });
    const ids = await Promise.all(owners.map((o, i) => notify(o, `批量${i}`)));
    // The disconnect lands after the first delivery, with the rest of the batch still queued (1 send / 100 ms).
    await eventually(() => expect(boxes.flat().length).toBeGreaterThan(0), { interval: 5 });
    const restartsBefore = restarts();
    await puppet.stop();
    await eventually(() => expect(restarts()).toBeGreaterThan(restartsBefore));
    const beforeLogin = boxes.flat().length;
    await loginAgain();
    await eventually(async () => {
      for (const id of ids) expect((await row(id)).status).toBe('SENT');
    });
    expect(boxes).toEqual(owners.map((_, i) => [`批量${i}`]));
    const dead = await db.prisma.outboxMessage.count({ where: { status: 'DEAD' } });
    expect(dead).toBe(0);
    owners[0]?.say('你好').to(botUser);
    await eventually(() => expect(boxes[0]).toContain('收到：你好'));
    console.log(
      `wechat disconnect mid-batch (+ reset, error events): 6 messages, ${beforeLogin} before the disconnect, ` +
        `${6 - beforeLogin} after re-login, 0 lost, 0 duplicates, 0 dead; unhandled rejections ${unhandled.length}`,
    );
  });

  it('a send that breaks mid-flight while logged in is retried and delivered once', async () => {
    const owner = mocker.createContact({ name: '冯先生' });
    const box = inbox(owner);
    const original = puppet.messageSendText.bind(puppet);
    const spy = vi
      .spyOn(puppet, 'messageSendText')
      .mockRejectedValueOnce(new Error('socket hang up'))
      .mockImplementation(original);
    const id = await notify(owner, '账单提醒');
    await eventually(async () => expect((await row(id)).status).toBe('SENT'));
    spy.mockRestore();
    expect(await row(id)).toMatchObject({ attempts: 1 });
    expect(box).toEqual(['账单提醒']);
    expect(unhandled).toEqual([]);
    console.log(
      `wechat send broken mid-flight: failed once (retryable), delivered 1×, 0 lost; unhandled rejections ${unhandled.length}`,
    );
  });
});
