// The lifecycle table, without a database: every (kind × action × role × status) is either listed below as allowed
// (with where it leads) or refused. A change to src/tickets/transitions.ts that is not made here too fails.
import { describe, expect, it } from 'vitest';
import {
  ALL_ACTIONS,
  ALL_KINDS,
  ALL_ROLES,
  ALL_STATUSES,
  fromStatuses,
  transition,
  type TicketStatus,
} from '../../src/tickets/transitions.js';

/** "KIND action role FROM1,FROM2 -> TO[|TO2]" */
const ALLOWED = [
  'COMPLAINT claim desk NEW -> ACCEPTED',
  'COMPLAINT note desk NEW -> NEW',
  'COMPLAINT note desk ACCEPTED,IN_PROGRESS -> IN_PROGRESS',
  'COMPLAINT note desk WAITING_OWNER -> WAITING_OWNER',
  'COMPLAINT note desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'COMPLAINT note desk RESOLVED -> RESOLVED',
  'COMPLAINT note desk CLOSED -> CLOSED',
  'COMPLAINT note desk WITHDRAWN -> WITHDRAWN',
  'COMPLAINT wait_owner desk ACCEPTED,IN_PROGRESS -> WAITING_OWNER',
  'COMPLAINT wait_contractor desk ACCEPTED,IN_PROGRESS -> WAITING_CONTRACTOR',
  'COMPLAINT resume desk WAITING_OWNER,WAITING_CONTRACTOR -> IN_PROGRESS',
  'COMPLAINT resolve desk ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> RESOLVED',
  'COMPLAINT reassign desk NEW,ACCEPTED -> ACCEPTED',
  'COMPLAINT reassign desk IN_PROGRESS -> IN_PROGRESS',
  'COMPLAINT reassign desk WAITING_OWNER -> WAITING_OWNER',
  'COMPLAINT reassign desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'COMPLAINT withdraw owner NEW,DISPATCHED,ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> WITHDRAWN',
  'COMPLAINT owner_info owner NEW -> NEW',
  'COMPLAINT owner_info owner DISPATCHED -> DISPATCHED',
  'COMPLAINT owner_info owner ACCEPTED -> ACCEPTED',
  'COMPLAINT owner_info owner IN_PROGRESS,WAITING_OWNER -> IN_PROGRESS',
  'COMPLAINT owner_info owner WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'COMPLAINT reopen owner RESOLVED -> NEW|IN_PROGRESS',
  'COMPLAINT close owner RESOLVED -> CLOSED',
  'COMPLAINT close system RESOLVED -> CLOSED',
  'EMERGENCY ack desk NEW -> ACCEPTED',
  'EMERGENCY ack maintenance NEW -> ACCEPTED',
  'EMERGENCY note desk NEW -> NEW',
  'EMERGENCY note desk ACCEPTED,IN_PROGRESS -> IN_PROGRESS',
  'EMERGENCY note desk WAITING_OWNER -> WAITING_OWNER',
  'EMERGENCY note desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'EMERGENCY note desk RESOLVED -> RESOLVED',
  'EMERGENCY note desk CLOSED -> CLOSED',
  'EMERGENCY note desk WITHDRAWN -> WITHDRAWN',
  'EMERGENCY wait_owner desk ACCEPTED,IN_PROGRESS -> WAITING_OWNER',
  'EMERGENCY wait_contractor desk ACCEPTED,IN_PROGRESS -> WAITING_CONTRACTOR',
  'EMERGENCY resume desk WAITING_OWNER,WAITING_CONTRACTOR -> IN_PROGRESS',
  'EMERGENCY resolve desk ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> RESOLVED',
  'EMERGENCY reassign desk NEW,ACCEPTED -> ACCEPTED',
  'EMERGENCY reassign desk IN_PROGRESS -> IN_PROGRESS',
  'EMERGENCY reassign desk WAITING_OWNER -> WAITING_OWNER',
  'EMERGENCY reassign desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'EMERGENCY withdraw owner NEW,DISPATCHED,ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> WITHDRAWN',
  'EMERGENCY owner_info owner NEW -> NEW',
  'EMERGENCY owner_info owner DISPATCHED -> DISPATCHED',
  'EMERGENCY owner_info owner ACCEPTED -> ACCEPTED',
  'EMERGENCY owner_info owner IN_PROGRESS,WAITING_OWNER -> IN_PROGRESS',
  'EMERGENCY owner_info owner WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'EMERGENCY reopen owner RESOLVED -> NEW|IN_PROGRESS',
  'EMERGENCY close owner RESOLVED -> CLOSED',
  'EMERGENCY close system RESOLVED -> CLOSED',
  'REQUEST claim desk NEW -> ACCEPTED',
  'REQUEST note desk NEW -> NEW',
  'REQUEST note desk ACCEPTED,IN_PROGRESS -> IN_PROGRESS',
  'REQUEST note desk WAITING_OWNER -> WAITING_OWNER',
  'REQUEST note desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'REQUEST note desk RESOLVED -> RESOLVED',
  'REQUEST note desk CLOSED -> CLOSED',
  'REQUEST note desk WITHDRAWN -> WITHDRAWN',
  'REQUEST wait_owner desk ACCEPTED,IN_PROGRESS -> WAITING_OWNER',
  'REQUEST wait_contractor desk ACCEPTED,IN_PROGRESS -> WAITING_CONTRACTOR',
  'REQUEST resume desk WAITING_OWNER,WAITING_CONTRACTOR -> IN_PROGRESS',
  'REQUEST resolve desk ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> RESOLVED',
  'REQUEST reassign desk NEW,ACCEPTED -> ACCEPTED',
  'REQUEST reassign desk IN_PROGRESS -> IN_PROGRESS',
  'REQUEST reassign desk WAITING_OWNER -> WAITING_OWNER',
  'REQUEST reassign desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'REQUEST withdraw owner NEW,DISPATCHED,ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> WITHDRAWN',
  'REQUEST owner_info owner NEW -> NEW',
  'REQUEST owner_info owner DISPATCHED -> DISPATCHED',
  'REQUEST owner_info owner ACCEPTED -> ACCEPTED',
  'REQUEST owner_info owner IN_PROGRESS,WAITING_OWNER -> IN_PROGRESS',
  'REQUEST owner_info owner WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'REQUEST reopen owner RESOLVED -> NEW|IN_PROGRESS',
  'REQUEST close owner RESOLVED -> CLOSED',
  'REQUEST close system RESOLVED -> CLOSED',
  'REPAIR note desk NEW -> NEW',
  'REPAIR note desk DISPATCHED -> DISPATCHED',
  'REPAIR note desk ACCEPTED -> ACCEPTED',
  'REPAIR note desk IN_PROGRESS -> IN_PROGRESS',
  'REPAIR note desk WAITING_OWNER -> WAITING_OWNER',
  'REPAIR note desk WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'REPAIR note desk RESOLVED -> RESOLVED',
  'REPAIR note desk CLOSED -> CLOSED',
  'REPAIR note desk WITHDRAWN -> WITHDRAWN',
  'REPAIR note maintenance NEW -> NEW',
  'REPAIR note maintenance DISPATCHED -> DISPATCHED',
  'REPAIR note maintenance ACCEPTED -> ACCEPTED',
  'REPAIR note maintenance IN_PROGRESS -> IN_PROGRESS',
  'REPAIR note maintenance WAITING_OWNER -> WAITING_OWNER',
  'REPAIR note maintenance WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'REPAIR note maintenance RESOLVED -> RESOLVED',
  'REPAIR note maintenance CLOSED -> CLOSED',
  'REPAIR note maintenance WITHDRAWN -> WITHDRAWN',
  'REPAIR wait_owner desk ACCEPTED,IN_PROGRESS -> WAITING_OWNER',
  'REPAIR wait_owner maintenance ACCEPTED,IN_PROGRESS -> WAITING_OWNER',
  'REPAIR wait_contractor desk ACCEPTED,IN_PROGRESS -> WAITING_CONTRACTOR',
  'REPAIR wait_contractor maintenance ACCEPTED,IN_PROGRESS -> WAITING_CONTRACTOR',
  'REPAIR resume desk WAITING_OWNER,WAITING_CONTRACTOR -> IN_PROGRESS',
  'REPAIR resume maintenance WAITING_OWNER,WAITING_CONTRACTOR -> IN_PROGRESS',
  'REPAIR resolve desk ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> RESOLVED',
  'REPAIR withdraw owner NEW,DISPATCHED,ACCEPTED,IN_PROGRESS,WAITING_OWNER,WAITING_CONTRACTOR -> WITHDRAWN',
  'REPAIR owner_info owner NEW -> NEW',
  'REPAIR owner_info owner DISPATCHED -> DISPATCHED',
  'REPAIR owner_info owner ACCEPTED -> ACCEPTED',
  'REPAIR owner_info owner IN_PROGRESS,WAITING_OWNER -> IN_PROGRESS',
  'REPAIR owner_info owner WAITING_CONTRACTOR -> WAITING_CONTRACTOR',
  'REPAIR reopen owner RESOLVED -> NEW|DISPATCHED',
  'REPAIR close owner RESOLVED -> CLOSED',
  'REPAIR close system RESOLVED -> CLOSED',
  'REPAIR dispatch desk NEW,DISPATCHED,ACCEPTED,IN_PROGRESS -> DISPATCHED',
  'REPAIR take maintenance NEW,DISPATCHED -> ACCEPTED',
  'REPAIR arrive maintenance ACCEPTED -> IN_PROGRESS',
  'REPAIR complete maintenance ACCEPTED,IN_PROGRESS -> RESOLVED',
  'REPAIR give_back maintenance DISPATCHED,ACCEPTED,IN_PROGRESS -> NEW',
];

const allowed = new Map<string, string>();
for (const line of ALLOWED) {
  const [lhs, to] = line.split(' -> ') as [string, string];
  const [kind, action, role, froms] = lhs.split(' ') as [string, string, string, string];
  for (const from of froms.split(',')) allowed.set(`${kind} ${action} ${role} ${from}`, to);
}

const cases = ALL_KINDS.flatMap((kind) =>
  ALL_ACTIONS.flatMap((action) =>
    ALL_ROLES.flatMap((role) => ALL_STATUSES.map((status) => ({ kind, action, role, status }))),
  ),
);

describe('ticket transition table', () => {
  it('covers every combination once', () => {
    expect(cases).toHaveLength(ALL_KINDS.length * ALL_ACTIONS.length * ALL_ROLES.length * ALL_STATUSES.length);
    // Every listed move names a real combination.
    for (const key of allowed.keys())
      expect(cases.some((c) => `${c.kind} ${c.action} ${c.role} ${c.status}` === key)).toBe(true);
  });

  it.each(cases.filter((c) => allowed.has(`${c.kind} ${c.action} ${c.role} ${c.status}`)))(
    'allows $kind $action by $role from $status',
    ({ kind, action, role, status }) => {
      const r = transition(kind, status, role, action);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.to.join('|')).toBe(allowed.get(`${kind} ${action} ${role} ${status}`));
      // The repository's conditional update may start from exactly the statuses the table allows.
      expect(r.from).toContain(status);
      expect(r.from).toEqual(fromStatuses(kind, role, action));
    },
  );

  it.each(cases.filter((c) => !allowed.has(`${c.kind} ${c.action} ${c.role} ${c.status}`)))(
    'refuses $kind $action by $role from $status',
    ({ kind, action, role, status }) => {
      const r = transition(kind, status, role, action);
      expect(r.ok).toBe(false);
      expect(fromStatuses(kind, role, action)).not.toContain(status);
    },
  );

  it('says why a move is refused', () => {
    expect(transition('COMPLAINT', 'NEW', 'desk', 'dispatch')).toEqual({ ok: false, reason: 'kind' });
    expect(transition('REPAIR', 'NEW', 'desk', 'claim')).toEqual({ ok: false, reason: 'kind' });
    expect(transition('REPAIR', 'NEW', 'owner', 'take')).toEqual({ ok: false, reason: 'role' });
    expect(transition('REPAIR', 'DISPATCHED', 'desk', 'complete')).toEqual({ ok: false, reason: 'role' });
    expect(transition('REPAIR', 'RESOLVED', 'maintenance', 'complete')).toEqual({ ok: false, reason: 'status' });
    expect(transition('COMPLAINT', 'CLOSED', 'owner', 'withdraw')).toEqual({ ok: false, reason: 'status' });
  });

  it('walks a repair through its whole life', () => {
    let s: TicketStatus = 'NEW';
    for (const [role, action] of [
      ['desk', 'dispatch'],
      ['maintenance', 'take'],
      ['maintenance', 'arrive'],
      ['maintenance', 'complete'],
      ['owner', 'reopen'],
      ['maintenance', 'take'],
      ['maintenance', 'complete'],
      ['owner', 'close'],
    ] as const) {
      const r = transition('REPAIR', s, role, action);
      if (!r.ok) throw new Error(`${action} from ${s}: ${r.reason}`);
      s = r.to[r.to.length - 1] as TicketStatus;
    }
    expect(s).toBe('CLOSED');
  });
});
