import type { wechatOaZh } from '../zh-CN/wechat-oa.js';

// English texts of the WeChat Official Account channel: follow greeting, voice messages, the undelivered list.
export const wechatOaEn: Record<keyof typeof wechatOaZh, string> = {
  'menu.bindOffer':
    'First time here? Bind your home first: reply "bind" to start (you need your unit and registered phone, or a code from the front desk).',
  'wechatOa.voice': 'We cannot listen to voice messages yet; please type. In an emergency, call the property office.',
  'undelivered.none': 'No undelivered Official Account notices.',
  'undelivered.head': 'Official Account notices that reached nobody ({count}, newest first):',
  'undelivered.line': '• {owner} | {kind} | {at} | {status}: {reason}\n  {text}',
  'undelivered.held': 'waiting',
  'undelivered.dead': 'undelivered',
  'undelivered.unknownOwner': '(unbound owner)',
  'undelivered.foot':
    'Waiting notices go out by themselves after the owner next writes to the account; call the owner if it cannot wait.',
  'undelivered.kind.reminder': 'reminder',
  'undelivered.kind.notice': 'notice',
  'undelivered.kind.survey': 'survey',
  'undelivered.kind.urgent': 'urgent',
  'undelivered.kind.other': 'message',
};
