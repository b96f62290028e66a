import { describe, it, expect } from 'vitest';
import {
  addLocalDays,
  formatLocal,
  isValidDateKey,
  localDateKey,
  localParts,
  weekdayOfDateKey,
  zoneOffsetMinutes,
  zonedTime,
} from '../../src/shared/zoned-time.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('localParts / localDateKey', () => {
  it('reads Shanghai wall-clock time (UTC+8) including weekday', () => {
    // 2026-11-28 07:00Z = Saturday 15:00 in Shanghai
    expect(localParts(new Date('2026-11-28T07:00:00Z'), SH)).toEqual({
      year: 2026,
      month: 11,
      day: 28,
      hour: 15,
      minute: 0,
      second: 0,
      weekday: 6,
    });
    expect(localParts(new Date('2026-11-29T04:00:00Z'), SH).weekday).toBe(7);
    expect(localParts(new Date('2026-11-30T04:00:00Z'), SH).weekday).toBe(1);
  });

  it('uses the local day, not the UTC day, near midnight', () => {
    expect(localDateKey(new Date('2026-03-01T16:30:00Z'), SH)).toBe('2026-03-02');
    expect(localDateKey(new Date('2026-03-01T15:59:00Z'), SH)).toBe('2026-03-01');
    expect(localParts(new Date('2026-03-01T16:00:00Z'), SH).hour).toBe(0);
  });

  it('rejects an unknown zone and an invalid Date', () => {
    expect(() => localParts(new Date(), 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
    expect(() => localParts(new Date('nope'), SH)).toThrow(RangeError);
  });
});

describe('zonedTime', () => {
  it('gives the instant of a Shanghai wall time', () => {
    expect(zonedTime('2026-11-28', 15 * 60, SH).toISOString()).toBe('2026-11-28T07:00:00.000Z');
    expect(zonedTime('2026-01-01', 0, SH).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(zonedTime('2026-01-01', 24 * 60, SH).toISOString()).toBe('2026-01-01T16:00:00.000Z');
  });

  it('round-trips with localParts', () => {
    const t = zonedTime('2026-07-15', 8 * 60 + 30, SH);
    expect(formatLocal(t, SH)).toBe('2026-07-15 08:30');
  });

  it('handles DST (New York): offsets before/after spring-forward and fall-back', () => {
    expect(zonedTime('2026-03-08', 60, NY).toISOString()).toBe('2026-03-08T06:00:00.000Z'); // EST
    expect(zonedTime('2026-03-08', 3 * 60, NY).toISOString()).toBe('2026-03-08T07:00:00.000Z'); // EDT
    expect(zonedTime('2026-07-01', 9 * 60, NY).toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedTime('2026-12-01', 9 * 60, NY).toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('pushes a skipped wall time forward and picks the earlier of a repeated one', () => {
    // 02:30 does not exist on 2026-03-08 in New York → 03:30 EDT
    const gap = zonedTime('2026-03-08', 2 * 60 + 30, NY);
    expect(gap.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(formatLocal(gap, NY, 'time')).toBe('03:30');
    // 01:30 happens twice on 2026-11-01 → the first (EDT)
    expect(zonedTime('2026-11-01', 60 + 30, NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('works for a southern-hemisphere DST zone', () => {
    // Sydney: AEDT (+11) in January, AEST (+10) in July
    expect(zonedTime('2026-01-15', 9 * 60, 'Australia/Sydney').toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(zonedTime('2026-07-15', 9 * 60, 'Australia/Sydney').toISOString()).toBe('2026-07-14T23:00:00.000Z');
    expect(zoneOffsetMinutes(new Date('2026-07-15T00:00:00Z'), 'Australia/Sydney')).toBe(600);
  });
});

describe('date keys', () => {
  it('adds local days across months, years and leap days', () => {
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2026-10-01', 7)).toBe('2026-10-08');
  });

  it('validates real calendar days', () => {
    expect(isValidDateKey('2026-02-28')).toBe(true);
    expect(isValidDateKey('2026-02-30')).toBe(false);
    expect(isValidDateKey('2026-2-3')).toBe(false);
    expect(weekdayOfDateKey('2026-10-10')).toBe(6);
  });
});

describe('formatLocal', () => {
  it('formats datetime, date and time in the zone', () => {
    const t = new Date('2026-11-28T07:00:00Z');
    expect(formatLocal(t, SH)).toBe('2026-11-28 15:00');
    expect(formatLocal(t, SH, 'date')).toBe('2026-11-28');
    expect(formatLocal(t, SH, 'time')).toBe('15:00');
    expect(formatLocal(new Date('2026-11-28T16:05:00Z'), SH)).toBe('2026-11-29 00:05');
  });
});
