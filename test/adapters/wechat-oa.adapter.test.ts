// The Official Account channel over HTTP, through startApp: the fake platform API on 127.0.0.1 and callbacks posted to
// our /wechat/oa as the platform posts them (signed; encrypted in safe mode). What an owner sees is what the fake
// received through message/custom/send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/main.js';
import { memoryLogger } from '../support/app.js';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../support/databases.js';
import { FAKE_OA, FakeWechatOaApi, OaCallbacks } from '../support/fake-wechat-oa-api.js';
import { errorLines } from '../e2e/support/journey.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function oaApp(opts: { safeMode: boolean }) {
  let url = '';
  let app: App | undefined;
  let fake: FakeWechatOaApi | undefined;
  let wx: OaCallbacks | undefined;
  const log = memoryLogger();
  beforeAll(async () => {
    url = await createEmptyDatabaseUrl('sqlite');
    fake = await FakeWechatOaApi.start();
    app = await startApp({
      env: {
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        CONSOLE_CHAT: 'off',
        SCHEDULER: 'off',
        OUTBOX_INTERVAL_MS: '100',
        WECHAT_OA_APP_ID: FAKE_OA.appId,
        WECHAT_OA_APP_SECRET: FAKE_OA.appSecret,
        WECHAT_OA_TOKEN: FAKE_OA.token,
        WECHAT_OA_API_ROOT: fake.apiRoot,
        ...(opts.safeMode ? { WECHAT_OA_AES_KEY: FAKE_OA.aesKey } : {}),
      },
      logger: log.logger,
    });
    wx = new OaCallbacks({
      url: `http://127.0.0.1:${app.http.port}/wechat/oa`,
      fake,
      ...(opts.safeMode ? { aesKey: FAKE_OA.aesKey } : {}),
    });
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await dropDatabaseUrl(url);
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('used before beforeAll');
    return v;
  };
  return {
    log,
    get app() {
      return need(app);
    },
    get fake() {
      return need(fake);
    },
    get wx() {
      return need(wx);
    },
    /** The next message an owner receives after `seen` earlier ones. */
    async nextTo(openid: string, seen: number, timeoutMs = 5000) {
      const f = need(fake);
      return f.waitFor(() => f.to(openid)[seen], `message #${seen + 1} to ${openid}`, timeoutMs);
    },
  };
}

describe('WeChat Official Account channel over HTTP (plain mode)', () => {
  const env = oaApp({ safeMode: false });

  it('answers the platform’s server check only when it is signed with our token and fresh', async () => {
    expect(await env.wx.verifyUrl('echo-123')).toEqual({ status: 200, body: 'echo-123' });
    expect((await env.wx.verifyUrl('echo-123', { sign: false })).status).toBe(401);
    expect((await env.wx.verifyUrl('echo-123', { sign: 'wrong' })).status).toBe(401);
    // A URL captured an hour ago is not replayed.
    const old = Math.floor(Date.now() / 1000) - 3600;
    expect((await env.wx.verifyUrl('echo-123', { timestamp: old })).status).toBe(401);
  });

  it('refuses unsigned and wrongly signed callbacks: no turn runs, nothing is sent', async () => {
    const xml = OaCallbacks.xml({
      ToUserName: FAKE_OA.account,
      FromUserName: 'o_intruder',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: '投诉',
      MsgId: '9000000000000000001',
    });
    expect((await env.wx.post(xml, { sign: false })).status).toBe(401);
    expect((await env.wx.post(xml, { sign: 'wrong' })).status).toBe(401);
    // Signed, but the URL names another follower than the body.
    expect((await env.wx.post(xml, { openid: 'o_someone_else' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(env.fake.to('o_intruder')).toEqual([]);
    expect(await env.app.db.prisma.channelIdentity.count({ where: { externalId: 'o_intruder' } })).toBe(0);
  });

  it('a text runs one turn through the dialog engine; the reply is a customer-service message with a numbered menu', async () => {
    const r = await env.wx.text('o_owner_text', '你好');
    expect(r).toMatchObject({ status: 200, body: 'success' });
    const reply = await env.nextTo('o_owner_text', 0);
    expect(reply.kind).toBe('text');
    expect(reply.text).toMatch(/\n1\. 投诉\n2\. /);
    // The owner answers the menu with its number, as on the personal account.
    const menu = reply.text.split('\n').filter((l) => /^\d+\. /.test(l));
    const fees = menu.find((l) => l.endsWith('物业费'));
    await env.wx.text('o_owner_text', fees?.split('.')[0] ?? '?');
    // 物业费 needs a bound account: the binding flow asks for the unit first.
    expect((await env.nextTo('o_owner_text', 1)).text).toContain('请告诉我您的房号');
    const identity = await env.app.db.prisma.channelIdentity.findFirstOrThrow({
      where: { externalId: 'o_owner_text' },
    });
    expect(identity.channel).toBe('wechat-oa');
  });

  it('a menu click starts the same flow as typing its words', async () => {
    await env.wx.event('o_owner_click', 'CLICK', 'wuye:投诉');
    expect((await env.nextTo('o_owner_click', 0)).text).toContain('请告诉我您的房号');
  });

  it('following greets and offers binding; unfollowing stops sends to that owner', async () => {
    await env.wx.event('o_follower', 'subscribe');
    const hello = await env.nextTo('o_follower', 0);
    expect(hello.text).toContain('您好，我是锦绣花园物业前台小助手');
    expect(hello.text).toContain('首次使用请先绑定房屋：回复“绑定”即可开始');
    // The callback is answered once its handling is done: the window already says "not following".
    await env.wx.event('o_follower', 'unsubscribe');
    const row = await env.app.db.prisma.serviceWindow.findFirstOrThrow({ where: { address: 'o_follower' } });
    expect(row).toMatchObject({ followed: false, messageAt: null, eventAt: null });
    // A notice for them now is a dead letter that says why, not a send (the gate is tested in service-window.test).
    await env.app.db.prisma.outboxMessage.create({
      data: {
        channel: 'wechat-oa',
        address: 'o_follower',
        kind: 'notice',
        payload: { text: '停水通知' },
        dedupeKey: 'unfollow-1',
      },
    });
    await expect
      .poll(
        async () =>
          (await env.app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'unfollow-1' } })).status,
      )
      .toBe('DEAD');
    expect(env.fake.to('o_follower')).toHaveLength(1);
  });

  it('a voice message is answered politely, with no turn', async () => {
    await env.wx.voice('o_owner_voice');
    expect((await env.nextTo('o_owner_voice', 0)).text).toBe(
      '暂时听不了语音，请打字告诉我们；紧急情况请直接拨打物业电话。',
    );
  });

  it('a photo is fetched from the platform by its MediaId and kept as the owner’s file', async () => {
    env.fake.addMedia('pic-1', PNG, 'image/png');
    await env.wx.image('o_owner_photo', 'pic-1');
    await env.nextTo('o_owner_photo', 0);
    expect(env.fake.callsTo('/cgi-bin/media/get')).toHaveLength(1);
    const file = await env.app.db.prisma.mediaFile.findFirstOrThrow({ where: { channel: 'wechat-oa' } });
    expect(file).toMatchObject({ mimeType: 'image/png', sizeBytes: PNG.length });
  });

  it('the platform’s retries of one callback (3 within 15 s) are answered and handled once', async () => {
    const first = await env.wx.text('o_owner_retry', '帮助');
    const again = await Promise.all([1, 2, 3].map(() => env.wx.post(first.xml, { openid: 'o_owner_retry' })));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    await env.nextTo('o_owner_retry', 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(env.fake.to('o_owner_retry')).toHaveLength(1);
    // Events have no MsgId: FromUserName + CreateTime identify them.
    const click = await env.wx.event('o_owner_retry', 'CLICK', 'wuye:钥匙');
    await env.wx.post(click.xml, { openid: 'o_owner_retry' });
    await env.nextTo('o_owner_retry', 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(env.fake.to('o_owner_retry')).toHaveLength(2);
  });

  it('malformed bodies are refused or skipped without a crash', async () => {
    expect((await env.wx.post('<xml><unclosed>')).status).toBe(400);
    expect((await env.wx.post('<!DOCTYPE x [<!ENTITY a "b">]><xml/>')).status).toBe(400);
    // Well-formed but not a message we know: taken (so the platform stops retrying) and logged.
    expect(
      await env.wx.post(OaCallbacks.xml({ ToUserName: 'gh', FromUserName: 'o_x', CreateTime: 1, MsgType: 'text' })),
    ).toEqual({
      status: 200,
      body: 'success',
    });
    expect(errorLines(env.log.lines)).toEqual([]);
  });
});

describe('WeChat Official Account channel over HTTP (safe mode, AES)', () => {
  const env = oaApp({ safeMode: true });

  it('decrypts signed, encrypted callbacks and answers them', async () => {
    await env.wx.text('o_safe_owner', '你好');
    expect((await env.nextTo('o_safe_owner', 0)).text).toMatch(/1\. 投诉/);
  });

  it('refuses a plaintext body or one whose msg_signature does not match', async () => {
    const plain = new OaCallbacks({ url: `http://127.0.0.1:${env.app.http.port}/wechat/oa` });
    expect((await plain.text('o_safe_x', '投诉')).status).toBe(401);
    expect(
      (
        await env.wx.post(OaCallbacks.xml({ ToUserName: 'gh', FromUserName: 'o', CreateTime: 1, MsgType: 'text' }), {
          sign: 'wrong',
        })
      ).status,
    ).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(env.fake.to('o_safe_x')).toEqual([]);
  });
});
