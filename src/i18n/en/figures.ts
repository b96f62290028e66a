import type { figuresZh } from '../zh-CN/figures.js';

// English texts of the supervisors' figures: collection rate, CSAT and stats, false alarms, the monthly export and
// the owner's photos sent to the staff member who takes a ticket.
export const figuresEn: Record<keyof typeof figuresZh, string> = {
  'figures.collection.dueOnly': '(only bills due by {today}; bills not yet due are not counted as receivable)',
  'figures.collection.noneDue': '{scope}: no bills due by {today} yet.',
  'figures.csat.unresolved': ', not solved {count}',
  'figures.csat.unresolvedNote': 'A follow-up answered "not solved" counts as 1 point in the average (our default).',
  'figures.repeats.reopened': '  of which reopened after a "not solved" follow-up: {count}',
  'figures.falseAlarms': 'False alarms: {count} (left out of the figures above)',
  'falseAlarm.summary':
    'Mark a ticket a false alarm: left out of SLA, CSAT, repeat complaints and stats; an open one is closed (foreman and above)',
  'falseAlarm.usage': '/falsealarm 0007 [reason]',
  'falseAlarm.tooLong': 'The reason is too long ({length} characters); please keep it within 200.',
  'falseAlarm.done':
    'Ticket {number} marked a false alarm; it no longer counts in SLA, CSAT, repeat complaints or stats.',
  'falseAlarm.doneClosed':
    'Ticket {number} marked a false alarm and closed; the owner was told. It no longer counts in SLA, CSAT, repeat complaints or stats.',
  'falseAlarm.already': 'Ticket {number} was already marked a false alarm at {at}.',
  'falseAlarm.withdrawn': 'Ticket {number} was withdrawn by the owner and never counted; no need to mark it.',
  'falseAlarm.race': 'Ticket {number} just changed; check it with "/ticket {number}" and try again.',
  'falseAlarm.owner':
    'Your ticket {number} ({category}) was checked by staff and closed as a false alarm{reason}. If the problem is still there, please file it again or choose "Talk to staff".',
  'falseAlarm.ownerReason': ': {reason}',
  'export.summary': "Export a month's tickets as an Excel file (.xlsx), sent to you privately (supervisors, managers)",
  'export.usage': '/export 2026-11 (default: this month)',
  'export.queued':
    'The {month} ticket sheet ({count} tickets) is ready; the file "{file}" will be sent to you privately.',
  'export.empty': 'No tickets in {month}; no file made.',
  'export.nowhere':
    'The {month} ticket sheet is ready, but there is no private chat to send it to; send the bot a private message first and try again.',
  'export.caption': '{estate} tickets {month} ({count}). Owner phones are masked.',
  'export.noFiles':
    'This channel cannot receive files: get the {month} ticket sheet ({count} tickets) with "/export {key}" on Telegram, Teams or WeChat.',
  'export.sheet': 'Tickets',
  'export.col.number': 'Number',
  'export.col.kind': 'Kind',
  'export.col.category': 'Category',
  'export.col.unit': 'Unit',
  'export.col.owner': 'Owner phone',
  'export.col.status': 'Status',
  'export.col.created': 'Created',
  'export.col.accepted': 'Accepted',
  'export.col.resolved': 'Resolved',
  'export.col.slaMet': 'SLA met',
  'export.col.score': 'Follow-up score',
  'export.col.reopened': 'Reopened',
  'export.col.falseAlarm': 'False alarm',
  'export.yes': 'yes',
  'export.no': 'no',
  'export.pending': 'open',
  'export.unresolved': 'not solved',
  'photos.caption': 'Ticket {number}: owner photo {index}/{total}',
  'photos.noImage': '(this channel cannot show images: see photo {index}/{total} of ticket {number} at the desk)',
  'photos.links': 'Ticket {number} ({category}) has {count} more owner photo(s) that cannot be forwarded:',
  'photos.linkLine': '- {name}: {link}',
  'photos.noLink': "in the owner's chat channel; see it at the desk",
  'photos.sentToYou': 'The owner sent {count} photo(s); they were sent to you privately.',
  'photos.sentTo': 'The owner sent {count} photo(s); they were sent to {name} privately.',
};
