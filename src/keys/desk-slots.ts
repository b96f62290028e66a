// The front desk's key-appointment calendar: 15-minute slots inside the desk shifts (the gap is the lunch break),
// closed on public holidays. Pure: the holiday data comes in as a BusinessCalendar, the clock as `now`.
import { t, type Locale } from '../i18n/index.js';
import { toMinutes, type Shift } from '../sla/business-calendar.js';
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import { describeWeek, WEEKDAYS, type DeskCalendarSource, type DeskSettings } from '../sla/desk-settings.js';
import { formatLocal, localDateKey, localParts, weekdayOfDateKey, zonedTime } from '../shared/zoned-time.js';

/** Per-estate section `settings.keys`; every field has the procedure's default. */
export const keyDeskSettingsSchema = z.object({
  slotMinutes: z.number().int().min(5).max(120).default(15),
  capacity: z.number().int().min(1).max(20).default(2),
  /** Many desks work weekends; 调休 and holidays still come from the calendar. */
  openWeekends: z.boolean().default(true),
  /** Minutes after the slot start before a booking counts as 未到. */
  noShowAfterMinutes: z.number().int().min(5).default(30),
  reminderMinutesBefore: z.number().int().min(5).default(60),
});
export type KeyDeskSettings = z.infer<typeof keyDeskSettingsSchema>;

export function keyDeskSettings(raw: unknown): KeyDeskSettings {
  return keyDeskSettingsSchema.parse(raw ?? {});
}

/** `estate.settings` as stored: its `keys` section, or the defaults when it is broken. */
export function keyDeskSettingsOf(settings: unknown): KeyDeskSettings {
  return settingsSection(settings, 'keys', keyDeskSettingsSchema);
}

/**
 * Each estate's desk slots: on its own desk calendar (staffed days, shifts, closed dates) with its own `keys` rules.
 * Estates with the same calendar and rules share one DeskSlots.
 */
export function deskSlotsSource(
  calendars: DeskCalendarSource,
  settingsOf: (estateId: string) => Promise<unknown>,
): (estateId: string) => Promise<DeskSlots> {
  const cache = new WeakMap<BusinessCalendar, Map<string, DeskSlots>>();
  // Settings come from EstateService's short-lived cache: while the same object comes back, so do the same slots,
  // without parsing the rules again (#15: every key-desk turn asks).
  const bySettings = new WeakMap<object, { calendar: BusinessCalendar; slots: DeskSlots }>();
  return async (estateId) => {
    const [calendar, settings] = await Promise.all([calendars.forEstate(estateId), settingsOf(estateId)]);
    const settingsObject = typeof settings === 'object' && settings !== null ? settings : null;
    const known = settingsObject ? bySettings.get(settingsObject) : undefined;
    if (known?.calendar === calendar) return known.slots;
    const slots = slotsFor(calendar, settings);
    if (settingsObject) bySettings.set(settingsObject, { calendar, slots });
    return slots;
  };

  function slotsFor(calendar: BusinessCalendar, settings: unknown): DeskSlots {
    const rules = keyDeskSettingsOf(settings);
    const key = JSON.stringify(rules);
    let byRules = cache.get(calendar);
    if (!byRules) cache.set(calendar, (byRules = new Map()));
    let slots = byRules.get(key);
    if (!slots) byRules.set(key, (slots = new DeskSlots(calendar, [], rules)));
    return slots;
  }
}

export type SlotRefusal =
  | { reason: 'HOLIDAY'; holiday: string }
  | { reason: 'CLOSED_DAY' }
  | { reason: 'LUNCH' }
  | { reason: 'CLOSED_HOURS' }
  | { reason: 'PAST' }
  | { reason: 'NOT_ON_GRID' };

export class DeskSlots {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly shifts: ReadonlyArray<{ start: string; end: string }>,
    readonly settings: KeyDeskSettings,
  ) {}

  get tz(): string {
    return this.calendar.tz;
  }

  /** That day's shifts: the estate's desk calendar when it has its own week, else the fixed shifts given. */
  private shiftsOn(dateKey: string): readonly Shift[] {
    return this.calendar.perWeekday ? this.calendar.shiftsOn(dateKey) : this.shifts;
  }

  private shiftMinutes(dateKey: string): Array<{ start: number; end: number }> {
    return this.shiftsOn(dateKey).map((s) => ({ start: toMinutes(s.start), end: toMinutes(s.end) }));
  }

  /** Why the desk is closed that whole day, or null when it opens. */
  closedDay(dateKey: string): SlotRefusal | null {
    if (this.calendar.perWeekday) {
      if (this.calendar.isWorkday(dateKey)) return null;
      const holiday = this.calendar.observesHolidays ? this.calendar.holidayName(dateKey) : undefined;
      return holiday !== undefined ? { reason: 'HOLIDAY', holiday } : { reason: 'CLOSED_DAY' };
    }
    const holiday = this.calendar.holidayName(dateKey);
    if (holiday !== undefined) return { reason: 'HOLIDAY', holiday };
    if (this.calendar.isWorkday(dateKey)) return null;
    return this.settings.openWeekends && weekdayOfDateKey(dateKey) >= 6 ? null : { reason: 'CLOSED_DAY' };
  }

  /** All slot starts of a local day (ignores the clock and bookings). */
  daySlots(dateKey: string): Date[] {
    if (this.closedDay(dateKey)) return [];
    const out: Date[] = [];
    for (const s of this.shiftMinutes(dateKey)) {
      for (let m = s.start; m + this.settings.slotMinutes <= s.end; m += this.settings.slotMinutes) {
        out.push(zonedTime(dateKey, m, this.tz));
      }
    }
    return out;
  }

  /** Slot starts of that day still ahead of `now` (a slot that has begun is gone). */
  futureSlots(dateKey: string, now: Date): Date[] {
    return this.daySlots(dateKey).filter((s) => s.getTime() > now.getTime());
  }

  /** null when `start` is a bookable slot start; otherwise why not (checked in the order an owner understands). */
  check(start: Date, now: Date): SlotRefusal | null {
    const day = localDateKey(start, this.tz);
    const closed = this.closedDay(day);
    if (closed) return closed;
    if (start.getTime() <= now.getTime()) return { reason: 'PAST' };
    const p = localParts(start, this.tz);
    const minute = p.hour * 60 + p.minute;
    const shifts = this.shiftMinutes(day);
    const inShift = shifts.some((s) => s.start <= minute && minute + this.settings.slotMinutes <= s.end);
    if (!inShift) {
      const first = shifts[0];
      const last = shifts[shifts.length - 1];
      const inGap = first !== undefined && last !== undefined && minute >= first.start && minute < last.end;
      return { reason: inGap ? 'LUNCH' : 'CLOSED_HOURS' };
    }
    if (this.daySlots(day).every((s) => s.getTime() !== start.getTime())) return { reason: 'NOT_ON_GRID' };
    return null;
  }

  /** The desk's opening hours as owners read them: "08:30–12:00、13:30–18:00". */
  hoursText(locale: Locale = 'zh-CN'): string {
    // The same calendar and shifts always read the same: worked out once per language (every key prompt shows it).
    let hours = this.hoursByLocale.get(locale);
    if (hours === undefined) this.hoursByLocale.set(locale, (hours = this.describeHours(locale)));
    return hours;
  }

  private readonly hoursByLocale = new Map<Locale, string>();

  private describeHours(locale: Locale): string {
    const text = (shifts: readonly Shift[]) =>
      shifts.map((s) => `${s.start}–${s.end}`).join(t(locale, 'keys.hoursSep'));
    if (!this.calendar.perWeekday) return text(this.shifts);
    // The same hours every day read as just the hours; otherwise the week, day by day.
    const week = this.calendar.week();
    const days = new Set(WEEKDAYS.map((d) => text(week[d] ?? [])));
    if (days.size === 1 && !days.has('')) return [...days][0]!;
    const byDay = Object.fromEntries(WEEKDAYS.map((d) => [String(d), week[d] ?? []])) as DeskSettings['week'];
    return describeWeek(byDay, locale);
  }

  /** Owner-facing reason, in the owner's language. */
  refusalText(r: SlotRefusal, locale: Locale = 'zh-CN'): string {
    const hours = this.hoursText(locale);
    switch (r.reason) {
      case 'HOLIDAY':
        return t(locale, 'keys.slot.holiday', { holiday: r.holiday });
      case 'CLOSED_DAY':
        return t(locale, 'keys.slot.closedDay');
      case 'LUNCH':
        return t(locale, 'keys.slot.lunch', { hours });
      case 'CLOSED_HOURS':
        return t(locale, 'keys.slot.closedHours', { hours });
      case 'PAST':
        return t(locale, 'keys.slot.past');
      case 'NOT_ON_GRID':
        return t(locale, 'keys.slot.notOnGrid', { minutes: this.settings.slotMinutes });
    }
  }

  label(start: Date): string {
    return formatLocal(start, this.tz);
  }
}
