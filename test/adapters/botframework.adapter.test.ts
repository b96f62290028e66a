// Real Activity JSON over HTTP to /api/messages; the reply arrives at a local serviceUrl, as with the Emulator.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type App } from '../../src/main.js';
import { memoryLogger } from '../support/app.js';
import { createEmptyDatabaseUrl, describeEachDb, dropDatabaseUrl } from '../support/databases.js';
import { startConnector } from '../support/bf-connector.js';

describeEachDb('Bot Framework endpoint', (provider) => {
  let app: App;
  let url: string;
  let service: Awaited<ReturnType<typeof startConnector>>;
  let port: number;

  beforeAll(async () => {
    url = await createEmptyDatabaseUrl(provider);
    service = await startConnector();
    app = await startApp({
      env: {
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        CONSOLE_CHAT: 'off',
        SEED_DEMO: 'auto',
        LOG_LEVEL: 'debug',
      },
      logger: memoryLogger().logger,
    });
    port = app.http.port;
  });
  afterAll(async () => {
    await app.stop();
    await service.close();
    await dropDatabaseUrl(url);
  });

  const post = (body: unknown) =>
    fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const activity = (id: string, text: string, conversationId = 'emu-conv-1') => ({
    type: 'message',
    id,
    channelId: 'emulator',
    serviceUrl: service.url,
    timestamp: new Date().toISOString(),
    conversation: { id: conversationId },
    from: { id: 'emu-user-1', name: 'User', role: 'user' },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    text,
    locale: 'en-US',
  });

  it('answers a message at the activity serviceUrl, in zh-CN even when the client says en-US', async () => {
    const res = await post(activity('act-1', '你好'));
    expect(res.status).toBeLessThan(300);
    const [reply] = await service.waitFor(1);
    expect(reply?.path).toBe('/v3/conversations/emu-conv-1/activities/act-1');
    expect(reply?.body.text).toContain('请问需要办理什么业务');
    expect(reply?.body.suggestedActions?.actions.map((a) => a.title)).toEqual([
      '投诉',
      '装修',
      '钥匙',
      '物业费',
      '帮助',
    ]);
  });

  it('the same activity posted twice is answered once', async () => {
    const before = service.received.length;
    await post(activity('act-dup', '帮助', 'emu-conv-2'));
    await post(activity('act-dup', '帮助', 'emu-conv-2'));
    await service.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(service.received.length - before).toBe(1);
  });

  it('rejects malformed JSON and activities without a conversation with 400 and a zh-CN error', async () => {
    const bad = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: '请求体不是有效的 JSON' });
    const invalid = await post({ type: 'message', text: 'hi' });
    expect(invalid.status).toBe(400);
  });

  it('GET /healthz answers 200 with the database status and the staff roles that have no group', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; database: string; staffGroupsMissing: Array<{ role: string }> };
    expect(body).toMatchObject({ ok: true, database: provider });
    // The demo estate registers no group: every role's notices go privately to its one demo staff member.
    expect(body.staffGroupsMissing.map((m) => m.role).sort()).toEqual([
      'ASSISTANT',
      'FOREMAN',
      'MANAGER',
      'SUPERVISOR',
    ]);
    expect(body.staffGroupsMissing.every((m) => 'privately' in m && (m as { privately: number }).privately === 1)).toBe(
      true,
    );
  });
});
