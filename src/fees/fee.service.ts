// What an owner sees for "物业费": balance per unit of THEIR OWN units only, arrears by period and fee type, next due
// date, the estate's late-fee rule when one is configured, and how to pay. Also the 不再提醒 / 恢复提醒 switch.
import type { FeeRepository } from '../db/repositories.js';
import { t, type Locale } from '../i18n/index.js';
import type { Sender } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { localDateKey } from '../shared/zoned-time.js';
import { feeSettingsOf, paymentTextFor, type FeeSettings } from './fee-settings.js';
import {
  balanceSummary,
  feeReminderWords,
  feeTypeLabel,
  formatYuan,
  lateFeeRuleText,
  type BalanceSummary,
  type Bill,
  type FeeType,
} from './fee.rules.js';
import type { Notifier } from '../notify/notifier.js';

export interface UnitBalance {
  unitId: string;
  label: string;
  summary: BalanceSummary;
}

/** Balances of the sender's units (never anyone else's: the unit list comes from the sender's own memberships). */
export async function balancesFor(
  fees: FeeRepository,
  sender: Sender,
  now: Date,
): Promise<{ today: string; settings: FeeSettings; units: UnitBalance[] }> {
  const settings = feeSettingsOf(sender.estate.settings);
  const today = localDateKey(now, sender.estate.timezone);
  const rows = await fees.billsOfUnits(sender.units.map((u) => u.unitId));
  const units = sender.units.map((u) => {
    const bills: Bill[] = rows
      .filter((r) => r.unitId === u.unitId)
      .map((r) => ({ ...r, feeType: r.feeType as FeeType }));
    return { unitId: u.unitId, label: u.label, summary: balanceSummary(bills, today, settings.lateFee) };
  });
  return { today, settings, units };
}

export function balanceText(
  b: { today: string; settings: FeeSettings; units: UnitBalance[] },
  deskPhone: string,
  locale: Locale = 'zh-CN',
): string {
  const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(locale, key, params);
  const lines: string[] = [];
  for (const u of b.units) {
    const s = u.summary;
    if (s.totalOutstandingCents === 0) {
      lines.push(tr('fees.nothingDue', { unit: u.label }));
      continue;
    }
    lines.push(tr('fees.total', { unit: u.label, amount: formatYuan(s.totalOutstandingCents) }));
    if (s.overdue.length > 0) {
      lines.push(tr('fees.overdueHead'));
      for (const o of s.overdue) {
        const lateFee = o.lateFeeCents > 0 ? tr('fees.overdueLateFee', { amount: formatYuan(o.lateFeeCents) }) : '';
        const feeType = feeTypeLabel(o.feeType, locale);
        lines.push(
          tr('fees.overdueLine', {
            period: o.period,
            feeType,
            amount: formatYuan(o.outstandingCents),
            days: o.daysOverdue,
            lateFee,
          }),
        );
      }
    }
    if (s.nextDue)
      lines.push(tr('fees.nextDue', { date: s.nextDue.dueDate, amount: formatYuan(s.nextDue.amountCents) }));
    if (s.lateFeeTotalCents > 0)
      lines.push(tr('fees.lateFeeTotal', { today: b.today, amount: formatYuan(s.lateFeeTotalCents) }));
  }
  const rule = lateFeeRuleText(b.settings.lateFee, locale);
  if (rule) lines.push(rule);
  lines.push(tr('fees.payment', { text: paymentTextFor(b.settings, locale) }));
  lines.push(tr('fees.questions', { deskPhone }));
  return lines.join('\n');
}

export async function feeBalanceReply(fees: FeeRepository, sender: Sender, now: Date): Promise<string> {
  if (sender.units.length === 0) return t(sender.locale, 'fees.notBound');
  return balanceText(await balancesFor(fees, sender, now), sender.estate.deskPhone, sender.locale);
}

/** "不再提醒": recorded, and the assistants' group is told so they can follow up another way. */
export async function optOutOfReminders(
  fees: FeeRepository,
  notifier: Notifier,
  sender: Sender,
  now: Date,
): Promise<string> {
  if (!sender.personId) return t(sender.locale, 'fees.notBoundShort');
  const who = `${sender.name ?? t('zh-CN', 'fees.ownerFallback')}${sender.units.length > 0 ? `（${sender.units.map((u) => u.label).join('、')}）` : ''}`;
  const fresh = await fees.setOptOut(notifier, {
    personId: sender.personId,
    estateId: sender.units[0]?.estateId ?? sender.estate.id,
    at: now,
    // Staff notices are zh-CN whatever the owner's language.
    staffMessage: { text: t('zh-CN', 'fees.optOutStaff', { who }) },
  });
  return t(sender.locale, fresh ? 'fees.optedOut' : 'fees.alreadyOptedOut', feeReminderWords(sender.locale));
}

export async function optInToReminders(fees: FeeRepository, sender: Sender): Promise<string> {
  if (!sender.personId) return t(sender.locale, 'fees.notBoundShort');
  await fees.clearOptOut(sender.personId);
  return t(sender.locale, 'fees.optedIn');
}

/** For staff lists: "刘洋 138****5678". */
export function ownerLine(o: { name: string; phone: string | null }): string {
  return o.phone ? `${o.name} ${maskPhone(o.phone)}` : o.name;
}

/** The fee flow's answers (dialogs/fees.dialog.ts), bound by the composition root to the database and the clock. */
export interface FeeReplies {
  balance(sender: Sender): Promise<string>;
  optOut(sender: Sender): Promise<string>;
  optIn(sender: Sender): Promise<string>;
}

export function feeReplies(fees: FeeRepository, notifier: Notifier, now: () => Date): FeeReplies {
  return {
    balance: (sender) => feeBalanceReply(fees, sender, now()),
    optOut: (sender) => optOutOfReminders(fees, notifier, sender, now()),
    optIn: (sender) => optInToReminders(fees, sender),
  };
}
