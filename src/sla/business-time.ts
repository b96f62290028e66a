// Pure business-time arithmetic for SLA clocks: counts only minutes that fall inside working
// intervals of a calendar and outside pauses (等待业主 / 等待施工方). Walks interval by interval,
// never minute by minute, so a due time days ahead costs a handful of steps.

/** A working interval [start, end) — start inclusive, end exclusive. */
export type BusinessInterval = readonly [start: Date, end: Date];

/** A clock pause; `to: null` means still paused. */
export type Pause = { from: Date; to: Date | null };

/** What the SLA arithmetic needs from a calendar. */
export interface CalendarLike {
  /**
   * Working intervals in chronological order: the one containing `from` (clipped to start at
   * `from`) or else the first one after it, then every later one. May be infinite.
   */
  intervalsFrom(from: Date): Iterable<BusinessInterval>;
  /** True when `at` is inside a working interval. */
  isOpen(at: Date): boolean;
  /** The first instant >= `after` that is inside a working interval. */
  nextShiftStart(after: Date): Date;
}

/** Latest instant a JS Date can hold; stands for "open-ended". */
export const END_OF_TIME = new Date(8.64e15);

const MINUTE_MS = 60_000;

/** Emergencies / 24×7 work: every minute counts, so business time equals wall-clock time. */
export class ContinuousClock implements CalendarLike {
  *intervalsFrom(from: Date): Iterable<BusinessInterval> {
    yield [from, END_OF_TIME];
  }

  isOpen(_at: Date): boolean {
    return true;
  }

  nextShiftStart(after: Date): Date {
    return after;
  }
}

type Span = { from: number; to: number };

// Sorted, merged pause spans in ms; an open pause runs to END_OF_TIME.
function normalisePauses(pauses: readonly Pause[]): Span[] {
  const spans = pauses
    .map((p) => ({ from: p.from.getTime(), to: (p.to ?? END_OF_TIME).getTime() }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

// Parts of [from, to) not covered by any pause, in order.
function unpausedPieces(from: number, to: number, pauses: readonly Span[]): Span[] {
  const pieces: Span[] = [];
  let cursor = from;
  for (const p of pauses) {
    if (p.to <= cursor) continue;
    if (p.from >= to) break;
    if (p.from > cursor) pieces.push({ from: cursor, to: p.from });
    cursor = Math.max(cursor, p.to);
    if (cursor >= to) break;
  }
  if (cursor < to) pieces.push({ from: cursor, to });
  return pieces;
}

function assertInstant(d: Date, name: string): void {
  if (Number.isNaN(d.getTime())) throw new RangeError(`${name} is an invalid Date`);
}

/**
 * The due instant: `start` plus `minutes` of business time (inside the calendar's intervals and
 * outside `pauses`). If the minutes run out exactly at a shift end, the due is that shift end
 * (e.g. 12:00, not 13:30). `minutes = 0` returns `start`.
 *
 * Returns null when the due is not yet defined: a pause that is still open (`to: null`) begins
 * before the minutes are used up, so nobody knows when the clock will run again. An open pause
 * that starts after the due does not change it (the limit was already reached).
 */
export function addBusinessMinutes(
  calendar: CalendarLike,
  start: Date,
  minutes: number,
  pauses: readonly Pause[] = [],
): Date | null {
  assertInstant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  if (minutes === 0) return start;

  const spans = normalisePauses(pauses);
  const last = spans[spans.length - 1];
  const endless = last && last.to >= END_OF_TIME.getTime() ? last.from : null;
  let remaining = minutes * MINUTE_MS;

  for (const [iStart, iEnd] of calendar.intervalsFrom(start)) {
    const from = Math.max(iStart.getTime(), start.getTime());
    if (endless !== null && from >= endless) return null;
    for (const piece of unpausedPieces(from, iEnd.getTime(), spans)) {
      const length = piece.to - piece.from;
      if (remaining <= length) return new Date(piece.from + remaining);
      remaining -= length;
    }
  }
  // Only reachable with a finite calendar.
  return null;
}

/**
 * Business minutes between two instants (inside intervals, outside pauses); 0 when `to <= from`.
 * Fractional if the instants are not whole minutes apart. Inverse of addBusinessMinutes:
 * businessMinutesBetween(c, s, addBusinessMinutes(c, s, m, p)!, p) === m.
 * An open pause simply stops the count from its start.
 */
export function businessMinutesBetween(
  calendar: CalendarLike,
  from: Date,
  to: Date,
  pauses: readonly Pause[] = [],
): number {
  assertInstant(from, 'from');
  assertInstant(to, 'to');
  const end = to.getTime();
  if (end <= from.getTime()) return 0;

  const spans = normalisePauses(pauses);
  let total = 0;
  for (const [iStart, iEnd] of calendar.intervalsFrom(from)) {
    const a = Math.max(iStart.getTime(), from.getTime());
    if (a >= end) break;
    const b = Math.min(iEnd.getTime(), end);
    for (const piece of unpausedPieces(a, b, spans)) total += piece.to - piece.from;
    if (b >= end) break;
  }
  return total / MINUTE_MS;
}
