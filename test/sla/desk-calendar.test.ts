// Each estate's desk calendar (settings.desk): the week it is staffed, closed dates, public holidays — and the SLA
// clock counting exactly those hours.
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { loadHolidayYears, type HolidayYear } from '../../src/sla/business-calendar.js';
import {
  applyDeskHours,
  DeskCalendars,
  deskSettingsOf,
  deskSettingsSchema,
  describeDesk,
  parseDeskHours,
} from '../../src/sla/desk-settings.js';
import { dueTimes } from '../../src/sla/ladder.js';
import { DeskSlots, deskSlotsSource } from '../../src/keys/desk-slots.js';
import { formatLocal, zonedTime } from '../../src/shared/zoned-time.js';

const SH = 'Asia/Shanghai';
const at = (dateKey: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(dateKey, (h ?? 0) * 60 + (m ?? 0), SH);
};
const fmt = (d: Date | null): string => (d ? formatLocal(d, SH) : 'null');

let years: Map<number, HolidayYear>;
beforeAll(async () => {
  years = (await loadHolidayYears(join(import.meta.dirname, '../../data/calendar'))).years;
});

/** Desk settings for one estate, as `settings set … desk.hours …` would store them. */
function deskWith(hours: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const r = parseDeskHours(hours);
  if ('error' in r) throw new Error(r.error);
  const desk = deskSettingsOf({});
  return { desk: { ...desk, week: applyDeskHours(desk.week, r.patch), ...extra } };
}

function calendars(settings: Record<string, Record<string, unknown>>): DeskCalendars {
  return new DeskCalendars(async (id) => (id in settings ? { timezone: SH, settings: settings[id] } : null), years);
}

// 2026-12-19 is a Saturday; a leak reported at 10:00 with a 2-hour first-response limit.
const SATURDAY_LEAK = { start: at('2026-12-19', '10:00'), pausedMinutes: 0 };
const LIMITS = { ackMinutes: 120, resolveMinutes: 24 * 60 };

describe('the SLA clock over a weekend counts the estate’s desk hours', () => {
  const cals = calendars({
    sevenDays: deskWith('周一至周日 08:30-18:00'),
    weekdaysOnly: deskWith('周一至周五 08:30-18:00；周六、周日 休息'),
  });

  it('a Saturday leak is due on Saturday when the desk works Saturday', async () => {
    const due = dueTimes(await cals.forEstate('sevenDays'), LIMITS, SATURDAY_LEAK);
    expect(fmt(due.ackDueAt)).toBe('2026-12-19 12:00');
    // 24 desk hours of 9.5 a day: Sat 8h + Sun 9.5h + Mon 6.5h → Monday 15:00.
    expect(fmt(due.resolveDueAt)).toBe('2026-12-21 15:00');
  });

  it('the same leak waits for Monday where the desk is closed at weekends', async () => {
    const due = dueTimes(await cals.forEstate('weekdaysOnly'), LIMITS, SATURDAY_LEAK);
    expect(fmt(due.ackDueAt)).toBe('2026-12-21 10:30');
  });

  it('an estate that set nothing gets our default: every day 08:30–12:00 and 13:30–18:00', async () => {
    const cal = await cals.forEstate('unknown');
    expect(cal.isWorkday('2026-12-19')).toBe(true);
    expect(cal.isWorkday('2026-12-20')).toBe(true);
    expect(fmt(dueTimes(cal, LIMITS, SATURDAY_LEAK).ackDueAt)).toBe('2026-12-19 12:00');
    expect(fmt(dueTimes(cal, { ackMinutes: 150, resolveMinutes: null }, SATURDAY_LEAK).ackDueAt)).toBe(
      '2026-12-19 14:00',
    );
  });

  it('closed dates and public holidays close the desk; 调休 make-up days open a weekday-only desk', async () => {
    const cal = await calendars({
      e: deskWith('周一至周五 08:30-18:00；周六至周日 休息', { closedDates: ['2026-12-24'] }),
    }).forEstate('e');
    expect(cal.isWorkday('2026-12-24')).toBe(false);
    expect(cal.isWorkday('2026-10-01')).toBe(false); // 国庆节
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休 for 国庆节
    expect(cal.shiftsOn('2026-10-10')).toEqual([{ start: '08:30', end: '18:00' }]);
    const open = await calendars({ e: deskWith('每天 09:00-17:00', { publicHolidays: 'open' }) }).forEstate('e');
    expect(open.isWorkday('2026-10-01')).toBe(true);
  });

  it('key slots follow the same calendar: Saturday hours, a closed Sunday', async () => {
    const cals2 = calendars({ e: deskWith('周一至周六 09:00-12:00；周日 休息') });
    const slotsOf = deskSlotsSource(cals2, async () => ({ keys: { slotMinutes: 60 } }));
    const slots: DeskSlots = await slotsOf('e');
    expect(slots.daySlots('2026-12-19').map((d) => formatLocal(d, SH, 'time'))).toEqual(['09:00', '10:00', '11:00']);
    expect(slots.closedDay('2026-12-20')).toEqual({ reason: 'CLOSED_DAY' });
    expect(slots.closedDay('2026-10-01')).toEqual({ reason: 'HOLIDAY', holiday: '国庆节' });
    expect(slots.check(at('2026-12-19', '13:00'), at('2026-12-18', '09:00'))).toEqual({ reason: 'CLOSED_HOURS' });
    expect(slots.hoursText()).toBe('周一至周六 09:00–12:00；周日 休息');
  });
});

describe('parseDeskHours', () => {
  it.each([
    ['周一至周日 08:30-18:00', [1, 2, 3, 4, 5, 6, 7], [{ start: '08:30', end: '18:00' }]],
    [
      '周一到周五 8:30-12:00 13:30-18:00',
      [1, 2, 3, 4, 5],
      [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
    ],
    ['周六、周日 休息', [6, 7], []],
    ['星期六 09:00～12:00', [6], [{ start: '09:00', end: '12:00' }]],
    ['每天 09:00-17:00', [1, 2, 3, 4, 5, 6, 7], [{ start: '09:00', end: '17:00' }]],
    ['Mon-Fri 09:00-17:00', [1, 2, 3, 4, 5], [{ start: '09:00', end: '17:00' }]],
  ])('%s', (text, days, shifts) => {
    const r = parseDeskHours(text);
    expect(r).toEqual({ patch: Object.fromEntries(days.map((d) => [d, shifts])) });
  });

  it.each([
    ['08:30-18:00', '没有看出是哪几天'],
    ['周一至周五', '没有看出时间'],
    ['周一 18:00-08:30', '结束时间须晚于开始时间'],
    ['周一 08:00-12:00 11:00-13:00', '重叠'],
    ['', '请写出哪几天'],
  ])('refuses %j', (text, message) => {
    const r = parseDeskHours(text);
    expect('error' in r && r.error).toContain(message);
  });

  it('describes a week as staff read it', () => {
    const s = deskSettingsSchema.parse(deskWith('周一至周五 08:30-18:00；周六 09:00-12:00；周日 休息').desk);
    expect(describeDesk(s, 'zh-CN')).toBe(
      '周一至周五 08:30–18:00；周六 09:00–12:00；周日 休息；法定节假日休息（调休上班日照常）',
    );
    expect(describeDesk(deskSettingsOf({}), 'en')).toBe(
      'Mon–Sun 08:30–12:00, 13:30–18:00; closed on public holidays (make-up workdays open)',
    );
  });

  it('a week with no staffed day, or a broken section, is refused / falls back to the default', () => {
    expect(deskSettingsSchema.safeParse({ week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } }).success).toBe(
      false,
    );
    expect(deskSettingsOf({ desk: { week: 'x' } }).week['6']).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
  });
});
