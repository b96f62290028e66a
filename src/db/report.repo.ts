// Read-only aggregate queries for the supervisors' reports (统计 / 满意度 / 今日 / 逾期 and the daily/monthly jobs).
// Nothing here writes: tickets belong to the complaints area, bills to fees, appointments to keys.
import { OPEN_STATUSES } from './ticket.repo.js';
import type { TicketKind, TicketStatus } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';

export interface Period {
  /** Inclusive start instant. */
  from: Date;
  /** Exclusive end instant. */
  to: Date;
}

/** Open and on the clock: the waiting statuses pause the SLA, so they are never "overdue". */
const CLOCK_RUNNING: TicketStatus[] = ['NEW', 'ACCEPTED', 'IN_PROGRESS'];

const created = (p: Period) => ({ createdAt: { gte: p.from, lt: p.to } });

/** Tickets created in the period, counted per category and status (withdrawn ones included; callers decide). */
export async function ticketCountsByCategory(prisma: Prisma, estateId: string, p: Period) {
  const rows = await prisma.ticket.groupBy({
    by: ['category', 'status'],
    where: { estateId, ...created(p) },
    _count: { _all: true },
  });
  return rows.map((r) => ({ category: r.category, status: r.status, count: r._count._all }));
}

export interface SlaCounts {
  /** Tickets whose outcome is known: resolved, or already past a limit. */
  decided: number;
  /** Acked by ackDueAt (or no ack limit) and resolved by resolveDueAt. */
  met: number;
}

/**
 * SLA of the tickets created in the period (withdrawn ones excluded). A ticket counts once its outcome is known
 * (resolved, or a limit has passed at `now`); it is met when acked before ackDueAt and resolved before resolveDueAt.
 */
export async function slaCounts(prisma: Prisma, estateId: string, p: Period, now: Date): Promise<SlaCounts> {
  const rows = await prisma.ticket.findMany({
    where: { estateId, ...created(p), status: { not: 'WITHDRAWN' }, resolveDueAt: { not: null } },
    select: { acceptedAt: true, resolvedAt: true, ackDueAt: true, resolveDueAt: true },
  });
  let decided = 0;
  let met = 0;
  for (const t of rows) {
    const ackOk = t.ackDueAt === null || (t.acceptedAt !== null && t.acceptedAt <= t.ackDueAt);
    const ackMissed = t.ackDueAt !== null && (t.acceptedAt === null ? now > t.ackDueAt : t.acceptedAt > t.ackDueAt);
    const resolveOk = t.resolvedAt !== null && t.resolveDueAt !== null && t.resolvedAt <= t.resolveDueAt;
    const resolveMissed =
      t.resolveDueAt !== null && (t.resolvedAt === null ? now > t.resolveDueAt : t.resolvedAt > t.resolveDueAt);
    if (t.resolvedAt === null && !ackMissed && !resolveMissed) continue; // still running within its limits
    decided++;
    if (ackOk && resolveOk) met++;
  }
  return { decided, met };
}

/** 二次投诉 created in the period. */
export function repeatCount(prisma: Prisma, estateId: string, p: Period): Promise<number> {
  return prisma.ticket.count({ where: { estateId, ...created(p), isRepeat: true } });
}

/** 回访 scores (1–5) answered in the period: average and how many, plus the per-score distribution. */
export async function csatScores(prisma: Prisma, estateId: string, p: Period) {
  const rows = await prisma.callback.groupBy({
    by: ['score'],
    where: { score: { not: null }, answeredAt: { gte: p.from, lt: p.to }, ticket: { estateId } },
    _count: { _all: true },
  });
  const byScore = new Map<number, number>();
  let total = 0;
  let sum = 0;
  for (const r of rows) {
    if (r.score === null) continue;
    byScore.set(r.score, r._count._all);
    total += r._count._all;
    sum += r.score * r._count._all;
  }
  return { answered: total, average: total > 0 ? sum / total : null, byScore };
}

export interface DayCounts {
  created: number;
  open: number;
  resolved: number;
  emergencies: number;
  openEmergencies: number;
}

/** The day's ticket numbers: created and resolved in `day`, open now, emergencies created in `day` / still open. */
export async function dayTicketCounts(prisma: Prisma, estateId: string, day: Period): Promise<DayCounts> {
  const emergency: { kind: TicketKind } = { kind: 'EMERGENCY' };
  const [createdN, open, resolved, emergencies, openEmergencies] = await Promise.all([
    prisma.ticket.count({ where: { estateId, ...created(day) } }),
    prisma.ticket.count({ where: { estateId, status: { in: OPEN_STATUSES } } }),
    prisma.ticket.count({ where: { estateId, resolvedAt: { gte: day.from, lt: day.to } } }),
    prisma.ticket.count({ where: { estateId, ...emergency, ...created(day) } }),
    prisma.ticket.count({ where: { estateId, ...emergency, status: { in: OPEN_STATUSES } } }),
  ]);
  return { created: createdN, open, resolved, emergencies, openEmergencies };
}

/** Key-desk appointments in the period that were not cancelled, per status. */
export async function deskAppointments(prisma: Prisma, estateId: string, day: Period) {
  const rows = await prisma.keyAppointment.groupBy({
    by: ['status'],
    where: { estateId, slotStart: { gte: day.from, lt: day.to }, status: { not: 'CANCELLED' } },
    _count: { _all: true },
  });
  const byStatus = new Map(rows.map((r) => [r.status, r._count._all]));
  return {
    total: rows.reduce((n, r) => n + r._count._all, 0),
    done: byStatus.get('DONE') ?? 0,
    booked: byStatus.get('BOOKED') ?? 0,
  };
}

export interface OverdueRow {
  number: string;
  kind: TicketKind;
  category: string;
  location: string;
  status: TicketStatus;
  priority: number;
  createdAt: Date;
  acceptedAt: Date | null;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
}

/** Open tickets on the clock that are past their ack limit (not yet accepted) or their resolve limit at `now`. */
export function overdueTickets(prisma: Prisma, estateId: string, now: Date): Promise<OverdueRow[]> {
  return prisma.ticket.findMany({
    where: {
      estateId,
      status: { in: CLOCK_RUNNING },
      OR: [{ acceptedAt: null, ackDueAt: { lt: now } }, { resolveDueAt: { lt: now } }],
    },
    select: {
      number: true,
      kind: true,
      category: true,
      location: true,
      status: true,
      priority: true,
      createdAt: true,
      acceptedAt: true,
      ackDueAt: true,
      resolveDueAt: true,
    },
    orderBy: { createdAt: 'asc' },
  });
}

/** Every estate with what report texts need (the jobs run per estate). */
export function reportEstates(prisma: Prisma) {
  return prisma.estate.findMany({
    select: { id: true, name: true, timezone: true, settings: true },
    orderBy: { createdAt: 'asc' },
  });
}
