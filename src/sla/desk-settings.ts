// Each estate's desk calendar (Estate.settings.desk): which weekdays and shifts the desk is staffed, extra closed
// dates, and whether public holidays close it. Our default when an estate sets nothing: every day of the week
// (most desks work seven days) 08:30–12:00 and 13:30–18:00, closed on public holidays. The SLA clock, the callback
// reminders and the key-appointment slots all run on it (one BusinessCalendar per estate, see DeskCalendars).
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import { t, type Locale } from '../i18n/index.js';
import { isValidDateKey } from '../shared/zoned-time.js';
import {
  BusinessCalendar,
  DEFAULT_DESK_CALENDAR,
  toMinutes,
  type CalendarConfig,
  type HolidayYear,
  type Shift,
  type Weekday,
} from './business-calendar.js';
import type { CalendarLike } from './business-time.js';

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

const shiftSchema = z
  .object({
    start: z.string().regex(HHMM_RE, { error: '时间应为 HH:MM' }),
    end: z.string().regex(HHMM_RE, { error: '时间应为 HH:MM' }),
  })
  .refine((s) => toMinutes(s.start) < toMinutes(s.end), {
    error: (iss) => {
      const s = iss.input as Shift;
      return `班次 ${s.start}–${s.end} 的结束时间须晚于开始时间`;
    },
  });

const dayShiftsSchema = z
  .array(shiftSchema)
  .max(4)
  .superRefine((shifts, ctx) => {
    for (let i = 1; i < shifts.length; i++) {
      const prev = shifts[i - 1]!;
      const cur = shifts[i]!;
      if (toMinutes(cur.start) < toMinutes(prev.end))
        ctx.addIssue({ code: 'custom', message: `班次 ${cur.start}–${cur.end} 与前一班次重叠或顺序错误` });
    }
  });

/** Our default shifts, the same every day of the week. */
export const DEFAULT_DESK_SHIFTS: readonly Shift[] = DEFAULT_DESK_CALENDAR.shifts;
const dayDefault = () => DEFAULT_DESK_SHIFTS.map((s) => ({ ...s }));

const dateKeySchema = z.string().refine(isValidDateKey, {
  error: (iss) => `${JSON.stringify(iss.input)} 不是有效日期（应为 YYYY-MM-DD）`,
});

export const deskSettingsSchema = z
  .object({
    /** Shifts per ISO weekday ('1' = Monday … '7' = Sunday); an empty list: the desk is closed that day. */
    week: z
      .object({
        '1': dayShiftsSchema.default(dayDefault),
        '2': dayShiftsSchema.default(dayDefault),
        '3': dayShiftsSchema.default(dayDefault),
        '4': dayShiftsSchema.default(dayDefault),
        '5': dayShiftsSchema.default(dayDefault),
        '6': dayShiftsSchema.default(dayDefault),
        '7': dayShiftsSchema.default(dayDefault),
      })
      .prefault({})
      .refine((w) => Object.values(w).some((d) => d.length > 0), { error: '一周至少要有一天有人值班' }),
    /** Extra dates the desk is closed (local 'YYYY-MM-DD'). */
    closedDates: z
      .array(dateKeySchema)
      .max(366)
      .default([])
      .transform((a) => [...new Set(a)].sort()),
    /** closed: public holidays close the desk and 调休 make-up days open it; open: the desk keeps its week. */
    publicHolidays: z.enum(['closed', 'open']).default('closed'),
  })
  .prefault({});

export type DeskSettings = z.infer<typeof deskSettingsSchema>;

/** `estate.settings` as stored (any JSON). A broken section falls back to our defaults. */
export function deskSettingsOf(settings: unknown): DeskSettings {
  return settingsSection(settings, 'desk', deskSettingsSchema);
}

export function deskCalendarConfig(desk: DeskSettings, tz: string): CalendarConfig {
  const week: Partial<Record<Weekday, Shift[]>> = {};
  for (const d of WEEKDAYS) week[d] = desk.week[String(d) as keyof DeskSettings['week']];
  return {
    tz,
    shifts: [...DEFAULT_DESK_SHIFTS],
    week,
    closedDates: desk.closedDates,
    publicHolidays: desk.publicHolidays === 'closed',
  };
}

// ——— "周一至周五 08:30-12:00 13:30-18:00；周六 休息" ———

const DAY_WORDS: Record<string, Weekday> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  七: 7,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};
const DAY_RE = /(?:周|星期|礼拜)([一二三四五六日天七])|\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi;
const RANGE_SEP_RE = /^\s*(?:至|到|-|–|—|~|～|to)\s*$/i;
const TIME_RE = /(\d{1,2})[:：](\d{2})\s*(?:-|–|—|~|～|至|到)\s*(\d{1,2})[:：](\d{2})/g;
const CLOSED_RE = /休息|关闭|不上班|不值班|closed|off/i;
const EVERY_DAY_RE = /每天|每日|全周|天天|daily|every ?day/i;

export type DeskHoursPatch = Partial<Record<Weekday, Shift[]>>;

/**
 * Reads desk hours as staff type them: day spec then shifts, several parts separated by ；/;. Returns the weekdays it
 * sets (others keep their shifts), or an error text (zh-CN) saying what is wrong.
 */
export function parseDeskHours(text: string): { patch: DeskHoursPatch } | { error: string } {
  const parts = text
    .split(/[；;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: t('zh-CN', 'settings.desk.parseEmpty') };
  const patch: DeskHoursPatch = {};
  for (const part of parts) {
    const days = readDays(part);
    if (days.length === 0) return { error: t('zh-CN', 'settings.desk.parseDays', { part }) };
    let shifts: Shift[];
    if (CLOSED_RE.test(part)) shifts = [];
    else {
      shifts = [];
      for (const m of part.matchAll(TIME_RE)) {
        const hhmm = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
        shifts.push({ start: hhmm(m[1]!, m[2]!), end: hhmm(m[3]!, m[4]!) });
      }
      if (shifts.length === 0) return { error: t('zh-CN', 'settings.desk.parseTimes', { part }) };
    }
    const checked = dayShiftsSchema.safeParse(shifts);
    if (!checked.success) return { error: `${part}：${checked.error.issues.map((i) => i.message).join('；')}` };
    for (const d of days) patch[d] = checked.data;
  }
  return { patch };
}

function readDays(part: string): Weekday[] {
  if (EVERY_DAY_RE.test(part)) return [...WEEKDAYS];
  const hits = [...part.matchAll(DAY_RE)].map((m) => ({
    day: DAY_WORDS[(m[1] ?? m[2] ?? '').toLowerCase()]!,
    index: m.index,
    end: m.index + m[0].length,
  }));
  const out = new Set<Weekday>();
  for (let i = 0; i < hits.length; i++) {
    const a = hits[i]!;
    const b = hits[i + 1];
    if (b && RANGE_SEP_RE.test(part.slice(a.end, b.index))) {
      // 周五至周一 wraps round the weekend.
      for (let d = a.day, n = 0; n < 7; n++, d = ((d % 7) + 1) as Weekday) {
        out.add(d);
        if (d === b.day) break;
      }
      i++;
    } else out.add(a.day);
  }
  return [...out].sort((x, y) => x - y);
}

/** The week with a patch applied (the stored form). */
export function applyDeskHours(week: DeskSettings['week'], patch: DeskHoursPatch): DeskSettings['week'] {
  const next = { ...week };
  for (const d of WEEKDAYS) {
    const p = patch[d];
    if (p) next[String(d) as keyof DeskSettings['week']] = p;
  }
  return next;
}

/** "周一至周五 08:30–12:00、13:30–18:00；周六、周日 休息" — consecutive days with equal shifts grouped. */
export function describeWeek(week: DeskSettings['week'], locale: Locale): string {
  const hours = (d: Weekday) => {
    const s = week[String(d) as keyof DeskSettings['week']];
    return s.length === 0
      ? t(locale, 'settings.desk.closed')
      : s.map((x) => `${x.start}–${x.end}`).join(t(locale, 'settings.desk.shiftSep'));
  };
  const groups: Array<{ from: Weekday; to: Weekday; hours: string }> = [];
  for (const d of WEEKDAYS) {
    const h = hours(d);
    const last = groups[groups.length - 1];
    if (last && last.hours === h) last.to = d;
    else groups.push({ from: d, to: d, hours: h });
  }
  const day = (d: Weekday) => t(locale, `settings.weekday.${d}`);
  return groups
    .map((g) => {
      const days =
        g.from === g.to
          ? day(g.from)
          : t(locale, g.to - g.from === 1 ? 'settings.desk.dayPair' : 'settings.desk.dayRange', {
              from: day(g.from),
              to: day(g.to),
            });
      return `${days} ${g.hours}`;
    })
    .join(t(locale, 'settings.desk.groupSep'));
}

export function describeDesk(desk: DeskSettings, locale: Locale): string {
  const parts = [describeWeek(desk.week, locale)];
  parts.push(
    t(locale, desk.publicHolidays === 'closed' ? 'settings.desk.holidaysClosed' : 'settings.desk.holidaysOpen'),
  );
  if (desk.closedDates.length > 0)
    parts.push(
      t(locale, 'settings.desk.closedDates', { dates: desk.closedDates.join(t(locale, 'settings.desk.shiftSep')) }),
    );
  return parts.join(t(locale, 'settings.desk.groupSep'));
}

// ——— one calendar per estate ———

/** Where services get an estate's desk calendar. */
export interface DeskCalendarSource {
  forEstate(estateId: string): Promise<BusinessCalendar>;
}

/** A fixed calendar (tests, single-calendar callers) or a per-estate source. */
export type DeskCalendarInput = CalendarLike | DeskCalendarSource;

export function isCalendarSource(c: DeskCalendarInput): c is DeskCalendarSource {
  return typeof (c as Partial<DeskCalendarSource>).forEstate === 'function';
}

/** The calendar for an estate, whichever kind the caller was given. */
export function calendarFor(c: DeskCalendarInput, estateId: string): Promise<CalendarLike> {
  return isCalendarSource(c) ? c.forEstate(estateId) : Promise.resolve(c);
}

export interface EstateCalendarRow {
  timezone: string;
  settings: unknown;
}

const CALENDAR_CACHE_LIMIT = 200;

/**
 * Builds each estate's BusinessCalendar from its `settings.desk` and the loaded holiday years. Estates with the same
 * desk settings share one calendar; an estate whose row is gone gets our default.
 */
export class DeskCalendars implements DeskCalendarSource {
  private readonly byKey = new Map<string, BusinessCalendar>();
  /**
   * The calendar last built for a settings object, by that object: estates come from EstateService's short-lived
   * cache, so every turn in its lifetime hands over the same object and skips the zod parse and the JSON key (#15).
   * A changed estate is a new row object, so nothing stale is served.
   */
  private readonly bySettings = new WeakMap<object, { tz: string; calendar: BusinessCalendar }>();

  constructor(
    private readonly estateOf: (estateId: string) => Promise<EstateCalendarRow | null>,
    private readonly holidays: ReadonlyMap<number, HolidayYear> = new Map(),
  ) {}

  async forEstate(estateId: string): Promise<BusinessCalendar> {
    const row = await this.estateOf(estateId);
    return this.fromSettings(row?.settings ?? {}, row?.timezone ?? DEFAULT_DESK_CALENDAR.tz);
  }

  /** The calendar of a settings blob (e.g. one about to be written, to show what it means). */
  fromSettings(settings: unknown, tz: string): BusinessCalendar {
    const known = typeof settings === 'object' && settings !== null ? this.bySettings.get(settings) : undefined;
    if (known?.tz === tz) return known.calendar;
    const calendar = this.build(settings, tz);
    if (typeof settings === 'object' && settings !== null) this.bySettings.set(settings, { tz, calendar });
    return calendar;
  }

  private build(settings: unknown, tz: string): BusinessCalendar {
    const desk = deskSettingsOf(settings);
    const key = `${tz}|${JSON.stringify(desk)}`;
    let cal = this.byKey.get(key);
    if (!cal) {
      if (this.byKey.size >= CALENDAR_CACHE_LIMIT) this.byKey.clear();
      cal = new BusinessCalendar(deskCalendarConfig(desk, tz), this.holidays);
      this.byKey.set(key, cal);
    }
    return cal;
  }
}
