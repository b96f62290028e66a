// Key desk jobs: the 1-hour-before reminder (every 5 minutes, through the outbox) and the 未到 sweep.
// The service reads its own clock; a missed tick is caught up once: reminders of the window are still useful.
import { countedJob } from '../jobs/counted-job.js';
import type { Job } from '../jobs/job.js';
import type { KeyService } from './key.service.js';

export interface KeyJobDeps {
  keys: KeyService;
}

export function keyJobs(deps: KeyJobDeps): Job[] {
  return [
    countedJob('keys.reminders', '*/5 * * * *', '钥匙预约前 1 小时提醒业主', 'key reminders queued', () =>
      deps.keys.sendReminders(),
    ),
    countedJob(
      'keys.no-shows',
      '*/5 * * * *',
      '钥匙预约超过 30 分钟未到，标记未到并告知业主',
      'key no-shows marked',
      () => deps.keys.sweepNoShows(),
    ),
  ];
}
