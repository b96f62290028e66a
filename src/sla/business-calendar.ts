// Desk business calendar: shifts (with the lunch break as the gap), CN public holidays and 调休
// make-up workdays from data/calendar/cn-YYYY.json. Years without a file fall back to
// "Mon–Fri are workdays" — we never guess the State Council's schedule.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  addLocalDays,
  isValidDateKey,
  localDateKey,
  localParts,
  weekdayOfDateKey,
  zonedTime,
} from '../shared/zoned-time.js';
import type { BusinessInterval, CalendarLike } from './business-time.js';

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const dateKey = z.string().refine(isValidDateKey, {
  error: (iss) => `${JSON.stringify(iss.input)} 不是有效日期（应为 YYYY-MM-DD）`,
});

export const holidayYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    source: z.string().optional(),
    holidays: z.array(z.object({ name: z.string().min(1), from: dateKey, to: dateKey })),
    makeupWorkdays: z.array(z.object({ date: dateKey, for: z.string().min(1) })),
  })
  .superRefine((y, ctx) => {
    const inYear = (d: string): boolean => d.startsWith(`${y.year}-`);
    y.holidays.forEach((h, i) => {
      if (h.from > h.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i, 'to'],
          message: `结束日期 ${h.to} 早于开始日期 ${h.from}`,
        });
      }
      for (const [field, d] of [
        ['from', h.from],
        ['to', h.to],
      ] as const) {
        if (!inYear(d)) {
          ctx.addIssue({ code: 'custom', path: ['holidays', i, field], message: `日期 ${d} 不在 ${y.year} 年内` });
        }
      }
    });
    y.makeupWorkdays.forEach((m, i) => {
      if (!inYear(m.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeupWorkdays', i, 'date'],
          message: `日期 ${m.date} 不在 ${y.year} 年内`,
        });
      }
      if (y.holidays.some((h) => h.from <= m.date && m.date <= h.to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeupWorkdays', i, 'date'],
          message: `${m.date} 同时是假日和调休工作日`,
        });
      }
    });
  });

export type HolidayYear = z.infer<typeof holidayYearSchema>;

const YEAR_FILE_RE = /^cn-(\d{4})\.json$/;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(根)'}: ${i.message}`)
    .join('; ');
}

/** Validates one year file's parsed JSON; `fileName` is used in error messages only. */
export function parseHolidayYear(json: unknown, fileName: string): HolidayYear {
  const result = holidayYearSchema.safeParse(json);
  if (!result.success) {
    throw new Error(`节假日数据文件 ${fileName} 格式错误：${describeIssues(result.error)}`);
  }
  const expected = YEAR_FILE_RE.exec(fileName.split(/[\\/]/).pop() ?? '')?.[1];
  if (expected !== undefined && Number(expected) !== result.data.year) {
    throw new Error(
      `节假日数据文件 ${fileName} 格式错误：文件名年份 ${expected} 与 year 字段 ${result.data.year} 不一致`,
    );
  }
  return result.data;
}

/**
 * Reads every cn-YYYY.json in `dir`. A malformed file throws an error naming the file (better to
 * refuse to start than to run SLA clocks on a wrong calendar). A missing directory is only a warning.
 */
export async function loadHolidayYears(dir: string): Promise<{ years: Map<number, HolidayYear>; warnings: string[] }> {
  const years = new Map<number, HolidayYear>();
  const warnings: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      warnings.push(`节假日数据目录 ${dir} 不存在，全部年份暂按周末计算`);
      return { years, warnings };
    }
    throw err;
  }
  for (const name of names.sort()) {
    if (!YEAR_FILE_RE.test(name)) {
      if (name.startsWith('cn-') && name.endsWith('.json')) {
        warnings.push(`已忽略 ${join(dir, name)}：文件名应为 cn-YYYY.json`);
      }
      continue;
    }
    const path = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new Error(`节假日数据文件 ${path} 不是有效的 JSON：${(err as Error).message}`);
    }
    const year = parseHolidayYear(json, path);
    years.set(year.year, year);
  }
  return { years, warnings };
}

/** Text for start-up logs and the supervisors' daily summary. */
export function missingYearWarning(year: number): string {
  return `${year} 年节假日数据缺失，暂按周末计算`;
}

export type Shift = { start: string; end: string };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CalendarConfig {
  tz: string;
  /** Local 'HH:MM' shifts of one workday, in order, not overlapping; end may be '24:00'. */
  shifts: Shift[];
  /**
   * The desk's own week (per estate, `settings.desk`): shifts per weekday, an empty list = closed that day. When set it
   * replaces `shifts` + "Mon–Fri are workdays"; a 调休 make-up day with no shifts of its own takes Monday's.
   */
  week?: Partial<Record<Weekday, Shift[]>>;
  /** Extra local dates ('YYYY-MM-DD') the desk is closed. */
  closedDates?: readonly string[];
  /** false: public holidays are ordinary days of the week (the desk works them). Default true. */
  publicHolidays?: boolean;
}

/** Front desk: 08:30–12:00 and 13:30–18:00; the gap is the lunch break. */
export const DEFAULT_DESK_CALENDAR: CalendarConfig = {
  tz: 'Asia/Shanghai',
  shifts: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
};

/** 'HH:MM' → minutes since local midnight (throws on a malformed time). */
export function toMinutes(hhmm: string): number {
  if (!HHMM_RE.test(hhmm)) throw new Error(`班次时间 "${hhmm}" 无效（应为 HH:MM）`);
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

// Guards the day-by-day walk against a calendar with no workdays at all.
const MAX_IDLE_DAYS = 3700;
const INTERVAL_CACHE_LIMIT = 2000;

type MinuteShift = { start: number; end: number };

function toMinuteShifts(shifts: readonly Shift[]): MinuteShift[] {
  const out = shifts.map((s) => ({ start: toMinutes(s.start), end: toMinutes(s.end) }));
  let prevEnd = -1;
  for (const [i, s] of out.entries()) {
    const raw = shifts[i];
    if (s.start >= s.end) throw new Error(`班次 ${raw?.start}–${raw?.end} 的结束时间须晚于开始时间`);
    if (s.start < prevEnd) throw new Error(`班次 ${raw?.start}–${raw?.end} 与前一班次重叠或顺序错误`);
    prevEnd = s.end;
  }
  return out;
}

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export class BusinessCalendar implements CalendarLike {
  readonly tz: string;
  /** True when the calendar has the desk's own week (per-weekday shifts) rather than "Mon–Fri, one set of shifts". */
  readonly perWeekday: boolean;
  /** Whether public holidays close the desk (and 调休 make-up days open it). */
  readonly observesHolidays: boolean;
  private readonly shiftMinutes: MinuteShift[];
  private readonly legacyRaw: Shift[];
  private readonly week_ = new Map<Weekday, { raw: Shift[]; minutes: MinuteShift[] }>();
  private readonly closedDates: ReadonlySet<string>;
  private readonly holidayNames = new Map<string, string>();
  private readonly makeupDays = new Set<string>();
  private readonly knownYears: ReadonlySet<number>;
  private readonly intervalCache = new Map<string, BusinessInterval[]>();

  constructor(config: CalendarConfig, years: ReadonlyMap<number, HolidayYear> = new Map()) {
    this.tz = config.tz;
    localParts(new Date(0), config.tz); // throws early on an unknown zone
    this.perWeekday = config.week !== undefined;
    this.observesHolidays = config.publicHolidays ?? true;
    this.closedDates = new Set(config.closedDates ?? []);
    if (config.week) {
      for (const d of WEEKDAYS) {
        const raw = config.week[d] ?? [];
        this.week_.set(d, { raw: [...raw], minutes: toMinuteShifts(raw) });
      }
      if (WEEKDAYS.every((d) => (config.week?.[d] ?? []).length === 0)) throw new Error('一周至少需要一天有班次');
      this.shiftMinutes = [];
      this.legacyRaw = [];
    } else {
      if (config.shifts.length === 0) throw new Error('至少需要一个班次');
      this.shiftMinutes = toMinuteShifts(config.shifts);
      this.legacyRaw = [...config.shifts];
    }
    for (const y of years.values()) {
      for (const h of y.holidays) {
        for (let d = h.from; d <= h.to; d = addLocalDays(d, 1)) this.holidayNames.set(d, h.name);
      }
      for (const m of y.makeupWorkdays) this.makeupDays.add(m.date);
    }
    this.knownYears = new Set(years.keys());
  }

  hasYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  /** Name of the public holiday on that day (e.g. '国庆节'), if any. */
  holidayName(dateKey: string): string | undefined {
    return this.holidayNames.get(dateKey);
  }

  /** Holiday → no; 调休 make-up day (may be Sat/Sun) → yes; otherwise Mon–Fri (or: the desk's week has shifts). */
  isWorkday(dateKey: string): boolean {
    return this.dayShifts(dateKey).minutes.length > 0;
  }

  /** The desk's week as configured (per-weekday calendars only; empty otherwise). */
  week(): Partial<Record<Weekday, Shift[]>> {
    return Object.fromEntries([...this.week_.entries()].map(([d, s]) => [d, s.raw]));
  }

  /** The desk's shifts on that local day as 'HH:MM' (empty: closed). */
  shiftsOn(dateKey: string): Shift[] {
    return this.dayShifts(dateKey).raw;
  }

  private dayShifts(dateKey: string): { raw: Shift[]; minutes: MinuteShift[] } {
    const closed: { raw: Shift[]; minutes: MinuteShift[] } = { raw: [], minutes: [] };
    if (this.closedDates.has(dateKey)) return closed;
    if (this.observesHolidays && this.holidayNames.has(dateKey)) return closed;
    const makeup = this.observesHolidays && this.makeupDays.has(dateKey);
    if (this.perWeekday) {
      const own = this.week_.get(weekdayOfDateKey(dateKey) as Weekday) ?? closed;
      if (own.minutes.length === 0 && makeup) return this.week_.get(1) ?? closed;
      return own;
    }
    if (makeup || weekdayOfDateKey(dateKey) <= 5) return { raw: this.legacyRaw, minutes: this.shiftMinutes };
    return closed;
  }

  /** Years touched by [from, to] (local dates) that have no holiday file, ascending. */
  missingYears(from: Date, to: Date): number[] {
    const a = localParts(from, this.tz).year;
    const b = localParts(to, this.tz).year;
    const out: number[] = [];
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!this.knownYears.has(y)) out.push(y);
    return out;
  }

  /** That day's shifts as [start, end) instants; empty on non-workdays. */
  workingIntervals(dateKey: string): BusinessInterval[] {
    const cached = this.intervalCache.get(dateKey);
    if (cached) return cached;
    const intervals: BusinessInterval[] = this.isWorkday(dateKey)
      ? this.dayShifts(dateKey).minutes.map(
          (s) => [zonedTime(dateKey, s.start, this.tz), zonedTime(dateKey, s.end, this.tz)] as const,
        )
      : [];
    if (this.intervalCache.size >= INTERVAL_CACHE_LIMIT) this.intervalCache.clear();
    this.intervalCache.set(dateKey, intervals);
    return intervals;
  }

  *intervalsFrom(from: Date): Iterable<BusinessInterval> {
    const t = from.getTime();
    let day = localDateKey(from, this.tz);
    let idle = 0;
    while (idle < MAX_IDLE_DAYS) {
      let yielded = false;
      for (const [start, end] of this.workingIntervals(day)) {
        if (end.getTime() <= t) continue;
        yielded = true;
        yield [start.getTime() < t ? from : start, end];
      }
      idle = yielded ? 0 : idle + 1;
      day = addLocalDays(day, 1);
    }
    throw new Error(`日历在 ${MAX_IDLE_DAYS} 天内没有任何工作时段`);
  }

  isOpen(at: Date): boolean {
    const t = at.getTime();
    return this.workingIntervals(localDateKey(at, this.tz)).some(([s, e]) => s.getTime() <= t && t < e.getTime());
  }

  /** First instant >= `after` inside a shift: where night pings wait until the desk opens. */
  nextShiftStart(after: Date): Date {
    for (const [start] of this.intervalsFrom(after)) return start;
    throw new Error('日历没有后续工作时段');
  }
}
