// The escalation ladder as pure rules: given a ticket's clock (start, limits, paused minutes, steps taken) and a
// calendar, when is each step due and who hears about it. The sweep (sla-sweep.job.ts) only applies them.
import type { StaffRole } from '../identity/sender.js';
import { addBusinessMinutes, ContinuousClock, type CalendarLike } from './business-time.js';
import { t } from '../i18n/index.js';

export type SlaStep = 'ack_warn' | 'ack_breach' | 'ack_2x' | 'resolve_warn' | 'resolve_breach' | 'emergency_unacked';

/** Bits of Ticket.slaLevel: a step is taken at most once per round. */
export const STEP_BIT: Record<SlaStep, number> = {
  ack_warn: 1,
  ack_breach: 2,
  ack_2x: 4,
  resolve_warn: 8,
  resolve_breach: 16,
  emergency_unacked: 32,
};

/** Who hears about a step: a staff group, or the assignee (falling back to the assistants' group). */
export type StepTarget = StaffRole | 'ASSIGNEE';

export const STEP_TARGET: Record<SlaStep, StepTarget> = {
  ack_warn: 'ASSISTANT',
  ack_breach: 'FOREMAN',
  ack_2x: 'SUPERVISOR',
  resolve_warn: 'ASSIGNEE',
  resolve_breach: 'MANAGER',
  emergency_unacked: 'MANAGER',
};

export const WARN_FRACTION = 0.8;

export interface SlaLimits {
  ackMinutes: number;
  /** Business minutes to resolve; null: no resolve clock (emergencies are tracked by their ack only). */
  resolveMinutes: number | null;
}

export interface SlaClock {
  emergency: boolean;
  /** Start of the current round's clock (creation or reopen). */
  start: Date;
  /** Claimed / "收到": the ack steps are over. */
  acknowledged: boolean;
  /** Business minutes spent in 等待 states this round (closed pauses). */
  pausedMinutes: number;
  /** In a 等待 state right now: the resolve clock stands still. */
  paused: boolean;
  /** Steps already taken (bit set of STEP_BIT). */
  taken: number;
}

export interface PlannedStep {
  step: SlaStep;
  at: Date;
  target: StepTarget;
}

/** Emergencies and urgent (priority 3) work run on the wall clock; everything else on the desk calendar. */
export function isRoundTheClock(kind: string, priority: number): boolean {
  return kind === 'EMERGENCY' || priority >= 3;
}

export function clockFor(kind: string, priority: number, desk: CalendarLike): CalendarLike {
  return isRoundTheClock(kind, priority) ? CONTINUOUS : desk;
}

const CONTINUOUS = new ContinuousClock();

const at = (cal: CalendarLike, start: Date, minutes: number): Date => {
  const d = addBusinessMinutes(cal, start, minutes);
  if (!d) throw new Error('calendar has no working time');
  return d;
};

/** The round's ack due and resolve due (the latter moved on by the business minutes spent waiting). */
export function dueTimes(
  cal: CalendarLike,
  limits: SlaLimits,
  clock: Pick<SlaClock, 'start' | 'pausedMinutes'>,
): { ackDueAt: Date; resolveDueAt: Date | null } {
  return {
    ackDueAt: at(cal, clock.start, limits.ackMinutes),
    resolveDueAt:
      limits.resolveMinutes === null ? null : at(cal, clock.start, limits.resolveMinutes + clock.pausedMinutes),
  };
}

/**
 * Every step still to come, in time order. Ack steps only while not acknowledged; resolve steps not while paused
 * (they move on resume by the paused business minutes, which equals counting the limit outside the pauses).
 */
export function pendingSteps(cal: CalendarLike, limits: SlaLimits, clock: SlaClock): PlannedStep[] {
  const plan: PlannedStep[] = [];
  const add = (step: SlaStep, minutes: number) => {
    if ((clock.taken & STEP_BIT[step]) === 0)
      plan.push({ step, at: at(cal, clock.start, minutes), target: STEP_TARGET[step] });
  };
  if (clock.emergency) {
    if (!clock.acknowledged) add('emergency_unacked', limits.ackMinutes);
  } else {
    if (!clock.acknowledged) {
      add('ack_warn', limits.ackMinutes * WARN_FRACTION);
      add('ack_breach', limits.ackMinutes);
      add('ack_2x', limits.ackMinutes * 2);
    }
    if (!clock.paused && limits.resolveMinutes !== null) {
      add('resolve_warn', limits.resolveMinutes * WARN_FRACTION + clock.pausedMinutes);
      add('resolve_breach', limits.resolveMinutes + clock.pausedMinutes);
    }
  }
  return plan.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The steps due at `now` and when the sweep must look again (null: nothing left this round). */
export function stepsDue(
  cal: CalendarLike,
  limits: SlaLimits,
  clock: SlaClock,
  now: Date,
): { due: PlannedStep[]; nextCheckAt: Date | null } {
  const plan = pendingSteps(cal, limits, clock);
  const due = plan.filter((p) => p.at.getTime() <= now.getTime());
  const next = plan.find((p) => p.at.getTime() > now.getTime());
  return { due, nextCheckAt: next?.at ?? null };
}

/** When the sweep should first look at a ticket in this state. */
export function firstCheck(cal: CalendarLike, limits: SlaLimits, clock: SlaClock): Date | null {
  return pendingSteps(cal, limits, clock)[0]?.at ?? null;
}

const SLA_STEPS: SlaStep[] = [
  'ack_warn',
  'ack_breach',
  'ack_2x',
  'resolve_warn',
  'resolve_breach',
  'emergency_unacked',
];

/** How each step is named (zh-CN: staff groups and the ticket's record). */
export const STEP_LABEL = Object.fromEntries(SLA_STEPS.map((s) => [s, t('zh-CN', `sla.step.${s}`)])) as Record<
  SlaStep,
  string
>;

/** The SLA clock as stored on a ticket row. */
export function clockOf(t: {
  kind: string;
  status: string;
  createdAt: Date;
  slaStartAt: Date | null;
  slaPausedMinutes: number;
  slaPausedAt: Date | null;
  slaLevel: number;
}): SlaClock {
  return {
    emergency: t.kind === 'EMERGENCY',
    start: t.slaStartAt ?? t.createdAt,
    acknowledged: t.status !== 'NEW',
    pausedMinutes: t.slaPausedMinutes,
    paused: t.slaPausedAt !== null || t.status === 'WAITING_OWNER' || t.status === 'WAITING_CONTRACTOR',
    taken: t.slaLevel,
  };
}

/** Priorities as the desk says them (1 normal, 2 raised: 二次投诉 / reopened, 3 urgent). */
export const PRIORITY_LABEL: Record<number, string> = {
  1: t('zh-CN', 'complaint.priority.1'),
  2: t('zh-CN', 'complaint.priority.2'),
  3: t('zh-CN', 'complaint.priority.3'),
};
