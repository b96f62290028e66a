import type { callbackZh } from '../zh-CN/callback.js';

// English texts of callback requests (handoff → call back) as staff see and work them.
export const callbackEn: Record<keyof typeof callbackZh, string> = {
  'callback.empty': '[Callbacks] Nothing waiting.',
  'callback.head': '[Callbacks] {count} open ("as soon as possible" first):',
  'callback.line': '· {ref} {who} | about: {topic} | call at: {when} | {state}',
  'callback.asap': 'as soon as possible',
  'callback.due': '{when} (due)',
  'callback.open': 'unclaimed',
  'callback.takenState': 'taken by {name}',
  'callback.unbound': 'unbound user',
  'callback.more': '... {count} more not listed.',
  'callback.hint':
    'Reply "/callback number" to take one (the full number comes to you privately), "/callbackdone number result" to close.',
  'callback.notFound': 'No callback request {ref}. Reply "/callback" for the list.',
  'callback.alreadyTaken': 'Callback request {ref} was already taken by {name}.',
  'callback.took': 'You took callback request {ref}. {contact}',
  'callback.contactSent': 'The full number was sent to you privately (only you; logged).',
  'callback.noPhone': 'No phone on record: reply in their original chat.',
  'callback.private':
    'Callback {ref}: {name} {phone}\nAbout: {topic}\nCall at: {when}\n(sent to you only; access logged)',
  'callback.closed': 'Callback request {ref} closed: {result}',
  'callback.alreadyClosed': 'Callback request {ref} is already closed.',
  'callback.reminder': '[Callback due] {ref} {who} | about: {topic} | call at: {when}, now due. {state}',
  'callback.reminderTaken': 'Please call back, then reply "/callbackdone number result".',
  'callback.reminderOpen': 'Nobody has taken it: reply "/callback {ref}".',
  'callback.usageDone': 'Usage: /callbackdone number result, e.g. /callbackdone RG-1A2B3C explained the water cut',
};
