import type { repairZh } from '../zh-CN/repair.js';

// English texts of 报修 (repairs), dispatch to maintenance, 代客登记 (filing for an owner) and lifecycle refusals.
export const repairEn: Record<keyof typeof repairZh, string> = {
  'queue.kind.REPAIR': 'repair',
  'lifecycle.kind.COMPLAINT': 'complaint',
  'lifecycle.kind.EMERGENCY': 'emergency',
  'lifecycle.kind.REQUEST': 'request',
  'lifecycle.kind.REPAIR': 'repair',
  'lifecycle.notForKind':
    'Ticket {number} is a {kind}; it cannot be {what}. For repairs use “/dispatch {number} name”, “/take {number}”, “/done {number} note”.',
  'lifecycle.notYourMove': 'You may not “{what}” ticket {number} ({kind}).',
  'lifecycle.wrongState': 'Ticket {number} is “{status}” and cannot be {what}.',
  'repair.notBound': 'Please bind your flat before reporting a repair: reply “bind”, or call the desk at {deskPhone}.',
  'repair.askWhere': 'Is the repair inside your home or in a public area?',
  'repair.whereHome': 'Home',
  'repair.wherePublic': 'Public area',
  'repair.whereRetry': 'Please reply “Home” or “Public area”.',
  'repair.askUnit': 'Which flat?',
  'repair.unitRetry': 'Please pick a flat from the list (a number is fine).',
  'repair.askLocation': 'Where exactly? (e.g. lift lobby of building 3, car park zone B)',
  'repair.askTrade': 'What needs repairing?',
  'repair.tradeRetry': 'Please pick one of the categories below (a number is fine).',
  'repair.askDescription': 'Please describe what needs repairing:',
  'repair.understood': 'OK, reporting a repair: {description}',
  'repair.askPhotos':
    'Send photos if you have any (several are fine), then reply “done”; reply “none” if you have none.',
  'repair.photoReceived': 'Got {count} photo(s). Send more, or reply “done”.',
  'repair.photoUnsupported':
    'This kind of attachment ({type}) is not supported; send photos (jpg/png), or reply “none”.',
  'repair.photoRetry': 'Send photos, then reply “done”; reply “none” if you have none.',
  'repair.photoTooLong':
    'Only photos here. Tell the desk anything else after submitting. Send photos, or reply “none”.',
  'repair.askVisit': 'When should the technician come? e.g. “tomorrow morning” or “Saturday 3pm” (visits {hours}).',
  'repair.visitRetry': 'I could not read a time. Say a visit time, e.g. “tomorrow morning” (visits {hours}).',
  'repair.visitNone': 'No visit time is available then (visits {hours}); please choose another time.',
  'repair.askWhoHome': 'Who will be home? Leave a name and phone (e.g. Ms Wang and her mobile number), or reply “me”.',
  'repair.askUrgency': 'Is it urgent? (a leak that will not stop, no power in the flat: choose “urgent”)',
  'repair.urgencyRetry': 'Please reply “normal” or “urgent”.',
  'repair.urgencyNormal': 'normal',
  'repair.urgencyUrgent': 'urgent',
  'repair.free': 'free (public area or a free item)',
  'repair.paid': 'paid: {price}',
  'repair.summary':
    'Please confirm your repair:\nCategory: {trade}\nDetails: {description}\nWhere: {location}\nPhotos: {photos}{visit}\nUrgency: {urgency}\nCost: {fee}\n{ask}',
  'repair.summaryVisit': '\nVisit: {window}\nWho is home: {contact}',
  'repair.askConfirm': 'Submit it? (yes/no)',
  'repair.askConfirmPaid': 'This repair is paid, at the price above. Agree and submit? (agree/no)',
  'repair.confirmRetry': 'Please reply “yes” to submit, or “no” to cancel.',
  'repair.confirmPaidRetry': 'Please reply “agree” to accept the price and submit, or “no” to cancel.',
  'repair.notSubmitted': 'OK, the repair was not submitted. Reply “repair” any time.',
  'repair.created':
    'Repair submitted, ticket {number}.\nWe will dispatch it within {ack} (by {due}); you will be told when a technician takes it.\nReply “my complaints” to follow it.',
  'repair.createdVisit': '\nVisit: {window}.',
  'repair.notice.new':
    '[New repair] {number} {trade} ({urgency}) {paid}\nWhere: {location}\nDetails: {description}\nOwner: {owner}{visit}{photos}{intake}\nReply “/dispatch {short} name” to dispatch; technicians may reply “/take {short}”.',
  'repair.notice.visit': '\nVisit: {window}, home: {contact}',
  'repair.notice.photos': '\nPhotos: {count}',
  'repair.notice.intake': '\nFiled by staff from a {channel} call/visit ({by})',
  'repair.intake.phone': 'phone',
  'repair.intake.counter': 'counter',
  'repair.notice.dispatched':
    '[Dispatch] {by} assigned repair {number} ({trade}: {description}) to you.\nWhere: {location}{visit}\nReply “/take {short}” to take it.',
  'repair.notice.givenBack':
    '[Back to desk] {worker} cannot handle repair {number} ({trade}): {reason}. Please re-dispatch or call the owner.',
  'repair.notice.completedDesk': '[Completed] {worker} completed repair {number} ({trade}): {note}',
  'repair.owner.dispatched': 'Your repair {number} was assigned to {worker}; you will be told when they take it.',
  'repair.owner.taken': '{worker} has taken your repair {number}{visit}.',
  'repair.owner.takenVisit': ' and will visit {window}',
  'repair.owner.arrived': '{worker} has arrived for your repair {number}.',
  'repair.owner.completed':
    'Your repair {number} is complete: {note}\nWe will ask for your rating shortly; tell us then if it is not fixed.',
  'repair.owner.givenBack': 'Your repair {number} is being reassigned to another technician; please wait.',
  'repair.survey':
    '[Follow-up] Your repair {number} is complete. Is it fixed?\nReply “/rate {number} score” (1–5, 5 best); if not fixed, reply “/unresolved {number}”.',
  'repair.cmd.dispatched': 'Repair {number} dispatched to {worker}; the technician and owner were told.',
  'repair.cmd.taken': 'You took repair {number} ({trade}); the owner was told. {visit}',
  'repair.cmd.takenVisit': 'Visit: {window}; home: {contact}.',
  'repair.cmd.arrived': 'Arrival recorded (repair {number}); the owner was told.',
  'repair.cmd.completed': 'Repair {number} completed{photos}; the owner was told and will be surveyed.',
  'repair.cmd.completedPhotos': ' ({count} photos)',
  'repair.cmd.givenBack': 'Repair {number} is back with the desk for re-dispatch.',
  'repair.cmd.notMaintenance': '“{what}” is for maintenance staff (staff with a department) only.',
  'repair.cmd.notAssignee': 'Repair {number} is assigned to {worker}; only they can {what}.',
  'repair.cmd.noWorker': 'No active technician named “{name}” (staff with a department, e.g. maintenance).',
  'repair.cmd.ambiguousWorker': 'Several staff are named “{name}”; please ask a supervisor.',
  'repair.cmd.notRepair': 'Ticket {number} is not a repair.',
  'repair.proxy.usage':
    'Usage: /fileforowner 3-2-1201 repair|complaint text (add “phone” or “counter” for the source; phone by default)',
  'repair.proxy.noUnit': 'No flat {unit}; check building-entrance-room.',
  'repair.proxy.noOwner':
    'Flat {unit} has no bound owner yet, so nobody could be surveyed. Issue the owner a binding code first.',
  'repair.proxy.filedRepair':
    'Filed repair {number} ({trade}, by {channel}) for the owner; the desk was told and {unit}’s owner will be surveyed.',
  'repair.proxy.filedComplaint':
    'Filed complaint {number} ({category}, by {channel}) for the owner; {unit}’s owner will be surveyed.',
  'repair.proxy.ownerNotice':
    'The desk filed {kind} {number} for you: {description}. You will be told of progress; reply “my complaints” to follow it.',
};
