// Quiet hours per message kind: an owner's fee reminder waits for the morning, an emergency never waits.
// Wall-clock times are the estate's local time.
import { addLocalDays, localDateKey, localParts, zonedTime } from '../shared/zoned-time.js';

export type QuietPolicy =
  | { waits: false }
  /** Sendable from `fromMinute` (inclusive) to `untilMinute` (exclusive), minutes after local midnight. */
  | { waits: true; fromMinute: number; untilMinute: number };

const DAYTIME: QuietPolicy = { waits: true, fromMinute: 8 * 60 + 30, untilMinute: 21 * 60 };

/** Defaults from the procedures: quiet hours 21:00–08:30 for owner-facing reminders and surveys. */
export const DEFAULT_QUIET_POLICIES: Readonly<Record<string, QuietPolicy>> = {
  urgent: { waits: false },
  reminder: DAYTIME,
  survey: DAYTIME,
  /** 公告 to owners (#20) that are not urgent: 停水 tomorrow can wait for the morning; urgent ones are kind 'urgent'. */
  announcement: DAYTIME,
};

/** Kinds not listed (staff notices, replies) are sent at any hour. */
const ANY_TIME: QuietPolicy = { waits: false };

function policyFor(
  kind: string,
  policies: Readonly<Record<string, QuietPolicy>> = DEFAULT_QUIET_POLICIES,
): QuietPolicy {
  return policies[kind] ?? ANY_TIME;
}

/** The earliest instant ≥ `at` when a message of `kind` may go out (`at` itself when it may go now). */
export function releaseAt(
  kind: string,
  at: Date,
  tz: string,
  policies: Readonly<Record<string, QuietPolicy>> = DEFAULT_QUIET_POLICIES,
): Date {
  const policy = policyFor(kind, policies);
  if (!policy.waits) return at;
  const p = localParts(at, tz);
  const minute = p.hour * 60 + p.minute;
  if (minute >= policy.fromMinute && minute < policy.untilMinute) return at;
  const today = localDateKey(at, tz);
  const day = minute < policy.fromMinute ? today : addLocalDays(today, 1);
  return zonedTime(day, policy.fromMinute, tz);
}
