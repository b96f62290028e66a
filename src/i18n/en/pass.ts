import type { passZh } from '../zh-CN/pass.js';

// English texts of contractor passes and access-card requests.
export const passEn: Record<keyof typeof passZh, string> = {
  'pass.noPermit':
    'You have no running renovation permit; a contractor pass needs one. To apply for renovation reply "renovation application".',
  'pass.choosePermit': 'Reply with the number of the permit:\n{lines}',
  'pass.noSuchNumber': 'There is no such number; reply with a number from the list (or "cancel" to leave).',
  'pass.askWorker': "Contractor pass for permit {number} ({unit}). What is the worker's name?",
  'pass.badWorker': "Please give the worker's name in 2–20 characters.",
  'pass.askPhone': "{worker}'s mobile number (11 digits)?",
  'pass.badPhone': 'A mobile number has 11 digits and starts with 1; please type it again.',
  'pass.askExpiry': 'Valid until which day? At most the permit end, {end}; reply "default" for {end}.',
  'pass.badDate': 'I did not understand that date; write e.g. "2026-12-20", or reply "default".',
  'pass.expiryPast': 'The pass cannot end before today ({today}).',
  'pass.expiryAfterPermit': 'The pass cannot run past the permit end, {end}.',
  'pass.submitted':
    'Contractor pass request #{seq} submitted ({worker}, until {expires}); you will be told the decision.',
  'pass.staff.new':
    '[Contractor pass] #{seq} {unit} permit {number} | worker {worker} ({phone}) | until {expires}\nReply "/approvepass {seq}" or "/rejectpass {seq} reason".',
  'pass.staff.usage': 'Usage: /approvepass 12 or /rejectpass 12 reason',
  'pass.staff.needReason': 'A rejection needs a reason. Usage: /rejectpass 12 reason',
  'pass.staff.notFound': 'No contractor pass request #{seq}.',
  'pass.staff.already': 'Contractor pass request #{seq} was already handled by {who} ({status}).',
  'pass.staff.permitGone': 'Permit {number} is {status}; the pass cannot be approved, please reject it.',
  'pass.staff.approved': 'Approved pass #{seq}: {worker}, until {expires} (permit {number}); the owner has been told.',
  'pass.staff.rejected': 'Rejected pass #{seq} (reason: {reason}); the owner has been told.',
  'pass.owner.approved':
    'The contractor pass #{seq} for {worker} is approved, valid until {expires} (permit {number}). The worker collects it at the front desk with an ID card.',
  'pass.owner.rejected': 'The contractor pass #{seq} for {worker} was not approved: {reason}.',
  'pass.status.APPROVED': 'approved',
  'pass.status.REJECTED': 'rejected',
  'pass.status.PENDING': 'pending',
  'card.ask': 'Access cards, reply with a number:\n1 New card\n2 Replace a lost or broken card\n3 Return a card',
  'card.noOption': 'There is no such option; reply with a number 1–3 (or "cancel" to leave).',
  'card.kind.new': 'new card',
  'card.kind.replace': 'card replacement',
  'card.kind.return': 'card return',
  'card.askNote': '{kind} ({unit}): anything to add, e.g. card holder, how many, card number? Reply "none" if not.',
  'card.filed':
    'Your {kind} request is filed as {number}. The desk takes it up within {ack} (by {due}); bring your ID card to the front desk. Reply "my complaints" to follow it.',
};
