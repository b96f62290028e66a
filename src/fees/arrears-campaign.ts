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
import { textTemplate, type FillText } from '../i18n/template.js';
import { dayNumber, feeReminderWords, feeTypeLabel, formatYuan, lateFeeRuleText, type FeeType } from './fee.rules.js';
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
  const stageOfDue = new Map<string, { offset: number; daysOverdue: number; stage: string } | null>();
  const currentStage = (dueDate: string) => {
    let s = stageOfDue.get(dueDate);
    if (s !== undefined) return s;
    const daysOverdue = todayDay - dayNumber(dueDate);
    const offset = offsets.find((o) => o <= daysOverdue);
    s = offset === undefined ? null : { offset, daysOverdue, stage: stageName(offset) };
    stageOfDue.set(dueDate, s);
    return s;
  };

  // (unit, due date) groups at a reached stage, per unit in the order the bills came (a unit has one or two due
  // dates: an array, not a Map per unit). A group is already shaped as its first owner's item, so 100k units with
  // one owner each allocate no second copy; further owners of a unit get their own copy.
  const groups = new Map<string, ReminderItem[]>();
  for (const b of input.bills) {
    if (b.outstandingCents <= 0) continue;
    const stage = currentStage(b.dueDate);
    if (!stage) continue;
    let byDue = groups.get(b.unitId);
    if (!byDue) groups.set(b.unitId, (byDue = []));
    let g: ReminderItem | undefined;
    for (const x of byDue) if (x.dueDate === b.dueDate) g = x;
    if (!g) {
      g = {
        unitId: b.unitId,
        dueDate: b.dueDate,
        stage: stage.stage,
        offsetDays: stage.offset,
        daysOverdue: stage.daysOverdue,
        outstandingCents: 0,
        bills: [],
        unitLabel: '',
        dedupeKey: reminderKey(b.unitId, b.dueDate, stage.stage),
      };
      byDue.push(g);
    }
    g.outstandingCents += b.outstandingCents;
    g.bills.push({ period: b.period, feeType: b.feeType, outstandingCents: b.outstandingCents });
  }

  const claimed = new Set<ReminderItem>();
  const itemsOf = new Map<string, ReminderItem[]>();
  const checkSent = input.sent.size > 0;
  for (const o of input.owners) {
    const byDue = groups.get(o.unitId);
    if (!byDue || input.optedOut.has(o.personId)) continue;
    for (const g of byDue) {
      if (checkSent && input.sent.has(`${g.dedupeKey}|${o.personId}`)) continue;
      let item: ReminderItem;
      if (claimed.has(g)) item = { ...g, unitLabel: o.unitLabel };
      else {
        claimed.add(g);
        g.unitLabel = o.unitLabel;
        item = g;
      }
      let list = itemsOf.get(o.personId);
      if (!list) itemsOf.set(o.personId, (list = []));
      list.push(item);
    }
  }

  const out: PlannedReminder[] = [];
  const lastDays = new Map<string, number>();
  for (const [personId, items] of itemsOf) {
    const last = input.lastReminderDate.get(personId);
    if (last !== undefined) {
      let lastDay = lastDays.get(last);
      if (lastDay === undefined) lastDays.set(last, (lastDay = dayNumber(last)));
      if (todayDay - lastDay < settings.minDaysBetweenReminders) continue;
    }
    if (items.length > 1) items.sort((a, b) => b.daysOverdue - a.daysOverdue || a.unitLabel.localeCompare(b.unitLabel));
    const first = items[0];
    if (!first) continue;
    out.push({ personId, items, dedupeKey: first.dedupeKey, text: reminderText(items, input) });
  }
  return out;
}

/**
 * Wording escalates gently with the age of the oldest debt in the reminder; it never threatens. The job plans for a
 * person, not a chat account, so it has no recipient language at hand: zh-CN unless the caller passes one.
 *
 * Built for 100k reminders a run: the texts of one (estate, locale) are split into their parts once (textTemplate),
 * the lines every reminder shares are built once, and a reminder is a few concatenations (t() per line cost a regex
 * replace each and most of the planning's garbage).
 */
interface ReminderTexts {
  head: Record<'upcoming' | 'today' | 'overdue' | 'longOverdue', FillText>;
  bill: FillText;
  unit: FillText;
  listSep: string;
  feeType: Map<string, string>;
  /** The lines after the units (late-fee rule when overdue, how to pay, footer), joined by newlines. */
  tailOverdue: string;
  tail: string;
}

const textsOf = new WeakMap<object, Map<string, ReminderTexts>>();
function reminderTexts(input: Pick<CampaignInput, 'settings' | 'estate'>, locale: Locale): ReminderTexts {
  let byKey = textsOf.get(input.settings);
  if (!byKey) textsOf.set(input.settings, (byKey = new Map()));
  const key = `${locale}\u0000${input.estate.name}\u0000${input.estate.deskPhone}`;
  let texts = byKey.get(key);
  if (!texts) {
    const lateFee = lateFeeRuleText(input.settings.lateFee, locale);
    const payment = paymentTextFor(input.settings, locale);
    const foot = t(locale, 'fees.reminder.foot', { deskPhone: input.estate.deskPhone, ...feeReminderWords(locale) });
    const estate = { estate: input.estate.name };
    texts = {
      head: {
        upcoming: textTemplate(locale, 'fees.reminder.upcoming', estate),
        today: textTemplate(locale, 'fees.reminder.today', estate),
        overdue: textTemplate(locale, 'fees.reminder.overdue', estate),
        longOverdue: textTemplate(locale, 'fees.reminder.longOverdue', estate),
      },
      bill: textTemplate(locale, 'fees.reminder.bill'),
      unit: textTemplate(locale, 'fees.reminder.unit'),
      listSep: t(locale, 'fees.listSep'),
      feeType: new Map(),
      tailOverdue: lateFee ? `${lateFee}\n${payment}\n${foot}` : `${payment}\n${foot}`,
      tail: `${payment}\n${foot}`,
    };
    byKey.set(key, texts);
  }
  return texts;
}

export function reminderText(
  items: readonly ReminderItem[],
  input: Pick<CampaignInput, 'settings' | 'estate'>,
  locale: Locale = 'zh-CN',
): string {
  const first = items[0];
  if (!first) return '';
  const texts = reminderTexts(input, locale);
  const age = first.daysOverdue;
  let total = 0;
  for (const i of items) total += i.outstandingCents;
  const head =
    age < 0
      ? texts.head.upcoming
      : age === 0
        ? texts.head.today
        : age < 15
          ? texts.head.overdue
          : texts.head.longOverdue;
  // Parts joined once: a flat string per reminder, not a tree of 10 concatenations kept alive with the plan.
  const parts: string[] = [head({ dueDate: first.dueDate, days: age, amount: formatYuan(total) })];
  for (const i of items) {
    let bills = '';
    for (let k = 0; k < i.bills.length; k++) {
      const b = i.bills[k]!;
      let feeType = texts.feeType.get(b.feeType);
      if (feeType === undefined) texts.feeType.set(b.feeType, (feeType = feeTypeLabel(b.feeType, locale)));
      if (k > 0) bills += texts.listSep;
      bills += texts.bill({ period: b.period, feeType, amount: formatYuan(b.outstandingCents) });
    }
    parts.push(texts.unit({ unit: i.unitLabel, bills, dueDate: i.dueDate }));
  }
  parts.push(age > 0 ? texts.tailOverdue : texts.tail);
  return parts.join('\n');
}
