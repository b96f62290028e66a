// The one scheduler for timed jobs. node-cron supplies live ticks in the estate's zone; every run is keyed by
// (job, tick) in JobRun so two instances, or a restart mid-tick, never run a tick twice. At start-up the latest tick
// missed while we were down runs once. A handler that throws is recorded as FAILED and logged; the process lives on.
import cron from 'node-cron';
import type { JobRunRepository } from '../db/repositories.js';
import type { Logger } from '../shared/logger.js';
import { localParts } from '../shared/zoned-time.js';
import { parseCron, previousOccurrence, type CronExpression } from './cron-expression.js';
import type { Job } from './job.js';
import type { Clock } from '../shared/clock.js';

export const DEFAULT_TZ = 'Asia/Shanghai';

/** What starts the live ticks. Injected in tests so no real minute has to pass. */
export type CronStarter = (
  expr: string,
  onTick: (tickAt: Date) => Promise<void>,
  opts: { timezone: string; name: string; logger: Logger },
) => { stop(): void | Promise<void> };

export interface SchedulerOptions {
  /** The JobRun rows (Repositories.jobRuns). */
  jobRuns: JobRunRepository;
  jobs: readonly Job[];
  tz?: string;
  logger: Logger;
  now: Clock;
  startCron?: CronStarter;
}

/** done / failed: this instance ran the handler. skipped: someone else had the tick, or it could not be claimed. */
export type RunOutcome = 'done' | 'failed' | 'skipped';

const MINUTE_MS = 60_000;

export const nodeCronStarter: CronStarter = (expr, onTick, opts) => {
  const task = cron.schedule(expr, (ctx) => onTick(ctx.date), {
    timezone: opts.timezone,
    name: opts.name,
    // A tick that arrives while the previous one still runs is dropped, not stacked.
    noOverlap: true,
    logger: {
      info: (msg) => opts.logger.info(msg),
      warn: (msg) => opts.logger.warn(msg),
      error: (msg, err) => opts.logger.error({ err: err ?? msg }, typeof msg === 'string' ? msg : 'node-cron error'),
      debug: (msg) => opts.logger.debug(typeof msg === 'string' ? msg : msg.message),
    },
  });
  return { stop: () => task.destroy() };
};

function floorToMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / MINUTE_MS) * MINUTE_MS);
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export class Scheduler {
  private readonly jobRuns: JobRunRepository;
  private readonly jobs = new Map<string, { job: Job; cron: CronExpression }>();
  private readonly tz: string;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly startCron: CronStarter;
  private readonly inFlight = new Set<Promise<RunOutcome>>();
  private tasks: Array<{ stop(): void | Promise<void> }> = [];
  private state: 'new' | 'started' | 'stopped' = 'new';

  /** Throws on a bad job list (duplicate id, bad cron) or an unknown zone: better at start-up than at 3 a.m. */
  constructor(opts: SchedulerOptions) {
    this.jobRuns = opts.jobRuns;
    this.tz = opts.tz ?? DEFAULT_TZ;
    localParts(new Date(0), this.tz); // validates the zone
    this.logger = opts.logger.child({ component: 'scheduler' });
    this.now = opts.now;
    this.startCron = opts.startCron ?? nodeCronStarter;
    for (const job of opts.jobs) {
      if (!job.id.trim()) throw new Error('Job id must not be empty');
      if (this.jobs.has(job.id)) throw new Error(`Duplicate job id "${job.id}"`);
      this.jobs.set(job.id, { job, cron: parseCron(job.cron) });
    }
  }

  /** Starts live ticks, then runs each job's latest missed tick once. Resolves when those catch-up runs are done. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('Scheduler can only be started once');
    this.state = 'started';
    // Ticks first, catch-up second: a tick falling between the two is then seen by both and the run key
    // lets only one of them through, instead of neither.
    for (const { job } of this.jobs.values()) {
      this.tasks.push(
        this.startCron(job.cron, (tickAt) => this.onTick(job.id, tickAt), {
          timezone: this.tz,
          name: `job:${job.id}`,
          logger: this.logger,
        }),
      );
    }
    await Promise.all([...this.jobs.values()].map((entry) => this.catchUp(entry.job, entry.cron)));
    this.logger.info({ jobs: [...this.jobs.keys()], tz: this.tz }, 'scheduler started');
  }

  /** Stops the ticks and waits for handlers already running. Nothing new starts afterwards. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    const tasks = this.tasks;
    this.tasks = [];
    await Promise.all(tasks.map(async (t) => t.stop()));
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.logger.info('scheduler stopped');
  }

  /** Claims (job, tick) and runs the handler if the claim is ours. Never throws. */
  runDue(scheduledFor: Date, jobId: string): Promise<RunOutcome> {
    const run = this.claimAndRun(floorToMinute(scheduledFor), jobId);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  private async onTick(jobId: string, tickAt: Date): Promise<void> {
    if (this.state !== 'started') return;
    await this.runDue(tickAt, jobId);
  }

  private async claimAndRun(scheduledFor: Date, jobId: string): Promise<RunOutcome> {
    const entry = this.jobs.get(jobId);
    const log = this.logger.child({ job: jobId, scheduledFor: scheduledFor.toISOString() });
    if (!entry) {
      log.error('unknown job');
      return 'skipped';
    }
    if (this.state === 'stopped') return 'skipped';
    let runId: string | null;
    try {
      runId = await this.jobRuns.claim(jobId, scheduledFor, this.now());
    } catch (err) {
      log.error({ err }, 'could not claim job run');
      return 'skipped';
    }
    if (runId === null) {
      log.debug('tick already claimed elsewhere');
      return 'skipped';
    }
    let outcome: RunOutcome;
    let failure = '';
    try {
      await entry.job.handler({ scheduledFor, now: this.now(), logger: log });
      outcome = 'done';
    } catch (err) {
      outcome = 'failed';
      failure = errorText(err);
      log.error({ err }, 'job failed; the next tick runs as usual');
    }
    try {
      const result = outcome === 'done' ? { status: 'DONE' as const } : { status: 'FAILED' as const, error: failure };
      await this.jobRuns.finish(runId, result, this.now());
    } catch (err) {
      log.error({ err, outcome }, 'could not record job run outcome');
    }
    return outcome;
  }

  private async catchUp(job: Job, expr: CronExpression): Promise<void> {
    if ((job.catchUp ?? 'once') === 'none') return;
    const log = this.logger.child({ job: job.id });
    try {
      const now = this.now();
      const latestTick = previousOccurrence(expr, now, this.tz);
      const last = await this.jobRuns.latest(job.id);
      if (!last) {
        // First sight of this job: its history starts now, so nothing before counts as missed.
        await this.jobRuns.recordSkipped(job.id, latestTick, now);
        // Debug: a first start prints one per job (ten lines under the console chat's banner).
        log.debug({ baseline: latestTick.toISOString() }, 'new job; no catch-up on first start');
        return;
      }
      if (last.scheduledFor.getTime() >= latestTick.getTime()) return;
      log.info(
        { lastRun: last.scheduledFor.toISOString(), catchUp: latestTick.toISOString() },
        'ticks missed while down; running the latest once',
      );
      await this.runDue(latestTick, job.id);
    } catch (err) {
      log.error({ err }, 'catch-up failed');
    }
  }
}
