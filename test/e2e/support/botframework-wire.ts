// The journey over Bot Framework (as Microsoft Teams speaks it): startApp's CloudAdapter gets real Activity JSON on
// POST /api/messages; every reply and every proactive (outbox) message is POSTed by botbuilder's connector client to
// the activity's serviceUrl, here a small connector server on 127.0.0.1 that records them per conversation.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { startJourneyApp, type ChannelWire, type Chat, type Seen, type Speaker } from './journey.js';

interface ConnectorPost {
  conversationId: string;
  body: { type?: string; text?: string; suggestedActions?: { actions?: { title?: string; value?: unknown }[] } };
}

const BOT = { id: '28:wuye-desk-bot', name: '物业前台' };
const TENANT = { id: 'tenant-jinxiu' };
const USERS: Record<Speaker, { id: string; name: string }> = {
  owner: { id: '29:owner-liuyang', name: '刘洋' },
  supervisor: { id: '29:staff-zhangmin', name: '张敏' },
  assistant: { id: '29:staff-wangfang', name: '王芳' },
  worker: { id: '29:staff-zhaoshifu', name: '赵师傅' },
};
const CONVERSATIONS: Record<Chat, string> = {
  owner: 'a:1owner-personal',
  supervisor: 'a:1supervisor-personal',
  assistant: 'a:1assistant-personal',
  worker: 'a:1worker-personal',
  group: '19:jinxiu-service-desk@thread.v2',
};

async function startConnector() {
  const posts: ConnectorPost[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      // POST /v3/conversations/{conversationId}/activities[/{replyToId}]
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && m?.[1])
        posts.push({
          conversationId: decodeURIComponent(m[1]),
          body: JSON.parse(data || '{}') as ConnectorPost['body'],
        });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${posts.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    posts,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function botFrameworkWire(databaseUrl: string): Promise<ChannelWire> {
  const connector = await startConnector();
  const { app, clock, errorLogs } = await startJourneyApp(databaseUrl, {});
  let n = 0;

  const post = async (who: Speaker, chat: Chat, text: string, extra: Record<string, unknown> = {}) => {
    n++;
    const isGroup = chat === 'group';
    const activity = {
      type: 'message',
      id: `act-${n}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { ...USERS[who], aadObjectId: `aad-${who}` },
      recipient: BOT,
      conversation: {
        id: CONVERSATIONS[chat],
        conversationType: isGroup ? 'groupChat' : 'personal',
        isGroup,
        tenantId: TENANT.id,
      },
      channelData: { tenant: TENANT },
      locale: 'zh-CN',
      text,
      textFormat: 'plain',
      ...extra,
    };
    const res = await fetch(`http://127.0.0.1:${app.http.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status, `POST /api/messages «${text}»`).toBeLessThan(300);
  };

  return {
    label: 'Bot Framework (CloudAdapter, Teams activities over HTTP)',
    channel: 'botframework',
    channelId: 'msteams',
    app,
    clock,
    databaseUrl,
    // Bot Framework gives replyToId but not the replied-to text, so staff type the number here.
    claimByReply: false,
    inbox: (chat): Seen[] =>
      connector.posts
        .filter((p) => p.conversationId === CONVERSATIONS[chat] && (p.body.type ?? 'message') === 'message')
        .map((p) => ({
          text: p.body.text ?? '',
          buttons: (p.body.suggestedActions?.actions ?? []).map((a) => String(a.title)),
          handle: p.body,
        })),
    say: (who, text) => post(who, who, text),
    async pick(who, seen, label) {
      // A suggested action (imBack) posts its value as the user's message.
      const action = ((seen.handle as ConnectorPost['body']).suggestedActions?.actions ?? []).find(
        (a) => a.title === label,
      );
      if (!action) throw new Error(`no suggested action「${label}」under «${seen.text}»`);
      await post(who, who, String(action.value ?? label));
    },
    async sayInGroup(who, text) {
      // Teams delivers a group message to the bot only when it @-mentions it; the text carries the mention markup.
      const mention = `<at>${BOT.name}</at>`;
      await post(who, 'group', `${mention} ${text}`, {
        entities: [{ type: 'mention', mentioned: BOT, text: mention }],
      });
    },
    errorLogs,
    async close() {
      await app.stop();
      await connector.close();
    },
  };
}
