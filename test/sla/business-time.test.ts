import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, loadHolidayYears } from '../../src/sla/business-calendar.js';
import {
  ContinuousClock,
  addBusinessMinutes,
  businessMinutesBetween,
  type CalendarLike,
  type Pause,
} from '../../src/sla/business-time.js';
import { formatLocal, zonedTime } from '../../src/shared/zoned-time.js';

const SH = 'Asia/Shanghai';
const at = (dateKey: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(dateKey, (h ?? 0) * 60 + (m ?? 0), SH);
};
const fmt = (d: Date | null): string | null => (d ? formatLocal(d, SH) : null);

let cal: BusinessCalendar;
beforeAll(async () => {
  const { years } = await loadHolidayYears(join(import.meta.dirname, '../../data/calendar'));
  cal = new BusinessCalendar(DEFAULT_DESK_CALENDAR, years);
});

const due = (start: Date, minutes: number, pauses?: Pause[], c: CalendarLike = cal): string | null =>
  fmt(addBusinessMinutes(c, start, minutes, pauses));

describe('addBusinessMinutes on the desk calendar (Asia/Shanghai)', () => {
  it('skips the lunch break: 11:50 + 20 min → 13:40', () => {
    expect(due(at('2026-11-27', '11:50'), 20)).toBe('2026-11-27 13:40');
  });

  it('a limit that runs out exactly at 12:00 is due at 12:00, not after lunch', () => {
    expect(due(at('2026-11-27', '11:00'), 60)).toBe('2026-11-27 12:00');
    expect(due(at('2026-11-27', '11:00'), 61)).toBe('2026-11-27 13:31');
  });

  it('after-hours start counts from the next workday 08:30', () => {
    expect(due(at('2026-11-26', '19:00'), 30)).toBe('2026-11-27 09:00');
    expect(due(at('2026-11-27', '06:00'), 20)).toBe('2026-11-27 08:50');
  });

  it('crosses midnight and the weekend', () => {
    expect(due(at('2026-11-26', '17:30'), 60)).toBe('2026-11-27 09:00');
    expect(due(at('2026-11-27', '17:30'), 60)).toBe('2026-11-30 09:00'); // Fri → Mon
    expect(due(at('2026-11-28', '10:00'), 60)).toBe('2026-11-30 09:30'); // raised on Saturday
  });

  it('skips 国庆 2026-10-01..07: next workday is 10-08', () => {
    expect(due(at('2026-09-30', '17:00'), 120)).toBe('2026-10-08 09:30');
    expect(due(at('2026-10-03', '10:00'), 30)).toBe('2026-10-08 09:00');
  });

  it('counts 调休 make-up days: Saturday 2026-10-10 and Sunday 2026-09-20', () => {
    expect(due(at('2026-10-09', '17:00'), 120)).toBe('2026-10-10 09:30');
    expect(due(at('2026-09-19', '10:00'), 30)).toBe('2026-09-20 09:00');
    expect(due(at('2026-10-10', '17:30'), 60)).toBe('2026-10-12 09:00'); // Sunday 10-11 is off again
  });

  it('crosses the year end into 2027 with weekends only, and flags 2027 as missing', () => {
    const start = at('2026-12-31', '17:00');
    const end = addBusinessMinutes(cal, start, 120);
    // 2027-01-01 is a Friday; without a 2027 file it counts as a workday (never invented).
    expect(fmt(end)).toBe('2027-01-01 09:30');
    expect(cal.missingYears(start, end!)).toEqual([2027]);
    expect(due(at('2027-01-01', '17:00'), 120)).toBe('2027-01-04 09:30'); // Fri → Mon
  });

  it('7 working days (8 h each) across 国庆 land at the same clock time', () => {
    // 09-28..30, 10-08, 10-09, 10-10 (调休 Sat), 10-12 … then 30 min on 10-13
    expect(due(at('2026-09-28', '09:00'), 7 * 480)).toBe('2026-10-13 09:00');
  });

  it('a due a year out is still computed (walks by day, not by minute)', () => {
    expect(due(at('2026-01-05', '08:30'), 250 * 480)).not.toBeNull();
  });

  it('0 minutes is the start itself; negative minutes are refused', () => {
    const s = at('2026-11-27', '20:00');
    expect(addBusinessMinutes(cal, s, 0)).toEqual(s);
    expect(() => addBusinessMinutes(cal, s, -5)).toThrow(RangeError);
    expect(() => addBusinessMinutes(cal, s, Number.NaN)).toThrow(RangeError);
  });
});

describe('pauses (等待业主 / 等待施工方)', () => {
  const start = at('2026-11-23', '09:00'); // Monday
  const base = '2026-11-23 14:30'; // 180 min to 12:00 + 60 after lunch

  it('without pauses: 09:00 + 240 → 14:30', () => {
    expect(due(start, 240)).toBe(base);
  });

  it('a pause inside a shift shifts the due by its length', () => {
    expect(due(start, 240, [{ from: at('2026-11-23', '10:00'), to: at('2026-11-23', '11:00') }])).toBe(
      '2026-11-23 15:30',
    );
  });

  it('only the business minutes of a pause count (lunch and night are not counted twice)', () => {
    // 11:30–14:00 covers 30 + 30 business minutes
    expect(due(start, 240, [{ from: at('2026-11-23', '11:30'), to: at('2026-11-23', '14:00') }])).toBe(
      '2026-11-23 15:30',
    );
    // a pause entirely in the lunch break changes nothing
    expect(due(start, 240, [{ from: at('2026-11-23', '12:05'), to: at('2026-11-23', '13:25') }])).toBe(base);
    // pauses before the start or after the due change nothing
    expect(
      due(start, 240, [
        { from: at('2026-11-20', '09:00'), to: at('2026-11-23', '09:00') },
        { from: at('2026-11-23', '16:00'), to: at('2026-11-24', '10:00') },
      ]),
    ).toBe(base);
  });

  it('overlapping pauses are not double-counted', () => {
    const pauses: Pause[] = [
      { from: at('2026-11-23', '10:00'), to: at('2026-11-23', '11:00') },
      { from: at('2026-11-23', '10:30'), to: at('2026-11-23', '11:30') },
    ];
    expect(due(start, 240, pauses)).toBe('2026-11-23 16:00');
  });

  it('shifts the due exactly by the paused business minutes (multi-day)', () => {
    const s = at('2026-09-28', '10:00');
    const pauses: Pause[] = [
      { from: at('2026-09-28', '16:00'), to: at('2026-09-29', '10:00') }, // overnight
      { from: at('2026-09-30', '11:00'), to: at('2026-10-08', '09:00') }, // over 国庆
    ];
    const paused = pauses.reduce((sum, p) => sum + businessMinutesBetween(cal, p.from, p.to!), 0);
    expect(paused).toBe(120 + 90 + (60 + 270 + 30));
    const withPauses = addBusinessMinutes(cal, s, 1500, pauses);
    expect(withPauses).toEqual(addBusinessMinutes(cal, s, 1500 + paused));
  });

  it('an open pause before the due makes the due undefined (null)', () => {
    expect(addBusinessMinutes(cal, start, 240, [{ from: at('2026-11-23', '10:00'), to: null }])).toBeNull();
    expect(addBusinessMinutes(cal, start, 240, [{ from: at('2026-11-22', '10:00'), to: null }])).toBeNull();
    expect(addBusinessMinutes(new ContinuousClock(), start, 240, [{ from: start, to: null }])).toBeNull();
  });

  it('an open pause that starts after the due leaves it unchanged', () => {
    expect(due(start, 240, [{ from: at('2026-11-23', '16:00'), to: null }])).toBe(base);
  });

  it('businessMinutesBetween stops counting at an open pause', () => {
    const to = at('2026-11-23', '18:00');
    expect(businessMinutesBetween(cal, start, to, [{ from: at('2026-11-23', '10:00'), to: null }])).toBe(60);
  });
});

describe('ContinuousClock (emergencies, 24×7)', () => {
  const clock = new ContinuousClock();

  it('counts every minute: wall-clock time across lunch, midnight and holidays', () => {
    expect(due(at('2026-11-27', '23:30'), 60, [], clock)).toBe('2026-11-28 00:30');
    expect(due(at('2026-10-01', '11:55'), 10, [], clock)).toBe('2026-10-01 12:05');
    expect(businessMinutesBetween(clock, at('2026-11-27', '23:30'), at('2026-11-28', '00:30'))).toBe(60);
    expect(clock.isOpen(at('2026-10-01', '03:00'))).toBe(true);
  });

  it('still honours pauses', () => {
    const s = at('2026-11-27', '10:00');
    expect(due(s, 30, [{ from: at('2026-11-27', '10:10'), to: at('2026-11-27', '10:25') }], clock)).toBe(
      '2026-11-27 10:45',
    );
  });
});

describe('businessMinutesBetween', () => {
  it('counts only shift minutes', () => {
    expect(businessMinutesBetween(cal, at('2026-11-27', '11:00'), at('2026-11-30', '09:00'))).toBe(60 + 270 + 30);
    expect(businessMinutesBetween(cal, at('2026-09-30', '17:00'), at('2026-10-08', '09:30'))).toBe(120);
    expect(businessMinutesBetween(cal, at('2026-11-28', '09:00'), at('2026-11-29', '17:00'))).toBe(0);
    expect(businessMinutesBetween(cal, at('2026-11-27', '10:00'), at('2026-11-27', '09:00'))).toBe(0);
  });

  it('is the inverse of addBusinessMinutes for seeded random inputs', () => {
    const rand = mulberry32(20261001);
    const base = at('2026-01-01', '00:00').getTime();
    const span = 2 * 365 * 24 * 60; // 2026–2027, so the 2027 fallback is exercised too
    const minute = (): Date => new Date(base + Math.floor(rand() * span) * 60_000);

    for (let i = 0; i < 300; i++) {
      const start = minute();
      const minutes = Math.floor(rand() * 6000);
      const pauses: Pause[] = [];
      const count = Math.floor(rand() * 3);
      for (let k = 0; k < count; k++) {
        const from = new Date(start.getTime() + Math.floor(rand() * 10 * 24 * 60) * 60_000);
        pauses.push({ from, to: new Date(from.getTime() + Math.floor(rand() * 3 * 24 * 60) * 60_000) });
      }
      const end = addBusinessMinutes(cal, start, minutes, pauses);
      expect(end).not.toBeNull();
      expect(businessMinutesBetween(cal, start, end!, pauses)).toBe(minutes);
      // and no earlier instant would do
      if (minutes > 0) {
        expect(businessMinutesBetween(cal, start, new Date(end!.getTime() - 60_000), pauses)).toBe(minutes - 1);
      }

      const to = minute();
      if (to > start) {
        const m = businessMinutesBetween(cal, start, to, pauses);
        const back = addBusinessMinutes(cal, start, m, pauses)!;
        expect(back.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(businessMinutesBetween(cal, back, to, pauses)).toBe(0);
      }
    }
  });
});

// Small deterministic PRNG so the random test is reproducible.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
