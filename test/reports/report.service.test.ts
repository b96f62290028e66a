import { describe, expect, it } from 'vitest';
import { chartTable, lateText, parseMonthArg, reportSettings } from '../../src/reports/report.service.js';
import { at, TZ } from './report-fixtures.js';

describe('parseMonthArg', () => {
  const now = at('2026-01-15', '10:00');
  const key = (raw: string) => parseMonthArg(raw, now, TZ)?.key ?? null;

  it('reads the ways staff write a month; a bare month is the latest one not in the future', () => {
    expect(key('')).toBe('2026-01');
    expect(key('本月')).toBe('2026-01');
    expect(key('上月')).toBe('2025-12');
    expect(key('2025-11')).toBe('2025-11');
    expect(key('2025年11月')).toBe('2025-11');
    expect(key('11月')).toBe('2025-11');
    expect(key('十一月')).toBe('2025-11');
    expect(key('1月')).toBe('2026-01');
  });

  it('refuses nonsense and future months', () => {
    for (const raw of ['13月', '2026-02', 'abc', '下月', '0月']) expect(key(raw), raw).toBeNull();
  });

  it('spans the local month: from local midnight on the 1st to the next 1st', () => {
    const m = parseMonthArg('2025-12', now, TZ);
    expect(m?.label).toBe('2025年12月');
    expect(m?.period.from.toISOString()).toBe('2025-11-30T16:00:00.000Z');
    expect(m?.period.to.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});

describe('report texts', () => {
  it('says how late in minutes, hours or days', () => {
    expect(lateText(45)).toBe('45 分钟');
    expect(lateText(120)).toBe('2 小时');
    expect(lateText(210)).toBe('3 小时 30 分');
    expect(lateText(3000)).toBe('2 天 2 小时');
  });

  it('turns a chart into a text table', () => {
    expect(chartTable({ title: '收缴率', valueFormat: 'percent', data: [{ label: '1栋', value: 0.962 }] })).toBe(
      '〔收缴率〕\n· 1栋：96.2%',
    );
  });

  it('targets come from the procedures unless the estate sets its own', () => {
    expect(reportSettings({})).toEqual({
      collectionRateTarget: 0.95,
      slaMetTarget: 0.9,
      repeatComplaintTarget: 0,
      csatTarget: 4.5,
    });
    expect(reportSettings({ reports: { csatTarget: 4.8 } }).csatTarget).toBe(4.8);
    expect(reportSettings({ reports: { csatTarget: 'high' } }).csatTarget).toBe(4.5);
  });
});
