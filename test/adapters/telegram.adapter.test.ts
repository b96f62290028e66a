import { request } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  TelegramAdapter,
  type TelegramAdapterOptions,
  type TelegramChannelId,
} from '../../adapters/telegram/telegram.adapter.js';
import { telegramConfigSchema, telegramSettings } from '../../adapters/telegram/telegram.config.js';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { createLogger } from '../../src/shared/logger.js';
import { FakeTelegramApi, type UploadedFile } from '../support/fake-telegram-api.js';
import { until } from '../support/patience.js';

/** Stand-in for the real bot: echoes with two suggested actions (long values exercise the callback token map). */
class EchoHandler implements TurnHandler {
  readonly seen: Partial<Activity>[] = [];
  readonly errors: unknown[] = [];
  async onTurn(context: TurnContext): Promise<void> {
    this.seen.push(context.activity);
    const text = context.activity.text ?? '';
    if (text === '长按钮') {
      await context.sendActivity(
        MessageFactory.suggestedActions([{ type: 'imBack', title: '选这个', value: '地址：'.repeat(20) }], '请选择'),
      );
      return;
    }
    await context.sendActivity(MessageFactory.suggestedActions(['投诉', '装修'], `您好，收到：${text}`));
  }
  async onTurnError(_context: TurnContext, error: unknown): Promise<void> {
    this.errors.push(error);
  }
}

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { lines, logger };
}

function textMessage(updateId: number, chatId: number, text: string, chatType = 'private') {
  return {
    update_id: updateId,
    message: {
      message_id: updateId * 10,
      date: 1_760_000_000,
      chat: { id: chatId, type: chatType },
      from: { id: chatId > 0 ? chatId : 777, is_bot: false, first_name: '张', last_name: '三' },
      text,
    },
  };
}

function adapterOptions(
  fake: FakeTelegramApi,
  handler: TurnHandler,
  logger: TelegramAdapterOptions['logger'],
): TelegramAdapterOptions {
  return {
    token: fake.token,
    apiRoot: fake.apiRoot,
    mode: { kind: 'polling' },
    handler,
    logger,
    pollingTimeoutSeconds: 1,
    pollRestartDelayMs: 50,
  };
}

/**
 * A polling adapter against a fresh fake API for one describe block (started in beforeAll, stopped in afterAll).
 * `prepare` runs on the fake before the adapter starts (e.g. to script a failure of the first getUpdates).
 */
function pollingAdapter(prepare: (fake: FakeTelegramApi) => void = () => undefined) {
  let fake: FakeTelegramApi | undefined;
  let adapter: TelegramAdapter | undefined;
  const handler = new EchoHandler();
  const log = logSink();
  beforeAll(async () => {
    fake = await FakeTelegramApi.start();
    prepare(fake);
    adapter = new TelegramAdapter(adapterOptions(fake, handler, log.logger));
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('pollingAdapter: used before beforeAll');
    return v;
  };
  return {
    handler,
    log,
    get fake(): FakeTelegramApi {
      return started(fake);
    },
    get adapter(): TelegramAdapter {
      return started(adapter);
    },
  };
}

describe('TelegramAdapter — long polling', () => {
  const env = pollingAdapter();
  const { handler, log } = env;

  it('turns a user message into one bot turn whose reply arrives with an inline keyboard', async () => {
    env.fake.pushUpdate(textMessage(1, 1001, '报修'));
    const sent = await env.fake.waitFor('sendMessage', (c) => c.payload.chat_id === '1001');
    expect(sent.payload.text).toBe('您好，收到：报修');
    expect(sent.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '投诉', callback_data: '投诉' },
          { text: '装修', callback_data: '装修' },
        ],
      ],
    });
    const activity = handler.seen.find((a) => a.id === 'update:1');
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'telegram',
      locale: 'zh-CN',
      text: '报修',
      conversation: { id: '1001', isGroup: false },
      from: { id: '1001', name: '张 三' },
      recipient: { id: '123456' },
    });
    const getUpdates = env.fake.callsTo('getUpdates')[0];
    expect(getUpdates?.payload.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('answers a button press at once and hands its data to the handler as text', async () => {
    env.fake.pushUpdate({
      update_id: 2,
      callback_query: {
        id: 'cbq-1',
        from: { id: 1002, is_bot: false, first_name: '李' },
        data: '投诉',
        message: { message_id: 55, date: 1_760_000_000, chat: { id: 1002, type: 'private' } },
      },
    });
    await env.fake.waitFor('answerCallbackQuery', (c) => c.payload.callback_query_id === 'cbq-1');
    const reply = await env.fake.waitFor('sendMessage', (c) => c.payload.chat_id === '1002');
    expect(reply.payload.text).toBe('您好，收到：投诉');
    expect(handler.seen.find((a) => a.id === 'update:2')?.text).toBe('投诉');
  });

  it('sends a button value longer than 64 bytes as a short token and restores it on the press', async () => {
    env.fake.pushUpdate(textMessage(3, 1003, '长按钮'));
    const sent = await env.fake.waitFor('sendMessage', (c) => c.payload.chat_id === '1003');
    const keyboard = sent.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? '';
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    env.fake.pushUpdate({
      update_id: 4,
      callback_query: {
        id: 'cbq-2',
        from: { id: 1003, first_name: '王' },
        data,
        message: { message_id: 9, chat: { id: 1003, type: 'private' } },
      },
    });
    await until(() => handler.seen.find((a) => a.id === 'update:4'), 'long-button turn');
    expect(handler.seen.find((a) => a.id === 'update:4')?.text).toBe('地址：'.repeat(20));
  });

  it('maps a photo to an attachment with a telegram-file: URL (largest size) and its caption to text', async () => {
    env.fake.pushUpdate({
      update_id: 5,
      message: {
        message_id: 50,
        date: 1_760_000_000,
        chat: { id: -1005, type: 'supergroup', title: '一期维修群' },
        from: { id: 42, is_bot: false, first_name: '赵' },
        caption: '楼道漏水',
        photo: [
          { file_id: 'small', width: 90, height: 90 },
          { file_id: 'large', width: 1280, height: 960 },
        ],
      },
    });
    const activity = await until(() => handler.seen.find((a) => a.id === 'update:5'), 'photo turn');
    expect(activity.text).toBe('楼道漏水');
    expect(activity.conversation).toMatchObject({ id: '-1005', isGroup: true });
    expect(activity.attachments).toEqual([{ contentType: 'image/jpeg', contentUrl: 'telegram-file:large' }]);
    env.fake.files.set('photos/large.jpg', Buffer.from('jpeg-bytes'));
    expect((await env.adapter.downloadFile('telegram-file:large')).toString()).toBe('jpeg-bytes');
  });

  it('skips a malformed update with a warning and keeps serving the next one', async () => {
    env.fake.pushUpdate({ update_id: 6, message: { message_id: 'x', chat: 'nope' } });
    env.fake.pushUpdate(textMessage(7, 1007, '还在吗'));
    await env.fake.waitFor('sendMessage', (c) => c.payload.chat_id === '1007');
    expect(handler.seen.some((a) => a.id === 'update:6')).toBe(false);
    expect(log.lines.some((l) => l.updateId === 6 && l.level === 40)).toBe(true);
    expect(handler.errors).toEqual([]);
  });

  it('retries an in-turn reply after a 429 with retry_after (auto-retry)', async () => {
    env.fake.failNext('sendMessage', 1, { status: 429, retryAfter: 1 });
    env.fake.pushUpdate(textMessage(8, 1008, '慢一点'));
    const sent = await env.fake.waitFor('sendMessage', (c) => c.payload.chat_id === '1008');
    expect(sent.payload.text).toBe('您好，收到：慢一点');
    expect(
      env.fake
        .callsTo('sendMessage')
        .filter((c) => c.payload.chat_id === '1008')
        .map((c) => c.status),
    ).toEqual([429, 200]);
  });

  it('hands the text of the replied-to message to the bot as channelData.quotedText', async () => {
    const update = textMessage(20, -1020, '认领', 'supergroup');
    Object.assign(update.message, {
      reply_to_message: {
        message_id: 199,
        date: 1_759_999_000,
        chat: { id: -1020, type: 'supergroup' },
        text: '【新投诉】TS-20261128-0007 漏水',
      },
    });
    env.fake.pushUpdate(update);
    const activity = await until(() => handler.seen.find((a) => a.id === 'update:20'), 'reply turn');
    expect(activity.text).toBe('认领');
    expect(activity.replyToId).toBe('199');
    expect((activity.channelData as { quotedText?: string }).quotedText).toBe('【新投诉】TS-20261128-0007 漏水');
  });
});

describe('TelegramAdapter — 409 Conflict while polling', () => {
  const env = pollingAdapter((fake) => fake.failNext('getUpdates', 1, { status: 409 }));
  const { log } = env;

  it('logs an alert, keeps running and resumes polling later', async () => {
    const { fake } = env;
    const alert = await until(() => log.lines.find((l) => l.alert === true), 'alert log');
    expect(alert).toMatchObject({ level: 50, errorCode: 409 });
    fake.pushUpdate(textMessage(1, 2001, '你好'));
    const sent = await fake.waitFor('sendMessage', (c) => c.payload.chat_id === '2001');
    expect(sent.payload.text).toBe('您好，收到：你好');
    expect(fake.callsTo('getUpdates')[0]?.status).toBe(409);
  });
});

describe('TelegramAdapter — webhook mode', () => {
  const secret = 'webhook-secret_0123456789';
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  let server: Server;
  let port: number;
  const handler = new EchoHandler();

  function post(body: string, secretHeader?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/telegram/webhook',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(secretHeader ? { 'x-telegram-bot-api-secret-token': secretHeader } : {}),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  beforeAll(async () => {
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({
      ...adapterOptions(fake, handler, logSink().logger),
      mode: { kind: 'webhook', url: 'https://wuye.example/telegram/webhook', secret },
    });
    await adapter.start();
    server = createServer(adapter.webhookHandler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await adapter.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await fake.close();
  });

  it('registers the webhook with its secret and never polls', async () => {
    const setWebhook = await fake.waitFor('setWebhook');
    expect(setWebhook.payload).toMatchObject({
      url: 'https://wuye.example/telegram/webhook',
      secret_token: secret,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(fake.callsTo('getUpdates')).toEqual([]);
  });

  it('rejects a wrong or missing secret with 401 and processes nothing', async () => {
    expect(await post(JSON.stringify(textMessage(1, 3001, '伪造')), 'webhook-secret_0123456788')).toBe(401);
    expect(await post(JSON.stringify(textMessage(2, 3001, '伪造')), 'short')).toBe(401);
    expect(await post(JSON.stringify(textMessage(3, 3001, '伪造')))).toBe(401);
    await adapter.drain();
    expect(handler.seen).toEqual([]);
    expect(fake.callsTo('sendMessage')).toEqual([]);
  });

  it('accepts the right secret with 200 and the reply reaches the user', async () => {
    expect(await post(JSON.stringify(textMessage(4, 3002, '停水了')), secret)).toBe(200);
    const sent = await fake.waitFor('sendMessage', (c) => c.payload.chat_id === '3002');
    expect(sent.payload.text).toBe('您好，收到：停水了');
    expect(handler.seen.map((a) => a.id)).toEqual(['update:4']);
  });

  it('answers 200 only once the turn has run, so a crash mid-turn makes Telegram redeliver instead of losing it', async () => {
    const status = await post(JSON.stringify(textMessage(5, 3003, '电梯坏了')), secret);
    // By the time Telegram hears 200, the reply has already gone out.
    expect(status).toBe(200);
    expect(
      fake
        .callsTo('sendMessage')
        .filter((c) => c.payload.chat_id === '3003')
        .map((c) => c.payload.text),
    ).toEqual(['您好，收到：电梯坏了']);
  });
});

describe('TelegramAdapter.send — proactive messages for the outbox dispatcher', () => {
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter(adapterOptions(fake, new EchoHandler(), logSink().logger));
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
  });

  it('delivers text with buttons and an image (sendPhoto upload)', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await adapter.send('4001', {
      text: '本月报表',
      suggestions: ['查看详情'],
      image: { png, caption: '工单统计' },
    });
    expect(result).toMatchObject({ ok: true });
    const photo = await fake.waitFor('sendPhoto');
    expect(photo.payload.chat_id).toBe('4001');
    expect(photo.payload.caption).toBe('工单统计');
    expect((photo.payload.photo as UploadedFile).bytes.equals(png)).toBe(true);
    const text = await fake.waitFor('sendMessage', (c) => c.payload.chat_id === '4001');
    expect(text.payload).toMatchObject({
      text: '本月报表',
      reply_markup: { inline_keyboard: [[{ text: '查看详情', callback_data: '查看详情' }]] },
    });
  });

  it('sends an owner photo under its own name and a document (sendDocument upload, e.g. the 导出 .xlsx)', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0xd9]);
    const xlsx = Buffer.from('PK\u0003\u0004 sheet');
    const result = await adapter.send('4004', {
      text: '工单 TS-20261128-0009 业主照片 1/1',
      image: { png: jpeg, mimeType: 'image/jpeg', name: 'leak.jpg' },
      file: { data: xlsx, name: '工单-2026-11.xlsx', mimeType: 'application/octet-stream', caption: '11月工单表' },
    });
    expect(result).toMatchObject({ ok: true });
    const photo = await fake.waitFor('sendPhoto', (c) => c.payload.chat_id === '4004');
    expect((photo.payload.photo as UploadedFile).bytes.equals(jpeg)).toBe(true);
    const doc = await fake.waitFor('sendDocument', (c) => c.payload.chat_id === '4004');
    expect(doc.payload.caption).toBe('11月工单表');
    expect((doc.payload.document as UploadedFile).bytes.equals(xlsx)).toBe(true);
    expect(adapter.supportsFiles).toBe(true);
  });

  it('reports a 429 with retry_after as retryAfterMs and does not retry by itself', async () => {
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 7 });
    const result = await adapter.send('4002', { text: '提醒' });
    expect(result).toMatchObject({ ok: false, retryAfterMs: 7000 });
    expect(fake.callsTo('sendMessage').filter((c) => c.payload.chat_id === '4002')).toHaveLength(1);
  });

  it('reports a 500 as a retryable failure, once', async () => {
    fake.failNext('sendMessage', 1, { status: 500 });
    const result = await adapter.send('4003', { text: '提醒' });
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('permanent');
    expect(result).not.toHaveProperty('retryAfterMs');
    expect(fake.callsTo('sendMessage').filter((c) => c.payload.chat_id === '4003')).toHaveLength(1);
  });

  it('reports 403 (bot blocked by the user) as permanent', async () => {
    fake.failNext('sendMessage', 1, { status: 403 });
    expect(await adapter.send('4004', { text: '提醒' })).toMatchObject({ ok: false, permanent: true });
  });
});

describe('Telegram config', () => {
  it('is off without a token, polls by default and defaults the API root', () => {
    expect(telegramSettings(telegramConfigSchema.parse({}))).toBeUndefined();
    const settings = telegramSettings(
      telegramConfigSchema.parse({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: '' }),
    );
    expect(settings).toEqual({ token: '123:abc', apiRoot: 'https://api.telegram.org', mode: { kind: 'polling' } });
  });

  it('requires a secret of at least 16 characters when a webhook URL is set', () => {
    const base = { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_URL: 'https://wuye.example/telegram/webhook' };
    expect(telegramConfigSchema.safeParse(base).success).toBe(false);
    expect(telegramConfigSchema.safeParse({ ...base, TELEGRAM_WEBHOOK_SECRET: 'short' }).success).toBe(false);
    const ok = telegramConfigSchema.parse({
      ...base,
      TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(16),
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
    });
    expect(telegramSettings(ok)).toMatchObject({
      apiRoot: 'http://127.0.0.1:8081',
      mode: { kind: 'webhook', secret: 'a'.repeat(16) },
    });
  });
});

describe('TelegramAdapter — a further bot under its own channel id', () => {
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  const received: Array<{ by: string; channelId: string | undefined }> = [];
  const log = logSink();
  const handler: TurnHandler = {
    async onTurn(context, receivedBy) {
      received.push({ by: receivedBy, channelId: context.activity.channelId });
      await context.sendActivity('您好');
    },
    async onTurnError() {},
  };
  beforeAll(async () => {
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({ ...adapterOptions(fake, handler, log.logger), id: 'telegram-2' });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
  });

  it('its turns, activities and log lines carry telegram-2', async () => {
    expect(adapter.name).toBe('telegram-2');
    fake.pushUpdate(textMessage(1, 2001, '你好'));
    await fake.waitFor('sendMessage', (c) => c.payload.chat_id === '2001');
    expect(received).toEqual([{ by: 'telegram-2', channelId: 'telegram-2' }]);
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.every((l) => l.channel === 'telegram-2')).toBe(true);
  });

  it('refuses an id of another adapter kind (the type keeps these out; a config string may not)', () => {
    for (const id of ['wechat-2', 'console', 'wechat-oa', 'telegramx', 'Telegram-2']) {
      const opts = { ...adapterOptions(fake, handler, log.logger), id: id as TelegramChannelId };
      expect(() => new TelegramAdapter(opts), id).toThrow(/not a Telegram bot id/);
    }
  });
});
