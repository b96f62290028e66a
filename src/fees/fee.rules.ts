// Pure fee arithmetic: what an owner still owes, late fees (违约金/滞纳金), collection rate, money/percent display.
import { z } from 'zod';
import { t, type Locale } from '../i18n/index.js';
import { parseDateKey } from '../shared/zoned-time.js';
import { FEE_TYPES, type FeeType } from '../db/enums.js';

export { FEE_TYPES, type FeeType };

export const FEE_TYPE_LABELS: Record<FeeType, string> = Object.fromEntries(
  FEE_TYPES.map((f) => [f, t('zh-CN', `fees.type.${f}`)]),
) as Record<FeeType, string>;

/** The zh-CN words an owner replies with to switch fee reminders (src/bot/intents.ts); 催缴 texts still quote these. */
export const FEE_REMINDER_WORDS = { stopWord: '不再提醒', resumeWord: '恢复提醒' } as const;

/** The switch words quoted to a reader of `locale` (English owners reply "stop reminders" / "resume reminders"). */
export function feeReminderWords(locale: Locale): { stopWord: string; resumeWord: string } {
  return { stopWord: t(locale, 'deskFees.stopWord'), resumeWord: t(locale, 'deskFees.resumeWord') };
}

export function feeTypeLabel(type: FeeType, locale: Locale = 'zh-CN'): string {
  return t(locale, `fees.type.${type}`);
}

export interface Bill {
  period: string; // YYYY-MM
  feeType: FeeType;
  amountDueCents: number;
  amountPaidCents: number;
  dueDate: string; // YYYY-MM-DD
}

export interface LateFeeRule {
  /** 万分之N per day, e.g. 3 = 0.03%/day. Integer so the arithmetic stays exact. */
  ratePerDayBasisPoints: number;
  /** Days after the due date that are not charged. */
  graceDays: number;
  /** Late fee never exceeds this percentage of the outstanding amount. */
  capPercent?: number;
}

/** For estate configuration: validates a rule read from the DB or env. */
export const lateFeeRuleSchema = z.object({
  ratePerDayBasisPoints: z.number().int().min(0),
  graceDays: z.number().int().min(0),
  capPercent: z.number().min(0).optional(),
});

export interface OverdueBill {
  period: string;
  feeType: FeeType;
  outstandingCents: number;
  daysOverdue: number;
  lateFeeCents: number;
}

export interface BalanceSummary {
  /** Everything unpaid, overdue or not yet due; late fees are NOT included (see lateFeeTotalCents). */
  totalOutstandingCents: number;
  /** Oldest due date first. */
  overdue: OverdueBill[];
  /** Earliest unpaid due date that is today or later, with the sum outstanding on that date. */
  nextDue: { dueDate: string; amountCents: number } | null;
  lateFeeTotalCents: number;
}

/** Overpayment (paid > due) is a prepayment credit, never a negative debt. */
export function billOutstanding(b: Pick<Bill, 'amountDueCents' | 'amountPaidCents'>): number {
  return Math.max(0, b.amountDueCents - b.amountPaidCents);
}

/** Days since 1970-01-01 of an estate-local 'YYYY-MM-DD'; throws RangeError on anything but a real date. */
export function dayNumber(dateKey: string): number {
  const { year, month, day } = parseDateKey(dateKey);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * outstanding × rate × (daysOverdue − graceDays), in BigInt so large sums stay exact, rounded half-up to a cent, then
 * capped at floor(outstanding × capPercent / 100) so the cap is never exceeded by rounding.
 */
export function lateFee(outstandingCents: number, daysOverdue: number, rule: LateFeeRule): number {
  const chargeableDays = daysOverdue - rule.graceDays;
  if (outstandingCents <= 0 || chargeableDays <= 0 || rule.ratePerDayBasisPoints <= 0) return 0;
  const numerator = BigInt(outstandingCents) * BigInt(rule.ratePerDayBasisPoints) * BigInt(chargeableDays);
  let fee = Number((numerator + 5_000n) / 10_000n);
  if (rule.capPercent !== undefined) fee = Math.min(fee, Math.floor((outstandingCents * rule.capPercent) / 100));
  return fee;
}

/**
 * `today` is the estate's local date (Asia/Shanghai by default) — the caller converts, since a UTC date is wrong for
 * eight hours a day. A bill is overdue from the day after its due date.
 *
 * We store only the amounts, not when payments were made, so: a bill paid in full after its due date has nothing
 * outstanding and no late fee; a partly paid bill is charged on what is still outstanding for the whole overdue span.
 */
export function balanceSummary(bills: readonly Bill[], today: string, rule?: LateFeeRule): BalanceSummary {
  if (rule) {
    const checked = lateFeeRuleSchema.safeParse(rule);
    if (!checked.success) throw new RangeError(`invalid late fee rule: ${checked.error.message}`);
  }
  const todayDay = dayNumber(today);
  let totalOutstandingCents = 0;
  let lateFeeTotalCents = 0;
  const overdue: (OverdueBill & { dueDate: string })[] = [];
  let nextDue: { dueDate: string; amountCents: number } | null = null;

  for (const b of bills) {
    const outstanding = billOutstanding(b);
    if (outstanding === 0) continue;
    totalOutstandingCents += outstanding;
    const daysOverdue = todayDay - dayNumber(b.dueDate);
    if (daysOverdue > 0) {
      const fee = rule ? lateFee(outstanding, daysOverdue, rule) : 0;
      lateFeeTotalCents += fee;
      overdue.push({
        period: b.period,
        feeType: b.feeType,
        outstandingCents: outstanding,
        daysOverdue,
        lateFeeCents: fee,
        dueDate: b.dueDate,
      });
    } else if (nextDue === null || b.dueDate < nextDue.dueDate) {
      nextDue = { dueDate: b.dueDate, amountCents: outstanding };
    } else if (b.dueDate === nextDue.dueDate) {
      nextDue.amountCents += outstanding;
    }
  }

  overdue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.period.localeCompare(b.period)));
  return {
    totalOutstandingCents,
    overdue: overdue.map(({ dueDate: _dueDate, ...o }) => o),
    nextDue,
    lateFeeTotalCents,
  };
}

/** The estate's late-fee rule in owner words, for balances and reminders alike; null when no fee is charged. */
export function lateFeeRuleText(rule: LateFeeRule | undefined, locale: Locale = 'zh-CN'): string | null {
  if (!rule || rule.ratePerDayBasisPoints <= 0) return null;
  const cap = rule.capPercent !== undefined ? t(locale, 'fees.lateFeeCap', { percent: rule.capPercent }) : '';
  return t(locale, 'fees.lateFeeRule', { graceDays: rule.graceDays, basisPoints: rule.ratePerDayBasisPoints, cap });
}

/** 123450 → "¥1,234.50"; negative → "-¥12.00". */
export function formatYuan(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  const abs = Math.abs(cents);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const fen = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}¥${yuan}.${fen}`;
}

/**
 * 实收/应收 as a fraction; null when nothing was due (a rate of 0/0 is not 0%). The caller sums paid amounts already
 * capped at each bill's due (min(paid, due)), otherwise one owner's prepayment would hide another's arrears.
 */
export function collectionRate(dueCents: number, paidCents: number): number | null {
  if (dueCents <= 0) return null;
  return paidCents / dueCents;
}

/** 0.9344 → "93.4%"; null → "—". Rounds on the per-mille integer to avoid 93.45 → "93.4" float artefacts. */
export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  const perMille = Math.round(rate * 1000 + Math.sign(rate) * 1e-9);
  return `${(perMille / 10).toFixed(1)}%`;
}
