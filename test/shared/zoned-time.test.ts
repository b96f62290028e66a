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

describe('localParts agrees with Intl everywhere (the offset-span shortcut, #15)', () => {
  /** What Intl itself says: the reference the shortcut must match to the second. */
  const formats = new Map<string, Intl.DateTimeFormat>();
  function intlParts(instant: Date, tz: string) {
    const f =
      formats.get(tz) ??
      new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        weekday: 'short',
      });
    formats.set(tz, f);
    const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p['weekday']!) + 1;
    const n = (k: string) => Number(p[k]);
    return {
      year: n('year'),
      month: n('month'),
      day: n('day'),
      hour: n('hour') % 24,
      minute: n('minute'),
      second: n('second'),
      weekday,
    };
  }
  // Half-hour and 45-minute offsets, DST both hemispheres, a 30-minute DST (Lord Howe), and China's 1986–91 DST.
  const zones = [
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/St_Johns',
    'UTC',
  ];

  it('matches on every second around each DST transition of 2026 and of China in 1988', () => {
    const around = [
      '2026-03-08T07:00:00Z', // New York spring forward (02:00 local)
      '2026-11-01T06:00:00Z', // New York fall back
      '2026-03-29T01:00:00Z', // London
      '2026-04-04T15:00:00Z', // Lord Howe (02:00 local, back 30 min)
      '2026-04-04T14:00:00Z', // Chatham
      '1988-04-09T18:00:00Z', // Shanghai 1988 DST start (02:00 local)
      '1988-09-10T17:00:00Z', // Shanghai 1988 DST end
    ];
    for (const iso of around)
      for (let s = -1800; s <= 1800; s += 7) {
        const instant = new Date(Date.parse(iso) + s * 1000 + (s % 3) * 137);
        for (const tz of zones)
          expect(localParts(instant, tz), `${tz} ${instant.toISOString()}`).toEqual(intlParts(instant, tz));
      }
  });

  it('matches at 5,000 random instants between 1900 and 2100', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 5000; i++) {
      const instant = new Date(Math.floor(from + random() * (to - from)));
      const tz = zones[i % zones.length]!;
      expect(localParts(instant, tz), `${tz} ${instant.toISOString()}`).toEqual(intlParts(instant, tz));
    }
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
