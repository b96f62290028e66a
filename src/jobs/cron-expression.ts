// 5-field cron expressions (minute hour day-of-month month day-of-week) evaluated in an IANA zone.
// node-cron fires the live ticks but cannot look backwards; start-up catch-up needs "the last tick ≤ now",
// so the occurrence arithmetic lives here. Syntax: numbers, *, a-b, steps (*/n, a-b/n, a/n), lists; day-of-week 0-7.
import {
  addLocalDays,
  localDateKey,
  localParts,
  parseDateKey,
  weekdayOfDateKey,
  zonedTime,
} from '../shared/zoned-time.js';

export interface CronExpression {
  source: string;
  minutes: readonly number[]; // ascending
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>; // 0 = Sunday .. 6
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
];

// Longest month length for each month (February may have 29): used to reject expressions that never fire.
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// A Feb-29-only expression fires at least once in 8 years (1900/2100 are not leap years).
const SEARCH_DAYS = 8 * 366 + 1;

function parseNumber(text: string, field: FieldSpec, expr: string): number {
  if (!/^\d+$/.test(text)) throw new RangeError(`Cron "${expr}": ${field.name} "${text}" is not a number`);
  const n = Number(text);
  if (n < field.min || n > field.max) {
    throw new RangeError(`Cron "${expr}": ${field.name} ${n} is outside ${field.min}-${field.max}`);
  }
  return n;
}

function parseField(text: string, field: FieldSpec, expr: string): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangePart, stepPart, ...extra] = item.split('/');
    if (rangePart === undefined || rangePart === '' || extra.length > 0) {
      throw new RangeError(`Cron "${expr}": bad ${field.name} item "${item}"`);
    }
    let step = 1;
    if (stepPart !== undefined) {
      step = parseNumber(stepPart, { ...field, min: 1, max: field.max - field.min + 1 }, expr);
    }
    let from: number;
    let to: number;
    if (rangePart === '*') {
      from = field.min;
      to = field.max;
    } else if (rangePart.includes('-')) {
      const [a, b, ...more] = rangePart.split('-');
      if (a === undefined || b === undefined || more.length > 0) {
        throw new RangeError(`Cron "${expr}": bad ${field.name} range "${rangePart}"`);
      }
      from = parseNumber(a, field, expr);
      to = parseNumber(b, field, expr);
      if (from > to) throw new RangeError(`Cron "${expr}": ${field.name} range "${rangePart}" runs backwards`);
    } else {
      from = parseNumber(rangePart, field, expr);
      // 'a/n' means from a to the end of the field, as in Vixie cron.
      to = stepPart === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses and validates; throws RangeError naming the expression and the offending field. */
export function parseCron(expr: string): CronExpression {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new RangeError(`Cron "${expr}": expected 5 fields (minute hour day month weekday), got ${parts.length}`);
  }
  const [minuteText, hourText, domText, monthText, dowText] = parts as [string, string, string, string, string];
  const [minuteF, hourF, domF, monthF, dowF] = FIELDS as [FieldSpec, FieldSpec, FieldSpec, FieldSpec, FieldSpec];
  // Vixie cron ORs day-of-month and day-of-week when both are restricted; node-cron ANDs them. Refuse the
  // ambiguity rather than let catch-up and live ticks disagree.
  if (domText !== '*' && dowText !== '*') {
    throw new RangeError(`Cron "${expr}": restrict day-of-month or day-of-week, not both`);
  }
  const daysOfWeek = new Set([...parseField(dowText, dowF, expr)].map((d) => d % 7)); // 7 is Sunday too
  const daysOfMonth = parseField(domText, domF, expr);
  const months = parseField(monthText, monthF, expr);
  const possible = [...months].some((m) => [...daysOfMonth].some((d) => d <= (MAX_DAYS_IN_MONTH[m - 1] ?? 0)));
  if (!possible) throw new RangeError(`Cron "${expr}": that day never occurs in those months`);
  return {
    source: expr,
    minutes: [...parseField(minuteText, minuteF, expr)].sort((a, b) => a - b),
    hours: [...parseField(hourText, hourF, expr)].sort((a, b) => a - b),
    daysOfMonth,
    months,
    daysOfWeek,
  };
}

function toCron(expr: string | CronExpression): CronExpression {
  return typeof expr === 'string' ? parseCron(expr) : expr;
}

function dayMatches(cron: CronExpression, dateKey: string): boolean {
  const { month, day } = parseDateKey(dateKey);
  return cron.months.has(month) && cron.daysOfMonth.has(day) && cron.daysOfWeek.has(weekdayOfDateKey(dateKey) % 7);
}

/** Whether `instant` (to the minute) is a tick of `expr` in `tz`. */
export function cronMatches(expr: string | CronExpression, instant: Date, tz: string): boolean {
  const cron = toCron(expr);
  const p = localParts(instant, tz);
  return dayMatches(cron, localDateKey(instant, tz)) && cron.hours.includes(p.hour) && cron.minutes.includes(p.minute);
}

/** The first tick strictly after `after`. */
export function nextOccurrence(expr: string | CronExpression, after: Date, tz: string): Date {
  const cron = toCron(expr);
  let dateKey = localDateKey(after, tz);
  for (let i = 0; i < SEARCH_DAYS; i++, dateKey = addLocalDays(dateKey, 1)) {
    if (!dayMatches(cron, dateKey)) continue;
    for (const h of cron.hours) {
      for (const m of cron.minutes) {
        const t = zonedTime(dateKey, h * 60 + m, tz);
        if (t.getTime() > after.getTime()) return t;
      }
    }
  }
  throw new RangeError(`Cron "${cron.source}": no tick within ${SEARCH_DAYS} days`);
}

/** The last tick at or before `atOrBefore`. */
export function previousOccurrence(expr: string | CronExpression, atOrBefore: Date, tz: string): Date {
  const cron = toCron(expr);
  let dateKey = localDateKey(atOrBefore, tz);
  for (let i = 0; i < SEARCH_DAYS; i++, dateKey = addLocalDays(dateKey, -1)) {
    if (!dayMatches(cron, dateKey)) continue;
    for (let hi = cron.hours.length - 1; hi >= 0; hi--) {
      for (let mi = cron.minutes.length - 1; mi >= 0; mi--) {
        const t = zonedTime(dateKey, (cron.hours[hi] ?? 0) * 60 + (cron.minutes[mi] ?? 0), tz);
        if (t.getTime() <= atOrBefore.getTime()) return t;
      }
    }
  }
  throw new RangeError(`Cron "${cron.source}": no tick within ${SEARCH_DAYS} days`);
}
