import type { bindGuardZh } from '../zh-CN/bind-guard.js';

// English texts of what guards binding (see the zh-CN file).
export const bindGuardEn: Record<keyof typeof bindGuardZh, string> = {
  'bind.fail.pending':
    'Your link request (no. {seq}) has been submitted. The property office checks it first; we will tell you once it is approved.',
  'bindGuard.lockedUnit':
    'Too many failed attempts for {unit}. To protect the owner, this way of verifying is paused until {until}. Please visit the front desk or call {deskPhone}.',
  'bindGuard.lockedEstate':
    'Verification is busy right now. To protect owners, please try again after {until}, or call the desk at {deskPhone}.',
  'bindGuard.method.code': 'desk code',
  'bindGuard.method.name': 'name + phone last 4',
  'bindGuard.method.staff': 'staff code',
  'bindGuard.method.visitor': 'visitor code',
  'bindGuard.owner.newAccount':
    '[Account notice] At {time} a new chat account ({channel}) was linked to your details for {unit}. If this was not you or your family, reply "{word}" and we will unlink it at once and alert the property office.',
  'bindGuard.owner.approved': 'Your link request (no. {seq}) was approved. You are now linked to unit {unit}.',
  'bindGuard.owner.rejected':
    'Your link request (no. {seq}) was not approved. Questions? Call the desk at {deskPhone}.',
  'bindGuard.staff.newAccount': '[New link] {unit}: {name} linked a new chat account ({channel}, {method}).',
  'bindGuard.staff.unitLocked':
    "[Link locked] {unit}: {count} failed {method} checks within 24 hours; paused until {until}. Someone may be guessing the owner's details. If the owner calls, verify them and issue a desk code (a new code works at once).",
  'bindGuard.staff.approval':
    '[Link to approve {seq}] {unit}: {name} ({phone}) asks to link a chat account ({channel}) by name + phone. Call to verify, then reply "/approvebind {seq}" or "/rejectbind {seq}".',
  'bindGuard.staff.disowned':
    '[Link disowned] {unit}: {name} replied "not me"; {count} newly linked chat account(s) ({channels}) were unlinked. Please contact the owner.',
  'bindGuard.cmd.approveUsage': 'Usage: /approvebind 3 (the request number)',
  'bindGuard.cmd.rejectUsage': 'Usage: /rejectbind 3 (the request number)',
  'bindGuard.cmd.noApproval': 'There is no pending link request {seq}.',
  'bindGuard.cmd.approved': 'Link request {seq} approved: {unit} {name}. They have been told.',
  'bindGuard.cmd.rejected': 'Link request {seq} rejected ({unit}). They have been told.',
  'bindGuard.notMe.done':
    'Unlinked {count} chat account(s) newly linked to your details, and alerted the property office. Need help? Call {deskPhone}.',
  'bindGuard.notMe.none':
    'No other chat account was linked to your details in the last 7 days; nothing to do. Questions? Call {deskPhone}.',
} as const;
