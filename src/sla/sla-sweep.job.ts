// The SLA ladder sweep, every minute (missed minutes are not replayed: the next sweep sees everything due anyway).
import type { Job } from '../jobs/job.js';
import type { SlaService } from './sla.service.js';

export interface SlaJobDeps {
  sla: SlaService;
}

export function slaJobs(deps: SlaJobDeps): Job[] {
  return [
    {
      id: 'sla.ladder-sweep',
      cron: '* * * * *',
      description: '时限监督：80% 预警、超时升级领班/主管/经理、特发事件无人确认通知经理',
      catchUp: 'none',
      async handler(ctx) {
        const r = await deps.sla.sweep(ctx.now);
        if (r.steps > 0) ctx.logger.info(r, 'sla ladder steps');
      },
    },
  ];
}
