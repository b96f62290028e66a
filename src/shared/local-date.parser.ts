// A calendar day an owner names ("2026-12-10", "12月10日", "12/10", "明天", "后天") as an estate-local 'YYYY-MM-DD'.
// Without a year: the first such day not before today. Pure: `today` is the estate's local date.
import { addLocalDays, isValidDateKey } from './zoned-time.js';

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, today: 0, tomorrow: 1 };

const pad = (n: number) => String(n).padStart(2, '0');

export function parseLocalDate(input: string, today: string): string | null {
  const s = input
    .normalize('NFKC')
    .trim()
    .replace(/[。.！!\s]+$/u, '')
    .toLowerCase();
  const rel = RELATIVE[s];
  if (rel !== undefined) return addLocalDays(today, rel);
  let m = /^(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*[日号]?$/u.exec(s);
  if (m) {
    const key = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
    return isValidDateKey(key) ? key : null;
  }
  m = /^(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*[日号]?$/u.exec(s);
  if (!m) return null;
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const key = `${y}-${pad(Number(m[1]))}-${pad(Number(m[2]))}`;
    if (isValidDateKey(key) && key >= today) return key;
  }
  return null;
}
