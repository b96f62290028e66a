import type { appointmentsZh } from '../zh-CN/appointments.js';

// English texts of the transfer / move-out / move-in desk appointments.
export const appointmentsEn: Record<keyof typeof appointmentsZh, string> = {
  'appointments.purpose.TRANSFER': 'transfer of ownership',
  'appointments.purpose.MOVE_OUT': 'moving out',
  'appointments.purpose.MOVE_IN': 'move-in hand-over',
  'appointments.askWhen':
    'Booking a desk appointment for {purpose} ({unit}). Which day and time will you come? e.g. "tomorrow 10am", "Saturday afternoon". (Desk {hours}, {minutes}-minute slots)',
  'appointments.booked':
    'Booked: {slot} at the front desk for {purpose} ({unit}), appointment code {code} — show it at the desk.\nPlease bring:\n{checklist}\nTo reschedule or cancel, reply "keys" and choose reschedule or cancel.',
  'appointments.checklistLine': '· {item}',
  'appointments.todayLine': '{time} {kind} {unit} {person}{phone} {status}',
  'appointments.notice.reminder':
    'Reminder: your desk appointment for {kind} at {slot} ({unit}, {person}); bring your 6-digit code and the documents. Reply "keys" to reschedule.',
  'appointments.notice.noShow':
    'You did not come to your desk appointment for {kind} at {slot} ({unit}); it has lapsed. Reply "{kind}" to book again.',
  'appointments.cmd.done': 'Code correct: {time} {unit} {person}, {purpose}. Check the documents, then proceed.',
};
