// The journey over Telegram: startApp with TELEGRAM_BOT_TOKEN + TELEGRAM_API_ROOT → grammY long-polls the fake Bot API
// on 127.0.0.1. Users are updates pushed to getUpdates (messages, button presses as callback_query, replies with
// reply_to_message); what they see are the sendMessage calls grammY made to that chat.
import { FakeTelegramApi, type RecordedCall } from '../../support/fake-telegram-api.js';
import { startJourneyApp, type ChannelWire, type Chat, type Seen, type Speaker, type Staff } from './journey.js';

interface TgUser {
  id: number;
  first_name: string;
}

const USERS: Record<Speaker, TgUser> = {
  owner: { id: 1001, first_name: '刘洋' },
  supervisor: { id: 1002, first_name: '张敏' },
  assistant: { id: 1003, first_name: '王芳' },
  worker: { id: 1004, first_name: '赵师傅' },
};
const GROUP = { id: -5001, type: 'group', title: '锦绣花园客服群' };
const CHAT_IDS: Record<Chat, number> = {
  owner: 1001,
  supervisor: 1002,
  assistant: 1003,
  worker: 1004,
  group: GROUP.id,
};

type Keyboard = { inline_keyboard?: { text: string; callback_data: string }[][] };

export async function telegramWire(databaseUrl: string): Promise<ChannelWire> {
  const fake = await FakeTelegramApi.start();
  const { app, clock, errorLogs } = await startJourneyApp(databaseUrl, {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  let updateId = 0;
  const now = () => Math.floor(Date.now() / 1000);

  /** The fake numbers sent messages 1000, 1001… in the order it answered them; a reply must name the right one. */
  const sent = (): Array<{ call: RecordedCall; messageId: number }> => {
    let next = 1000;
    const out: Array<{ call: RecordedCall; messageId: number }> = [];
    for (const call of fake.calls) {
      if (call.status !== 200 || (call.method !== 'sendMessage' && call.method !== 'sendPhoto')) continue;
      out.push({ call, messageId: next++ });
    }
    return out;
  };

  const inbox = (chat: Chat): Seen[] =>
    sent()
      .filter(({ call }) => call.method === 'sendMessage' && call.payload.chat_id === String(CHAT_IDS[chat]))
      .map(({ call, messageId }) => {
        const keyboard = (call.payload.reply_markup as Keyboard | undefined)?.inline_keyboard ?? [];
        return {
          text: String(call.payload.text),
          buttons: keyboard.flat().map((b) => b.text),
          handle: { messageId, keyboard: call.payload.reply_markup },
        };
      });

  const message = (from: TgUser, chat: Record<string, unknown>, text: string, extra: Record<string, unknown> = {}) => {
    updateId++;
    fake.pushUpdate({
      update_id: updateId,
      message: { message_id: 10_000 + updateId, date: now(), chat, from: { ...from, is_bot: false }, text, ...extra },
    });
  };

  return {
    label: 'Telegram (grammY → fake Bot API over HTTP)',
    channel: 'telegram',
    channelId: 'telegram',
    app,
    clock,
    databaseUrl,
    claimByReply: true,
    inbox,
    async say(who, text) {
      const user = USERS[who];
      message(user, { id: user.id, type: 'private', first_name: user.first_name }, text);
    },
    async pick(who, seen, label) {
      // A tap on the inline keyboard button: a callback_query carrying that button's callback_data.
      const { messageId, keyboard } = seen.handle as { messageId: number; keyboard: Keyboard };
      const button = (keyboard.inline_keyboard ?? []).flat().find((b) => b.text === label);
      if (!button) throw new Error(`no button「${label}」under «${seen.text}»`);
      const user = USERS[who];
      updateId++;
      fake.pushUpdate({
        update_id: updateId,
        callback_query: {
          id: `cbq-${updateId}`,
          from: { ...user, is_bot: false },
          data: button.callback_data,
          message: {
            message_id: messageId,
            date: now(),
            chat: { id: user.id, type: 'private', first_name: user.first_name },
            reply_markup: keyboard,
          },
        },
      });
    },
    async sayInGroup(who: Staff, text, replyTo) {
      // Privacy mode: a group bot gets /commands and replies to its own messages. So the supervisor types the slash
      // alias (/registergroup@bot), staff reply to the notice, and otherwise use /resolve@bot.
      const slash: Array<[RegExp, string]> = [
        [/^注册群/, '/registergroup@wuye_test_bot'],
        [/^办结/, '/resolve@wuye_test_bot'],
      ];
      const typed = replyTo ? text : slash.reduce((t, [re, alias]) => t.replace(re, alias), text);
      const extra = replyTo
        ? {
            reply_to_message: {
              message_id: (replyTo.handle as { messageId: number }).messageId,
              date: now(),
              chat: GROUP,
              from: { id: 123456, is_bot: true, first_name: '物业前台' },
              text: replyTo.text,
            },
          }
        : {};
      message(USERS[who], GROUP, typed, extra);
    },
    errorLogs,
    async close() {
      await app.stop();
      await fake.close();
    },
  };
}
