import { describe, expect, it } from 'vitest';
import { cronMatches, nextOccurrence, parseCron, previousOccurrence } from '../../src/jobs/cron-expression.js';
import { formatLocal } from '../../src/shared/zoned-time.js';

const TZ = 'Asia/Shanghai';

/** '2026-11-28 10:07:30' Shanghai wall time → instant. */
function sh(wall: string): Date {
  return new Date(`${wall.replace(' ', 'T')}+08:00`);
}

function prev(expr: string, wall: string): string {
  return formatLocal(previousOccurrence(expr, sh(wall), TZ), TZ);
}

function next(expr: string, wall: string): string {
  return formatLocal(nextOccurrence(expr, sh(wall), TZ), TZ);
}

describe('cron occurrences in Asia/Shanghai', () => {
  it('every five minutes: previous is at or before, next is strictly after', () => {
    expect(prev('*/5 * * * *', '2026-11-28 10:07:30')).toBe('2026-11-28 10:05');
    expect(next('*/5 * * * *', '2026-11-28 10:07:30')).toBe('2026-11-28 10:10');
    expect(prev('*/5 * * * *', '2026-11-28 10:05:00')).toBe('2026-11-28 10:05');
    expect(next('*/5 * * * *', '2026-11-28 10:05:00')).toBe('2026-11-28 10:10');
    expect(next('*/5 * * * *', '2026-11-28 23:58:00')).toBe('2026-11-29 00:00');
    expect(prev('*/5 * * * *', '2026-11-29 00:02:00')).toBe('2026-11-29 00:00');
  });

  it('08:30 on weekdays skips the weekend (2026-11-28 is a Saturday)', () => {
    expect(prev('30 8 * * 1-5', '2026-11-28 10:00')).toBe('2026-11-27 08:30');
    expect(next('30 8 * * 1-5', '2026-11-28 10:00')).toBe('2026-11-30 08:30');
    expect(prev('30 8 * * 1-5', '2026-11-30 08:29:59')).toBe('2026-11-27 08:30');
    expect(next('30 8 * * 1-5', '2026-11-30 08:30')).toBe('2026-12-01 08:30');
  });

  it('09:00 on the 1st of the month, across a year end', () => {
    expect(prev('0 9 1 * *', '2026-11-28 10:00')).toBe('2026-11-01 09:00');
    expect(next('0 9 1 * *', '2026-11-28 10:00')).toBe('2026-12-01 09:00');
    expect(next('0 9 1 * *', '2026-12-01 09:00')).toBe('2027-01-01 09:00');
    expect(prev('0 9 1 * *', '2027-01-01 08:59')).toBe('2026-12-01 09:00');
  });

  it('the instant is Shanghai wall time, not UTC', () => {
    expect(nextOccurrence('0 9 * * *', sh('2026-11-28 10:00'), TZ).toISOString()).toBe('2026-11-29T01:00:00.000Z');
  });

  it('lists, ranges with steps, and 7 as Sunday', () => {
    expect(next('0 8-18/5 * * *', '2026-11-28 08:00')).toBe('2026-11-28 13:00');
    expect(next('0 8-18/5 * * *', '2026-11-28 13:00')).toBe('2026-11-28 18:00');
    expect(next('0 8-18/5 * * *', '2026-11-28 18:00')).toBe('2026-11-29 08:00');
    expect(next('15,45 9 * * *', '2026-11-28 09:20')).toBe('2026-11-28 09:45');
    expect(next('0 10 * * 7', '2026-11-28 12:00')).toBe('2026-11-29 10:00');
    expect(next('0 10 * * 0', '2026-11-28 12:00')).toBe('2026-11-29 10:00');
    expect(next('0 0 29 2 *', '2026-11-28 12:00')).toBe('2028-02-29 00:00');
  });

  it('works in a zone with summer time', () => {
    // London is on BST (UTC+1) in July, GMT in December.
    expect(nextOccurrence('0 9 * * *', new Date('2026-07-01T12:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-07-02T08:00:00.000Z',
    );
    expect(nextOccurrence('0 9 * * *', new Date('2026-12-01T12:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-12-02T09:00:00.000Z',
    );
  });

  it('cronMatches agrees with the occurrences', () => {
    expect(cronMatches('30 8 * * 1-5', sh('2026-11-27 08:30'), TZ)).toBe(true);
    expect(cronMatches('30 8 * * 1-5', sh('2026-11-28 08:30'), TZ)).toBe(false);
    expect(cronMatches('*/5 * * * *', sh('2026-11-28 10:06'), TZ)).toBe(false);
  });

  it.each([
    ['* * *', /5 fields/],
    ['60 * * * *', /minute 60/],
    ['* 24 * * *', /hour 24/],
    ['5-1 * * * *', /backwards/],
    ['*/0 * * * *', /outside/],
    ['a * * * *', /not a number/],
    ['0 9 1 * 1', /not both/],
    ['0 0 30 2 *', /never occurs/],
  ])('rejects %s with a message naming the problem', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message);
  });
});
