// Reads the new renovation-permit end date an owner means when asking for an extension ("延期两周", "到12月20号", "下周五").
// Pure calendar arithmetic on 'YYYY-MM-DD' strings; whether the date is allowed (after the current end, ≤ 30 days, …)
// is the renovation service's decision, not this parser's.
import { normalizeDigits, parseZhInt } from '../shared/zh-numbers.js';

const NUM = '([0-9]+|[零〇一二两三四五六七八九十百千]+)';
const ZH_YEAR = '([0-9]{4}|[零〇一二三四五六七八九]{4})';

const DAY_MS = 86_400_000;

interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

function parseIso(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number): Ymd | null {
  if (!Number.isInteger(y) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function toMs(a: Ymd): number {
  return Date.UTC(a.y, a.m - 1, a.d);
}

function fromMs(ms: number): Ymd {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function fmt(a: Ymd): string {
  return `${String(a.y).padStart(4, '0')}-${String(a.m).padStart(2, '0')}-${String(a.d).padStart(2, '0')}`;
}

function addDays(a: Ymd, n: number): Ymd {
  return fromMs(toMs(a) + n * DAY_MS);
}

/** Calendar months; the day is clamped to the target month's length (01-31 + 1 month → 02-28). */
function addMonths(a: Ymd, n: number): Ymd {
  const idx = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return { y, m, d: Math.min(a.d, daysInMonth(y, m)) };
}

/** 0 = Monday … 6 = Sunday (the Chinese week starts on Monday). */
function mondayIndex(a: Ymd): number {
  return (new Date(toMs(a)).getUTCDay() + 6) % 7;
}

function num(s: string | undefined): number | null {
  return s === undefined ? null : parseZhInt(s);
}

function before(a: Ymd, b: Ymd): boolean {
  return toMs(a) < toMs(b);
}

const WEEKDAY: Readonly<Record<string, number>> = {
  一: 0,
  '1': 0,
  二: 1,
  '2': 1,
  三: 2,
  '3': 2,
  四: 3,
  '4': 3,
  五: 4,
  '5': 4,
  六: 5,
  '6': 5,
  日: 6,
  天: 6,
  七: 6,
  '7': 6,
};

// A rule answers null when its phrase is absent (try the next rule) and INVALID when the phrase is there but names no
// real date ("2月30日"): then the whole text is rejected rather than half-read by a later rule.
const INVALID = 'invalid';
type Rule = (t: string, end: Ymd, today: Ymd) => Ymd | typeof INVALID | null;

function orInvalid(a: Ymd | null): Ymd | typeof INVALID {
  return a ?? INVALID;
}

// Order matters: explicit dates before durations, so "延期到2026年12月20日" is the date and not "20日".
const RULES: readonly Rule[] = [
  // 2026-12-20 · 2026/12/20 · 2026.12.20 · 2026年12月20日 · 二〇二六年十二月二十日
  (t) => {
    const m = new RegExp(`${ZH_YEAR}\\s*[-/.年]\\s*${NUM}\\s*[-/.月]\\s*${NUM}\\s*[日号]?`).exec(t);
    if (m === null) return null;
    const y = num(m[1]);
    const mo = num(m[2]);
    const d = num(m[3]);
    return y === null || mo === null || d === null ? INVALID : orInvalid(validDate(y, mo, d));
  },
  // 12月20号 · 到十二月二十日 · 明年1月5日: the first such date on or after today.
  (t, _end, today) => {
    const m = new RegExp(`(今年|明年)?${NUM}月${NUM}[日号]?`).exec(t);
    const mo = num(m?.[2]);
    const d = num(m?.[3]);
    if (m === null) return null;
    if (mo === null || d === null) return INVALID;
    if (m[1] === '今年') return orInvalid(validDate(today.y, mo, d));
    if (m[1] === '明年') return orInvalid(validDate(today.y + 1, mo, d));
    for (const y of [today.y, today.y + 1]) {
      const cand = validDate(y, mo, d);
      if (cand !== null && !before(cand, today)) return cand;
    }
    return INVALID;
  },
  // 两周后 · 10天后 · 一个月以后: counted from TODAY.
  (t, _end, today) => {
    const m = new RegExp(`${NUM}\\s*(个)?\\s*(周|星期|礼拜|天|月)\\s*(?:以后|之后|后)`).exec(t);
    return m === null ? null : shift(today, num(m[1]), m[2] === '个', m[3]);
  },
  // 半个月(后): fifteen days.
  (t, end, today) => {
    const m = /半个?月\s*(以后|之后|后)?/.exec(t);
    if (m === null) return null;
    return addDays(m[1] === undefined ? end : today, 15);
  },
  // 下周五 · 本周五 · 这周五 · 下下周一 · 周五: Monday-based weeks, relative to today.
  (t, _end, today) => {
    const m = /(下下|下个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天七1-7])/.exec(t);
    const wd = m?.[2] === undefined ? undefined : WEEKDAY[m[2]];
    if (m === null || wd === undefined) return null;
    const monday = addDays(today, -mondayIndex(today));
    const prefix = m[1] ?? '';
    if (prefix === '') {
      // A bare weekday is the coming one (today counts).
      return addDays(today, (wd - mondayIndex(today) + 7) % 7);
    }
    const weeks = prefix === '下下' ? 2 : prefix.startsWith('下') ? 1 : 0;
    return addDays(monday, weeks * 7 + wd);
  },
  // 延期两周 · 延长十天 · 延期一个月 · 两周: a duration added to the CURRENT permit end.
  (t, end) => {
    const m = new RegExp(`${NUM}\\s*(个)?\\s*(周|星期|礼拜|天|月)`).exec(t);
    return m === null ? null : shift(end, num(m[1]), m[2] === '个', m[3]);
  },
  // 延期10日: formal "日" means days only straight after the verb; elsewhere "10日" is a day of month.
  (t, end) => {
    const m = new RegExp(`(?:延期|延长|顺延|推迟|延)\\s*${NUM}\\s*日`).exec(t);
    return m === null ? null : shift(end, num(m[1]), false, '天');
  },
  // 月底 · 下个月底 · 年底
  (t, _end, today) => {
    const m = /(下个?)?月底|年底/.exec(t);
    if (m === null) return null;
    if (m[0] === '年底') return { y: today.y, m: 12, d: 31 };
    const month = addMonths({ ...today, d: 1 }, m[1] === undefined ? 0 : 1);
    return { ...month, d: daysInMonth(month.y, month.m) };
  },
  // 到20号: a day of month alone, the first such date on or after today.
  (t, _end, today) => {
    const m = new RegExp(`${NUM}\\s*[号日]`).exec(t);
    if (m === null) return null;
    const d = num(m[1]);
    if (d === null) return INVALID;
    for (let i = 0; i < 3; i++) {
      const month = addMonths({ ...today, d: 1 }, i);
      const cand = validDate(month.y, month.m, d);
      if (cand !== null && !before(cand, today)) return cand;
    }
    return INVALID;
  },
];

/** n days/weeks/months from `from`; months need "个" ("一个月") because "一月" is January. */
function shift(from: Ymd, n: number | null, hasGe: boolean, unit: string | undefined): Ymd | null {
  if (n === null || n <= 0 || unit === undefined) return null;
  switch (unit) {
    case '天':
      return addDays(from, n);
    case '月':
      return hasGe ? addMonths(from, n) : null;
    default:
      return addDays(from, 7 * n);
  }
}

/**
 * The permit end date the owner asks for, as 'YYYY-MM-DD', or null when nothing in the text is a date or a duration.
 * `currentEnd` anchors durations ("延期两周"), `today` (local date) anchors "…后", weekdays, "月底" and year-less dates.
 */
export function parseExtensionEnd(text: string, currentEnd: string, today: string): { end: string } | null {
  const end = parseIso(currentEnd);
  const now = parseIso(today);
  if (end === null || now === null) return null;
  const t = normalizeDigits(text).trim();
  if (t.length === 0) return null;
  for (const rule of RULES) {
    const hit = rule(t, end, now);
    if (hit === INVALID) return null;
    if (hit !== null) return { end: fmt(hit) };
  }
  return null;
}
