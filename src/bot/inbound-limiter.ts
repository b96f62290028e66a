// Per-account inbound rate limit: a token bucket per (channel, account). One account flooding must not slow every
// other owner down, so a flood is refused before it costs a database statement. In memory, per process: it protects
// this process's turn capacity, which is what a flood takes away.
import type { Clock } from '../shared/clock.js';

export interface InboundLimits {
  /** Sustained messages per minute an account may send. */
  perMinute: number;
  /** Messages an account may send at once before the sustained rate applies. */
  burst: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = { perMinute: 30, burst: 20 };

export type InboundVerdict =
  | { allowed: true }
  /** `notify`: the first refusal since the account was last allowed (answer it once, then stay quiet). */
  | { allowed: false; notify: boolean; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
  notified: boolean;
}

/** Buckets kept before full (idle) ones are dropped: bounds memory when many accounts write once. */
const SWEEP_AT = 10_000;

export class InboundLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: InboundLimits,
    private readonly now: Clock,
  ) {}

  take(key: string): InboundVerdict {
    const t = this.now().getTime();
    const perMs = this.limits.perMinute / 60_000;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(t, perMs);
      b = { tokens: this.limits.burst, at: t, notified: false };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.limits.burst, b.tokens + Math.max(0, t - b.at) * perMs);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.notified = false;
      return { allowed: true };
    }
    const notify = !b.notified;
    b.notified = true;
    return { allowed: false, notify, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  }

  private sweep(t: number, perMs: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (t - b.at) * perMs >= this.limits.burst) this.buckets.delete(k);
    }
  }
}
