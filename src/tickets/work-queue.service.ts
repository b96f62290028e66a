// Staff work lists (#19): 待处理 — open tickets nobody has claimed, oldest first, with when a response is due; 我的 —
// the caller's open tickets by resolve due time. Every line starts with the number the next command acts on.
import type { QueueTicket, WorkQueueRepository } from '../db/repositories.js';
import { STATUS_LABEL } from './status-labels.js';
import { t, type Locale } from '../i18n/index.js';
import { formatLocal } from '../shared/zoned-time.js';
import type { Clock } from '../shared/clock.js';

/** Long enough for a shift's backlog, short enough for one chat message on every channel. */
export const QUEUE_LINES = 15;

export interface QueueEstate {
  id: string;
  timezone: string;
}

export class WorkQueueService {
  constructor(
    private readonly queue: WorkQueueRepository,
    private readonly now: Clock,
  ) {}

  async unclaimedText(estate: QueueEstate, locale: Locale): Promise<string> {
    const { items, total } = await this.queue.unclaimed(estate.id, QUEUE_LINES);
    if (total === 0) return t(locale, 'queue.empty');
    const now = this.now();
    const lines = items.map((q) =>
      t(locale, 'queue.line', {
        ...this.head(q, locale),
        created: formatLocal(q.createdAt, estate.timezone),
        due: this.due(q.ackDueAt, now, estate.timezone, locale),
      }),
    );
    return [
      t(locale, 'queue.head', { count: total }),
      ...lines,
      ...this.more(total, locale),
      t(locale, 'queue.hint'),
    ].join('\n');
  }

  async mineText(staffId: string, estate: QueueEstate, locale: Locale): Promise<string> {
    const { items, total } = await this.queue.assignedTo(staffId, QUEUE_LINES);
    if (total === 0) return t(locale, 'mine.empty');
    const now = this.now();
    const lines = items.map((q) =>
      t(locale, 'mine.line', {
        ...this.head(q, locale),
        status: STATUS_LABEL[q.status],
        due: this.due(q.resolveDueAt, now, estate.timezone, locale),
      }),
    );
    return [
      t(locale, 'mine.head', { count: total }),
      ...lines,
      ...this.more(total, locale),
      t(locale, 'mine.hint'),
    ].join('\n');
  }

  private head(q: QueueTicket, locale: Locale) {
    return { number: q.number, kind: t(locale, `queue.kind.${q.kind}`), category: q.category, location: q.location };
  }

  /** "12-05 14:30", with "（已超时）" once it has passed; "—" when the ticket has no such limit. */
  private due(at: Date | null, now: Date, tz: string, locale: Locale): string {
    if (!at) return t(locale, 'queue.noDue');
    const when = formatLocal(at, tz);
    return at.getTime() < now.getTime() ? t(locale, 'queue.late', { when }) : when;
  }

  private more(total: number, locale: Locale): string[] {
    return total > QUEUE_LINES ? [t(locale, 'queue.more', { count: total - QUEUE_LINES })] : [];
  }
}
