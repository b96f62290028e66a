// What an owner sees for "物业费": balance per unit of THEIR OWN units only, arrears by period and fee type, next due
// date, the estate's late-fee rule when one is configured, and how to pay. Also the 不再提醒 / 恢复提醒 switch.
import type { Prisma } from '../db/client.js';
import { billsOfUnits, clearFeeOptOut, setFeeOptOut } from '../db/fee.repo.js';
import type { Sender } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { localDateKey } from '../shared/zoned-time.js';
import { feeSettingsOf, type FeeSettings } from './fee-settings.js';
import { balanceSummary, FEE_TYPE_LABELS, formatYuan, lateFeeRuleText, type BalanceSummary, type Bill, type FeeType } from './fee.rules.js';

export interface UnitBalance {
  unitId: string;
  label: string;
  summary: BalanceSummary;
}

/** Balances of the sender's units (never anyone else's: the unit list comes from the sender's own memberships). */
export async function balancesFor(prisma: Prisma, sender: Sender, now: Date): Promise<{ today: string; settings: FeeSettings; units: UnitBalance[] }> {
  const settings = feeSettingsOf(sender.estate.settings);
  const today = localDateKey(now, sender.estate.timezone);
  const rows = await billsOfUnits(prisma, sender.units.map((u) => u.unitId));
  const units = sender.units.map((u) => {
    const bills: Bill[] = rows.filter((r) => r.unitId === u.unitId).map((r) => ({ ...r, feeType: r.feeType as FeeType }));
    return { unitId: u.unitId, label: u.label, summary: balanceSummary(bills, today, settings.lateFee) };
  });
  return { today, settings, units };
}

export function balanceText(b: { today: string; settings: FeeSettings; units: UnitBalance[] }, deskPhone: string): string {
  const lines: string[] = [];
  for (const u of b.units) {
    const s = u.summary;
    if (s.totalOutstandingCents === 0) {
      lines.push(`【${u.label}】目前没有待缴费用，感谢您的支持！`);
      continue;
    }
    lines.push(`【${u.label}】待缴合计 ${formatYuan(s.totalOutstandingCents)}`);
    if (s.overdue.length > 0) {
      lines.push('已到期未缴：');
      for (const o of s.overdue) {
        const fee = o.lateFeeCents > 0 ? `，违约金 ${formatYuan(o.lateFeeCents)}` : '';
        lines.push(`· ${o.period} ${FEE_TYPE_LABELS[o.feeType]} ${formatYuan(o.outstandingCents)}（已逾期${o.daysOverdue}天${fee}）`);
      }
    }
    if (s.nextDue) lines.push(`下次到期：${s.nextDue.dueDate}，金额 ${formatYuan(s.nextDue.amountCents)}`);
    if (s.lateFeeTotalCents > 0) lines.push(`截至${b.today}违约金合计 ${formatYuan(s.lateFeeTotalCents)}（以物业服务中心核算为准）`);
  }
  const rule = lateFeeRuleText(b.settings.lateFee);
  if (rule) lines.push(rule);
  lines.push(`缴费方式：${b.settings.paymentText}`);
  lines.push(`对账单有疑问请致电 ${deskPhone}。`);
  return lines.join('\n');
}

export async function feeBalanceReply(prisma: Prisma, sender: Sender, now: Date): Promise<string> {
  if (sender.units.length === 0) return '您的账号还没有绑定房屋，绑定后即可查询物业费。';
  return balanceText(await balancesFor(prisma, sender, now), sender.estate.deskPhone);
}

/** "不再提醒": recorded, and the assistants' group is told so they can follow up another way. */
export async function optOutOfReminders(prisma: Prisma, sender: Sender, now: Date): Promise<string> {
  if (!sender.personId) return '您的账号还没有绑定房屋。';
  const who = `${sender.name ?? '业主'}${sender.units.length > 0 ? `（${sender.units.map((u) => u.label).join('、')}）` : ''}`;
  const fresh = await setFeeOptOut(prisma, {
    personId: sender.personId,
    estateId: sender.units[0]?.estateId ?? sender.estate.id,
    at: now,
    staffMessage: { text: `【缴费提醒退订】${who}回复“不再提醒”，今后不再收到机器人发送的缴费提醒，如需催缴请电话或上门联系。` },
  });
  return fresh
    ? '好的，今后不再向您发送缴费提醒。您仍可随时发送“物业费”查询账单；如需恢复，请回复“恢复提醒”。'
    : '您已设置过不再提醒。如需恢复，请回复“恢复提醒”。';
}

export async function optInToReminders(prisma: Prisma, sender: Sender): Promise<string> {
  if (!sender.personId) return '您的账号还没有绑定房屋。';
  await clearFeeOptOut(prisma, sender.personId);
  return '好的，已为您恢复缴费提醒。';
}

/** For staff lists: "刘洋 138****5678". */
export function ownerLine(o: { name: string; phone: string | null }): string {
  return o.phone ? `${o.name} ${maskPhone(o.phone)}` : o.name;
}
