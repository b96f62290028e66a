// A scheduled job is data: an id, a 5-field cron in the estate's zone, and a handler. The scheduler owns
// timing, de-duplication across instances, catch-up and error containment; handlers only do the work.
import type { Logger } from '../shared/logger.js';

export interface JobContext {
  /** The tick being run (a whole minute), not the wall time it happened to start at. */
  scheduledFor: Date;
  now: Date;
  logger: Logger;
}

export interface Job {
  /** Stable id: it is half of the run key, so renaming a job restarts its history. */
  id: string;
  cron: string;
  description: string;
  /** 'once' (default): after downtime, the latest missed tick runs once at start-up. 'none': missed ticks are dropped. */
  catchUp?: 'once' | 'none';
  handler(ctx: JobContext): Promise<void>;
}
