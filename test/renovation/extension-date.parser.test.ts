import { describe, it, expect } from 'vitest';
import { parseExtensionEnd } from '../../src/renovation/extension-date.parser.js';

// Saturday; the permit currently ends on a Thursday.
const TODAY = '2026-11-28';
const CURRENT_END = '2026-12-10';

function end(text: string, currentEnd = CURRENT_END, today = TODAY): string | null {
  return parseExtensionEnd(text, currentEnd, today)?.end ?? null;
}

describe('parseExtensionEnd', () => {
  it.each([
    // durations extend the current permit end
    ['延期两周', '2026-12-24'],
    ['延长两周', '2026-12-24'],
    ['两周', '2026-12-24'],
    ['延期2周', '2026-12-24'],
    ['延长一个星期', '2026-12-17'],
    ['延期10天', '2026-12-20'],
    ['延长十天', '2026-12-20'],
    ['延期１０天', '2026-12-20'],
    ['延期10日', '2026-12-20'],
    ['延期一个月', '2027-01-10'],
    ['延长1个月', '2027-01-10'],
    ['延期半个月', '2026-12-25'],
    // explicit dates
    ['到12月20号', '2026-12-20'],
    ['12月20日', '2026-12-20'],
    ['十二月二十日', '2026-12-20'],
    ['延期到1月5号', '2027-01-05'],
    ['11月28日', '2026-11-28'],
    ['11月27日', '2027-11-27'],
    ['2026-12-20', '2026-12-20'],
    ['2026/12/20', '2026-12-20'],
    ['2026年12月20日', '2026-12-20'],
    ['延期至2027年1月15日', '2027-01-15'],
    ['二〇二六年十二月二十日', '2026-12-20'],
    ['到20号', '2026-12-20'],
    // relative to today
    ['两周后', '2026-12-12'],
    ['10天后', '2026-12-08'],
    ['一个月以后', '2026-12-28'],
    ['下周五', '2026-12-04'],
    ['下星期一', '2026-11-30'],
    ['下周日', '2026-12-06'],
    ['下下周五', '2026-12-11'],
    ['本周五', '2026-11-27'],
    ['这周五', '2026-11-27'],
    ['这周日', '2026-11-29'],
    ['周五', '2026-12-04'],
    ['月底', '2026-11-30'],
    ['下个月底', '2026-12-31'],
    ['延期到月底吧', '2026-11-30'],
  ])('%s → %s', (text, expected) => {
    expect(end(text)).toBe(expected);
  });

  it('adds a calendar month, clamping to the shorter month', () => {
    expect(end('延期一个月', '2027-01-31')).toBe('2027-02-28');
  });

  it('counts a week-based day from a weekday today as well', () => {
    // Wednesday 2026-12-02: next week's Friday is 12-11, this week's is 12-04.
    expect(end('下周五', CURRENT_END, '2026-12-02')).toBe('2026-12-11');
    expect(end('本周五', CURRENT_END, '2026-12-02')).toBe('2026-12-04');
  });

  it('takes a month-day already passed this year as next year', () => {
    expect(end('到1月5号', CURRENT_END, '2026-03-01')).toBe('2027-01-05');
    expect(end('到3月5号', CURRENT_END, '2026-03-01')).toBe('2026-03-05');
  });

  it.each(['好的', '谢谢', '延期', '我想延期', '2026-02-30', '2月30日', '', '投诉'])('returns null for %j', (text) => {
    expect(end(text)).toBeNull();
  });

  it('returns null when the anchor dates are not YYYY-MM-DD', () => {
    expect(parseExtensionEnd('延期两周', '2026/12/10', TODAY)).toBeNull();
  });
});
