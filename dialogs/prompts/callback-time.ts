// "When should we call you back?": "尽快" or a zh-CN time phrase the DateTimePrompt understood.
import type { DateTimeResolution } from 'botbuilder-dialogs';
import { zonedTime } from '../../src/shared/zoned-time.js';

const ASAP = /^(尽快|马上|立刻|现在|越快越好|随时|都可以|asap|now|any ?time)$/i;

export function isAsap(text: string | undefined): boolean {
  return ASAP.test((text ?? '').trim().replace(/[。！!.\s]+$/u, ''));
}

/** The instant a DateTimePrompt resolution means, read as local time in `tz` (date-only → 09:00 that day). */
export function resolutionToDate(res: DateTimeResolution | undefined, tz: string): Date | null {
  // Ranges ("明天下午") carry `start`/`end` instead of `value` at run time, although the type only declares `value`.
  const raw = res?.value ?? (res as { start?: string } | undefined)?.start;
  if (!raw) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(raw);
  if (!m || !m[1]) return null;
  const minutes = m[2] !== undefined && m[3] !== undefined ? Number(m[2]) * 60 + Number(m[3]) : 9 * 60;
  return zonedTime(m[1], minutes, tz);
}
