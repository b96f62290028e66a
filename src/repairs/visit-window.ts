// 报修 visit windows on the desk calendar: "明天上午" → that morning's desk hours, "周六下午三点" → 15:00–16:00,
// "周六" → the whole desk day. Read with the same phrase reader and desk slots as the key desk (src/nlu/when.ts,
// src/keys/desk-slots.ts), so holidays, closed days and the lunch break mean the same everywhere. Pure.
import type { DeskSlots } from '../keys/desk-slots.js';
import type { Locale } from '../i18n/index.js';
import { readWhen } from '../nlu/when.js';
import { formatLocal, zonedTime } from '../shared/zoned-time.js';

export interface VisitWindow {
  from: Date;
  to: Date;
}

/** How long a window a clock time ("三点") stands for. */
const AT_WINDOW_MINUTES = 60;

/** The window an owner's phrase names, or why not (owner-facing text), or null when it names no time at all. */
export function visitWindowOf(
  text: string,
  slots: DeskSlots,
  now: Date,
  locale: Locale,
): VisitWindow | { problem: string } | null {
  const w = readWhen(text, now, slots.tz);
  if (!w) return null;
  if (w.kind === 'noSuchDay') return null;
  const closed = slots.closedDay(w.day);
  if (closed) return { problem: slots.refusalText(closed, locale) };
  const from = w.kind === 'at' ? w.minutes : w.from;
  const to = w.kind === 'at' ? w.minutes + AT_WINDOW_MINUTES : w.to;
  const lo = zonedTime(w.day, from, slots.tz).getTime();
  const hi = zonedTime(w.day, to, slots.tz).getTime();
  const step = slots.settings.slotMinutes * 60_000;
  // Desk slots inside the phrase's range and still ahead: the window runs from the first to the end of the last.
  const inside = slots
    .futureSlots(w.day, now)
    .filter((s) => s.getTime() >= lo - (w.kind === 'at' ? step : 0) && s.getTime() < hi);
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (!first || !last) {
    if (w.kind === 'at') {
      const refusal = slots.check(zonedTime(w.day, w.minutes, slots.tz), now);
      if (refusal && refusal.reason !== 'NOT_ON_GRID') return { problem: slots.refusalText(refusal, locale) };
    }
    return { problem: '' };
  }
  return { from: new Date(Math.max(first.getTime(), lo)), to: new Date(last.getTime() + step) };
}

/** "2026-12-08 09:00–12:00" in the estate's zone. */
export function windowText(w: VisitWindow, tz: string): string {
  return `${formatLocal(w.from, tz)}–${formatLocal(w.to, tz, 'time')}`;
}
