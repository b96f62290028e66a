// Read-only aggregate queries for the supervisors' reports (统计 / 满意度 / 今日 / 逾期 and the daily/monthly jobs).
// Nothing here writes: tickets belong to the complaints area, bills to fees, appointments to keys.
import { OPEN_STATUSES } from './ticket.repo.js';
import type { JsonValue, TicketKind, TicketStatus } from './rows.js';
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
/** Tickets staff marked 误报 (false alarm) are left out of every monthly figure; they are counted on their own. */
const counted = { falseAlarm: false } as const;

/**
 * Tickets created in the period, counted per category and status (withdrawn ones included; callers decide; false
 * alarms left out).
 */
export interface CategoryCount {
  category: string;
  status: TicketStatus;
  count: number;
}

export async function ticketCountsByCategory(prisma: Prisma, estateId: string, p: Period): Promise<CategoryCount[]> {
  const rows = await prisma.ticket.groupBy({
    by: ['category', 'status'],
    where: { estateId, ...created(p), ...counted },
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
    where: { estateId, ...created(p), ...counted, status: { not: 'WITHDRAWN' }, resolveDueAt: { not: null } },
    select: { acceptedAt: true, resolvedAt: true, ackDueAt: true, resolveDueAt: true },
  });
  let decided = 0;
  let met = 0;
  for (const t of rows) {
    const outcome = slaOutcome(t, now);
    if (outcome === 'pending') continue; // still running within its limits
    decided++;
    if (outcome === 'met') met++;
  }
  return { decided, met };
}

export interface SlaTimes {
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
}

/**
 * One ticket's SLA at `now`: met (acked by ackDueAt, or no ack limit, and resolved by resolveDueAt), missed (a limit
 * passed), or pending (still running within its limits; also a ticket with no resolve limit that is not resolved).
 */
export function slaOutcome(t: SlaTimes, now: Date): 'met' | 'missed' | 'pending' {
  const ackOk = t.ackDueAt === null || (t.acceptedAt !== null && t.acceptedAt <= t.ackDueAt);
  const ackMissed = t.ackDueAt !== null && (t.acceptedAt === null ? now > t.ackDueAt : t.acceptedAt > t.ackDueAt);
  const resolveOk = t.resolvedAt !== null && t.resolveDueAt !== null && t.resolvedAt <= t.resolveDueAt;
  const resolveMissed =
    t.resolveDueAt !== null && (t.resolvedAt === null ? now > t.resolveDueAt : t.resolvedAt > t.resolveDueAt);
  if (t.resolvedAt === null && !ackMissed && !resolveMissed) return 'pending';
  return ackOk && resolveOk ? 'met' : 'missed';
}

export interface RepeatCounts {
  /** Filed in the period as 二次投诉 (same unit and category soon after a resolved one). */
  filed: number;
  /** Reopened in the period because the owner answered the 回访 with 没解决: the same complaint, a second time. */
  reopened: number;
}

/** 二次投诉 of the period: repeats filed, plus reopens after 没解决 (false alarms left out). */
export async function repeatCounts(prisma: Prisma, estateId: string, p: Period): Promise<RepeatCounts> {
  const [filed, reopened] = await Promise.all([
    prisma.ticket.count({ where: { estateId, ...created(p), ...counted, isRepeat: true } }),
    prisma.callback.count({
      where: { score: null, answeredAt: { gte: p.from, lt: p.to }, ticket: { estateId, ...counted } },
    }),
  ]);
  return { filed, reopened };
}

/**
 * The score a 没解决 answer counts as: the lowest. A 回访 answered 没解决 stores no score (the callback row has
 * `answeredAt` and a null `score`); leaving it out would make CSAT look better the less was solved.
 */
export const UNRESOLVED_SCORE = 1;

/**
 * 回访 answers of the period (false alarms left out): how many, the average with each 没解决 as UNRESOLVED_SCORE,
 * the per-score distribution of the scored ones and the number of 没解决.
 */
/** 满意度: answered 回访 with a score, their average, how many of each score, and 没解决 answers. */
export interface CsatScores {
  answered: number;
  average: number | null;
  byScore: Map<number, number>;
  unresolved: number;
}

export async function csatScores(prisma: Prisma, estateId: string, p: Period): Promise<CsatScores> {
  const rows = await prisma.callback.groupBy({
    by: ['score'],
    where: { answeredAt: { gte: p.from, lt: p.to }, ticket: { estateId, ...counted } },
    _count: { _all: true },
  });
  const byScore = new Map<number, number>();
  let total = 0;
  let sum = 0;
  let unresolved = 0;
  for (const r of rows) {
    const n = r._count._all;
    if (r.score === null) unresolved += n;
    else byScore.set(r.score, n);
    total += n;
    sum += (r.score ?? UNRESOLVED_SCORE) * n;
  }
  return { answered: total, average: total > 0 ? sum / total : null, byScore, unresolved };
}

/** Tickets created in the period that staff marked 误报 (shown beside the figures they are left out of). */
export function falseAlarmCount(prisma: Prisma, estateId: string, p: Period): Promise<number> {
  return prisma.ticket.count({ where: { estateId, ...created(p), falseAlarm: true } });
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
export interface DeskAppointmentCounts {
  total: number;
  done: number;
  booked: number;
}

export async function deskAppointments(prisma: Prisma, estateId: string, day: Period): Promise<DeskAppointmentCounts> {
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
export interface ReportEstate {
  id: string;
  name: string;
  timezone: string;
  settings: JsonValue;
}

export function reportEstates(prisma: Prisma): Promise<ReportEstate[]> {
  return prisma.estate.findMany({
    select: { id: true, name: true, timezone: true, settings: true },
    orderBy: { createdAt: 'asc' },
  });
}
