// Daily 催缴 run: load arrears → plan (arrears-campaign.ts) → per owner, the notice record and the outbox rows in one
// transaction. A rerun of the same day (crash, second instance, catch-up) finds the records and sends nothing twice.
import type { NoticeTemplateRef } from '../notify/channel.js';
import type { FeeRepository } from '../db/repositories.js';
import type { Job } from '../jobs/job.js';
import { releaseAt } from '../notify/quiet-hours.js';
import { addLocalDays, localDateKey } from '../shared/zoned-time.js';
import { planReminders, reminderText, type ArrearsBill, type PlannedReminder } from './arrears-campaign.js';
import type { Locale } from '../i18n/index.js';
import { feeSettingsOf } from './fee-settings.js';
import { FEE_TYPE_LABELS, formatYuan, type FeeType } from './fee.rules.js';
import type { Notifier } from '../notify/notifier.js';

export interface FeeJobDeps {
  /** The root bundle's (its reads run as prepared driver statements, outside any transaction). */
  fees: FeeRepository;
  /** Writes the reminders (over the composition root's channel registry). */
  notifier: Notifier;
  /** Default '0 10 * * *': mid-morning, well inside the 08:30–21:00 window. */
  cron?: string;
}

export interface CampaignEstate {
  id: string;
  name: string;
  deskPhone: string;
  timezone: string;
  settings: unknown;
}

export interface CampaignResult {
  planned: number;
  recorded: number;
}

/** The day's plan for one estate: the reads the campaign needs, then the pure planning (also what the bench times). */
export async function planArrearsCampaign(
  fees: FeeRepository,
  estate: CampaignEstate,
  now: Date,
): Promise<PlannedReminder[]> {
  const settings = feeSettingsOf(estate.settings);
  const tz = estate.timezone;
  const today = localDateKey(now, tz);
  const earliestOffset = Math.min(...settings.reminderOffsetsDays);
  // The rows as they come (feeType is one of FEE_TYPES: the import writes nothing else); no 100k-object copy.
  const bills = (await fees.arrearsBills(estate.id, addLocalDays(today, -earliestOffset))) as ArrearsBill[];
  if (bills.length === 0) return [];
  const fromDue = bills.reduce((m, b) => (b.dueDate < m ? b.dueDate : m), today);
  const since = new Date(now.getTime() - (settings.minDaysBetweenReminders + 2) * 86_400_000);
  const last = await fees.lastReminders(since);
  return planReminders({
    today,
    settings,
    estate: { name: estate.name, deskPhone: estate.deskPhone },
    bills,
    owners: await fees.estateOwners(estate.id),
    optedOut: await fees.optedOut(),
    lastReminderDate: new Map([...last].map(([p, at]) => [p, localDateKey(at, tz)])),
    sent: await fees.sentNoticeKeys(estate.id, fromDue),
  });
}

export async function runArrearsCampaign(
  fees: FeeRepository,
  notifier: Notifier,
  estate: CampaignEstate,
  now: Date,
  /** Test hook: called after each recorded reminder (a throw simulates a crash mid-run). */
  afterEach?: (n: number) => void,
): Promise<CampaignResult> {
  const plan = await planArrearsCampaign(fees, estate, now);
  if (plan.length === 0) return { planned: 0, recorded: 0 };
  // A late run (catch-up at 22:30) queues for 08:30; the dispatcher would hold it too, but this keeps the record honest.
  const release = releaseAt('reminder', now, estate.timezone);
  let recorded = 0;
  // The plan holds each reminder in zh-CN; an owner account that chose English gets it built again in English.
  const input = {
    settings: feeSettingsOf(estate.settings),
    estate: { name: estate.name, deskPhone: estate.deskPhone },
  };
  for (const r of plan) {
    const ok = await fees.recordReminder(notifier, {
      estateId: estate.id,
      personId: r.personId,
      items: r.items.map((i) => ({
        unitId: i.unitId,
        dueDate: i.dueDate,
        stage: i.stage,
        amountCents: i.outstandingCents,
        summary: `${i.unitLabel} ${i.bills.map((b) => `${b.period}${FEE_TYPE_LABELS[b.feeType]}${formatYuan(b.outstandingCents)}`).join('、')}`,
        dedupeKey: i.dedupeKey,
      })),
      message: (locale: Locale) => ({
        text: locale === 'zh-CN' ? r.text : reminderText(r.items, input, locale),
        template: arrearsTemplate(estate, r),
      }),
      dedupeKey: r.dedupeKey,
      at: now,
      notBefore: release, // = now in daytime; the job's clock, not the outbox's, so a simulated clock holds too
    });
    if (ok) {
      recorded++;
      afterEach?.(recorded);
    }
  }
  return { planned: plan.length, recorded };
}

export function feeJobs(deps: FeeJobDeps): Job[] {
  return [
    {
      id: 'fee-arrears-campaign',
      cron: deps.cron ?? '0 10 * * *',
      description: '物业费催缴提醒（到期前7天、到期日、逾期3天和15天）',
      catchUp: 'once',
      handler: async (ctx) => {
        for (const estate of await deps.fees.estates()) {
          const r = await runArrearsCampaign(deps.fees, deps.notifier, estate, ctx.now);
          ctx.logger.info({ estateId: estate.id, ...r }, 'fee arrears campaign');
        }
      },
    },
  ];
}

/**
 * 催缴 facts for a template message outside a chat window (WeChat OA): the estate maps them to its template's keywords
 * ({unit}, {amount}, {dueDate}, {period}, {estate}). The oldest debt leads, as in the text.
 */
export function arrearsTemplate(estate: { id: string; name: string }, r: PlannedReminder): NoticeTemplateRef {
  const first = r.items[0];
  const units = [...new Set(r.items.map((i) => i.unitLabel))];
  return {
    type: 'arrears',
    estateId: estate.id,
    facts: {
      unit: units.length > 1 ? `${units[0] ?? ''}等${units.length}户` : (units[0] ?? ''),
      amount: formatYuan(r.items.reduce((sum, i) => sum + i.outstandingCents, 0)),
      dueDate: first?.dueDate ?? '',
      period: [...new Set((first?.bills ?? []).map((b) => b.period))].join('、'),
      estate: estate.name,
    },
  };
}
