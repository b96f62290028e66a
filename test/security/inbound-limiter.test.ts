// The per-account inbound rate limit under an injected clock: a burst, then the sustained rate; one notice a flood.
import { describe, expect, it } from 'vitest';
import { InboundLimiter } from '../../src/bot/inbound-limiter.js';

describe('security: inbound rate limit', () => {
  it('lets a burst through, refuses the rest with one notice, refills at the sustained rate, per account', () => {
    let t = Date.parse('2026-11-25T02:00:00Z');
    const limiter = new InboundLimiter({ perMinute: 30, burst: 20 }, () => new Date(t));
    const verdicts = Array.from({ length: 25 }, () => limiter.take('telegram\u0000flooder'));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);
    const refused = verdicts.filter((v) => !v.allowed);
    expect(refused.map((v) => !v.allowed && v.notify)).toEqual([true, false, false, false, false]);
    expect(refused[0]).toMatchObject({ retryAfterSeconds: 2 });
    // Another account is untouched by the flood.
    expect(limiter.take('telegram\u0000calm').allowed).toBe(true);
    // 30 a minute: one message every 2 s.
    t += 2_000;
    expect(limiter.take('telegram\u0000flooder').allowed).toBe(true);
    expect(limiter.take('telegram\u0000flooder')).toMatchObject({ allowed: false, notify: true });
    t += 60_000;
    expect(Array.from({ length: 20 }, () => limiter.take('telegram\u0000flooder').allowed).every(Boolean)).toBe(true);
  });
});
