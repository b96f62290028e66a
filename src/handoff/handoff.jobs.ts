// The callback-due sweep (回电提醒) every 5 minutes during desk hours; each request is reminded once (outbox dedupe).
import type { Job } from '../jobs/job.js';
import type { DeskCalendarInput } from '../sla/desk-settings.js';
import type { HandoffService } from './handoff.service.js';

export interface HandoffJobDeps {
  handoffs: HandoffService;
  calendar: DeskCalendarInput;
  timezoneOf: (estateId: string) => Promise<string | null>;
}

export function handoffJobs(deps: HandoffJobDeps): Job[] {
  return [
    {
      id: 'handoff.callback-reminders',
      cron: '*/5 * * * *',
      description: '回电提醒：到了业主希望的联系时间（“尽快”为 30 个工作分钟）仍未结案的转人工请求',
      catchUp: 'none',
      async handler(ctx) {
        const queued = await deps.handoffs.remindDue(deps.calendar, deps.timezoneOf);
        if (queued > 0) ctx.logger.info({ queued }, 'callback reminders');
      },
    },
  ];
}
