// Scheduled complaint work: the 回访 sweep (surveys after resolve, one reminder) every 10 minutes.
import type { EstateInfo } from '../estate/estate.service.js';
import type { Job } from '../jobs/job.js';
import type { ComplaintService } from './complaint.service.js';

export interface ComplaintJobDeps {
  complaints: ComplaintService;
  estateById: (id: string) => Promise<EstateInfo | null>;
}

export function complaintJobs(deps: ComplaintJobDeps): Job[] {
  return [
    {
      id: 'complaints.callback-surveys',
      cron: '*/10 * * * *',
      description: '投诉回访：办结后发送满意度回访，未答复提醒一次',
      catchUp: 'once',
      async handler(ctx) {
        const r = await deps.complaints.runSurveys(deps.estateById);
        if (r.asked || r.reminded || r.skipped) ctx.logger.info(r, 'complaint surveys');
      },
    },
  ];
}
