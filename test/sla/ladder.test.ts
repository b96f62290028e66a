import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, loadHolidayYears } from '../../src/sla/business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween } from '../../src/sla/business-time.js';
import {
  clockFor,
  dueTimes,
  pendingSteps,
  STEP_BIT,
  stepsDue,
  type SlaClock,
  type SlaLimits,
} from '../../src/sla/ladder.js';
import { complaintSettings, slaLimitsFor } from '../../src/complaints/categories.js';
import { formatLocal, zonedTime } from '../../src/shared/zoned-time.js';

const SH = 'Asia/Shanghai';
const at = (dateKey: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(dateKey, (h ?? 0) * 60 + (m ?? 0), SH);
};
const fmt = (d: Date | null): string | null => (d ? formatLocal(d, SH) : null);

let desk: BusinessCalendar;
beforeAll(async () => {
  const { years } = await loadHolidayYears(join(import.meta.dirname, '../../data/calendar'));
  desk = new BusinessCalendar(DEFAULT_DESK_CALENDAR, years);
});

const normal: SlaLimits = { ackMinutes: 120, resolveMinutes: 72 * 60 };
const clock = (start: Date, over: Partial<SlaClock> = {}): SlaClock => ({
  emergency: false,
  start,
  acknowledged: false,
  pausedMinutes: 0,
  paused: false,
  taken: 0,
  ...over,
});
const plan = (c: SlaClock, limits = normal, priority = 1, kind = 'COMPLAINT') =>
  pendingSteps(clockFor(kind, priority, desk), limits, c).map((p) => `${p.step}@${fmt(p.at)}→${p.target}`);

describe('due times on the desk calendar', () => {
  it('skips the lunch break', () => {
    expect(fmt(dueTimes(desk, normal, clock(at('2026-11-26', '11:30'))).ackDueAt)).toBe('2026-11-26 15:00');
  });
  it('skips the night and the weekend', () => {
    expect(fmt(dueTimes(desk, normal, clock(at('2026-11-27', '17:30'))).ackDueAt)).toBe('2026-11-30 10:00');
    expect(fmt(dueTimes(desk, normal, clock(at('2026-11-28', '22:00'))).ackDueAt)).toBe('2026-11-30 10:30');
  });
  it('skips the 国庆 holiday and counts the 调休 Saturday', () => {
    expect(fmt(dueTimes(desk, normal, clock(at('2026-09-30', '17:00'))).ackDueAt)).toBe('2026-10-08 09:30');
    expect(fmt(dueTimes(desk, normal, clock(at('2026-10-09', '17:00'))).ackDueAt)).toBe('2026-10-10 09:30');
  });
  it('urgent work and emergencies run round the clock', () => {
    const urgent = clockFor('COMPLAINT', 3, desk);
    expect(
      fmt(dueTimes(urgent, { ackMinutes: 30, resolveMinutes: 24 * 60 }, clock(at('2026-11-28', '23:00'))).ackDueAt),
    ).toBe('2026-11-28 23:30');
    const s = complaintSettings({});
    expect(slaLimitsFor(s, 'EMERGENCY', '电梯困人', 3)).toEqual({ ackMinutes: 10, resolveMinutes: null });
    expect(
      plan(
        clock(at('2026-11-28', '23:00'), { emergency: true }),
        slaLimitsFor(s, 'EMERGENCY', '电梯困人', 3),
        3,
        'EMERGENCY',
      ),
    ).toEqual(['emergency_unacked@2026-11-28 23:10→MANAGER']);
  });
  it('category × priority overrides beat the per-priority defaults', () => {
    const s = complaintSettings({ complaints: { limits: { '漏水/渗水': { 1: { ackMinutes: 30 } } } } });
    expect(slaLimitsFor(s, 'COMPLAINT', '漏水/渗水', 1)).toEqual({ ackMinutes: 30, resolveMinutes: 72 * 60 });
    expect(slaLimitsFor(s, 'COMPLAINT', '噪音', 1)).toEqual({ ackMinutes: 120, resolveMinutes: 72 * 60 });
  });
});

describe('the ladder', () => {
  it('plans warn 80 %, ack breach → 领班, 2× → 主管, resolve warn → assignee, resolve breach → 经理 (business time)', () => {
    expect(plan(clock(at('2026-11-26', '11:00')))).toEqual([
      'ack_warn@2026-11-26 14:06→ASSISTANT',
      'ack_breach@2026-11-26 14:30→FOREMAN',
      'ack_2x@2026-11-26 16:30→SUPERVISOR',
      'resolve_warn@2026-12-07 14:06→ASSIGNEE',
      'resolve_breach@2026-12-09 11:00→MANAGER',
    ]);
  });
  it('taken steps, an acknowledged ticket and a paused one drop out', () => {
    const start = at('2026-11-26', '11:00');
    expect(plan(clock(start, { taken: STEP_BIT.ack_warn | STEP_BIT.ack_breach }))[0]).toMatch(/^ack_2x/);
    expect(plan(clock(start, { acknowledged: true })).map((s) => s.split('@')[0])).toEqual([
      'resolve_warn',
      'resolve_breach',
    ]);
    expect(plan(clock(start, { acknowledged: true, paused: true }))).toEqual([]);
  });
  it('a pause shifts the resolve due by its business minutes — same as counting the limit outside the pause', () => {
    const start = at('2026-11-26', '11:00');
    const pause = { from: at('2026-11-30', '10:00'), to: at('2026-11-30', '15:00') };
    const paused = businessMinutesBetween(desk, pause.from, pause.to);
    expect(paused).toBe(210);
    const c = clock(start, { acknowledged: true, pausedMinutes: paused });
    const due = dueTimes(desk, normal, c).resolveDueAt;
    expect(due).toEqual(addBusinessMinutes(desk, start, normal.resolveMinutes!, [pause]));
    expect(fmt(due)).toBe('2026-12-09 16:00');
  });
  it('stepsDue: what is due now and when to look next', () => {
    const start = at('2026-11-26', '11:00');
    const r = stepsDue(desk, normal, clock(start), at('2026-11-26', '14:45'));
    expect(r.due.map((d) => d.step)).toEqual(['ack_warn', 'ack_breach']);
    expect(fmt(r.nextCheckAt)).toBe('2026-11-26 16:30');
  });
});
