// The one ticket lifecycle, as data: for each kind of ticket, which actor role may take which action from which status,
// and where it leads. Pure (no database): the services ask `transition()` before they write, and pass its `from` set to
// the repository, whose conditional update (`where status in from`) makes the rule hold under races too.
// Complaints, emergencies and repairs are intake modules on top of this table (src/complaints, src/repairs).

// The kinds and statuses are the schema's, written once as plain values in src/db/rows.ts.
import { OPEN_TICKET_STATUSES, TICKET_KINDS, TICKET_STATUSES, type TicketKind, type TicketStatus } from '../db/rows.js';

export type { TicketKind, TicketStatus } from '../db/rows.js';
export const ALL_STATUSES: readonly TicketStatus[] = TICKET_STATUSES;
export const ALL_KINDS: readonly TicketKind[] = TICKET_KINDS;
/** Open: the SLA clock may run, the owner may add information or withdraw. */
export const OPEN: readonly TicketStatus[] = OPEN_TICKET_STATUSES;

/**
 * Who acts: the owner on their own ticket; desk staff (客户助理…经理 without a department); maintenance staff (a
 * department such as 工程部); the system (回访 sweep).
 */
export type ActorRole = 'owner' | 'desk' | 'maintenance' | 'system';
export const ALL_ROLES: readonly ActorRole[] = ['owner', 'desk', 'maintenance', 'system'];

export type TicketAction =
  | 'claim' // 认领
  | 'ack' // 收到 (特发事件)
  | 'note' // 备注: on an accepted ticket, work has started
  | 'wait_owner'
  | 'wait_contractor'
  | 'resume'
  | 'resolve' // 办结
  | 'reassign' // 转派
  | 'withdraw' // 业主撤回
  | 'owner_info' // 业主补充
  | 'reopen' // 回访 ≤ 2 分 / 没解决
  | 'close' // 回访 answered, or no 回访 in the estate's mode
  | 'dispatch' // 派单 N 姓名
  | 'take' // 接单 N
  | 'arrive' // 到场 N
  | 'complete' // 完工 N 说明
  | 'give_back'; // 无法处理 N 原因: back to the desk

export const ALL_ACTIONS: readonly TicketAction[] = [
  'claim',
  'ack',
  'note',
  'wait_owner',
  'wait_contractor',
  'resume',
  'resolve',
  'reassign',
  'withdraw',
  'owner_info',
  'reopen',
  'close',
  'dispatch',
  'take',
  'arrive',
  'complete',
  'give_back',
];

/** One allowed move. `to: 'same'` keeps the status (a note, a 转派 of a ticket being worked on). */
export interface Rule {
  kinds: readonly TicketKind[];
  action: TicketAction;
  roles: readonly ActorRole[];
  from: readonly TicketStatus[];
  to: TicketStatus | 'same' | readonly TicketStatus[];
  /** The TicketEvent action written (defaults to the action's past form below). */
  event: string;
}

const DESK_KINDS = ['COMPLAINT', 'EMERGENCY', 'REQUEST'] as const;
const ANY_KIND = ALL_KINDS;
const WORKING = ['ACCEPTED', 'IN_PROGRESS', 'WAITING_OWNER', 'WAITING_CONTRACTOR'] as const;
const WAITING = ['WAITING_OWNER', 'WAITING_CONTRACTOR'] as const;

/** The table. Anything not listed is refused. */
export const RULES: readonly Rule[] = [
  // ── the desk's lifecycle (投诉, 特发事件, 其他申请) ──
  {
    kinds: ['COMPLAINT', 'REQUEST'],
    action: 'claim',
    roles: ['desk'],
    from: ['NEW'],
    to: 'ACCEPTED',
    event: 'claimed',
  },
  {
    kinds: ['EMERGENCY'],
    action: 'ack',
    roles: ['desk', 'maintenance'],
    from: ['NEW'],
    to: 'ACCEPTED',
    event: 'acked',
  },
  { kinds: DESK_KINDS, action: 'note', roles: ['desk'], from: ['ACCEPTED'], to: 'IN_PROGRESS', event: 'note' },
  {
    kinds: DESK_KINDS,
    action: 'note',
    roles: ['desk'],
    from: ['NEW', 'IN_PROGRESS', ...WAITING, 'RESOLVED', 'CLOSED', 'WITHDRAWN'],
    to: 'same',
    event: 'note',
  },
  {
    kinds: DESK_KINDS,
    action: 'wait_owner',
    roles: ['desk'],
    from: ['ACCEPTED', 'IN_PROGRESS'],
    to: 'WAITING_OWNER',
    event: 'wait_owner',
  },
  {
    kinds: DESK_KINDS,
    action: 'wait_contractor',
    roles: ['desk'],
    from: ['ACCEPTED', 'IN_PROGRESS'],
    to: 'WAITING_CONTRACTOR',
    event: 'wait_contractor',
  },
  { kinds: DESK_KINDS, action: 'resume', roles: ['desk'], from: WAITING, to: 'IN_PROGRESS', event: 'resume' },
  { kinds: DESK_KINDS, action: 'resolve', roles: ['desk'], from: WORKING, to: 'RESOLVED', event: 'resolved' },
  // 转派 of a NEW ticket accepts it on the new holder's behalf; of one being worked on, keeps its status.
  {
    kinds: DESK_KINDS,
    action: 'reassign',
    roles: ['desk'],
    from: ['NEW'],
    to: 'ACCEPTED',
    event: 'reassigned',
  },
  { kinds: DESK_KINDS, action: 'reassign', roles: ['desk'], from: WORKING, to: 'same', event: 'reassigned' },

  // ── 报修: the desk dispatches, a maintenance worker takes it, arrives, completes (or gives it back) ──
  {
    kinds: ['REPAIR'],
    action: 'dispatch',
    roles: ['desk'],
    from: ['NEW', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS'],
    to: 'DISPATCHED',
    event: 'dispatched',
  },
  {
    kinds: ['REPAIR'],
    action: 'take',
    roles: ['maintenance'],
    from: ['NEW', 'DISPATCHED'],
    to: 'ACCEPTED',
    event: 'taken',
  },
  {
    kinds: ['REPAIR'],
    action: 'arrive',
    roles: ['maintenance'],
    from: ['ACCEPTED'],
    to: 'IN_PROGRESS',
    event: 'arrived',
  },
  {
    kinds: ['REPAIR'],
    action: 'complete',
    roles: ['maintenance'],
    from: ['ACCEPTED', 'IN_PROGRESS'],
    to: 'RESOLVED',
    event: 'completed',
  },
  {
    kinds: ['REPAIR'],
    action: 'give_back',
    roles: ['maintenance'],
    from: ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS'],
    to: 'NEW',
    event: 'given_back',
  },
  // The desk may still pause, resume, note and close a repair by hand (an owner not home, parts on order).
  { kinds: ['REPAIR'], action: 'note', roles: ['desk', 'maintenance'], from: ALL_STATUSES, to: 'same', event: 'note' },
  {
    kinds: ['REPAIR'],
    action: 'wait_owner',
    roles: ['desk', 'maintenance'],
    from: ['ACCEPTED', 'IN_PROGRESS'],
    to: 'WAITING_OWNER',
    event: 'wait_owner',
  },
  {
    kinds: ['REPAIR'],
    action: 'wait_contractor',
    roles: ['desk', 'maintenance'],
    from: ['ACCEPTED', 'IN_PROGRESS'],
    to: 'WAITING_CONTRACTOR',
    event: 'wait_contractor',
  },
  {
    kinds: ['REPAIR'],
    action: 'resume',
    roles: ['desk', 'maintenance'],
    from: WAITING,
    to: 'IN_PROGRESS',
    event: 'resume',
  },
  { kinds: ['REPAIR'], action: 'resolve', roles: ['desk'], from: WORKING, to: 'RESOLVED', event: 'resolved' },

  // ── the owner's side, every kind ──
  { kinds: ANY_KIND, action: 'withdraw', roles: ['owner'], from: OPEN, to: 'WITHDRAWN', event: 'withdrawn' },
  {
    kinds: ANY_KIND,
    action: 'owner_info',
    roles: ['owner'],
    from: OPEN.filter((s) => s !== 'WAITING_OWNER'),
    to: 'same',
    event: 'owner_info',
  },
  {
    kinds: ANY_KIND,
    action: 'owner_info',
    roles: ['owner'],
    from: ['WAITING_OWNER'],
    to: 'IN_PROGRESS',
    event: 'owner_info',
  },

  // ── 回访 ──
  // A reopened ticket goes back to whoever had it (IN_PROGRESS) or to the queue (NEW); a repair back to its worker.
  {
    kinds: DESK_KINDS,
    action: 'reopen',
    roles: ['owner'],
    from: ['RESOLVED'],
    to: ['NEW', 'IN_PROGRESS'],
    event: 'reopened',
  },
  {
    kinds: ['REPAIR'],
    action: 'reopen',
    roles: ['owner'],
    from: ['RESOLVED'],
    to: ['NEW', 'DISPATCHED'],
    event: 'reopened',
  },
  { kinds: ANY_KIND, action: 'close', roles: ['owner', 'system'], from: ['RESOLVED'], to: 'CLOSED', event: 'closed' },
];

export interface Allowed {
  ok: true;
  /** The statuses this action may start from (for the repository's conditional update). */
  from: TicketStatus[];
  /** Where it leads from the given status; several when the caller picks (reopen: NEW or back to its holder). */
  to: TicketStatus[];
  event: string;
}
export interface Refused {
  ok: false;
  /** Why: the kind never does this, this role may not, or not from this status. */
  reason: 'kind' | 'role' | 'status';
}

/** May `role` take `action` on a ticket of `kind` now in `status`? */
export function transition(
  kind: TicketKind,
  status: TicketStatus,
  role: ActorRole,
  action: TicketAction,
): Allowed | Refused {
  const ofKind = RULES.filter((r) => r.action === action && r.kinds.includes(kind));
  if (ofKind.length === 0) return { ok: false, reason: 'kind' };
  const ofRole = ofKind.filter((r) => r.roles.includes(role));
  if (ofRole.length === 0) return { ok: false, reason: 'role' };
  const rule = ofRole.find((r) => r.from.includes(status));
  if (!rule) return { ok: false, reason: 'status' };
  const to = rule.to === 'same' ? [status] : typeof rule.to === 'string' ? [rule.to as TicketStatus] : [...rule.to];
  return { ok: true, from: fromStatuses(kind, role, action), to, event: rule.event };
}

/** Every status `role` may take `action` from, on a ticket of `kind` (empty: never). */
export function fromStatuses(kind: TicketKind, role: ActorRole, action: TicketAction): TicketStatus[] {
  const set = new Set<TicketStatus>();
  for (const r of RULES)
    if (r.action === action && r.kinds.includes(kind) && r.roles.includes(role)) for (const s of r.from) set.add(s);
  return ALL_STATUSES.filter((s) => set.has(s));
}

/** The status an allowed move leads to from `status` (the first target when the rule offers several). */
export function targetOf(kind: TicketKind, status: TicketStatus, role: ActorRole, action: TicketAction): TicketStatus {
  const r = transition(kind, status, role, action);
  if (!r.ok) throw new Error(`${kind} ${status}: ${role} may not ${action} (${r.reason})`);
  return r.to[0] as TicketStatus;
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN.includes(status);
}
