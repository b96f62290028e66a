// The survey's scheduler jobs. Planning runs every half hour: each estate's own day and time (our default: the first
// working day of the month, 10:00) decides whether its round is due, and a round is planned once (re-runs, catch-up
// and a second instance send nothing twice). Reminders run once a day, mid-morning.
import type { Job } from '../jobs/job.js';
import type { SurveyService } from './survey.service.js';

export interface SurveyJobDeps {
  surveys: SurveyService;
}

export function surveyJobs(deps: SurveyJobDeps): Job[] {
  return [
    {
      id: 'survey.plan-month',
      cron: '*/30 * * * *',
      description: '每月满意度调查：到了本小区的调查日和时间（默认每月第一个工作日 10:00）就发出邀请',
      catchUp: 'once',
      handler: async (ctx) => {
        for (const estate of await deps.surveys.estates()) {
          const r = await deps.surveys.planMonth(estate, ctx.now);
          if (r.invited + r.skipped > 0) ctx.logger.info({ estateId: estate.id, ...r }, 'survey invitations planned');
        }
      },
    },
    {
      id: 'survey.remind',
      cron: '30 10 * * *',
      description: '满意度调查未完成的业主，邀请后 3 天（默认）提醒一次',
      catchUp: 'once',
      handler: async (ctx) => {
        for (const estate of await deps.surveys.estates()) {
          const n = await deps.surveys.remindMonth(estate, ctx.now);
          if (n > 0) ctx.logger.info({ estateId: estate.id, n }, 'survey reminders queued');
        }
      },
    },
  ];
}
