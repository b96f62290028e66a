// 催缴 planning, pure: which owners get a fee reminder today, for what, in which words. The job (arrears-campaign.job.ts)
// loads the inputs and writes the result; keeping this free of I/O lets it run on a simulated clock and on 100k units.
//
// Rules (procedures + issue #9): a reminder per (unit, due date) at each configured offset from the due date (default
// −7, 0, +3, +15 days); only amounts still outstanding; never to an owner who said "不再提醒"; at most one reminder per
// owner per `minDaysBetweenReminders` days, all channels counted together (one reminder = one message to every chat
// account of the person); a stage that was held back by that limit goes out later while it is still the current stage,
// and is superseded by the next one. Nothing is sent twice: each (owner, unit, due date, stage) has a key the caller
// records with the outbox row in one transaction.
import { t, type Locale } from '../i18n/index.js';
import { dayNumber, FEE_REMINDER_WORDS, feeTypeLabel, formatYuan, lateFeeRuleText, type FeeType } from './fee.rules.js';
import { paymentTextFor, type FeeSettings } from './fee-settings.js';

export interface ArrearsBill {
  unitId: string;
  period: string;
  feeType: FeeType;
  dueDate: string; // YYYY-MM-DD, estate-local
  outstandingCents: number;
}

export interface UnitOwner {
  unitId: string;
  personId: string;
  unitLabel: string;
}

/** One (unit, due date) at its current stage inside a reminder. */
export interface ReminderItem {
  unitId: string;
  unitLabel: string;
  dueDate: string;
  stage: string; // 'd-7', 'd0', 'd3', 'd15'…
  offsetDays: number;
  /** Days past the due date today (negative: days left). */
  daysOverdue: number;
  outstandingCents: number;
  bills: { period: string; feeType: FeeType; outstandingCents: number }[];
  dedupeKey: string;
}

export interface PlannedReminder {
  personId: string;
  items: ReminderItem[];
  /** The key of the oldest debt's item: names the outbox row. */
  dedupeKey: string;
  text: string;
}

export interface CampaignInput {
  today: string; // estate-local YYYY-MM-DD
  settings: Pick<FeeSettings, 'reminderOffsetsDays' | 'minDaysBetweenReminders' | 'paymentText' | 'lateFee'>;
  estate: { name: string; deskPhone: string };
  bills: Iterable<ArrearsBill>;
  owners: Iterable<UnitOwner>;
  optedOut: ReadonlySet<string>;
  /** Local date of each person's latest fee reminder. */
  lastReminderDate: ReadonlyMap<string, string>;
  /** `${dedupeKey}|${personId}` of reminders already recorded. */
  sent: ReadonlySet<string>;
}

function stageName(offsetDays: number): string {
  return `d${offsetDays}`;
}

function reminderKey(unitId: string, dueDate: string, stage: string): string {
  return `fee-reminder:${unitId}:${dueDate}:${stage}`;
}

export function planReminders(input: CampaignInput): PlannedReminder[] {
  const { today, settings } = input;
  const todayDay = dayNumber(today);
  const offsets = [...settings.reminderOffsetsDays].sort((a, b) => b - a); // latest stage first

  // Current stage per due date, cached: 100k units share a handful of due dates.
  const stageOfDue = new Map<string, { offset: number; daysOverdue: number } | null>();
  const currentStage = (dueDate: string) => {
    let s = stageOfDue.get(dueDate);
    if (s !== undefined) return s;
    const daysOverdue = todayDay - dayNumber(dueDate);
    const offset = offsets.find((o) => o <= daysOverdue);
    s = offset === undefined ? null : { offset, daysOverdue };
    stageOfDue.set(dueDate, s);
    return s;
  };

  // (unit, due date) groups at a reached stage.
  const groups = new Map<string, Map<string, Omit<ReminderItem, 'unitLabel' | 'dedupeKey'>>>();
  for (const b of input.bills) {
    if (b.outstandingCents <= 0) continue;
    const stage = currentStage(b.dueDate);
    if (!stage) continue;
    let byDue = groups.get(b.unitId);
    if (!byDue) groups.set(b.unitId, (byDue = new Map()));
    let g = byDue.get(b.dueDate);
    if (!g) {
      g = {
        unitId: b.unitId,
        dueDate: b.dueDate,
        stage: stageName(stage.offset),
        offsetDays: stage.offset,
        daysOverdue: stage.daysOverdue,
        outstandingCents: 0,
        bills: [],
      };
      byDue.set(b.dueDate, g);
    }
    g.outstandingCents += b.outstandingCents;
    g.bills.push({ period: b.period, feeType: b.feeType, outstandingCents: b.outstandingCents });
  }

  const itemsOf = new Map<string, ReminderItem[]>();
  for (const o of input.owners) {
    const byDue = groups.get(o.unitId);
    if (!byDue || input.optedOut.has(o.personId)) continue;
    for (const g of byDue.values()) {
      const dedupeKey = reminderKey(g.unitId, g.dueDate, g.stage);
      if (input.sent.has(`${dedupeKey}|${o.personId}`)) continue;
      let list = itemsOf.get(o.personId);
      if (!list) itemsOf.set(o.personId, (list = []));
      list.push({ ...g, unitLabel: o.unitLabel, dedupeKey });
    }
  }

  const out: PlannedReminder[] = [];
  for (const [personId, items] of itemsOf) {
    const last = input.lastReminderDate.get(personId);
    if (last !== undefined && todayDay - dayNumber(last) < settings.minDaysBetweenReminders) continue;
    items.sort((a, b) => b.daysOverdue - a.daysOverdue || a.unitLabel.localeCompare(b.unitLabel));
    const first = items[0];
    if (!first) continue;
    out.push({ personId, items, dedupeKey: first.dedupeKey, text: reminderText(items, input) });
  }
  return out;
}

/**
 * Wording escalates gently with the age of the oldest debt in the reminder; it never threatens. The job plans for a
 * person, not a chat account, so it has no recipient language at hand: zh-CN unless the caller passes one.
 */
/** The lines every reminder of one estate shares (late-fee rule, how to pay, footer): built once per settings object. */
const sharedLines = new WeakMap<object, Map<string, { lateFee: string | null; payment: string; foot: string }>>();
function sharedLinesOf(input: Pick<CampaignInput, 'settings' | 'estate'>, locale: Locale) {
  let byKey = sharedLines.get(input.settings);
  if (!byKey) sharedLines.set(input.settings, (byKey = new Map()));
  const key = `${locale}|${input.estate.deskPhone}`;
  let lines = byKey.get(key);
  if (!lines) {
    lines = {
      lateFee: lateFeeRuleText(input.settings.lateFee, locale),
      payment: paymentTextFor(input.settings, locale),
      foot: t(locale, 'fees.reminder.foot', { deskPhone: input.estate.deskPhone, ...FEE_REMINDER_WORDS }),
    };
    byKey.set(key, lines);
  }
  return lines;
}

export function reminderText(
  items: readonly ReminderItem[],
  input: Pick<CampaignInput, 'settings' | 'estate'>,
  locale: Locale = 'zh-CN',
): string {
  const first = items[0];
  if (!first) return '';
  const age = first.daysOverdue;
  const head = {
    estate: input.estate.name,
    dueDate: first.dueDate,
    days: age,
    amount: formatYuan(items.reduce((s, i) => s + i.outstandingCents, 0)),
  };
  const stage = age < 0 ? 'upcoming' : age === 0 ? 'today' : age < 15 ? 'overdue' : 'longOverdue';
  const lines: string[] = [t(locale, `fees.reminder.${stage}`, head)];
  for (const i of items) {
    const bills = i.bills
      .map((b) =>
        t(locale, 'fees.reminder.bill', {
          period: b.period,
          feeType: feeTypeLabel(b.feeType, locale),
          amount: formatYuan(b.outstandingCents),
        }),
      )
      .join(t(locale, 'fees.listSep'));
    lines.push(t(locale, 'fees.reminder.unit', { unit: i.unitLabel, bills, dueDate: i.dueDate }));
  }
  const shared = sharedLinesOf(input, locale);
  if (age > 0 && shared.lateFee) lines.push(shared.lateFee);
  lines.push(shared.payment, shared.foot);
  return lines.join('\n');
}
