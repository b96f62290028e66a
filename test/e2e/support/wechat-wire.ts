// The journey over WeChat: startApp with WECHATY_PUPPET=wechaty-puppet-mock, so wechaty loads the puppet by its npm
// name exactly as it would load wechaty-puppet-service. The mock contacts and room talk to the logged-in bot account;
// what they see is what the bot account said to them (replies and outbox sends), buttons as numbered menus.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log as wechatyLog, type Wechaty } from 'wechaty';
import type { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { WechatAdapter } from '../../../adapters/wechat/wechat.adapter.js';
import type { App } from '../../../src/main.js';
import { startJourneyApp, type ChannelWire, type Chat, type Seen, type Speaker } from './journey.js';
import { eventually } from '../../support/patience.js';

wechatyLog.level('silent');

const BOT_NAME = '物业小助手';
/** The separator WeChat puts under a quoted message (引用), as puppets render it. */
const QUOTE_RULE = '- - - - - - - - - - - - - - -';

/** "文字\n\n1. 投诉\n2. 装修" → the menu labels. */
export function menuOf(text: string): string[] {
  const tail = text.split('\n\n').at(-1) ?? '';
  const lines = tail.split('\n');
  return lines.every((l) => /^\d+\. /.test(l)) ? lines.map((l) => l.replace(/^\d+\. /, '')) : [];
}

/** The mock WeChat world behind a started app's WeChat channel: the bot account logged in, four contacts, a group. */
export async function attachWechatMock(app: App) {
  const adapter = app.channels.find((c) => c.name === 'wechat') as WechatAdapter | undefined;
  if (!adapter) throw new Error('startApp did not start the WeChat channel');
  // wechaty built the PuppetMock itself (from the npm name); its mocker plays the WeChat server.
  const wechaty = (adapter as unknown as { bot?: Wechaty }).bot;
  const mocker = (wechaty?.puppet as PuppetMock | undefined)?.mocker;
  if (!mocker) throw new Error('no PuppetMock mocker behind the WeChat adapter');

  const botUser = mocker.createContact({ name: BOT_NAME });
  mocker.login(botUser);
  await eventually(() => {
    if (!adapter.loggedIn) throw new Error('wechat not logged in yet');
  });

  const people: Record<Speaker, mock.ContactMock> = {
    owner: mocker.createContact({ name: '刘洋' }),
    supervisor: mocker.createContact({ name: '张敏' }),
    assistant: mocker.createContact({ name: '王芳' }),
    worker: mocker.createContact({ name: '赵师傅' }),
  };
  const room = mocker.createRoom({
    topic: '锦绣花园客服群',
    memberIdList: [botUser.id, people.supervisor.id, people.assistant.id],
  });

  const boxes: Record<Chat, Seen[]> = { owner: [], supervisor: [], assistant: [], worker: [], group: [] };
  const watch = (who: mock.ContactMock | mock.RoomMock, box: Seen[]) => {
    // The mocks are EventEmitters; their typed-emitter typings do not resolve here.
    if (!(who instanceof EventEmitter)) throw new Error('mock is not an EventEmitter');
    who.on('message', (m: mock.MessageMock) => {
      if (m.payload.talkerId !== botUser.id) return;
      const text = m.text() ?? '';
      box.push({ text, buttons: menuOf(text), handle: text });
    });
  };
  for (const who of ['owner', 'supervisor', 'assistant', 'worker'] as const) watch(people[who], boxes[who]);
  watch(room, boxes.group);

  return {
    boxes,
    async say(who: Speaker, text: string) {
      people[who].say(text).to(botUser);
    },
    async pick(who: Speaker, seen: Seen, label: string) {
      // Buttons are a numbered menu on WeChat: the user types the number.
      const index = seen.buttons.indexOf(label);
      if (index < 0) throw new Error(`no menu entry「${label}」in «${seen.text}»`);
      people[who].say(String(index + 1)).to(botUser);
    },
    async sayInGroup(who: Speaker, text: string, replyTo?: Seen) {
      if (replyTo) {
        // 引用 (quote) the bot's notice and type the command under it: this addresses the bot without an @mention.
        people[who].say(`「${BOT_NAME}：${String(replyTo.handle)}」\n${QUOTE_RULE}\n${text}`).to(room);
      } else {
        people[who].say(`@${BOT_NAME} ${text}`, [botUser]).to(room);
      }
    },
  };
}

/** The env that runs the WeChat channel on PuppetMock with its files under `dataDir`. */
export function mockPuppetEnv(dataDir: string): Record<string, string> {
  return {
    WECHATY_PUPPET: 'wechaty-puppet-mock',
    // An absolute name keeps the memory card (session file) out of the working tree.
    WECHATY_NAME: path.join(dataDir, 'wuye-e2e'),
    DATA_DIR: dataDir,
  };
}

export async function wechatWire(databaseUrl: string): Promise<ChannelWire> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-e2e-wechat-'));
  const { app, clock, errorLogs } = await startJourneyApp(databaseUrl, mockPuppetEnv(dataDir));
  const wx = await attachWechatMock(app);
  return {
    label: 'WeChat (wechaty + wechaty-puppet-mock)',
    channel: 'wechat',
    channelId: 'wechat',
    app,
    clock,
    databaseUrl,
    claimByReply: true,
    inbox: (chat) => wx.boxes[chat],
    say: wx.say,
    pick: wx.pick,
    sayInGroup: wx.sayInGroup,
    errorLogs,
    async close() {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
