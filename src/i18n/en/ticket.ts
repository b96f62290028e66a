import type { ticketZh } from '../zh-CN/ticket.js';

// English texts of the staff ticket commands that have moved into the catalogue (the rest: complaint.texts.ts, #18).
export const ticketEn: Record<keyof typeof ticketZh, string> = {
  'ticket.ownerLine': 'Owner: {name} {phone}',
  'ticket.contactSent': '(full number sent to you privately; access logged)',
  'ticket.contactPrivate':
    'Ticket {number} owner: {name} {phone}\nLocation: {location}\n(sent to you only; access logged)',
};
