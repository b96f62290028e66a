// Most jobs are "do the work, log how many things it touched": one shape instead of a hand-written handler each.
import type { Job } from './job.js';

/** A job whose `run` returns how many items it handled; a non-zero count is logged as `logMessage`. */
export function countedJob(
  id: string,
  cron: string,
  description: string,
  logMessage: string,
  run: (now: Date) => Promise<number>,
): Job {
  return {
    id,
    cron,
    description,
    handler: async (ctx) => {
      const n = await run(ctx.now);
      if (n > 0) ctx.logger.info({ n }, logMessage);
    },
  };
}
