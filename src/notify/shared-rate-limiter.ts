// #17: where the dispatcher gets its send slots. One process (SQLite: a second one refuses to start) keeps the
// limits in memory (RateLimiter); on PostgreSQL every instance asks the send ledger in the database, under a
// per-channel advisory lock (src/db/send-ledger.repo.ts), so N instances together never exceed one channel's limits
// (Telegram ≤ 25/s overall, ≥ 1 s between sends to one chat, ≤ 18/min per group; WeChat ≥ 3 s apart and its
// daily cap). The windows and caps are the same RateLimits either way.
import type { LedgerWindow, SendLedgerRepository } from '../db/repositories.js';
import { addLocalDays, localDateKey, zonedTime } from '../shared/zoned-time.js';
import { RateLimiter, type RateLimits, type SendTarget } from './rate-limiter.js';

export type Slot = { ok: true; ticket?: string } | { ok: false; retryAt: Date };

/** Send slots for the dispatcher: take one before a send, say when it ended, pass on a channel's "wait". */
export interface SendSlots {
  acquire(target: SendTarget): Promise<Slot>;
  ended(target: SendTarget, ticket: string | undefined): Promise<void>;
  blockUntil(target: SendTarget | { channel: string }, until: Date): Promise<void>;
}

/** The in-process limits (one instance). */
export class LocalSendSlots implements SendSlots {
  constructor(private readonly limiter: RateLimiter) {}

  acquire(target: SendTarget): Promise<Slot> {
    return Promise.resolve(this.limiter.tryAcquire(target));
  }

  ended(target: SendTarget): Promise<void> {
    this.limiter.sendEnded(target);
    return Promise.resolve();
  }

  blockUntil(target: SendTarget | { channel: string }, until: Date): Promise<void> {
    this.limiter.blockUntil(target, until);
    return Promise.resolve();
  }
}

export interface SharedSendSlotsOptions {
  ledger: SendLedgerRepository;
  limits: RateLimits;
  now: () => Date;
  timeZone: string;
  /** A send in flight longer than this was left by a process that died (the dispatcher's lease). */
  staleAfterMs: number;
  /** How often old ledger rows are removed (by the clock). */
  pruneEveryMs?: number;
}

const PRUNE_EVERY_MS = 60_000;

/** The limits shared by every instance through the database (PostgreSQL). */
export class SharedSendSlots implements SendSlots {
  private lastPrune = Number.NEGATIVE_INFINITY;
  private pruning: Promise<void> | undefined;
  /**
   * This process's own sends: what it says "wait" to, the ledger would too (the ledger sees these sends and more),
   * so a refusal here saves a database round trip — most refusals are a second message to a chat in the same batch.
   */
  private readonly local: RateLimiter;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly opts: SharedSendSlotsOptions) {
    this.local = new RateLimiter(opts.limits, opts.now, opts.timeZone);
  }

  /**
   * One channel's requests from this process are answered in the order they were made (the ledger's lock would take
   * them in any order): the first of several sends to one chat in a batch is the one that goes, as in one process.
   */
  acquire(target: SendTarget): Promise<Slot> {
    const before = this.queues.get(target.channel) ?? Promise.resolve();
    const mine = before.then(() => this.acquireNow(target));
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(target.channel, tail);
    void tail.then(() => {
      if (this.queues.get(target.channel) === tail) this.queues.delete(target.channel);
    });
    return mine;
  }

  private async acquireNow(target: SendTarget): Promise<Slot> {
    const limits = this.opts.limits[target.channel];
    if (!limits) return { ok: true };
    const now = this.opts.now();
    const localAt = this.local.nextAllowedAt(target);
    if (localAt.getTime() > now.getTime()) return { ok: false, retryAt: localAt };
    this.maybePrune(now);
    const windows: LedgerWindow[] = [
      ...(limits.overall ?? []).map((r) => ({ perChat: false, count: r.count, perMs: r.perMs })),
      ...(limits.perChat ?? []).map((r) => ({ perChat: true, count: r.count, perMs: r.perMs })),
      ...(target.isGroup ? (limits.perGroup ?? []) : []).map((r) => ({
        perChat: true,
        count: r.count,
        perMs: r.perMs,
      })),
    ];
    let dailyCap: { cap: number; dayStart: Date; nextDayStart: Date } | undefined;
    if (limits.dailyCap !== undefined) {
      const today = localDateKey(now, this.opts.timeZone);
      dailyCap = {
        cap: limits.dailyCap,
        dayStart: zonedTime(today, 0, this.opts.timeZone),
        nextDayStart: zonedTime(addLocalDays(today, 1), 0, this.opts.timeZone),
      };
    }
    const r = await this.opts.ledger.reserve({
      channel: target.channel,
      address: target.address,
      isGroup: target.isGroup,
      windows,
      ...(dailyCap ? { dailyCap } : {}),
      now,
      staleAfterMs: this.opts.staleAfterMs,
    });
    if (!r.ok) return r;
    this.local.recordSend(target);
    return { ok: true, ticket: r.id };
  }

  async ended(target: SendTarget, ticket: string | undefined): Promise<void> {
    this.local.sendEnded(target);
    if (ticket !== undefined) await this.opts.ledger.end(ticket, this.opts.now());
  }

  async blockUntil(target: SendTarget | { channel: string }, until: Date): Promise<void> {
    this.local.blockUntil(target, until);
    await this.opts.ledger.block({
      channel: target.channel,
      address: 'address' in target ? target.address : null,
      now: this.opts.now(),
      until,
    });
  }

  /** Removes what no window can see any more: older than the widest window and the stale limit, and (with a daily cap) than today. */
  async prune(now: Date): Promise<number> {
    let removed = 0;
    for (const [channel, limits] of Object.entries(this.opts.limits)) {
      const widest = Math.max(
        0,
        ...[...(limits.overall ?? []), ...(limits.perChat ?? []), ...(limits.perGroup ?? [])].map((r) => r.perMs),
      );
      let before = now.getTime() - Math.max(widest, this.opts.staleAfterMs) - 1_000;
      if (limits.dailyCap !== undefined)
        before = Math.min(before, zonedTime(localDateKey(now, this.opts.timeZone), 0, this.opts.timeZone).getTime());
      removed += await this.opts.ledger.prune({ channel, before: new Date(before), now });
    }
    return removed;
  }

  private maybePrune(now: Date): void {
    if (this.pruning || now.getTime() - this.lastPrune < (this.opts.pruneEveryMs ?? PRUNE_EVERY_MS)) return;
    this.lastPrune = now.getTime();
    this.pruning = this.prune(now)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        this.pruning = undefined;
      });
  }

  /** Waits for a prune in flight (tests, shutdown). */
  async idle(): Promise<void> {
    await this.pruning;
  }
}
