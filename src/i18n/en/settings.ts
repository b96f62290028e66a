import type { settingsZh } from '../zh-CN/settings.js';

// English texts of per-estate settings (settings show/set), the desk calendar, staff leaving and unregistering groups.
export const settingsEn: Record<keyof typeof settingsZh, string> = {
  'settings.weekday.1': 'Mon',
  'settings.weekday.2': 'Tue',
  'settings.weekday.3': 'Wed',
  'settings.weekday.4': 'Thu',
  'settings.weekday.5': 'Fri',
  'settings.weekday.6': 'Sat',
  'settings.weekday.7': 'Sun',
  'settings.desk.closed': 'closed',
  'settings.desk.shiftSep': ', ',
  'settings.desk.groupSep': '; ',
  'settings.desk.dayPair': '{from}, {to}',
  'settings.desk.dayRange': '{from}–{to}',
  'settings.desk.holidaysClosed': 'closed on public holidays (make-up workdays open)',
  'settings.desk.holidaysOpen': 'open on public holidays',
  'settings.desk.closedDates': 'also closed: {dates}',
  'settings.desk.parseEmpty': 'Say which days and hours, e.g. "Mon-Sun 08:30-18:00".',
  'settings.desk.parseDays': 'No days found in "{part}" (write "Mon-Fri", "Sat, Sun" or "every day").',
  'settings.desk.parseTimes': 'No times found in "{part}" (write "08:30-12:00 13:30-18:00", or "closed").',
  'settings.yes': 'yes',
  'settings.no': 'no',
  'settings.none': 'none',
  'settings.perPriority': 'normal {1}, raised {2}, urgent {3}',
  'settings.err.notNumber': '"{word}" is not a number.',
  'settings.err.notBoolean': '"{word}": answer yes or no.',
  'settings.err.perPriority': 'Give three numbers for normal, raised, urgent, e.g. 120,60,30',
  'settings.err.holidays': '"{word}": answer closed or open.',
  'settings.err.unknownKey': 'There is no setting "{key}". Settable: {keys}',
  'settings.err.invalid': '{key}: value refused, nothing changed: {reason}',
  'settings.err.noEstate': 'No estate with code {code}.',
  'settings.err.usage':
    'Usage: /settings <item> <value>, e.g. /settings desk.hours Mon-Sun 08:30-18:00. Send "/settings" for the list.',
  'settings.help.desk.hours':
    'Desk hours: which days, from when to when (SLA clocks, callback reminders and key slots follow them). Default (ours): every day 08:30–12:00, 13:30–18:00. E.g. Mon-Sun 08:30-18:00; Sun closed',
  'settings.help.desk.closedDates':
    'Extra dates the desk is closed (YYYY-MM-DD, comma-separated; "none" clears). Default: none',
  'settings.help.desk.publicHolidays':
    'Is the desk open on public holidays: closed / open. Default: closed (make-up workdays open)',
  'settings.help.repair.ackMinutes':
    'Repair dispatch limit (desk minutes) per normal,reopened,urgent. Default (ours): 60,30,15',
  'settings.help.repair.resolveHours':
    'Repair completion limit (hours) per normal,reopened,urgent. Default (ours): 24,12,4',
  'settings.help.repair.limits':
    'Per-trade repair limits (JSON keyed by trade name, with ackMinutes / resolveHours per priority). Default: lifts 30 min / 8 h, public facilities 72 h',
  'settings.help.repair.trades':
    'Trades with their department and keywords (JSON array of {name, department, keywords}). Default: water, electrics, doors and windows, locks, lifts, public facilities, other',
  'settings.help.repair.prices':
    'In-home price list (JSON keyed by trade name: {paid, text, cents}); public areas are always free. Default: see src/repairs/repair-settings.ts',
  'settings.help.complaints.ackMinutes':
    'First-response limit (desk minutes) for normal, raised, urgent. Default: 120,60,30',
  'settings.help.complaints.resolveHours': 'Resolve limit (desk hours) for normal, raised, urgent. Default: 72,48,24',
  'settings.help.complaints.emergencyAckMinutes':
    'Minutes for someone to acknowledge an emergency before the manager is pinged. Default: 10',
  'settings.help.complaints.limits':
    'Limits per category (JSON), e.g. {"<category>":{"1":{"ackMinutes":60}}}. Default: none',
  'settings.help.complaints.categories': 'Complaint categories (comma-separated). Default: the nine standard ones',
  'settings.help.complaints.repeatWindowDays':
    'Days within which a complaint of the same unit and category is a repeat. Default: 90',
  'settings.help.complaints.callbackMode': 'Follow-up surveys: always / skip_if_rated / never. Default: always',
  'settings.help.complaints.callbackDelayHours': 'Hours after resolving before the survey. Default: 2',
  'settings.help.fees.reminderOffsetsDays':
    'Days relative to the due date for fee reminders (negative = before). Default: -7,0,3,15',
  'settings.help.fees.minDaysBetweenReminders': 'Minimum days between two reminders to one owner. Default: 3',
  'settings.help.fees.paymentText': 'How to pay (text sent to owners). Default: built-in text',
  'settings.help.renovation.maxExtensionDays': 'Most days one renovation extension may add. Default: 30',
  'settings.help.renovation.maxExtensions': 'Most extensions per permit. Default: 2',
  'settings.help.renovation.approvalSlaWorkingDays': 'Working days to decide a renovation request. Default: 2',
  'settings.help.renovation.reminderDaysBefore': 'Days before a permit ends to remind the owner. Default: 3',
  'settings.help.renovation.inspectionSlots':
    'Final-inspection start times (HH:MM, comma-separated). Default: 09:30,14:30',
  'settings.help.renovation.inspectionDaysAhead': 'How many days ahead owners may book an inspection. Default: 10',
  'settings.help.binding.nameNeedsApproval': 'Do name + phone bindings need staff approval: yes / no. Default: no',
  'settings.help.keys.slotMinutes': 'Minutes per key-appointment slot. Default: 15',
  'settings.help.keys.capacity': 'Bookings per key-appointment slot. Default: 2',
  'settings.show.head': '[{estate} settings]',
  'settings.show.line': '· {key}{chat}: {value}\n  {help}',
  'settings.show.chatWord': ' ({word})',
  'settings.show.chatHead':
    '[{estate} common settings] Send "/settings item value" to change, e.g. /settings desk.hours Mon-Sun 08:30-18:00',
  'settings.show.chatLine': '· {word}: {value}',
  'settings.show.chatMore': 'Other items: npm run cli -- settings show / set.',
  'settings.set.done': 'Changed {key}: {before} → {after}',
  'settings.set.unchanged': '{key} is already: {after} (nothing changed)',
  'settings.cli.usage': 'Usage: settings show [estate code]; settings set <estate code> <item> <value>',
  'leaver.usage': 'Usage: /leaver name, e.g. /leaver Wang Fang',
  'leaver.notFound': 'No active staff member "{name}" in this estate.',
  'leaver.ambiguous': '{count} active staff members are called "{name}"; ask an administrator to handle it.',
  'leaver.self': 'You cannot process your own leaving.',
  'leaver.noForeman': 'This estate has no active foreman to hand over to. Register a foreman first.',
  'leaver.done':
    '{name} has left: {accounts} chat account(s) unbound; {tickets} open ticket(s) and {callbacks} callback(s) handed to foreman {foreman}.',
  'leaver.notice': '[Handover] {name} has left; these are now {foreman}’s:\n{items}',
  'leaver.noticeNone': '(nothing open)',
  'leaver.ticketLine': '· ticket {number} ({category}, {status})',
  'leaver.callbackLine': '· callback {ref}: {topic}',
  'leaver.event': '{name} left, handed to {foreman}',
  'unregister.notGroup': 'Send "/unregistergroup" in the group to unregister.',
  'unregister.notRegistered': 'This group is not a registered staff group.',
  'unregister.done':
    'This group ({role}) is unregistered. Notices for {role} now go privately to active {role} staff; send "/registergroup {role}" in a new group to register again.',
} as const;
