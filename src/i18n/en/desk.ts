import type { deskZh } from '../zh-CN/desk.js';

// English texts of the desk areas moved into the catalogue by issue #18 (see zh-CN/desk.ts).
export const deskEn: Record<keyof typeof deskZh, string> = {
  'reno.kind.EXTENSION': 'extension',
  'reno.kind.STOP_WORK': 'work stop',
  'reno.kind.RESUME': 'work resumption',
  'reno.kind.EXIT_INSPECTION': 'exit inspection',
  'reno.kind.APPLICATION': 'renovation application',
  'reno.status.APPLIED': 'applied for, awaiting approval',
  'reno.status.REJECTED': 'application not approved',
  'reno.status.ACTIVE': 'work in progress',
  'reno.status.SUSPENDED': 'work stopped',
  'reno.status.FINISHED': 'finished',
  'reno.status.EXPIRED': 'expired',
  'reno.deposit.HELD': 'the deposit is held by the property office and refunded after the exit inspection is passed',
  'reno.deposit.REFUNDING': 'the deposit refund is being processed',
  'reno.deposit.REFUNDED': 'the deposit has been refunded',
  'reno.deposit.DEDUCTED': 'the deposit was deducted under the rules (ask the front desk for details)',
  'reno.notOwned': 'We could not find this renovation permit under your name.',
  'reno.permitLine': '{number} {unit} | {scope} | {start} to {end} | {status} | contractor {contractor} ({phone})',
  'reno.listHeader': 'Your renovation permits:',
  'reno.noPermits':
    'There is no renovation permit registered under your name. To apply for renovation, please visit the property front desk.',
  'reno.choosePermit': 'Reply with the number of the renovation permit:',
  'reno.noSuchNumberExit': 'There is no such number; left the menu. Say "renovation" when you need it again.',
  'reno.submitted':
    'Your {kind} request has been submitted, number #{seq}. We will let you know as soon as the property office decides.',
  'reno.submittedExtension':
    'Your {kind} request (to {end}) has been submitted, number #{seq}. We will let you know as soon as the property office decides.',
  'reno.extend.unparsed':
    'Sorry, which day should the permit be extended to? Say e.g. "two more weeks", "to 20 December" or "2026-12-20".',
  'reno.extend.ask':
    'Renovation permit {number} currently runs until {end}. Until which day would you like to extend it? E.g. "two more weeks", "to 20 December", "2026-12-20". (At most {max} days each time)',
  'reno.extend.askDate': 'Sorry, which day should the permit be extended to? Please give a date, e.g. "2026-12-20".',
  'reno.extend.askDateRetry': 'Please give a date, e.g. "2026-12-20".',
  'reno.extend.gaveUp':
    'That date still could not be understood; left the menu. Say "renovation" when you need it again.',
  'reno.rule.status':
    'This renovation permit is {status}; only permits with work in progress or stopped can be extended. To continue work, please apply again at the front desk.',
  'reno.rule.tooMany':
    'A renovation permit may be extended at most {max} times and yours has been extended {count} times; please go to the property front desk.',
  'reno.rule.pending':
    'An extension request is already awaiting approval; please wait for its result before asking again.',
  'reno.rule.notAfterEnd': 'The new end date must be after the current end date {end} (you chose {requested}).',
  'reno.rule.tooLong':
    'Each extension may be at most {max} days; you asked for {days} days (to {requested}). The latest possible end is {latest}.',
  'reno.stop.notActive':
    'This renovation permit is {status}; a work stop can only be reported while work is in progress.',
  'reno.stop.pending': 'You have already reported a work stop; it is awaiting confirmation by the property office.',
  'reno.stop.askReason': 'Please briefly say why work stops, e.g. "Spring Festival holiday".',
  'reno.resume.notSuspended':
    'This renovation permit is {status}; resuming can only be reported while work is stopped.',
  'reno.resume.expired': 'This renovation permit expired on {end}; please apply for an extension before resuming work.',
  'reno.resume.pending': 'You have already reported resuming work; it is awaiting confirmation by the property office.',
  'reno.inspect.finished': 'This renovation permit has passed its final inspection; no booking is needed.',
  'reno.inspect.badStatus': 'This renovation permit is {status}; an exit inspection cannot be booked.',
  'reno.inspect.pending':
    'You have already booked an exit inspection; it is awaiting confirmation by the property office.',
  'reno.inspect.slotGone': 'That time is already booked or outside the bookable range; please choose another.',
  'reno.inspect.slotJustTaken': 'That time was just booked by someone else; please choose another.',
  'reno.inspect.full':
    'All exit inspection times in the coming days are booked; please contact the property front desk.',
  'reno.inspect.chooseSlot': 'Exit inspection times you can book, reply with a number:',
  'reno.depositStatus': 'Renovation permit {number}: deposit ¥{amount}; {state}.',
  'reno.owner.rejected':
    'Your {kind} request (permit {number}) was not approved. Reason: {reason}. If you have questions, please contact the property front desk.',
  'reno.owner.extended': 'Your extension was approved: renovation permit {number} now ends on {end}.',
  'reno.owner.stopped':
    'The property office has confirmed the work stop on renovation permit {number}. Report here before work resumes.',
  'reno.owner.resumed':
    'The property office has confirmed that work resumes on renovation permit {number}; please keep to the permitted working hours.',
  'reno.owner.inspection': 'Your exit inspection is confirmed for {when}; please be at home for the engineering staff.',
  'reno.owner.applied': 'Your renovation application #{seq} was approved: renovation permit {number}.',
  'reno.remind.today':
    'Reminder: your renovation permit {number} expires today. To keep working, reply "renovation extension" here to apply for an extension.',
  'reno.remind.inDays':
    'Reminder: your renovation permit {number} expires in {days} days ({end}). To keep working, reply "renovation extension" here to apply for an extension.',
  'reno.remind.extendButton': 'Renovation extension',
  'reno.remind.listButton': 'My renovation permits',
  'reno.expired.owner':
    'Your renovation permit {number} expired on {end}; please stop work. To continue, please go to the property front desk.',
  'reno.staff.extensionWhat': 'extend to {end} (was {from})',
  'reno.staff.slotWhat': 'booked {when}',
  'reno.staff.fromWhat': 'from {from}',
  'reno.staff.reasonPart': ' | reason: {reason}',
  'reno.staff.requestLine': '#{seq} {kind} | permit {number} | {what}{reason}',
  'reno.staff.approved': 'Approved {what}; the owner has been told.',
  'reno.staff.rejected': 'Rejected {what} (reason: {reason}); the owner has been told.',
  'reno.staff.rejectNeedsReason': 'A rejection needs a reason, given after the request number.',
  'reno.staff.requestNotFound': 'Renovation request #{seq} was not found.',
  'reno.staff.withdrawn': 'Renovation request #{seq} was withdrawn by the owner.',
  'reno.staff.alreadyApproved': 'Renovation request #{seq} was already approved by {who}; nothing to do.',
  'reno.staff.alreadyRejected': 'Renovation request #{seq} was already rejected by {who}; nothing to do.',
  'reno.staff.colleague': 'another colleague',
  'reno.staff.new':
    '[Renovation approval] New request {line}\nReply with the approve command and {seq}, or the reject command, {seq} and a reason.',
  'reno.staff.late': '[Overdue] ',
  'reno.staff.submittedPart': ' | submitted {when}',
  'reno.staff.expired':
    '[Renovation expired] {unit} permit {number} expired on {end} ({contractor}, {phone}). If work is still going on, please check on site and order it to stop.',
  'reno.weekly.line': '  {unit} {number} {scope} until {end} ({status})',
  'reno.weekly.header': '[Renovations this week] {estate} {today}, {count} households',
  'reno.weekly.building': 'Building {building}:',
  'reno.weekly.none': 'No renovation work in progress.',
  'deskKeys.templateItem': 'Key {kind}',
  'deskPass.permitDeleted': 'deleted',
  'deskPass.permitLine': '{n} {number} {unit} (until {end})',
  'deskFees.stopWord': 'stop reminders',
  'deskFees.resumeWord': 'resume reminders',
};
