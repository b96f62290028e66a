// Key desk jobs: the 1-hour-before reminder (every 5 minutes, through the outbox) and the 未到 sweep.
import type { Job } from '../jobs/job.js';
import type { KeyService } from './key.service.js';

export interface KeyJobDeps {
  keys: KeyService;
}

export function keyJobs(deps: KeyJobDeps): Job[] {
  return [
    {
      id: 'keys.reminders',
      cron: '*/5 * * * *',
      description: '钥匙预约前 1 小时提醒业主',
      // A missed tick is caught up once: reminders of the window are still useful.
      handler: async (ctx) => {
        const n = await deps.keys.sendReminders();
        if (n > 0) ctx.logger.info({ n }, 'key reminders queued');
      },
    },
    {
      id: 'keys.no-shows',
      cron: '*/5 * * * *',
      description: '钥匙预约超过 30 分钟未到，标记未到并告知业主',
      handler: async (ctx) => {
        const n = await deps.keys.sweepNoShows();
        if (n > 0) ctx.logger.info({ n }, 'key no-shows marked');
      },
    },
  ];
}
