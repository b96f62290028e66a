// Per-channel send limits (design §4): sliding windows per scope (whole channel, one chat, one group) and a daily
// cap. Sliding logs rather than token buckets, because the promise is "never more than N in ANY window", which a
// refilling bucket breaks at its edges. No I/O; the clock is injected.
import { z } from 'zod';
import { addLocalDays, localDateKey, zonedTime } from '../shared/zoned-time.js';

export const windowRuleSchema = z.object({ count: z.number().int().positive(), perMs: z.number().int().positive() });
export const channelLimitsSchema = z.object({
  /** Across the whole channel account. WeChat "≥ 3 s between sends" is { count: 1, perMs: 3000 }. */
  overall: z.array(windowRuleSchema).optional(),
  /** Per recipient chat (private or group). */
  perChat: z.array(windowRuleSchema).optional(),
  /** Additionally, per group chat. */
  perGroup: z.array(windowRuleSchema).optional(),
  /** Sends per local calendar day across the channel account. */
  dailyCap: z.number().int().positive().optional(),
});
export const rateLimitsSchema = z.record(z.string(), channelLimitsSchema);

export type WindowRule = z.infer<typeof windowRuleSchema>;
export type ChannelLimits = z.infer<typeof channelLimitsSchema>;
export type RateLimits = z.infer<typeof rateLimitsSchema>;

// The limits themselves come from the channels: each adapter's descriptor declares its defaults and the channel
// registry gathers them (ChannelRegistry.limits(), src/notify/channel-registry.ts).

export interface SendTarget {
  channel: string;
  address: string;
  isGroup: boolean;
}

export type Acquire = { ok: true } | { ok: false; retryAt: Date };

/** Timestamps (ms) of the last `rule.count` sends in one scope. */
interface WindowLog {
  rule: WindowRule;
  times: number[];
}

const SWEEP_EVERY = 1000;

export class RateLimiter {
  private readonly logs = new Map<string, WindowLog[]>();
  private readonly daily = new Map<string, { day: string; count: number }>();
  private readonly blocked = new Map<string, number>();
  private ops = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => Date,
    private readonly timeZone = 'Asia/Shanghai',
  ) {}

  /** When a send to `target` is allowed (now if it is allowed now). Records nothing. */
  nextAllowedAt(target: SendTarget): Date {
    const now = this.now().getTime();
    let at = now;
    for (const [scope, rules] of this.scopes(target)) {
      const logs = this.logs.get(scope);
      for (const rule of rules) {
        const log = logs?.find((l) => l.rule === rule);
        if (log && log.times.length >= rule.count)
          at = Math.max(at, (log.times[log.times.length - rule.count] ?? 0) + rule.perMs);
      }
    }
    at = Math.max(at, this.blocked.get(chatScope(target)) ?? 0, this.blocked.get(target.channel) ?? 0);
    const cap = this.limits[target.channel]?.dailyCap;
    if (cap !== undefined) {
      const today = localDateKey(new Date(now), this.timeZone);
      const used = this.daily.get(target.channel);
      if (used && used.day === today && used.count >= cap) {
        at = Math.max(at, zonedTime(addLocalDays(today, 1), 0, this.timeZone).getTime());
      }
    }
    return new Date(at);
  }

  /** Takes a send slot if one is free now; otherwise says when to come back. */
  tryAcquire(target: SendTarget): Acquire {
    const retryAt = this.nextAllowedAt(target);
    const now = this.now().getTime();
    if (retryAt.getTime() > now) return { ok: false, retryAt };
    this.record(target, now);
    return { ok: true };
  }

  /** Counts a send that another authority (the shared ledger) allowed, so this process's view stays a lower bound. */
  recordSend(target: SendTarget): void {
    this.record(target, this.now().getTime());
  }

  /** The channel said "wait" (Telegram 429 retry_after): nothing more to this chat (or the whole channel) until then. */
  blockUntil(target: SendTarget | { channel: string }, until: Date): void {
    const key = 'address' in target ? chatScope(target) : target.channel;
    this.blocked.set(key, Math.max(this.blocked.get(key) ?? 0, until.getTime()));
  }

  /**
   * A send to `target` has just ended. Where a rule allows one message per N ms (Telegram per chat, WeChat overall),
   * the next send waits N ms from now rather than from when this one started, so a slow request (network, a busy
   * event loop) cannot bring two messages closer than N ms at the provider.
   */
  sendEnded(target: SendTarget): void {
    const l = this.limits[target.channel];
    const now = this.now().getTime();
    const perChat = l?.perChat?.find((r) => r.count === 1);
    if (perChat) this.blockUntil(target, new Date(now + perChat.perMs));
    const overall = l?.overall?.find((r) => r.count === 1);
    if (overall) this.blockUntil({ channel: target.channel }, new Date(now + overall.perMs));
  }

  private record(target: SendTarget, now: number): void {
    for (const [scope, rules] of this.scopes(target)) {
      let logs = this.logs.get(scope);
      if (!logs) {
        logs = rules.map((rule) => ({ rule, times: [] }));
        this.logs.set(scope, logs);
      }
      for (const log of logs) {
        log.times.push(now);
        if (log.times.length > log.rule.count) log.times.splice(0, log.times.length - log.rule.count);
      }
    }
    if (this.limits[target.channel]?.dailyCap !== undefined) {
      const today = localDateKey(new Date(now), this.timeZone);
      const used = this.daily.get(target.channel);
      this.daily.set(
        target.channel,
        used && used.day === today ? { day: today, count: used.count + 1 } : { day: today, count: 1 },
      );
    }
    if (++this.ops % SWEEP_EVERY === 0) this.sweep(now);
  }

  private scopes(target: SendTarget): [string, WindowRule[]][] {
    const l = this.limits[target.channel];
    if (!l) return [];
    const out: [string, WindowRule[]][] = [];
    if (l.overall?.length) out.push([target.channel, l.overall]);
    if (l.perChat?.length) out.push([chatScope(target), l.perChat]);
    if (target.isGroup && l.perGroup?.length) out.push([`${chatScope(target)}|group`, l.perGroup]);
    return out;
  }

  // Chats that have not sent for longer than their widest window no longer constrain anything: forget them.
  private sweep(now: number): void {
    for (const [scope, logs] of this.logs) {
      if (logs.every((l) => (l.times[l.times.length - 1] ?? 0) + l.rule.perMs <= now)) this.logs.delete(scope);
    }
    for (const [scope, until] of this.blocked) if (until <= now) this.blocked.delete(scope);
  }
}

function chatScope(target: SendTarget): string {
  return `${target.channel}|${target.address}`;
}
