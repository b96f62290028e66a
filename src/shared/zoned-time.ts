// Local wall-clock helpers for an IANA zone, built on Intl only (no date library).
// Instants are JS Dates (UTC); a "date key" is a local calendar day 'YYYY-MM-DD'.

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number; // 0..23
  minute: number; // 0..59
  second: number; // 0..59
  weekday: number; // 1 = Monday .. 7 = Sunday (ISO)
}

export type LocalFormat = 'datetime' | 'date' | 'time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_KEY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building a DateTimeFormat is costly; one per zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${tz}"`);
    }
    formatters.set(tz, f);
  }
  return f;
}

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return d === 0 ? 7 : d;
}

/** The wall clock of `tz` at `instant` as Intl formats it (the slow path: ≈ 10 µs a call). */
function formattedParts(instant: Date, tz: string): LocalParts {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(tz).formatToParts(instant)) {
    if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  }
  // Some ICU builds still print midnight as 24 even with h23.
  if (out.hour === 24) out.hour = 0;
  return { ...out, weekday: isoWeekday(out.year, out.month, out.day) };
}

/** Offset (ms) that formattedParts implies at a whole second: the local wall clock read as UTC, minus the instant. */
function offsetMsAt(ms: number, tz: string): number {
  const p = formattedParts(new Date(ms), tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
}

const OFFSET_SPAN_MS = 15 * MINUTE_MS;
/** Spans remembered per zone (a few days' worth of turns, or a year of daily jobs), then forgotten at once. */
const MAX_SPANS = 4096;
/** Date.UTC reads years 0–99 as 1900–1999: instants before the year 1000 simply take the Intl path. */
const FAST_FROM_MS = Date.UTC(1000, 0, 1);
/** Per zone, per 15-minute span (by its start): the offset all through it, or NaN when a transition falls inside. */
const offsetSpans = new Map<string, Map<number, number>>();

function spanOffset(start: number, tz: string): number {
  let spans = offsetSpans.get(tz);
  if (!spans) offsetSpans.set(tz, (spans = new Map()));
  let offsetMs = spans.get(start);
  if (offsetMs === undefined) {
    offsetMs = offsetMsAt(start, tz);
    if (offsetMs !== offsetMsAt(start + OFFSET_SPAN_MS - 1000, tz)) offsetMs = Number.NaN;
    if (spans.size >= MAX_SPANS) spans.clear();
    spans.set(start, offsetMs);
  }
  return offsetMs;
}

/**
 * Every turn reads the local clock (desk hours, quiet hours, dates in replies), and Intl's formatToParts was ≈ 1 % of
 * a turn's CPU (#15). A zone's offset is the same at both ends of a 15-minute span unless a transition falls inside
 * (zones change offset at most twice a year, never twice in 15 minutes): then every instant of the span has it, and
 * the wall clock is plain UTC arithmetic. A span with a transition in it takes the Intl path for each instant.
 */
export function localParts(instant: Date, tz: string): LocalParts {
  assertValidInstant(instant);
  const ms = instant.getTime();
  if (ms < FAST_FROM_MS) return formattedParts(instant, tz);
  const offsetMs = spanOffset(Math.floor(ms / OFFSET_SPAN_MS) * OFFSET_SPAN_MS, tz);
  if (Number.isNaN(offsetMs)) return formattedParts(instant, tz);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMs);
  const day = local.getUTCDay(); // 0 = Sunday
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: day === 0 ? 7 : day,
  };
}

/** Offset of `tz` from UTC at `instant`, in minutes (Shanghai: +480). */
export function zoneOffsetMinutes(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - truncated) / MINUTE_MS);
}

export function localDateKey(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Parses 'YYYY-MM-DD', rejecting impossible days such as 2026-02-30. */
export function parseDateKey(dateKey: string): { year: number; month: number; day: number } {
  const m = DATE_KEY_RE.exec(dateKey);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Invalid date "${dateKey}" (expected a real day as YYYY-MM-DD)`);
}

export function isValidDateKey(dateKey: string): boolean {
  try {
    parseDateKey(dateKey);
    return true;
  } catch {
    return false;
  }
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a local calendar day. */
export function weekdayOfDateKey(dateKey: string): number {
  const { year, month, day } = parseDateKey(dateKey);
  return isoWeekday(year, month, day);
}

/** Calendar arithmetic on local days; independent of any zone. */
export function addLocalDays(dateKey: string, n: number): string {
  const { year, month, day } = parseDateKey(dateKey);
  const d = new Date(Date.UTC(year, month - 1, day) + n * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * The instant at which the local clock in `tz` shows `minutesOfDay` after midnight of `dateKey`.
 * minutesOfDay may be 1440 (= next midnight). Around DST changes: a repeated wall time gives the
 * earlier instant; a skipped wall time (spring-forward gap) is pushed forward by the gap, like
 * Temporal's "compatible" disambiguation (02:30 on a 02:00→03:00 day → 03:30).
 */
export function zonedTime(dateKey: string, minutesOfDay: number, tz: string): Date {
  if (!Number.isFinite(minutesOfDay)) throw new RangeError(`Invalid minutesOfDay ${minutesOfDay}`);
  const { year, month, day } = parseDateKey(dateKey);
  const wall = Date.UTC(year, month - 1, day) + minutesOfDay * MINUTE_MS;
  // Real offsets lie within ±14 h, so the offsets a day either side bracket the answer.
  const before = zoneOffsetMinutes(new Date(wall - DAY_MS), tz);
  const after = zoneOffsetMinutes(new Date(wall + DAY_MS), tz);
  if (before === after) return new Date(wall - before * MINUTE_MS);

  const matches: number[] = [];
  for (const offset of [before, after]) {
    const t = wall - offset * MINUTE_MS;
    if (zoneOffsetMinutes(new Date(t), tz) === offset) matches.push(t);
  }
  if (matches.length > 0) return new Date(Math.min(...matches));
  // Gap: read the wall time with the pre-transition offset, which lands after the jump.
  return new Date(wall - before * MINUTE_MS);
}

/** 'YYYY-MM-DD HH:mm' | 'YYYY-MM-DD' | 'HH:mm' in the local zone (e.g. '2026-11-28 15:00'). */
export function formatLocal(instant: Date, tz: string, style: LocalFormat = 'datetime'): string {
  const p = localParts(instant, tz);
  const date = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  if (style === 'date') return date;
  if (style === 'time') return time;
  return `${date} ${time}`;
}
