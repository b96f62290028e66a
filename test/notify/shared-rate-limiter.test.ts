// #17: the send limits shared through PostgreSQL. Two clients on one database stand for two instances: together they
// get what one would. The clock is injected (the ledger stores the dispatcher's "now", never the database's).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import type { RateLimits } from '../../src/notify/rate-limiter.js';
import { BUILTIN_RATE_LIMITS as DEFAULT_RATE_LIMITS } from '../../adapters/channels.js';
import { SharedSendSlots } from '../../src/notify/shared-rate-limiter.js';
import { availableProviders, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { FakeClock } from './fakes.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const pg = availableProviders().includes('postgresql');

describe.runIf(pg)('send limits shared through PostgreSQL', () => {
  let db: TestDatabase;
  let other: Database;
  let clock: FakeClock;
  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    other = await openDatabase(db.url, { migrate: false });
  });
  afterAll(async () => {
    await other.close();
    await db.drop();
  });
  beforeEach(async () => {
    await db.prisma.sendLedger.deleteMany();
    clock = new FakeClock('2026-12-01T10:00:00+08:00');
  });

  const instances = (limits: RateLimits = DEFAULT_RATE_LIMITS) =>
    [db, other].map(
      (d) =>
        new SharedSendSlots({
          ledger: createRepositories(d.prisma).sendLedger,
          limits,
          now: clock.now,
          timeZone: 'Asia/Shanghai',
          staleAfterMs: 60_000,
          pruneEveryMs: Number.MAX_SAFE_INTEGER,
        }),
    );
  const chat = (address: string, isGroup = false) => ({ channel: 'telegram', address, isGroup });

  it('Telegram: two instances asking at once get 25 slots in one second between them, not 50', async () => {
    const [a, b] = instances();
    const asks = Array.from({ length: 30 }, (_, i) => [a!, b!][i % 2]!.acquire(chat(String(i))));
    const results = await Promise.all(asks);
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    // Nothing has ended yet: the sends in flight count as "now", so the next one is a second away.
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, retryAt: new Date('2026-12-01T10:00:01+08:00') });
  });

  it('one chat: the next send waits a second from the END of the previous one, whichever instance sends', async () => {
    const [a, b] = instances();
    const first = await a!.acquire(chat('100'));
    expect(first.ok).toBe(true);
    expect(await b!.acquire(chat('100'))).toEqual({ ok: false, retryAt: new Date('2026-12-01T10:00:01+08:00') });
    expect((await b!.acquire(chat('200'))).ok).toBe(true);
    clock.advance(700); // a slow send: it ends 0.7 s after it started
    await a!.ended(chat('100'), first.ok ? first.ticket : undefined);
    clock.advance(500);
    expect(await b!.acquire(chat('100'))).toEqual({ ok: false, retryAt: new Date('2026-12-01T10:00:01.700+08:00') });
    clock.advance(500);
    expect((await b!.acquire(chat('100'))).ok).toBe(true);
  });

  it('a group: at most 18 a minute across instances', async () => {
    const limits: RateLimits = { telegram: { perGroup: [{ count: 18, perMs: 60_000 }] } };
    const [a, b] = instances(limits);
    for (let i = 0; i < 18; i++) {
      const s = await [a!, b!][i % 2]!.acquire(chat('-500', true));
      expect(s.ok).toBe(true);
      await [a!, b!][i % 2]!.ended(chat('-500', true), s.ok ? s.ticket : undefined);
      clock.advance(1000);
    }
    expect(await a!.acquire(chat('-500', true))).toEqual({
      ok: false,
      retryAt: new Date('2026-12-01T10:01:00+08:00'),
    });
  });

  it('WeChat: 3 s apart and the daily cap across instances, the cap reset at local midnight; a 429 holds both', async () => {
    const limits: RateLimits = { wechat: { overall: [{ count: 1, perMs: 3000 }], dailyCap: 2 } };
    clock.set('2026-12-01T23:00:00+08:00');
    const [a, b] = instances(limits);
    const to = { channel: 'wechat', address: 'wxid_a', isGroup: false };
    const s1 = await a!.acquire(to);
    expect(s1.ok).toBe(true);
    await a!.ended(to, s1.ok ? s1.ticket : undefined);
    expect(await b!.acquire({ ...to, address: 'wxid_b' })).toEqual({
      ok: false,
      retryAt: new Date('2026-12-01T23:00:03+08:00'),
    });
    clock.advance(3000);
    const s2 = await b!.acquire(to);
    expect(s2.ok).toBe(true);
    await b!.ended(to, s2.ok ? s2.ticket : undefined);
    clock.advance(3000);
    expect(await a!.acquire(to)).toEqual({ ok: false, retryAt: new Date('2026-12-02T00:00:00+08:00') });
    clock.set('2026-12-02T00:00:00+08:00');
    await b!.blockUntil({ channel: 'wechat' }, new Date('2026-12-02T00:00:30+08:00'));
    expect(await a!.acquire(to)).toEqual({ ok: false, retryAt: new Date('2026-12-02T00:00:30+08:00') });
    clock.advance(30_000);
    expect((await a!.acquire(to)).ok).toBe(true);
  });

  it('a send left in flight by a dead instance stops counting after the lease; old rows are pruned', async () => {
    const [a, b] = instances();
    expect((await a!.acquire(chat('100'))).ok).toBe(true); // never ended: the process died
    clock.advance(30_000);
    expect((await b!.acquire(chat('100'))).ok).toBe(false);
    clock.advance(31_000);
    expect((await b!.acquire(chat('100'))).ok).toBe(true);
    clock.advance(10 * 60_000);
    expect(await b!.prune(clock.now())).toBe(2);
    expect(await db.prisma.sendLedger.count()).toBe(0);
  });
});
