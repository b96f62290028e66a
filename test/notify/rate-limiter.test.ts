import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitsSchema } from '../../src/notify/rate-limiter.js';
import { BUILTIN_RATE_LIMITS as DEFAULT_RATE_LIMITS } from '../../adapters/channels.js';
import { backoffMs } from '../../src/notify/dispatcher.js';
import { FakeClock } from './fakes.js';

describe('rate limiter', () => {
  it('Telegram: one message per second to a chat, other chats unaffected', () => {
    const clock = new FakeClock('2026-12-01T02:00:00Z');
    const rl = new RateLimiter(DEFAULT_RATE_LIMITS, clock.now);
    const chat = { channel: 'telegram', address: '100', isGroup: false };
    expect(rl.tryAcquire(chat)).toEqual({ ok: true });
    expect(rl.tryAcquire(chat)).toEqual({ ok: false, retryAt: new Date('2026-12-01T02:00:01Z') });
    expect(rl.tryAcquire({ ...chat, address: '200' })).toEqual({ ok: true });
    clock.advance(1000);
    expect(rl.tryAcquire(chat)).toEqual({ ok: true });
  });

  it('Telegram: never more than 25 in one second overall', () => {
    const clock = new FakeClock('2026-12-01T02:00:00Z');
    const rl = new RateLimiter(DEFAULT_RATE_LIMITS, clock.now);
    const results = Array.from({ length: 30 }, (_, i) =>
      rl.tryAcquire({ channel: 'telegram', address: String(i), isGroup: false }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results[25]).toEqual({ ok: false, retryAt: new Date('2026-12-01T02:00:01Z') });
  });

  it('WeChat: at least 3 s between sends, and a daily cap that resets at local midnight', () => {
    const clock = new FakeClock('2026-12-01T23:00:00+08:00');
    const rl = new RateLimiter({ wechat: { overall: [{ count: 1, perMs: 3000 }], dailyCap: 2 } }, clock.now);
    const to = { channel: 'wechat', address: 'wxid_a', isGroup: false };
    expect(rl.tryAcquire(to).ok).toBe(true);
    expect(rl.tryAcquire({ ...to, address: 'wxid_b' })).toEqual({
      ok: false,
      retryAt: new Date('2026-12-01T23:00:03+08:00'),
    });
    clock.advance(3000);
    expect(rl.tryAcquire(to).ok).toBe(true);
    clock.advance(3000);
    expect(rl.tryAcquire(to)).toEqual({ ok: false, retryAt: new Date('2026-12-02T00:00:00+08:00') });
    clock.set('2026-12-02T00:00:00+08:00');
    expect(rl.tryAcquire(to).ok).toBe(true);
  });

  it('a retry_after blocks that chat until then', () => {
    const clock = new FakeClock('2026-12-01T02:00:00Z');
    const rl = new RateLimiter(DEFAULT_RATE_LIMITS, clock.now);
    const chat = { channel: 'telegram', address: '7', isGroup: false };
    rl.blockUntil(chat, new Date('2026-12-01T02:00:30Z'));
    expect(rl.tryAcquire(chat)).toEqual({ ok: false, retryAt: new Date('2026-12-01T02:00:30Z') });
  });

  it('limits are validated configuration', () => {
    expect(rateLimitsSchema.safeParse({ wechat: { overall: [{ count: 0, perMs: 3000 }] } }).success).toBe(false);
    expect(rateLimitsSchema.parse(DEFAULT_RATE_LIMITS)).toEqual(DEFAULT_RATE_LIMITS);
  });
});

describe('backoff', () => {
  it('grows 5 s × 2^n with full jitter, capped at one hour', () => {
    expect(backoffMs(1, () => 0.999_999)).toBe(4_999);
    expect(backoffMs(3, () => 0.5)).toBe(10_000);
    expect(backoffMs(30, () => 0.999_999)).toBeLessThanOrEqual(3_600_000);
    expect(backoffMs(2, () => 0)).toBe(1_000);
  });
});
