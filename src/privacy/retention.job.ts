// #17 retention: a nightly job removes what has a natural end. Our defaults (configurable by env, the same for every
// estate of an installation): the conversation state and account row of a chat account never bound to a person, once
// idle 30 days; delivered proactive messages after 90 days (the delivery record; fee reminders are remembered in
// FeeNotice, so expiring them re-sends nothing); failed binding attempts once older than every window that counts
// them (a day). Audit rows, tickets and bound accounts are kept (README → Security → Retention).
import type { RetentionCounts, RetentionRepository } from '../db/repositories.js';
import { DEFAULT_BINDING_LIMITS } from '../identity/binding.service.js';
import type { Job } from '../jobs/job.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionSettings {
  /** Unbound chat accounts idle this long lose their conversation state and their account row. */
  unboundIdleDays: number;
  /** Delivered outbox rows are deleted this long after they were sent. */
  sentOutboxDays: number;
  /** Failed binding attempts are deleted once older than this (the widest window that counts them). */
  bindingFailureMs: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  unboundIdleDays: 30,
  sentOutboxDays: 90,
  bindingFailureMs: Math.max(...Object.values(DEFAULT_BINDING_LIMITS).map((r) => r.windowMs)),
};

/** One sweep at `now`. */
export function expireData(
  retention: RetentionRepository,
  now: Date,
  settings: RetentionSettings = DEFAULT_RETENTION,
): Promise<RetentionCounts> {
  const t = now.getTime();
  return retention.expire({
    idleUnboundBefore: new Date(t - settings.unboundIdleDays * DAY_MS),
    sentOutboxBefore: new Date(t - settings.sentOutboxDays * DAY_MS),
    bindingFailuresBefore: new Date(t - settings.bindingFailureMs),
  });
}

export function retentionJobs(deps: { retention: RetentionRepository; settings?: RetentionSettings }): Job[] {
  return [
    {
      id: 'retention.expire',
      cron: '40 3 * * *',
      description: '过期数据清理（未绑定账号的闲置会话、已发送 90 天的通知、过期的绑定失败记录）',
      handler: async (ctx) => {
        const n = await expireData(deps.retention, ctx.now, deps.settings);
        if (n.states + n.identities + n.outbox + n.bindingFailures > 0) ctx.logger.info({ ...n }, 'retention: expired');
      },
    },
  ];
}
