// Attacks on /api/messages replayed over HTTP against the real CloudAdapter of a default start (no MicrosoftAppId):
// each must be refused. The bot's clock is pinned; nothing here depends on today or on machine speed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/main.js';
import { DEMO } from '../../src/db/seed.js';
import { BotFrameworkChannel } from '../../adapters/botframework/botframework.adapter.js';
import { memoryLogger, WEEKDAY_MORNING } from '../support/app.js';
import { startConnector, type Connector } from '../support/bf-connector.js';
import { createEmptyDatabaseUrl, describeEachDb, dropDatabaseUrl } from '../support/databases.js';

/** The manager's Telegram account, as an outsider would learn it (a numeric id seen in a group). */
const MANAGER_TELEGRAM_ID = '700100200';
/** How long the test waits to be sure nothing arrived: only to let a wrongly sent reply land, never a threshold. */
const SETTLE_MS = 300;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

describeEachDb('security: Bot Framework endpoint trust', (provider) => {
  let app: App;
  let url: string;
  let connector: Connector;
  let other: Connector;
  let seq = 0;
  const log = memoryLogger();

  beforeAll(async () => {
    url = await createEmptyDatabaseUrl(provider);
    connector = await startConnector();
    other = await startConnector();
    app = await startApp({
      env: {
        DATABASE_URL: url,
        PORT: '0',
        CONSOLE_CHAT: 'off',
        SEED_DEMO: 'auto',
        SCHEDULER: 'off',
        LOG_LEVEL: 'info',
      },
      logger: log.logger,
      now: () => WEEKDAY_MORNING,
    });
    // The manager also chats on Telegram: an outsider who learns the numeric id must not become them.
    const manager = await app.db.prisma.person.findFirstOrThrow({ where: { name: '陈刚' } });
    await app.db.prisma.channelIdentity.create({
      data: { channel: 'telegram', externalId: MANAGER_TELEGRAM_ID, personId: manager.id, displayName: '陈刚' },
    });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await other.close();
    await dropDatabaseUrl(url);
  });

  const post = (body: unknown) =>
    fetch(`http://127.0.0.1:${app.http.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const activity = (o: {
    channelId?: string;
    from?: string;
    conversation?: string;
    text: string;
    serviceUrl?: string;
  }) => ({
    type: 'message',
    id: `sec-${++seq}`,
    channelId: o.channelId ?? 'msteams',
    serviceUrl: o.serviceUrl ?? connector.url,
    timestamp: WEEKDAY_MORNING.toISOString(),
    conversation: { id: o.conversation ?? `sec-conv-${seq}` },
    from: { id: o.from ?? `sec-user-${seq}`, name: '访客' },
    recipient: { id: 'bot', name: '物业前台' },
    text: o.text,
    locale: 'zh-CN',
  });
  const identities = (channel: string, externalId: string) =>
    app.db.prisma.channelIdentity.count({ where: { channel, externalId } });

  describe('impersonation through channelId', () => {
    it.each([
      ['console', DEMO.staff[2].consoleId],
      ['telegram', MANAGER_TELEGRAM_ID],
      ['wechat', 'wxid_manager'],
      ['wechat-oa', 'oManagerOpenId'],
    ])(
      'an activity claiming channelId %s is refused with 403, answers nothing and creates nothing',
      async (channelId, from) => {
        const before = connector.received.length;
        const codes = await app.db.prisma.staffCode.count();
        for (const text of ['身份', '员工码 张敏', '欠费']) {
          const res = await post(activity({ channelId, from, text }));
          expect(res.status).toBe(403);
          expect(await res.json()).toEqual({ error: '本端点只接受 Bot Framework 渠道的消息' });
        }
        await settle();
        expect(connector.received.length).toBe(before);
        expect(await app.db.prisma.staffCode.count()).toBe(codes);
        if (channelId !== 'console' && channelId !== 'telegram') expect(await identities(channelId, from)).toBe(0);
      },
    );

    it('a look-alike channelId (Telegram, "console ", telegram\\u0000) is refused too', async () => {
      for (const channelId of ['Telegram', 'console ', 'telegram\u0000', 'CONSOLE'])
        expect((await post(activity({ channelId, from: MANAGER_TELEGRAM_ID, text: '身份' }))).status).toBe(400);
    });

    it("a Bot Framework channel with a staff member's console or Telegram id is only a new, unbound account", async () => {
      for (const from of [DEMO.staff[3].consoleId, MANAGER_TELEGRAM_ID]) {
        const before = connector.received.length;
        const res = await post(activity({ channelId: 'msteams', from, text: '/staffcode 王芳' }));
        expect(res.status).toBeLessThan(300);
        const replies = await connector.waitFor(before + 1);
        const text = replies.at(-1)?.body.text ?? '';
        expect(text).toContain('仅限主管、经理使用');
        expect(text).not.toMatch(/\d{8}/);
      }
      expect(await app.db.prisma.staffCode.count()).toBe(0);
    });
  });

  describe('serviceUrl redirection', () => {
    it.each([
      'https://attacker.example/',
      'http://169.254.169.254/latest/',
      'http://10.0.0.5:8080/',
      'https://smba.trafficmanager.net.attacker.example/',
      'https://user:pw@smba.trafficmanager.net/',
    ])('an activity naming serviceUrl %s is refused with 403 before any turn runs', async (serviceUrl) => {
      const from = `redirect-${seq}`;
      const res = await post(activity({ from, text: '你好', serviceUrl }));
      expect(res.status).toBe(403);
      expect(await identities('msteams', from)).toBe(0);
    });

    it("a known account's stored address keeps its serviceUrl when a message claims another one", async () => {
      const from = 'owner-on-teams';
      // A message that starts a flow records the account (a greeting alone leaves no row, #17).
      await post(activity({ from, text: '我要绑定房屋', conversation: 'teams-personal-1' }));
      await connector.waitFor(1);
      const before = other.received.length;
      // An outsider on an allowed host (here: the other loopback connector) posts as the same account.
      await post(activity({ from, text: '你好', conversation: 'teams-personal-evil', serviceUrl: other.url }));
      await other.waitFor(before + 1);
      const row = await app.db.prisma.channelIdentity.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'msteams', externalId: from } },
      });
      const ref = JSON.parse(row.conversationRef ?? '{}') as { serviceUrl?: string; conversation?: { id: string } };
      expect(ref.serviceUrl).toBe(connector.url);
      expect(ref.conversation?.id).toBe('teams-personal-1');
    });

    it('a notice whose stored reference names a host off the allow-list is not sent anywhere', async () => {
      const bf = app.channels.find((c) => c.name === 'botframework') as BotFrameworkChannel;
      const result = await bf.send(
        JSON.stringify({ serviceUrl: 'https://attacker.example/', channelId: 'msteams', conversation: { id: 'x' } }),
        { text: '催缴通知' },
      );
      expect(result).toEqual({ ok: false, error: 'serviceUrl not on the allow-list', permanent: true });
    });
  });

  describe('malformed identifiers', () => {
    it('entities: null (or a null entity) is answered like any message', async () => {
      for (const entities of [null, [null, { type: 'mention' }]]) {
        const before = connector.received.length;
        const res = await post({ ...activity({ text: '帮助' }), entities });
        expect(res.status).toBeLessThan(300);
        const replies = await connector.waitFor(before + 1);
        expect(replies.at(-1)?.body.text).toContain('我可以帮您');
      }
    });

    it('NUL in from.id, a 200 KB from.id and a non-ASCII conversation.id are refused with 400 and leave no row', async () => {
      const rows = await app.db.prisma.channelIdentity.count();
      const before = connector.received.length;
      for (const bad of [
        activity({ from: 'evil\u0000id', text: '你好' }),
        activity({ from: 'x'.repeat(200 * 1024), text: '你好' }),
        activity({ conversation: '业主会话', text: '我要投诉' }),
        activity({ conversation: 'a'.repeat(600), text: '你好' }),
      ]) {
        const res = await post(bad);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ error: '无效的消息格式' });
      }
      await settle();
      expect(await app.db.prisma.channelIdentity.count()).toBe(rows);
      expect(connector.received.length).toBe(before);
    });

    it('50 concurrent first messages from one new account all get an answer and make one account', async () => {
      const before = connector.received.length;
      const from = 'first-contact-race';
      const res = await Promise.all(
        // A message that needs the account (a greeting alone leaves no row, #17).
        Array.from({ length: 50 }, (_, i) => post(activity({ from, text: '我要绑定房屋', conversation: `race-${i}` }))),
      );
      expect(res.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
      await connector.waitFor(before + 21);
      await settle();
      const replies = connector.received.slice(before);
      // The 20 the rate limit lets through at once are answered (the binding question), the rest once with a "slow down".
      expect(replies.filter((r) => (r.body.text ?? '').includes('系统出了点问题'))).toEqual([]);
      expect(replies.length).toBe(21);
      expect(await identities('msteams', from)).toBe(1);
    });
  });

  describe('flooding', () => {
    it('one account sending 200 messages is answered 20 times, then told once to slow down; others are unaffected', async () => {
      const from = 'flooder';
      const before = connector.received.length;
      for (let i = 0; i < 200; i++) {
        const res = await post(activity({ from, text: '帮助', conversation: 'flood-conv' }));
        expect(res.status).toBeLessThan(300);
      }
      await connector.waitFor(before + 21);
      await settle();
      const replies = connector.received.slice(before).filter((r) => r.path.includes('flood-conv'));
      const slowDown = replies.filter((r) => (r.body.text ?? '').includes('您发送得太快了'));
      expect(slowDown).toHaveLength(1);
      expect(replies).toHaveLength(21);
      // Another owner, meanwhile, is answered as usual.
      const n = connector.received.length;
      await post(activity({ from: 'calm-owner', text: '帮助', conversation: 'calm-conv' }));
      const [calm] = (await connector.waitFor(n + 1)).slice(n);
      expect(calm?.body.text).not.toContain('您发送得太快了');
    });
  });
});
