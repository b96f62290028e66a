import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/shared/clock.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { listJobRuns } from '../../src/db/job-run.repo.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import type { Job, JobContext } from '../../src/jobs/job.js';
import { Scheduler, type CronStarter } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/shared/logger.js';
import { formatLocal } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';

const TZ = 'Asia/Shanghai';

function sh(wall: string): Date {
  return new Date(`${wall.replace(' ', 'T')}+08:00`);
}

function local(d: Date): string {
  return formatLocal(d, TZ);
}

/** Stands in for node-cron: the test says when a tick happens. */
class FakeCron {
  private readonly ticks = new Map<string, (at: Date) => Promise<void>>();
  readonly starter: CronStarter = (_expr, onTick, opts) => {
    this.ticks.set(opts.name, onTick);
    return { stop: () => void this.ticks.delete(opts.name) };
  };
  async fire(jobId: string, wall: string): Promise<void> {
    const tick = this.ticks.get(`job:${jobId}`);
    if (tick) await tick(sh(wall));
  }
  get live(): number {
    return this.ticks.size;
  }
}

function captureLogs(): { logger: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const logger = createLogger('debug', { write: (s: string) => out.push(s) });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** A job whose handler records the ticks it ran. */
function recordingJob(id: string, cron: string, extra: Partial<Job> = {}): Job & { ran: string[] } {
  const ran: string[] = [];
  return {
    id,
    cron,
    description: `test job ${id}`,
    ran,
    handler: async (ctx: JobContext) => {
      ran.push(local(ctx.scheduledFor));
    },
    ...extra,
  };
}

describeEachDb('Scheduler', (provider) => {
  let db: TestDatabase;
  let second: Database; // another instance's client on the same database
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    second = await openDatabase(db.url, { migrate: false });
  });
  afterAll(async () => {
    await second.close();
    await db.drop();
  });

  function scheduler(
    jobs: Job[],
    clock: { now: Date },
    opts: { prisma?: Database['prisma']; cron?: FakeCron; logger?: ReturnType<typeof createLogger> } = {},
  ): Scheduler {
    return new Scheduler({
      jobRuns: createRepositories(opts.prisma ?? db.prisma).jobRuns,
      jobs,
      tz: TZ,
      logger: opts.logger ?? createLogger('silent'),
      now: () => clock.now,
      startCron: (opts.cron ?? new FakeCron()).starter,
    });
  }

  it('two instances racing for the same tick: the handler runs once', async () => {
    let calls = 0;
    const job: Job = {
      id: 'race',
      cron: '*/5 * * * *',
      description: 'race',
      handler: async () => {
        calls++;
      },
    };
    const clock = { now: sh('2026-11-28 10:05') };
    const a = scheduler([job], clock);
    const b = scheduler([job], clock, { prisma: second.prisma });
    const outcomes = await Promise.all([a.runDue(clock.now, 'race'), b.runDue(clock.now, 'race')]);
    expect(calls).toBe(1);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    const runs = await listJobRuns(db.prisma, 'race');
    expect(runs.map((r) => [local(r.scheduledFor), r.status])).toEqual([['2026-11-28 10:05', 'DONE']]);
  });

  it('restart after downtime runs the missed 09:00 once; a second start runs nothing', async () => {
    const job = recordingJob('daily-report', '0 9 * * *');
    const clock = { now: sh('2026-11-27 08:00') };
    const cron = new FakeCron();
    const first = scheduler([job], clock, { cron });
    await first.start();
    clock.now = sh('2026-11-27 09:00');
    await cron.fire('daily-report', '2026-11-27 09:00');
    expect(job.ran).toEqual(['2026-11-27 09:00']);
    await first.stop();

    // Down through today's 09:00; back at 10:00.
    clock.now = sh('2026-11-28 10:00');
    await scheduler([job], clock).start();
    expect(job.ran).toEqual(['2026-11-27 09:00', '2026-11-28 09:00']);

    clock.now = sh('2026-11-28 10:30');
    await scheduler([job], clock).start();
    expect(job.ran).toEqual(['2026-11-27 09:00', '2026-11-28 09:00']);
  });

  it('several missed days are caught up as one run, the latest', async () => {
    const job = recordingJob('sweep', '0 9 * * *');
    const clock = { now: sh('2026-11-20 09:00') };
    const s = scheduler([job], clock);
    await s.runDue(clock.now, 'sweep');
    clock.now = sh('2026-11-28 10:00');
    await scheduler([job], clock).start();
    expect(job.ran).toEqual(['2026-11-20 09:00', '2026-11-28 09:00']);
  });

  it('first ever start runs no history, but the next tick runs', async () => {
    const every5 = recordingJob('new-every5', '*/5 * * * *');
    const daily = recordingJob('new-daily', '0 9 * * *');
    const clock = { now: sh('2026-11-28 10:07') };
    const cron = new FakeCron();
    await scheduler([every5, daily], clock, { cron }).start();
    expect(every5.ran).toEqual([]);
    expect(daily.ran).toEqual([]);
    const runs = await listJobRuns(db.prisma, 'new-every5');
    expect(runs.map((r) => [local(r.scheduledFor), r.status])).toEqual([['2026-11-28 10:05', 'SKIPPED']]);

    clock.now = sh('2026-11-28 10:10');
    await cron.fire('new-every5', '2026-11-28 10:10');
    expect(every5.ran).toEqual(['2026-11-28 10:10']);
  });

  it("catchUp 'none' drops ticks missed while down", async () => {
    const job = recordingJob('live-only', '0 9 * * *', { catchUp: 'none' });
    const clock = { now: sh('2026-11-26 09:00') };
    await scheduler([job], clock).runDue(clock.now, 'live-only');
    clock.now = sh('2026-11-28 10:00');
    await scheduler([job], clock).start();
    expect(job.ran).toEqual(['2026-11-26 09:00']);
  });

  it('a throwing handler is recorded FAILED and logged; that tick is not retried, the next one runs', async () => {
    let calls = 0;
    const job: Job = {
      id: 'flaky',
      cron: '*/5 * * * *',
      description: 'flaky',
      handler: async () => {
        calls++;
        if (calls === 1) throw new Error('短信网关超时');
      },
    };
    const clock = { now: sh('2026-11-28 10:00') };
    const cron = new FakeCron();
    const logs = captureLogs();
    const s = scheduler([job], clock, { cron, logger: logs.logger });
    await s.start();

    await cron.fire('flaky', '2026-11-28 10:05');
    const afterFailure = await listJobRuns(db.prisma, 'flaky');
    const failed = afterFailure.find((r) => local(r.scheduledFor) === '2026-11-28 10:05');
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toContain('短信网关超时');
    const errorLine = logs.lines().find((l) => l.level === 50 && l.job === 'flaky');
    expect(errorLine?.msg).toMatch(/job failed/);
    expect(JSON.stringify(errorLine?.err)).toContain('短信网关超时');

    // Another instance seeing the same tick does not retry it.
    expect(await s.runDue(sh('2026-11-28 10:05'), 'flaky')).toBe('skipped');
    expect(calls).toBe(1);

    await cron.fire('flaky', '2026-11-28 10:10');
    expect(calls).toBe(2);
    const done = (await listJobRuns(db.prisma, 'flaky')).find((r) => local(r.scheduledFor) === '2026-11-28 10:10');
    expect(done?.status).toBe('DONE');
    await s.stop();
  });

  it('stop() waits for a handler in flight, then nothing new starts', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    let calls = 0;
    const job: Job = {
      id: 'slow',
      cron: '* * * * *',
      description: 'slow',
      catchUp: 'none',
      handler: async () => {
        calls++;
        started();
        await gate;
        finished = true;
      },
    };
    const clock = { now: sh('2026-11-28 10:00') };
    const cron = new FakeCron();
    const s = scheduler([job], clock, { cron });
    await s.start();
    const tick = cron.fire('slow', '2026-11-28 10:01');
    await handlerStarted;

    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    expect(cron.live).toBe(0);

    release();
    await stopping;
    await tick;
    expect(finished).toBe(true);
    const runs = await listJobRuns(db.prisma, 'slow');
    expect(runs.map((r) => r.status)).toEqual(['DONE']);

    expect(await s.runDue(sh('2026-11-28 10:02'), 'slow')).toBe('skipped');
    expect(calls).toBe(1);
  });

  it('starts and stops with the real node-cron', async () => {
    const job = recordingJob('real-cron', '0 9 1 1 *');
    // node-cron fires on the process clock, so this scheduler reads it too.
    const s = new Scheduler({
      jobRuns: createRepositories(db.prisma).jobRuns,
      jobs: [job],
      tz: TZ,
      logger: createLogger('silent'),
      now: systemClock,
    });
    await s.start();
    await s.stop();
    expect(job.ran).toEqual([]);
  });
});

describe('Scheduler configuration', () => {
  const base = { jobRuns: {} as never, logger: createLogger('silent'), now: systemClock };
  const job = (id: string, cron: string): Job => ({ id, cron, description: id, handler: async () => undefined });

  it('refuses duplicate job ids, bad cron expressions and unknown zones up front', () => {
    expect(() => new Scheduler({ ...base, jobs: [job('a', '* * * * *'), job('a', '0 9 * * *')] })).toThrow(
      /Duplicate job id "a"/,
    );
    expect(() => new Scheduler({ ...base, jobs: [job('b', '0 25 * * *')] })).toThrow(/hour 25/);
    expect(() => new Scheduler({ ...base, jobs: [], tz: 'Mars/Olympus' })).toThrow(/Unknown time zone/);
  });
});
