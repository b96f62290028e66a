import { feesEn } from './en/fees.js';
import { bindGuardEn } from './en/bind-guard.js';
import { privacyEn } from './en/privacy.js';
import { identityEn } from './en/identity.js';
import { keysEn } from './en/keys.js';
import { nluEn } from './en/nlu.js';
import { wechatOaEn } from './en/wechat-oa.js';
import type { MessageKey } from './zh-CN.js';

// English catalogue: same keys as zh-CN (the compiler checks none is missing).
export const en: Record<MessageKey, string> = {
  'menu.greeting': 'Hello, I am the {estate} front-desk assistant. How can I help you?',
  'menu.again': 'Anything else I can help with?',
  'menu.retry': 'Sorry, I did not understand. Pick an option below or say what you need (e.g. "complaint").',
  'menu.complaint': 'Complaint',
  'menu.renovation': 'Renovation',
  'menu.keys': 'Keys',
  'menu.fees': 'Property fees',
  'menu.help': 'Help',
  'menu.handoff': 'Talk to staff',
  'cancel.done': 'Cancelled.',
  'cancel.nothing': 'Nothing to cancel.',
  'handoff.askTopic': 'Sure, I will get a person to help. Briefly, what is it about?',
  'handoff.askWhen': 'When should we contact you? Reply "asap" or give a time, e.g. "tomorrow 3pm".',
  'handoff.askWhenRetry': 'I could not read a time. Reply "asap" or give a future time, e.g. "tomorrow 10am".',
  'handoff.whenPast': 'That time has passed. Give a future time or reply "asap".',
  'handoff.done':
    'Request {ref} recorded. Topic: {topic}\nStaff will contact you {when}. If urgent, call the desk at {deskPhone}.',
  'handoff.asap': 'as soon as possible during desk hours',
  'input.empty': 'I received no text. Please type your message.',
  'input.tooLong': 'That is too long ({length} characters); please keep it under {max}.',
  'input.noText': 'Please describe it in words (emoji alone cannot be handled).',
  'input.unsupported': 'This kind of message ({type}) is not supported yet; please send text.',
  'wechat.unsupported': 'Voice, video and stickers are not supported yet; please send text or a photo.',
  'wechat.mediaFailed': 'The photo or file did not come through; please send it again.',
  'error.generic': 'Sorry, something went wrong and the current step was reset. Start again or reply "talk to staff".',
  ...identityEn,
  ...bindGuardEn,
  ...privacyEn,
  ...feesEn,
  ...keysEn,
  ...nluEn,
  ...wechatOaEn,
};
