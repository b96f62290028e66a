// 误报 N [原因] (#19): a ticket staff found to be a false alarm (a prank 着火了, a leak that was the neighbour's mop
// water) is flagged and left out of every figure supervisors are judged on — SLA %, CSAT, 二次投诉, the category
// counts — and shown beside them as its own number. An open one is closed (its ladder and 回访 stop) and its owner
// told. Who may: 领班, 主管, 经理 only, never the assignee as such: a flag that removes a ticket from the figures must
// not be set by the person those figures judge (an assistant asks the 领班, who sees the ticket's record first).
import type { FalseAlarmRepository } from '../db/repositories.js';
import type { TicketRow } from '../db/ticket.repo.js';
import { t, type Locale } from '../i18n/index.js';
import type { Notifier } from '../notify/notifier.js';
import { AppError, userMessage } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { formatLocal } from '../shared/zoned-time.js';
import { categoryLabel, statusLabel } from './status-labels.js';

export const FALSE_ALARM_REASON_MAX = 200;

export interface FalseAlarmActor {
  staffId: string;
  name: string;
}

export class FalseAlarmService {
  constructor(
    private readonly falseAlarms: FalseAlarmRepository,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
  ) {}

  /** Marks `ticket` a false alarm; returns the reply for the staff member. */
  async mark(
    actor: FalseAlarmActor,
    ticket: TicketRow,
    reason: string,
    ctx: { locale: Locale; timezone: string },
  ): Promise<string> {
    const length = [...reason].length;
    if (length > FALSE_ALARM_REASON_MAX)
      throw new AppError('BAD_INPUT', 'false alarm reason too long', userMessage('falseAlarm.tooLong', { length }));
    const now = this.now();
    const ownerReason = (locale: Locale) => (reason ? t(locale, 'falseAlarm.ownerReason', { reason }) : '');
    const r = await this.falseAlarms.mark(ticket.id, {
      at: now,
      by: { actor: `staff:${actor.staffId}`, actorName: actor.name },
      note: reason || null,
      tellOwner: (store, row) =>
        this.notifier.person(store, row.personId, {
          kind: 'notice',
          // The owner reads it in their own language.
          message: (locale: Locale) => ({
            text: t(locale, 'falseAlarm.owner', {
              number: row.number,
              category: categoryLabel(row.category, locale),
              reason: ownerReason(locale),
            }),
            template: {
              type: 'ticket',
              estateId: row.estateId,
              facts: {
                ticketNumber: row.number,
                category: categoryLabel(row.category, locale),
                status: statusLabel('CLOSED', locale),
              },
            },
          }),
          dedupeKey: `ticket:${row.id}:false-alarm`,
          at: now,
        }),
    });
    const number = ticket.number;
    switch (r.result) {
      case 'marked':
        return t(ctx.locale, r.closed && ticket.status !== 'RESOLVED' ? 'falseAlarm.doneClosed' : 'falseAlarm.done', {
          number,
        });
      case 'already':
        return t(ctx.locale, 'falseAlarm.already', {
          number,
          at: r.ticket.falseAlarmAt ? formatLocal(r.ticket.falseAlarmAt, ctx.timezone) : '—',
        });
      case 'withdrawn':
        return t(ctx.locale, 'falseAlarm.withdrawn', { number });
      case 'changed':
        throw new AppError('CONFLICT', 'false alarm race', userMessage('falseAlarm.race', { number }));
    }
  }
}
