// Open mode is a choice: without MicrosoftAppId nothing authenticates /api/messages, so a default start binds loopback
// and the endpoint answers only this machine; BOTFRAMEWORK_OPEN_MODE=true opens it, loudly. Real start-ups, real HTTP.
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/main.js';
import { memoryLogger, WEEKDAY_MORNING } from '../support/app.js';
import { startConnector, type Connector } from '../support/bf-connector.js';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../support/databases.js';

/** This machine's address on a real interface: requests to it arrive from a non-loopback address. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('security: open mode', () => {
  const started: Array<{ app: App; url: string }> = [];
  let connector: Connector | null = null;
  afterEach(async () => {
    for (const s of started.splice(0)) {
      await s.app.stop();
      await dropDatabaseUrl(s.url);
    }
    await connector?.close();
    connector = null;
  });

  async function start(env: Record<string, string>) {
    const url = await createEmptyDatabaseUrl('sqlite');
    const log = memoryLogger();
    const app = await startApp({
      env: { DATABASE_URL: url, PORT: '0', CONSOLE_CHAT: 'off', SCHEDULER: 'off', LOG_LEVEL: 'info', ...env },
      logger: log.logger,
      now: () => WEEKDAY_MORNING,
    });
    started.push({ app, url });
    const address = app.http.server.address();
    return { app, log, bound: typeof address === 'object' && address ? address.address : '' };
  }

  const message = (serviceUrl: string) => ({
    type: 'message',
    id: `open-${Math.random()}`,
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: 'open-conv' },
    from: { id: 'open-user', name: 'u' },
    recipient: { id: 'bot', name: 'bot' },
    text: '帮助',
  });
  const post = (host: string, port: number, body: unknown) =>
    fetch(`http://${host}:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a default start (no MicrosoftAppId, no HOST) binds 127.0.0.1 and logs that address', async () => {
    const { log, bound } = await start({});
    expect(bound).toBe('127.0.0.1');
    const line = log.lines.find((l) => l.includes('Bot Framework endpoint'));
    expect(line).toContain('listening on 127.0.0.1');
    expect(line).toContain('answers requests from this machine only');
    expect(log.lines.join('')).not.toContain('OPEN MODE');
  });

  it.skipIf(!external)(
    'HOST=0.0.0.0 without MicrosoftAppId: a request from another address gets 403, loopback is answered',
    async () => {
      connector = await startConnector();
      const { app, log, bound } = await start({ HOST: '0.0.0.0' });
      expect(bound).toBe('0.0.0.0');
      expect(log.lines.find((l) => l.includes('Bot Framework endpoint'))).toContain('other addresses get 403');
      const outside = await post(external!, app.http.port, message(connector.url));
      expect(outside.status).toBe(403);
      expect(await outside.json()).toEqual({ error: '未设置 MicrosoftAppId：本端点只接受本机的请求' });
      expect((await post('127.0.0.1', app.http.port, message(connector.url))).status).toBeLessThan(300);
      expect((await connector.waitFor(1)).length).toBe(1);
    },
  );

  it.skipIf(!external)(
    'BOTFRAMEWORK_OPEN_MODE=true binds all interfaces, warns loudly, and answers another address',
    async () => {
      connector = await startConnector();
      const { app, log, bound } = await start({ BOTFRAMEWORK_OPEN_MODE: 'true' });
      expect(bound).toBe('0.0.0.0');
      const warning = log.lines.find((l) => l.includes('OPEN MODE'));
      expect(warning).toContain('"level":40');
      expect(warning).toContain('UNAUTHENTICATED');
      expect((await post(external!, app.http.port, message(connector.url))).status).toBeLessThan(300);
      expect((await connector.waitFor(1)).length).toBe(1);
    },
  );

  it('with MicrosoftAppId set an unsigned request is refused (JWT), whatever it claims', async () => {
    connector = await startConnector();
    const { app, bound } = await start({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'x',
    });
    expect(bound).toBe('0.0.0.0');
    const res = await post('127.0.0.1', app.http.port, message('https://smba.trafficmanager.net/amer/'));
    expect(res.status).toBe(401);
  });
});
