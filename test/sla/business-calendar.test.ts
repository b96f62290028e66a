import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BusinessCalendar,
  DEFAULT_DESK_CALENDAR,
  loadHolidayYears,
  missingYearWarning,
  type HolidayYear,
} from '../../src/sla/business-calendar.js';
import { formatLocal, zonedTime } from '../../src/shared/zoned-time.js';

const SH = 'Asia/Shanghai';
const DATA_DIR = join(import.meta.dirname, '../../data/calendar');
const at = (dateKey: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(dateKey, (h ?? 0) * 60 + (m ?? 0), SH);
};
const fmt = (d: Date): string => formatLocal(d, SH);

let years: Map<number, HolidayYear>;
let cal: BusinessCalendar;

beforeAll(async () => {
  const loaded = await loadHolidayYears(DATA_DIR);
  years = loaded.years;
  expect(loaded.warnings).toEqual([]);
  cal = new BusinessCalendar(DEFAULT_DESK_CALENDAR, years);
});

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wuye-cal-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('loadHolidayYears', () => {
  it('loads the official 2026 file from data/calendar', () => {
    expect([...years.keys()]).toEqual([2026]);
    expect(years.get(2026)?.holidays.find((h) => h.name === '国庆节')).toEqual({
      name: '国庆节',
      from: '2026-10-01',
      to: '2026-10-07',
    });
  });

  it('discovers any cn-YYYY.json by name and ignores other files', async () => {
    const y2026 = await readFile(join(DATA_DIR, 'cn-2026.json'), 'utf8');
    const y2030 = JSON.stringify({
      year: 2030,
      holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }],
      makeupWorkdays: [],
    });
    const dir = await dirWith({ 'cn-2026.json': y2026, 'cn-2030.json': y2030, 'notes.txt': 'x', 'cn-26.json': '{}' });
    const loaded = await loadHolidayYears(dir);
    expect([...loaded.years.keys()].sort()).toEqual([2026, 2030]);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toContain('cn-26.json');
  });

  it('a bad date fails with an error naming the file and the date', async () => {
    const bad = { year: 2026, holidays: [{ name: '春节', from: '2026-02-30', to: '2026-02-23' }], makeupWorkdays: [] };
    const dir = await dirWith({ 'cn-2026.json': JSON.stringify(bad) });
    await expect(loadHolidayYears(dir)).rejects.toThrow(/cn-2026\.json.*holidays\.0\.from: "2026-02-30" 不是有效日期/);
  });

  it('rejects dates outside the file year, a year/name mismatch and broken JSON', async () => {
    const outside = { year: 2026, holidays: [], makeupWorkdays: [{ date: '2027-01-04', for: '元旦' }] };
    await expect(loadHolidayYears(await dirWith({ 'cn-2026.json': JSON.stringify(outside) }))).rejects.toThrow(
      /cn-2026\.json.*2027-01-04 不在 2026 年内/,
    );
    const mismatch = { year: 2026, holidays: [], makeupWorkdays: [] };
    await expect(loadHolidayYears(await dirWith({ 'cn-2027.json': JSON.stringify(mismatch) }))).rejects.toThrow(
      /cn-2027\.json.*2027.*2026/,
    );
    await expect(loadHolidayYears(await dirWith({ 'cn-2026.json': '{ "year": 2026,' }))).rejects.toThrow(
      /cn-2026\.json.*JSON/,
    );
  });

  it('a missing directory is a warning, not a crash', async () => {
    const loaded = await loadHolidayYears(join(tmpdir(), 'wuye-no-such-dir-xyz'));
    expect(loaded.years.size).toBe(0);
    expect(loaded.warnings[0]).toContain('暂按周末计算');
  });
});

describe('BusinessCalendar.isWorkday', () => {
  it('ordinary weeks: Mon–Fri work, Sat/Sun off', () => {
    expect(cal.isWorkday('2026-11-27')).toBe(true); // Fri
    expect(cal.isWorkday('2026-11-28')).toBe(false); // Sat
    expect(cal.isWorkday('2026-11-29')).toBe(false); // Sun
  });

  it('national holidays are off, even on weekdays', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`)).toBe(false);
    expect(cal.holidayName('2026-10-05')).toBe('国庆节');
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.isWorkday('2026-02-16')).toBe(false); // 春节 Monday
  });

  it('调休 make-up days are workdays even on Saturday/Sunday', () => {
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday
    expect(cal.isWorkday('2026-01-04')).toBe(true); // Sunday
    expect(cal.isWorkday('2026-10-11')).toBe(false); // ordinary Sunday after
  });

  it('a year with no file uses the weekend rule only', () => {
    expect(cal.isWorkday('2027-01-01')).toBe(true); // Friday; 2027 schedule unknown, not guessed
    expect(cal.isWorkday('2027-01-02')).toBe(false); // Saturday
  });
});

describe('BusinessCalendar.missingYears', () => {
  it('reports 2027 for a range crossing the year end', () => {
    expect(cal.missingYears(at('2026-12-20', '09:00'), at('2027-01-05', '09:00'))).toEqual([2027]);
    expect(cal.missingYears(at('2026-03-01', '09:00'), at('2026-12-31', '23:59'))).toEqual([]);
    expect(missingYearWarning(2027)).toBe('2027 年节假日数据缺失，暂按周末计算');
  });

  it('uses local dates: 2026-12-31 20:00 UTC is already 2027 in Shanghai', () => {
    expect(cal.missingYears(new Date('2026-12-31T20:00:00Z'), new Date('2026-12-31T20:00:00Z'))).toEqual([2027]);
  });
});

describe('BusinessCalendar shifts', () => {
  it('workday intervals are the two desk shifts; holidays have none', () => {
    expect(cal.workingIntervals('2026-11-27').map(([s, e]) => [fmt(s), fmt(e)])).toEqual([
      ['2026-11-27 08:30', '2026-11-27 12:00'],
      ['2026-11-27 13:30', '2026-11-27 18:00'],
    ]);
    expect(cal.workingIntervals('2026-10-03')).toEqual([]);
    expect(cal.workingIntervals('2026-11-28')).toEqual([]);
  });

  it('isOpen: open in shifts, closed at lunch, at night and on holidays', () => {
    expect(cal.isOpen(at('2026-11-27', '08:30'))).toBe(true);
    expect(cal.isOpen(at('2026-11-27', '11:59'))).toBe(true);
    expect(cal.isOpen(at('2026-11-27', '12:00'))).toBe(false);
    expect(cal.isOpen(at('2026-11-27', '12:45'))).toBe(false);
    expect(cal.isOpen(at('2026-11-27', '18:00'))).toBe(false);
    expect(cal.isOpen(at('2026-10-02', '10:00'))).toBe(false);
    expect(cal.isOpen(at('2026-10-10', '10:00'))).toBe(true);
  });

  it('nextShiftStart holds night pings until the desk opens', () => {
    expect(fmt(cal.nextShiftStart(at('2026-11-26', '22:15')))).toBe('2026-11-27 08:30');
    expect(fmt(cal.nextShiftStart(at('2026-11-27', '12:10')))).toBe('2026-11-27 13:30');
    expect(fmt(cal.nextShiftStart(at('2026-11-27', '19:00')))).toBe('2026-11-30 08:30'); // Fri night → Mon
    expect(fmt(cal.nextShiftStart(at('2026-09-30', '18:30')))).toBe('2026-10-08 08:30'); // 国庆
    const open = at('2026-11-27', '10:17');
    expect(cal.nextShiftStart(open)).toEqual(open);
  });

  it('rejects bad shift configs', () => {
    expect(() => new BusinessCalendar({ tz: SH, shifts: [{ start: '18:00', end: '08:30' }] })).toThrow(/晚于/);
    expect(() => new BusinessCalendar({ tz: SH, shifts: [{ start: '8:30', end: '12:00' }] })).toThrow(/8:30/);
    expect(() => new BusinessCalendar({ tz: SH, shifts: [] })).toThrow();
    expect(
      () =>
        new BusinessCalendar({
          tz: SH,
          shifts: [
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        }),
    ).toThrow(/重叠/);
    expect(() => new BusinessCalendar({ tz: 'Nowhere/Town', shifts: DEFAULT_DESK_CALENDAR.shifts })).toThrow();
  });

  it('a night shift can run to 24:00', () => {
    const night = new BusinessCalendar({ tz: SH, shifts: [{ start: '20:00', end: '24:00' }] }, years);
    expect(night.workingIntervals('2026-11-27').map(([s, e]) => [fmt(s), fmt(e)])).toEqual([
      ['2026-11-27 20:00', '2026-11-28 00:00'],
    ]);
  });
});
