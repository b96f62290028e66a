// The journey with the owner on the estate's Official Account and the staff on the personal account: startApp with
// WECHAT_OA_* pointed at the fake platform API and WECHATY_PUPPET=wechaty-puppet-mock. The owner follows, then writes
// through signed callbacks to /wechat/oa and reads what the fake received as customer-service messages; the staff
// speak in the mock group as on the WeChat journey.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { FAKE_OA, FakeWechatOaApi, OaCallbacks } from '../../support/fake-wechat-oa-api.js';
import { startJourneyApp, type ChannelWire, type Seen } from './journey.js';
import { attachWechatMock, menuOf, mockPuppetEnv } from './wechat-wire.js';

export const OWNER_OPENID = 'oWUYE_owner_liuyang';

export async function wechatOaWire(
  databaseUrl: string,
): Promise<ChannelWire & { fake: FakeWechatOaApi; wx: OaCallbacks }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-e2e-oa-'));
  const fake = await FakeWechatOaApi.start();
  const { app, clock, errorLogs } = await startJourneyApp(databaseUrl, {
    ...mockPuppetEnv(dataDir),
    WECHAT_OA_APP_ID: FAKE_OA.appId,
    WECHAT_OA_APP_SECRET: FAKE_OA.appSecret,
    WECHAT_OA_TOKEN: FAKE_OA.token,
    WECHAT_OA_AES_KEY: FAKE_OA.aesKey,
    WECHAT_OA_API_ROOT: fake.apiRoot,
  });
  // The platform and its signed callbacks live on the app's clock (the callback timestamp is checked against it).
  fake.now = clock.now;
  const staff = await attachWechatMock(app);
  const wx = new OaCallbacks({
    url: `http://127.0.0.1:${app.http.port}/wechat/oa`,
    fake,
    aesKey: FAKE_OA.aesKey,
    now: clock.now,
  });
  const ownerInbox = (): Seen[] =>
    fake.to(OWNER_OPENID).map((d) => ({ text: d.text, buttons: menuOf(d.text), handle: d.text }));

  // 关注: the greeting offers binding (the journey then binds through the flow the owner asks for).
  await wx.event(OWNER_OPENID, 'subscribe');
  const hello = await fake.waitFor(() => ownerInbox()[0], 'the follow greeting');
  expect(hello.text).toContain('首次使用请先绑定房屋');

  const ok = (r: { status: number; body: string }) => {
    if (r.status !== 200) throw new Error(`/wechat/oa answered ${r.status}`);
  };
  return {
    label: 'WeChat Official Account (fake platform API, safe mode) + staff on wechaty-puppet-mock',
    channel: 'wechat-oa',
    channelId: 'wechat-oa',
    staffChannelId: 'wechat',
    outboxChannels: ['wechat-oa', 'wechat'],
    app,
    clock,
    databaseUrl,
    claimByReply: true,
    fake,
    wx,
    inbox: (chat) => (chat === 'owner' ? ownerInbox() : staff.boxes[chat]),
    async say(who, text) {
      if (who === 'owner') ok(await wx.text(OWNER_OPENID, text));
      else await staff.say(who, text);
    },
    async pick(who, seen, label) {
      if (who !== 'owner') return staff.pick(who, seen, label);
      // No inline buttons on the Official Account either: the owner types the menu number.
      const index = seen.buttons.indexOf(label);
      if (index < 0) throw new Error(`no menu entry「${label}」in «${seen.text}»`);
      ok(await wx.text(OWNER_OPENID, String(index + 1)));
    },
    sayInGroup: staff.sayInGroup,
    errorLogs,
    async close() {
      await app.stop();
      await fake.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
