// `npm start` as a whole: the real bot behind Telegram (fake Bot API on 127.0.0.1), and a proactive message written to
// the outbox leaving through the dispatcher to that channel.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type App } from '../src/main.js';
import { enqueue } from '../src/notify/outbox.js';
import { CJK_FONT_MISSING_WARNING } from '../src/reports/cjk-font.js';
import { memoryLogger } from './support/app.js';
import { createEmptyDatabaseUrl, describeEachDb, dropDatabaseUrl } from './support/databases.js';
import { FakeTelegramApi } from './support/fake-telegram-api.js';

describeEachDb('start-up with Telegram configured', (provider) => {
  let app: App;
  let fake: FakeTelegramApi;
  let url: string;
  const log = memoryLogger();

  beforeAll(async () => {
    url = await createEmptyDatabaseUrl(provider);
    fake = await FakeTelegramApi.start();
    app = await startApp({
      env: {
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        CONSOLE_CHAT: 'off',
        SCHEDULER: 'off',
        OUTBOX_INTERVAL_MS: '100',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      },
      logger: log.logger,
    });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
    await dropDatabaseUrl(url);
  });

  it('a Telegram user gets the zh-CN main menu as an inline keyboard', async () => {
    fake.pushUpdate({
      update_id: 501,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 777, type: 'private' },
        from: { id: 777, is_bot: false, first_name: '小王' },
        text: '你好',
      },
    });
    const call = await fake.waitFor('sendMessage', (c) => String(c.payload.text).includes('请问需要办理什么业务'));
    const keyboard = (call.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard
      .flat()
      .map((b) => b.text);
    expect(keyboard).toEqual(['投诉', '装修', '钥匙', '物业费', '帮助']);
    expect(log.lines.join('')).toContain('WeChat off: set WECHATY_PUPPET');
    // The charts' CJK font comes with npm install: no font warning on any machine.
    expect(log.lines.join('')).not.toContain(CJK_FONT_MISSING_WARNING);
  });

  it('an outbox message reaches the Telegram chat through the dispatcher, once', async () => {
    await enqueue(app.db.prisma, {
      channel: 'telegram',
      address: '777',
      kind: 'urgent',
      message: { text: '【通知】明天上午停水' },
      dedupeKey: 'test-notice-1',
      at: new Date(), // the started app's dispatcher runs on the process clock
    });
    await enqueue(app.db.prisma, {
      channel: 'telegram',
      address: '777',
      kind: 'urgent',
      message: { text: '【通知】明天上午停水' },
      dedupeKey: 'test-notice-1',
      at: new Date(), // the started app's dispatcher runs on the process clock
    });
    await fake.waitFor('sendMessage', (c) => c.payload.text === '【通知】明天上午停水');
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.callsTo('sendMessage').filter((c) => c.payload.text === '【通知】明天上午停水')).toHaveLength(1);
    const row = await app.db.prisma.outboxMessage.findUnique({ where: { dedupeKey: 'test-notice-1' } });
    expect(row?.status).toBe('SENT');
  });
});
