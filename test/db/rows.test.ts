// The plain ticket statuses and kinds (src/db/rows.ts) are values too: the same values, in the same order, as the
// schema's enums (the types are held to the schema by prisma-repositories.ts at compile time).
import { describe, expect, it } from 'vitest';
import { TicketKind, TicketStatus } from '../../src/generated/sqlite/enums.js';
import { OPEN_TICKET_STATUSES, TICKET_KINDS, TICKET_STATUSES } from '../../src/db/rows.js';
import { OPEN_STATUSES } from '../../src/db/ticket.repo.js';

describe('plain ticket enums', () => {
  it('lists every schema status and kind in schema order', () => {
    expect(TICKET_STATUSES).toEqual(Object.values(TicketStatus));
    expect(TICKET_KINDS).toEqual(Object.values(TicketKind));
  });

  it('open means not yet resolved, closed or withdrawn, and the repositories filter on the same list', () => {
    expect(OPEN_TICKET_STATUSES).toEqual([
      'NEW',
      'DISPATCHED',
      'ACCEPTED',
      'IN_PROGRESS',
      'WAITING_OWNER',
      'WAITING_CONTRACTOR',
    ]);
    expect(OPEN_STATUSES).toEqual(OPEN_TICKET_STATUSES);
  });
});
