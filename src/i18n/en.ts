import { feesEn } from './en/fees.js';
import { bindGuardEn } from './en/bind-guard.js';
import { privacyEn } from './en/privacy.js';
import { identityEn } from './en/identity.js';
import { appointmentsEn } from './en/appointments.js';
import { keysEn } from './en/keys.js';
import { nluEn } from './en/nlu.js';
import { callbackEn } from './en/callback.js';
import { queueEn } from './en/queue.js';
import { ticketEn } from './en/ticket.js';
import { renovationEn } from './en/renovation.js';
import { permitApplyEn } from './en/permit-apply.js';
import { visitorEn } from './en/visitor.js';
import { passEn } from './en/pass.js';
import { wechatOaEn } from './en/wechat-oa.js';
import { securityEn } from './en/security.js';
import { surveyEn } from './en/survey.js';
import { settingsEn } from './en/settings.js';
import { figuresEn } from './en/figures.js';
import { noticeEn } from './en/notice.js';
import { errorsEn } from './en/errors.js';
import { restEn } from './en/rest.js';
import type { MessageKey } from './zh-CN.js';
import { repairEn } from './en/repair.js';
import { complaintsEn } from './en/complaints.js';
import { deskEn } from './en/desk.js';
import { commandsEn } from './en/commands.js';

// English catalogue: same keys as zh-CN (the compiler checks none is missing).
export const en: Record<MessageKey, string> = {
  'menu.greeting': 'Hello, I am the {estate} front-desk assistant. How can I help you?',
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
  'emergency.notified':
    'The duty foreman and supervisor have been alerted (incident {number}); we will be there as soon as we can. Keep your phone on; if things change, call {phone}.',
  'emergency.nobody':
    'Incident {number} is recorded, but no duty staff can receive alerts online right now: please call the emergency number {phone} at once. If life is at risk, call 110 / 119 / 120.',
  'emergency.staffNotified':
    'Incident {number} ({type}) raised; the foreman and supervisor have been alerted. Reply "/ack {number}" in the group to take it.',
  'emergency.staffNobody':
    'Incident {number} ({type}) recorded, but no foreman or supervisor can receive alerts (no registered group, nobody reachable): phone the duty supervisor now.',
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
  ...appointmentsEn,
  ...nluEn,
  ...callbackEn,
  ...queueEn,
  ...repairEn,
  ...ticketEn,
  ...renovationEn,
  ...permitApplyEn,
  ...visitorEn,
  ...passEn,
  ...wechatOaEn,
  ...securityEn,
  ...surveyEn,
  ...settingsEn,
  ...figuresEn,
  ...noticeEn,
  ...errorsEn,
  ...complaintsEn,
  ...restEn,
  ...deskEn,
  ...commandsEn,
};
