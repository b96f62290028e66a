// End-to-end with the owner on the Official Account (safe mode, fake platform API) and the staff group on the personal
// account (wechaty + PuppetMock): follow → bind (姓名+手机尾号) → complaint (menus answered by number) → group notice →
// claim by quoting → resolve → owner told through customer-service messages → 回访 → "5" → CLOSED.
import { describeOwnerJourney } from './support/journey.js';
import { wechatOaWire } from './support/wechat-oa-wire.js';

describeOwnerJourney({
  channel: 'WeChat Official Account',
  title: 'follows, binds, files a complaint; staff claim it in the WeChat group, resolve, 回访 5 closes it',
  everyDb: false,
  options: { bind: 'name' },
  wire: wechatOaWire,
});
