import { describe, it, expect } from 'vitest';
import {
  balanceSummary,
  billOutstanding,
  collectionRate,
  formatPercent,
  formatYuan,
  type Bill,
  type LateFeeRule,
} from '../../src/fees/fee.rules.js';

const bill = (over: Partial<Bill>): Bill => ({
  period: '2026-10',
  feeType: 'PROPERTY',
  amountDueCents: 10_000,
  amountPaidCents: 0,
  dueDate: '2026-10-31',
  ...over,
});

const rule3: LateFeeRule = { ratePerDayBasisPoints: 3, graceDays: 0 };

describe('billOutstanding', () => {
  it('is due minus paid, and a prepayment is never negative debt', () => {
    expect(billOutstanding(bill({ amountPaidCents: 4_000 }))).toBe(6_000);
    expect(billOutstanding(bill({ amountPaidCents: 12_000 }))).toBe(0);
  });
});

describe('balanceSummary', () => {
  it('charges the late fee on what is still outstanding after a partial payment', () => {
    // 30 days overdue on ¥60.00 at 万分之三/day = 6000 × 0.0003 × 30 = 54 分
    const s = balanceSummary([bill({ amountPaidCents: 4_000 })], '2026-11-30', rule3);
    expect(s.totalOutstandingCents).toBe(6_000);
    expect(s.overdue).toEqual([
      { period: '2026-10', feeType: 'PROPERTY', outstandingCents: 6_000, daysOverdue: 30, lateFeeCents: 54 },
    ]);
    expect(s.lateFeeTotalCents).toBe(54);
  });

  it('rounds the late fee half-up to the cent', () => {
    // 15000 × 0.0003 × 1 = 4.5 分 → 5 分; 12345 × 0.0003 × 10 = 37.035 分 → 37 分
    expect(balanceSummary([bill({ amountDueCents: 15_000 })], '2026-11-01', rule3).lateFeeTotalCents).toBe(5);
    expect(balanceSummary([bill({ amountDueCents: 12_345 })], '2026-11-10', rule3).lateFeeTotalCents).toBe(37);
  });

  it('charges nothing inside the grace days and only the days beyond them after', () => {
    const rule: LateFeeRule = { ratePerDayBasisPoints: 5, graceDays: 15 };
    const inGrace = balanceSummary([bill({})], '2026-11-15', rule);
    expect(inGrace.overdue[0]).toMatchObject({ daysOverdue: 15, lateFeeCents: 0 });
    // 30 days overdue − 15 grace = 15 days × 10000 × 0.0005 = 75 分
    expect(balanceSummary([bill({})], '2026-11-30', rule).overdue[0]).toMatchObject({
      daysOverdue: 30,
      lateFeeCents: 75,
    });
  });

  it('caps the late fee at capPercent of the outstanding amount', () => {
    // 1000 days × 0.03% = 30% uncapped; cap 10% of ¥100 = ¥10
    const s = balanceSummary([bill({ dueDate: '2024-01-01' })], '2026-09-27', { ...rule3, capPercent: 10 });
    expect(s.overdue[0]?.daysOverdue).toBe(1000);
    expect(s.lateFeeTotalCents).toBe(1_000);
    expect(balanceSummary([bill({ dueDate: '2024-01-01' })], '2026-09-27', rule3).lateFeeTotalCents).toBe(3_000);
  });

  it('has no outstanding and no late fee for a bill paid in full after its due date', () => {
    const s = balanceSummary([bill({ amountPaidCents: 10_000 })], '2026-12-31', rule3);
    expect(s).toEqual({ totalOutstandingCents: 0, overdue: [], nextDue: null, lateFeeTotalCents: 0 });
  });

  it('gives the next due date with its total, counting a bill due today as not yet overdue', () => {
    const bills = [
      bill({ period: '2026-11', feeType: 'WATER', amountDueCents: 3_000, dueDate: '2026-12-31' }),
      bill({ period: '2026-12', feeType: 'PROPERTY', amountDueCents: 20_000, dueDate: '2027-01-31' }),
      bill({
        period: '2026-11',
        feeType: 'PROPERTY',
        amountDueCents: 20_000,
        amountPaidCents: 5_000,
        dueDate: '2026-12-31',
      }),
      bill({ period: '2026-10', feeType: 'PROPERTY', amountDueCents: 20_000, dueDate: '2026-11-30' }),
      bill({ period: '2026-09', feeType: 'PARKING', amountDueCents: 15_000, dueDate: '2026-10-31' }),
    ];
    const s = balanceSummary(bills, '2026-11-30', rule3);
    expect(s.nextDue).toEqual({ dueDate: '2026-11-30', amountCents: 20_000 });
    expect(s.overdue.map((o) => o.period)).toEqual(['2026-09']);
    expect(s.totalOutstandingCents).toBe(3_000 + 20_000 + 15_000 + 20_000 + 15_000);

    const later = balanceSummary(bills, '2026-12-01');
    expect(later.nextDue).toEqual({ dueDate: '2026-12-31', amountCents: 18_000 });
    expect(later.overdue.map((o) => [o.period, o.daysOverdue, o.lateFeeCents])).toEqual([
      ['2026-09', 31, 0],
      ['2026-10', 1, 0],
    ]);
  });

  it('refuses a malformed date or rule instead of guessing', () => {
    expect(() => balanceSummary([], '2026/11/30')).toThrow(RangeError);
    expect(() => balanceSummary([], '2026-11-30', { ratePerDayBasisPoints: 1.5, graceDays: 0 })).toThrow(RangeError);
  });
});

describe('formatting and collection rate', () => {
  it('formats cents as yuan with thousands separators', () => {
    expect(formatYuan(123_450)).toBe('¥1,234.50');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(100_000_000)).toBe('¥1,000,000.00');
    expect(formatYuan(-1_200)).toBe('-¥12.00');
  });

  it('computes 实收/应收 and formats it to one decimal', () => {
    expect(formatPercent(collectionRate(1_000_000, 934_400))).toBe('93.4%');
    expect(formatPercent(collectionRate(10_000, 9_345))).toBe('93.5%');
    expect(formatPercent(collectionRate(500, 500))).toBe('100.0%');
    expect(collectionRate(0, 0)).toBeNull();
    expect(formatPercent(null)).toBe('—');
  });
});
