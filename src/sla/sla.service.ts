// The ladder sweep: reads only tickets whose nextSlaCheckAt has come (indexed), works out which steps are due by the
// pure rules in ladder.ts, and takes them — each step once per ticket per round, however many sweeps run at once.
import type { SlaRepository, SlaStepWrite, SlaTicket } from '../db/repositories.js';
import { formatLocal } from '../shared/zoned-time.js';
import { slaPolicyOf, type SlaPolicy } from './sla-limits.js';
import type { CalendarLike } from './business-time.js';
import { calendarFor, type DeskCalendarInput } from './desk-settings.js';
import {
  clockFor,
  clockOf,
  isRoundTheClock,
  PRIORITY_LABEL,
  STEP_BIT,
  STEP_LABEL,
  stepsDue,
  type PlannedStep,
  type SlaStep,
} from './ladder.js';
import type { Clock } from '../shared/clock.js';
import { t as tr } from '../i18n/index.js';
import type { Notifier } from '../notify/notifier.js';

const OPEN = new Set(['NEW', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS']);

/** Who is asked to act, by step (staff groups read zh-CN). */
const ask = (step: SlaStep): string => tr('zh-CN', `sla.ask.${step}`);

interface EstateBits {
  limits: SlaPolicy;
  tz: string;
  /** The estate's desk calendar (its staffed days and shifts). */
  calendar: CalendarLike;
}

export interface SlaSweepResult {
  checked: number;
  steps: number;
}

export class SlaService {
  constructor(
    private readonly repo: SlaRepository,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    /** The desk calendar (one, or each estate's); emergencies and urgent tickets run round the clock regardless. */
    private readonly calendar: DeskCalendarInput,
    private readonly now: Clock,
    private readonly batch = 500,
  ) {}

  /** One sweep. Safe to run concurrently and to re-run: a step is written only by the sweep that wins its ticket. */
  async sweep(at: Date = this.now()): Promise<SlaSweepResult> {
    const rows = await this.repo.due(at, this.batch);
    // One read per estate per sweep, not per ticket.
    const estates = new Map<string, Promise<EstateBits>>();
    const estateOf = (id: string) => {
      let e = estates.get(id);
      if (!e)
        estates.set(
          id,
          (e = Promise.all([
            this.repo.estateSettings(id),
            this.repo.estateZone(id),
            calendarFor(this.calendar, id),
          ]).then(([s, tz, calendar]) => ({ limits: slaPolicyOf(s), tz, calendar }))),
        );
      return e;
    };
    let steps = 0;
    const failed: unknown[] = [];
    for (const t of rows) {
      // One broken ticket must not hold up the ladder of all the others.
      try {
        steps += await this.check(t, at, await estateOf(t.estateId));
      } catch (err) {
        failed.push(err);
      }
    }
    if (failed.length > 0)
      throw new AggregateError(
        failed,
        `SLA sweep: ${failed.length} of ${rows.length} tickets failed (${steps} steps taken)`,
      );
    return { checked: rows.length, steps };
  }

  private async check(t: SlaTicket, now: Date, estate: EstateBits): Promise<number> {
    const expect = { id: t.id, round: t.round, status: t.status, slaLevel: t.slaLevel };
    const clock = clockOf(t);
    if (!OPEN.has(t.status) || clock.paused) {
      // Nothing runs on a closed or waiting ticket: drop it from the scan.
      await this.repo.takeSteps(
        this.notifier,
        expect,
        { slaLevel: t.slaLevel, nextSlaCheckAt: null },
        { ...t, at: now },
        [],
      );
      return 0;
    }
    const limits = estate.limits(t.kind, t.category, t.priority);
    const cal = clockFor(t.kind, t.priority, estate.calendar);
    const { due, nextCheckAt } = stepsDue(cal, limits, clock, now);
    const level = due.reduce((l, d) => l | STEP_BIT[d.step], t.slaLevel);
    // Night: non-urgent pings wait in the outbox for the desk to open; emergencies and urgent work never wait.
    const notBefore = isRoundTheClock(t.kind, t.priority) ? now : estate.calendar.nextShiftStart(now);
    const steps = due.map((d) => this.announce(t, d, { at: now, notBefore }, estate.tz));
    const won = await this.repo.takeSteps(
      this.notifier,
      expect,
      { slaLevel: level, nextSlaCheckAt: nextCheckAt },
      { ...t, at: now },
      steps,
    );
    return won ? due.length : 0;
  }

  private announce(t: SlaTicket, d: PlannedStep, when: { at: Date; notBefore: Date }, tz: string): SlaStepWrite {
    const text = tr('zh-CN', 'sla.reminder', {
      what: tr('zh-CN', t.kind === 'EMERGENCY' ? 'sla.what.emergency' : 'sla.what.ticket'),
      number: t.number,
      category: t.category,
      priority: PRIORITY_LABEL[t.priority] ?? t.priority,
      step: STEP_LABEL[d.step],
      at: formatLocal(d.at, tz, 'datetime'),
      ask: ask(d.step),
    });
    return {
      event: {
        actor: 'system:sla',
        actorName: tr('zh-CN', 'sla.monitor'),
        action: `sla_${d.step}`,
        note: STEP_LABEL[d.step],
      },
      to: d.target,
      notice: {
        kind: isRoundTheClock(t.kind, t.priority) ? 'urgent' : 'notice',
        message: { text },
        dedupeKey: `sla:${t.id}:${t.round}:${d.step}`,
        ...when,
      },
    };
  }
}
