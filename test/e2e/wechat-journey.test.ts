// End-to-end over WeChat, through startApp with WECHATY_PUPPET=wechaty-puppet-mock (wechaty loads the puppet by its npm
// name). The owner journey of test/e2e/support/journey.ts: the 客户助理 issues a 前台绑定码 in chat, the owner binds with
// it → complaint (menus answered by number) → group notice → claim by quoting (引用) the notice → resolve (@mention) →
// owner notified → 回访 job → "5" → CLOSED. Proactive sends keep WeChat's ≥ 3 s spacing, so this is the slowest one.
import { describeOwnerJourney } from './support/journey.js';
import { wechatWire } from './support/wechat-wire.js';

describeOwnerJourney({
  channel: 'WeChat',
  title:
    'binds with a 前台绑定码, files a complaint, staff claim it by quoting the group notice, resolve, 回访 5 closes it',
  everyDb: false,
  repair: true,
  options: { bind: 'code' },
  wire: wechatWire,
});
