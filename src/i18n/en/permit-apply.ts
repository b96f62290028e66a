import type { permitApplyZh } from '../zh-CN/permit-apply.js';

// English texts of the owners' renovation application by chat and of staff review, with the approval ladder.
export const permitApplyEn: Record<keyof typeof permitApplyZh, string> = {
  'permitApply.noUnit':
    'You have no home you can apply for renovation for (the owner applies). Questions: the front desk, {deskPhone}.',
  'permitApply.askContractor':
    'Renovation application for {unit}: 6 steps, reply "cancel" at any time to leave.\nStep 1: the name of the contractor (company or team).',
  'permitApply.badContractor': 'Please give the contractor name in 2–40 characters.',
  'permitApply.askPhone': "Step 2: the site foreman's mobile number (11 digits).",
  'permitApply.badPhone': 'A mobile number has 11 digits and starts with 1; please type it again.',
  'permitApply.askScope': 'Step 3: what work will be done, e.g. "kitchen and bathroom, flooring, painting".',
  'permitApply.badScope': 'Please describe the work in 2–200 characters.',
  'permitApply.askStart': 'Step 4: the day work starts, e.g. "2026-12-10" (earliest {earliest}).',
  'permitApply.badDate': 'I did not understand that date; please write e.g. "2026-12-10" or "12/10".',
  'permitApply.tooEarly': 'The earliest start is {earliest} (the estate needs time to review).',
  'permitApply.askEnd': 'Step 5: the day work ends (start {start}, at most {maxDays} days).',
  'permitApply.endBeforeStart': 'The end cannot be before the start, {start}.',
  'permitApply.tooLong': 'A renovation may last at most {maxDays} days (end by {latest}); please choose another end.',
  'permitApply.askDrawings':
    'Step 6: send photos of the drawings (several are fine), then reply "ok"; no drawings: reply "none".',
  'permitApply.photoReceived': '{count} drawing(s) received; send more or reply "ok".',
  'permitApply.photoUnsupported': 'This kind of file ({type}) is not supported; please send photos of the drawings.',
  'permitApply.photoRetry': 'Please send photos of the drawings and reply "ok"; no drawings: reply "none".',
  'permitApply.summary':
    'Please check your application:\nHome: {unit}\nContractor: {contractor} ({phone})\nWork: {scope}\nPeriod: {start} to {end}\nDrawings: {drawings}\nReply "confirm" to submit; to change something reply "cancel" and apply again.',
  'permitApply.confirmRetry': 'Reply "confirm" to submit, or "cancel" to drop this application.',
  'permitApply.submitted':
    'Application submitted, number #{seq} (permit {number}, awaiting approval). The estate decides within {days} working days (its limit) and will message you.',
  'permitApply.duplicate':
    '{unit} already has renovation permit {number} ({status}); you cannot apply twice. For an extension reply "renovation".',
  'permitApply.rules':
    "1. Working hours: weekdays 8:00–12:00 and 14:00–18:00; no noisy work at weekends and on public holidays.\n2. No changes to load-bearing walls, beams or columns, the façade, balcony enclosures or gas pipes.\n3. Bag renovation waste and take it to the designated place; nothing in corridors or other common areas.\n4. Workers enter with a contractor pass.\n(These are this system's default rules; the estate's published rules prevail.)",
  'permitApply.staff.new':
    '[Renovation application] #{seq} {unit} owner {owner} ({ownerPhone})\nContractor: {contractor} ({foremanPhone})\nWork: {scope}\nPeriod: {start} to {end} | drawings {drawings}\nReply "/approve {seq} deposit {deposit}" or "/reject {seq} reason".',
  'permitApply.staff.line':
    '#{seq} application | {unit} owner {owner} ({ownerPhone}) | {scope} | {start} to {end} | contractor {contractor} | drawings {drawings}',
  'permitApply.staff.approved':
    'Approved #{seq} renovation application ({unit}, permit {number}, deposit {deposit} yuan); the owner has been told.',
  'permitApply.staff.badDeposit': 'Write the deposit in whole yuan, e.g. /approve 12 deposit 2000',
  'permitApply.owner.approved':
    'Your renovation application #{seq} is approved: permit {number}, {start} to {end}, deposit {deposit} yuan (pay at the front desk; refunded after the exit inspection).\nRenovation rules:\n{rules}',
  'permitApply.owner.rejected':
    'Your renovation application #{seq} was not approved: {reason}. You may apply again ("renovation application") or contact the front desk.',
  'permitApply.sla.step':
    '[Approval limit] renovation request #{seq} ({kind}, permit {number}) {step}: due {due}. {ask}',
  'permitApply.sla.ask.ack_warn': 'Please decide soon.',
  'permitApply.sla.ask.ack_breach': 'Supervisor, please follow up.',
  'permitApply.sla.ask.ack_2x': 'Manager, please take note.',
};
