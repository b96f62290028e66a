// Owner time phrases against an injected clock (Saturday 2026-11-28 in Shanghai).
import { describe, expect, it } from 'vitest';
import { readWhen } from '../../src/nlu/when.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

const TZ = 'Asia/Shanghai';
const at = (hh: number, mm = 0) => zonedTime('2026-11-28', hh * 60 + mm, TZ);

describe('readWhen', () => {
  it('a weekday is the next such day, never a past one', () => {
    expect(readWhen('周日下午', at(10), TZ)).toMatchObject({ kind: 'range', day: '2026-11-29', daySaid: true });
    expect(readWhen('周五', at(10), TZ)).toMatchObject({ day: '2026-12-04' });
    // Saturday: this afternoon while it lasts, next Saturday once it is over.
    expect(readWhen('周六下午', at(10), TZ)).toMatchObject({ day: '2026-11-28' });
    expect(readWhen('周六下午', at(19), TZ)).toMatchObject({ day: '2026-12-05' });
    expect(readWhen('周六上午十点', at(10), TZ)).toMatchObject({ kind: 'at', day: '2026-12-05', minutes: 600 });
    expect(readWhen('下周三', at(10), TZ)).toMatchObject({ day: '2026-12-02' });
  });

  it('a time without a date is today if still ahead, else tomorrow (and says no day was given)', () => {
    expect(readWhen('四点半', at(10), TZ)).toEqual({
      kind: 'at',
      day: '2026-11-28',
      minutes: 16 * 60 + 30,
      daySaid: false,
    });
    expect(readWhen('四点半', at(17), TZ)).toEqual({
      kind: 'at',
      day: '2026-11-29',
      minutes: 16 * 60 + 30,
      daySaid: false,
    });
    expect(readWhen('上午九点', at(10), TZ)).toMatchObject({ day: '2026-11-29', minutes: 9 * 60 });
    expect(readWhen('10:15', at(9), TZ)).toMatchObject({ day: '2026-11-28', minutes: 10 * 60 + 15 });
  });

  it('a day or a part of a day without a time is a range (the caller offers slots)', () => {
    expect(readWhen('12月3日', at(10), TZ)).toEqual({
      kind: 'range',
      day: '2026-12-03',
      from: 0,
      to: 1440,
      daySaid: true,
    });
    expect(readWhen('大后天中午', at(10), TZ)).toMatchObject({ kind: 'range', day: '2026-12-01', from: 660, to: 810 });
    expect(readWhen('下午', at(10), TZ)).toMatchObject({ kind: 'range', day: '2026-11-28', from: 720, daySaid: false });
    expect(readWhen('下午', at(19), TZ)).toMatchObject({ day: '2026-11-29' });
  });

  it('reads dates, 12-hour talk and the buttons it offers', () => {
    expect(readWhen('明天下午两点', at(10), TZ)).toMatchObject({ kind: 'at', day: '2026-11-29', minutes: 14 * 60 });
    expect(readWhen('明天上午十点一刻', at(10), TZ)).toMatchObject({ minutes: 10 * 60 + 15 });
    expect(readWhen('2026-12-03 09:15', at(10), TZ)).toMatchObject({ kind: 'at', day: '2026-12-03', minutes: 555 });
    expect(readWhen('1月5号', at(10), TZ)).toMatchObject({ day: '2027-01-05' });
    expect(readWhen('入户门钥匙 2 把', at(10), TZ)).toBeNull();
    expect(readWhen('3栋2单元1201', at(10), TZ)).toBeNull();
  });

  it('凌晨 is the small hours, not the afternoon a bare "三点" means at the desk', () => {
    expect(readWhen('明天凌晨三点', at(10), TZ)).toMatchObject({ kind: 'at', day: '2026-11-29', minutes: 3 * 60 });
    expect(readWhen('三点', at(10), TZ)).toMatchObject({ minutes: 15 * 60 });
  });

  it('a date the calendar lacks is reported as such, never passed on as a day', () => {
    // 2027 is not a leap year: "2月29日" said in late 2026 means 2027-02-29.
    expect(readWhen('2月29日', at(10), TZ)).toEqual({ kind: 'noSuchDay', said: '2027-02-29' });
    expect(readWhen('2026-02-30 10:00', at(10), TZ)).toEqual({ kind: 'noSuchDay', said: '2026-02-30' });
    expect(readWhen('31号下午', at(10), TZ)).toMatchObject({ kind: 'noSuchDay' });
    expect(readWhen('2028年2月29日', at(10), TZ)).toMatchObject({ kind: 'range', day: '2028-02-29' });
  });
});
