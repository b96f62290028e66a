// Times the way owners say them ("周日下午", "下周三", "四点半", "大后天中午", "12月3日 9:15"), read against an injected
// clock. The rules the desk wants: a weekday is the next such day, never a past one; a time without a date is today
// if still ahead, else tomorrow (and the caller says which); a day or part of a day without a time is a range the
// caller offers free slots in, never a silently picked instant. The botbuilder recognizer stays the fallback for
// anything else (and for English): it reads against the process clock and throws on "中午".
import { normalizeDigits, parseZhInt } from '../shared/zh-numbers.js';
import { addLocalDays, isValidDateKey, localDateKey, localParts, weekdayOfDateKey } from '../shared/zoned-time.js';

export type When =
  /** A clock time on a day. */
  | { kind: 'at'; day: string; minutes: number; daySaid: boolean }
  /** A day, or a part of one (minutes from–to), without a clock time. */
  | { kind: 'range'; day: string; from: number; to: number; daySaid: boolean }
  /** A date that is not on the calendar ("2月30日", "2027年2月29日"): the caller says so instead of guessing. */
  | { kind: 'noSuchDay'; said: string };

const NUM = '(?:\\d{1,2}|[零一二两三四五六七八九十]{1,3})';
const PARTS: Array<[RegExp, number, number]> = [
  // Before 早: "凌晨三点" is 03:00, never the afternoon default for a bare "三点".
  [/凌晨|半夜|深夜/, 0, 6 * 60],
  [/早上|早晨|清早|上午|早/, 8 * 60, 12 * 60],
  [/中午|午饭/, 11 * 60, 13 * 60 + 30],
  [/下午|午后/, 12 * 60, 18 * 60],
  [/傍晚/, 17 * 60, 19 * 60],
  [/晚上|晚间|夜里|夜间|晚/, 18 * 60, 22 * 60],
];
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };

const num = (s: string | undefined): number | null => (s === undefined ? null : parseZhInt(s));

interface DayRead {
  /** YYYY-MM-DD; may name a day the calendar lacks (2月30日) — readWhen checks. */
  day: string;
  /** A bare weekday ("周六"): moves a week on when its reading is already over. */
  weekday: boolean;
}

// Built once (they run on every time an owner types at the key desk); no g/y flag, so exec() keeps no state.
const MONTH_DAY = new RegExp(`(${NUM})月(${NUM})[日号]`);
const DAY_OF_MONTH = new RegExp(`(?<![月\\d])(${NUM})[日号](?![楼栋单])`);
const CLOCK = new RegExp(`(${NUM})\\s*[点点时](?:\\s*(半|一刻|三刻|(${NUM})\\s*分?))?`);

function readDay(s: string, today: string): DayRead | null {
  let m = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/.exec(s);
  if (m) return { day: dateKey(Number(m[1]), Number(m[2]), Number(m[3])), weekday: false };
  m = MONTH_DAY.exec(s);
  if (m) {
    const month = num(m[1]);
    const dayOfMonth = num(m[2]);
    if (month === null || dayOfMonth === null) return null;
    const year = Number(today.slice(0, 4));
    const thisYear = dateKey(year, month, dayOfMonth);
    return { day: thisYear < today ? dateKey(year + 1, month, dayOfMonth) : thisYear, weekday: false };
  }
  if (/大后天/.test(s)) return { day: addLocalDays(today, 3), weekday: false };
  if (/后天/.test(s)) return { day: addLocalDays(today, 2), weekday: false };
  if (/明天|明日|明儿/.test(s)) return { day: addLocalDays(today, 1), weekday: false };
  if (/今天|今日|今儿|今晚|今早/.test(s)) return { day: today, weekday: false };
  m = /(下下|下个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天七1-7])/.exec(s);
  if (m) {
    const target = WEEKDAY[m[2]!] ?? Number(m[2]);
    const todayDow = weekdayOfDateKey(today);
    const monday = addLocalDays(today, 1 - todayDow);
    if (m[1]?.startsWith('下下')) return { day: addLocalDays(monday, 14 + target - 1), weekday: false };
    if (m[1]?.startsWith('下')) return { day: addLocalDays(monday, 7 + target - 1), weekday: false };
    return { day: addLocalDays(today, (target - todayDow + 7) % 7), weekday: true };
  }
  m = DAY_OF_MONTH.exec(s);
  if (m) {
    const dayOfMonth = num(m[1]);
    if (dayOfMonth === null || dayOfMonth < 1 || dayOfMonth > 31) return null;
    const [y, mo] = today.split('-').map(Number) as [number, number];
    const thisMonth = dateKey(y, mo, dayOfMonth);
    return {
      day: thisMonth < today ? dateKey(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, dayOfMonth) : thisMonth,
      weekday: false,
    };
  }
  return null;
}

function readClock(s: string, part: [number, number] | null): number | null {
  let hour: number | null = null;
  let minute = 0;
  const colon = /(?<!\d)(\d{1,2})[:：](\d{2})(?!\d)/.exec(s);
  if (colon) {
    hour = Number(colon[1]);
    minute = Number(colon[2]);
  } else {
    const m = CLOCK.exec(s);
    if (!m) return null;
    hour = num(m[1]);
    if (m[2] === '半') minute = 30;
    else if (m[2] === '一刻') minute = 15;
    else if (m[2] === '三刻') minute = 45;
    else if (m[3] !== undefined) minute = num(m[3]) ?? 0;
    if (hour === null) return null;
    // 12-hour talk: "下午四点" is 16:00; "四点半" with no part of day means the afternoon (the desk's hours).
    const [from] = part ?? [-1];
    if (from >= 12 * 60 && hour < 12) hour += 12;
    else if (from === 11 * 60 && hour <= 2) hour += 12;
    else if (part === null && hour >= 1 && hour <= 7) hour += 12;
  }
  if (hour > 23 || minute > 59) return null;
  return hour * 60 + minute;
}

/** The owner's time phrase, or null when the text names no day and no time. */
export function readWhen(text: string, now: Date, tz: string): When | null {
  const s = normalizeDigits(text).replace(/\s+/g, ' ');
  const today = localDateKey(now, tz);
  const nowParts = localParts(now, tz);
  const nowMinutes = nowParts.hour * 60 + nowParts.minute;
  const partHit = PARTS.find(([re]) => re.test(s));
  const part: [number, number] | null = partHit ? [partHit[1], partHit[2]] : null;
  const clock = readClock(s, part);
  const dayRead = readDay(s, today);
  if (!dayRead && clock === null && !part) return null;
  const end = clock ?? part?.[1] ?? 24 * 60;
  let day: string;
  if (dayRead) {
    day = dayRead.day;
    // "周六下午" said on Saturday evening: this Saturday's afternoon is over, so the coming one.
    if (dayRead.weekday && day === today && end <= nowMinutes) day = addLocalDays(day, 7);
  } else {
    // "四点半", "下午": today if still ahead, else tomorrow.
    day = end > nowMinutes ? today : addLocalDays(today, 1);
  }
  if (!isValidDateKey(day)) return { kind: 'noSuchDay', said: day };
  const daySaid = dayRead !== null;
  if (clock !== null) return { kind: 'at', day, minutes: clock, daySaid };
  return { kind: 'range', day, from: part?.[0] ?? 0, to: part?.[1] ?? 24 * 60, daySaid };
}

function dateKey(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
