// End-to-end over Telegram, through startApp: grammY long-polls a fake Bot API on 127.0.0.1. The owner journey of
// test/e2e/support/journey.ts: bind by name + phone → complaint → group notice → the 客户助理 claims it by replying to
// the notice → resolves it (/resolve@bot) → owner notified → 回访 job → "5" → CLOSED. Buttons are tapped
// (callback_query); the group is addressed the way a privacy-mode bot is (slash commands, replies to its messages).
import { describeOwnerJourney } from './support/journey.js';
import { telegramWire } from './support/telegram-wire.js';

describeOwnerJourney({
  channel: 'Telegram',
  title:
    'binds by name + phone, files a complaint, staff claim it by replying to the group notice, resolve, 回访 5 closes it',
  everyDb: false,
  repair: true,
  options: { bind: 'name' },
  wire: telegramWire,
});
