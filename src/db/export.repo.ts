// The rows of 导出 YYYY-MM: every ticket created in the month with its unit, its owner's phone (masked by the caller
// before it leaves the domain), its 回访 answers and the times the SLA is judged on. Read-only.
import type { TicketKind, TicketStatus } from './rows.js';
import type { Prisma } from './client.js';
import type { Period } from './report.repo.js';

export interface ExportTicket {
  number: string;
  kind: TicketKind;
  category: string;
  location: string;
  /** Building, entrance and room of the ticket's unit; null for a ticket without one (a public area). */
  unit: { building: string; entrance: string; room: string } | null;
  ownerPhone: string | null;
  status: TicketStatus;
  createdAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
  round: number;
  falseAlarm: boolean;
  /** Answered 回访 in round order: a score 1–5, or null for 没解决. */
  answers: Array<number | null>;
}

/** Tickets created in the period, oldest first (at most `limit`; the month's total is `total`). */
export async function ticketsForExport(
  prisma: Prisma,
  estateId: string,
  p: Period,
  limit: number,
): Promise<{ rows: ExportTicket[]; total: number }> {
  const where = { estateId, createdAt: { gte: p.from, lt: p.to } };
  const [tickets, total] = await Promise.all([
    prisma.ticket.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { number: 'asc' }],
      take: limit,
      select: {
        number: true,
        kind: true,
        category: true,
        location: true,
        unitId: true,
        personId: true,
        status: true,
        createdAt: true,
        acceptedAt: true,
        resolvedAt: true,
        ackDueAt: true,
        resolveDueAt: true,
        round: true,
        falseAlarm: true,
        callbacks: {
          where: { answeredAt: { not: null } },
          orderBy: { round: 'asc' },
          select: { score: true },
        },
      },
    }),
    prisma.ticket.count({ where }),
  ]);
  const unitIds = [...new Set(tickets.flatMap((t) => (t.unitId ? [t.unitId] : [])))];
  const personIds = [...new Set(tickets.map((t) => t.personId))];
  const [units, people] = await Promise.all([
    prisma.unit.findMany({
      where: { id: { in: unitIds } },
      select: { id: true, entrance: true, room: true, building: { select: { name: true } } },
    }),
    prisma.person.findMany({ where: { id: { in: personIds } }, select: { id: true, phone: true } }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, { building: u.building.name, entrance: u.entrance, room: u.room }]));
  const phoneById = new Map(people.map((x) => [x.id, x.phone]));
  return {
    total,
    rows: tickets.map(({ unitId, personId, callbacks, ...t }) => ({
      ...t,
      unit: unitId ? (unitById.get(unitId) ?? null) : null,
      ownerPhone: phoneById.get(personId) ?? null,
      answers: callbacks.map((c) => c.score),
    })),
  };
}
