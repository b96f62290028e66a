// Daily/weekly renovation jobs: owner reminder before a permit ends, expiry marking (+ the assistants' group is
// told where work may go on past the permit), and the weekly active-permit list for the foremen group.
// All times come from the job context, so the jobs run the same on a simulated clock.
import type { PermitRow, Repositories } from '../db/repositories.js';
import { countedJob } from '../jobs/counted-job.js';
import type { Job } from '../jobs/job.js';
import { unitLabel } from '../identity/sender.js';
import type { Notifier } from '../notify/notifier.js';
import { maskPhone } from '../shared/phone.js';
import { t, type Locale } from '../i18n/index.js';
import { addLocalDays, localDateKey } from '../shared/zoned-time.js';
import { daysBetween, permitStatusText } from './extension.rules.js';
import { renovationSettings } from './renovation-settings.js';

/** What the renovation jobs read and write: permits, and the outbox for their notices. */
export type RenovationJobRepos = Pick<Repositories, 'renovation' | 'outbox'>;

export interface RenovationJobDeps {
  repos: RenovationJobRepos;
  /** Writes the reminders and lists (over the composition root's channel registry). */
  notifier: Notifier;
}

type EstateForJobs = Awaited<ReturnType<Repositories['renovation']['estatesForJobs']>>[number];

function settingsOf(e: EstateForJobs) {
  const raw =
    e.settings && typeof e.settings === 'object' && !Array.isArray(e.settings)
      ? (e.settings as Record<string, unknown>)
      : {};
  return renovationSettings(raw);
}

async function labels(
  repos: RenovationJobRepos,
  permits: PermitRow[],
): Promise<Map<string, { building: string; label: string }>> {
  const units = await repos.renovation.unitsWithBuilding(permits.map((p) => p.unitId));
  return new Map(
    permits.map((p) => {
      const u = units.get(p.unitId);
      return [p.id, { building: u?.building ?? '?', label: u ? unitLabel(u.building, u.entrance, u.room) : p.unitId }];
    }),
  );
}

/**
 * Reminds owners whose permit ends within the threshold (default 3 days). The dedupe key holds the end date, so a
 * permit is reminded once per threshold, and again after an extension moves its end. Returns reminders queued.
 */
export async function sendPermitReminders(repos: RenovationJobRepos, notifier: Notifier, now: Date): Promise<number> {
  let queued = 0;
  for (const estate of await repos.renovation.estatesForJobs()) {
    const days = settingsOf(estate).reminderDaysBefore;
    const today = localDateKey(now, estate.timezone);
    for (const p of await repos.renovation.runningPermitsEndingBetween(estate.id, today, addLocalDays(today, days))) {
      const left = daysBetween(today, p.endDate);
      const n = await notifier.person(repos.outbox, p.ownerPersonId, {
        kind: 'reminder',
        message: (locale: Locale) => ({
          text:
            left === 0
              ? t(locale, 'reno.remind.today', { number: p.number })
              : t(locale, 'reno.remind.inDays', { number: p.number, days: left, end: p.endDate }),
          suggestions: [t(locale, 'reno.remind.extendButton'), t(locale, 'reno.remind.listButton')],
        }),
        dedupeKey: `permit-reminder:${p.id}:${p.endDate}:${days}d`,
        at: now,
      });
      if (n > 0) queued++;
    }
  }
  return queued;
}

/** Marks permits past their end date EXPIRED; owners are told, and the assistants' group checks sites still working. */
export async function expirePermits(repos: RenovationJobRepos, notifier: Notifier, now: Date): Promise<number> {
  let expired = 0;
  for (const estate of await repos.renovation.estatesForJobs()) {
    const today = localDateKey(now, estate.timezone);
    const permits = await repos.renovation.runningPermitsEndedBefore(estate.id, today);
    const where = await labels(repos, permits);
    for (const p of permits) {
      const dedupeKey = `permit-expired:${p.id}:${p.endDate}`;
      const owner = {
        kind: 'notice',
        message: (locale: Locale) => ({ text: t(locale, 'reno.expired.owner', { number: p.number, end: p.endDate }) }),
        dedupeKey,
        at: now,
      };
      // Only a permit that was ACTIVE may still have workers on site.
      const site =
        p.status === 'ACTIVE'
          ? {
              kind: 'notice',
              message: {
                text: t('zh-CN', 'reno.staff.expired', {
                  unit: where.get(p.id)?.label ?? '',
                  number: p.number,
                  end: p.endDate,
                  contractor: p.contractor,
                  phone: maskPhone(p.foremanPhone),
                }),
              },
              dedupeKey,
              at: now,
            }
          : null;
      if (await repos.renovation.expirePermit(notifier, p, now, owner, site)) expired++;
    }
  }
  return expired;
}

/** One message per estate: running permits grouped by building, for the foremen group's weekly patrol. */
export async function sendWeeklyActiveList(repos: RenovationJobRepos, notifier: Notifier, now: Date): Promise<number> {
  let sent = 0;
  for (const estate of await repos.renovation.estatesForJobs()) {
    const today = localDateKey(now, estate.timezone);
    const permits = await repos.renovation.permitsByStatus(estate.id, ['ACTIVE', 'SUSPENDED']);
    const where = await labels(repos, permits);
    const byBuilding = new Map<string, string[]>();
    for (const p of permits) {
      const w = where.get(p.id);
      const b = w?.building ?? '?';
      byBuilding.set(b, [
        ...(byBuilding.get(b) ?? []),
        t('zh-CN', 'reno.weekly.line', {
          unit: w?.label ?? '',
          number: p.number,
          scope: p.scope,
          end: p.endDate,
          status: permitStatusText(p.status),
        }),
      ]);
    }
    const lines = [t('zh-CN', 'reno.weekly.header', { estate: estate.name, today, count: permits.length })];
    for (const b of [...byBuilding.keys()].sort((x, y) => x.localeCompare(y, 'zh-CN', { numeric: true }))) {
      lines.push(t('zh-CN', 'reno.weekly.building', { building: b }), ...(byBuilding.get(b) ?? []));
    }
    if (permits.length === 0) lines.push(t('zh-CN', 'reno.weekly.none'));
    sent += await notifier.staffGroup(repos.outbox, estate.id, 'FOREMAN', {
      kind: 'notice',
      message: { text: lines.join('\n') },
      dedupeKey: `permit-weekly:${estate.id}:${today}`,
      at: now,
    });
  }
  return sent;
}

export function renovationJobs(deps: RenovationJobDeps): Job[] {
  return [
    countedJob(
      'renovation.permit-reminders',
      '0 9 * * *',
      '装修许可到期前 3 天提醒业主',
      'permit reminders queued',
      (now) => sendPermitReminders(deps.repos, deps.notifier, now),
    ),
    countedJob(
      'renovation.permit-expiry',
      '5 0 * * *',
      '装修许可过期标记，并通知客户助理群核查仍在施工的现场',
      'permits expired',
      (now) => expirePermits(deps.repos, deps.notifier, now),
    ),
    countedJob(
      'renovation.weekly-active',
      '0 8 * * 1',
      '每周一向领班群发送各楼栋在施装修清单',
      'weekly permit lists queued',
      (now) => sendWeeklyActiveList(deps.repos, deps.notifier, now),
    ),
  ];
}

export interface ApprovalLadderJobDeps {
  renovation: { sweepApprovals(at: Date): Promise<number> };
}

/** The approval ladder of renovation requests (装修申报, 延期…): every 5 minutes, like a ticket's SLA steps. */
export function approvalLadderJobs(deps: ApprovalLadderJobDeps): Job[] {
  return [
    countedJob(
      'renovation.approval-ladder',
      '*/5 * * * *',
      '装修审批时限：80% 提醒客户助理，超时升级主管，超时一倍通知经理',
      'renovation approval ladder steps',
      (now) => deps.renovation.sweepApprovals(now),
    ),
  ];
}
