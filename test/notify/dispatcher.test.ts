import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Channel } from '../../adapters/channel.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { claimDue, findOutboxRow, listDeadLetters, markSent } from '../../src/db/outbox.repo.js';
import { Dispatcher, type DispatcherOptions } from '../../src/notify/dispatcher.js';
import { enqueue, type EnqueueInput } from '../../src/notify/outbox.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { FakeClock, RecordingChannel, type Sent } from './fakes.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { registerBuiltinChannels } from '../../adapters/channels.js';
import { createChannelRegistry } from '../../src/notify/channel-registry.js';

const START = '2026-12-01T10:00:00+08:00';

describeEachDb('outbox dispatcher', (provider) => {
  let db: TestDatabase;
  let clock: FakeClock;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
    clock = new FakeClock(START);
  });

  const msg = (key: string, over: Partial<EnqueueInput> = {}): EnqueueInput => ({
    channel: 'console',
    address: 'owner-1',
    kind: 'notice',
    message: { text: `通知 ${key}` },
    dedupeKey: key,
    at: clock.now(),
    ...over,
  });
  const dispatcher = (channels: Channel[], over: Partial<DispatcherOptions> = {}) =>
    new Dispatcher({
      repos: createRepositories(db.prisma),
      channels: new Map(channels.map((c) => [c.name, c])),
      // The built-in channels' limits, as start-up passes its registry.
      registry: registerBuiltinChannels(createChannelRegistry()),
      now: clock.now,
      random: () => 1,
      ...over,
    });

  it('the same dedupe key written twice, even inside a transaction, is one message', async () => {
    const first = await db.prisma.$transaction(async (tx) => enqueue(tx, msg('fee:bill-1:D-7')));
    const second = await db.prisma.$transaction(async (tx) => {
      const r = await enqueue(tx, msg('fee:bill-1:D-7', { message: { text: '另一条' } }));
      // The caller's transaction goes on after the duplicate and still commits.
      await tx.auditLog.create({ data: { actor: 'test', action: 'fee.reminded' } });
      return r;
    });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({
      created: false,
      message: { id: first.message.id, payload: { text: '通知 fee:bill-1:D-7' } },
    });
    expect(await db.prisma.outboxMessage.count()).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: 'fee.reminded' } })).toBe(1);
    const racing = await Promise.all(
      [1, 2, 3].map(() => db.prisma.$transaction(async (tx) => enqueue(tx, msg('race-key')))),
    );
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(racing.map((r) => r.message.id)).size).toBe(1);
  });

  it('two dispatchers ticking together send each of 50 messages exactly once', async () => {
    for (let i = 0; i < 50; i++) await enqueue(db.prisma, msg(`race-${i}`, { address: `owner-${i}` }));
    // PostgreSQL: a second connection pool, as a second instance would have. SQLite: one writer process (design §6);
    // two better-sqlite3 connections in one process would block each other's event loop, so both share the client.
    const other: Database =
      provider === 'postgresql'
        ? await openDatabase(db.url, { migrate: false })
        : { ...db, close: async () => undefined };
    try {
      const log: Sent[] = [];
      const a = dispatcher([new RecordingChannel('console', clock, log)], { batchSize: 20, workerId: 'a' });
      const b = new Dispatcher({
        repos: createRepositories(other.prisma),
        channels: new Map([['console', new RecordingChannel('console', clock, log)]]),
        now: clock.now,
        batchSize: 20,
        workerId: 'b',
      });
      for (let round = 0; round < 5; round++) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      expect(log).toHaveLength(50);
      expect(new Set(log.map((s) => s.address)).size).toBe(50);
      expect(await db.prisma.outboxMessage.count({ where: { status: 'SENT' } })).toBe(50);
    } finally {
      await other.close();
    }
  });

  it('retries with growing backoff, then succeeds', async () => {
    const ch = new RecordingChannel('console', clock);
    ch.script.push({ ok: false, error: 'timeout' }, { ok: false, error: 'timeout' });
    const d = dispatcher([ch]);
    const { message } = await enqueue(db.prisma, msg('retry'));
    expect(await d.tick()).toMatchObject({ failed: 1, sent: 0 });
    expect(await findOutboxRow(db.prisma, message.id)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: 'timeout',
    });
    clock.advance(4_000);
    expect((await d.tick()).failed).toBe(0); // jitter ceiling 5 s not reached yet (random pinned to ~1)
    clock.advance(1_000);
    expect((await d.tick()).failed).toBe(1);
    clock.advance(9_000);
    expect((await d.tick()).sent).toBe(0); // second backoff is up to 10 s
    clock.advance(1_000);
    expect((await d.tick()).sent).toBe(1);
    expect(ch.sent).toHaveLength(3);
    expect(await findOutboxRow(db.prisma, message.id)).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it("honours the channel's retry_after", async () => {
    const ch = new RecordingChannel('console', clock);
    ch.script.push({ ok: false, error: '429 Too Many Requests', retryAfterMs: 30_000 });
    const d = dispatcher([ch]);
    await enqueue(db.prisma, msg('flood'));
    await d.tick();
    clock.advance(29_000);
    await d.tick();
    expect(ch.sent).toHaveLength(1);
    clock.advance(1_000);
    expect((await d.tick()).sent).toBe(1);
    expect(ch.sent.map((s) => s.at - ch.sent[0]!.at)).toEqual([0, 30_000]);
  });

  it('after N failed attempts the message is a dead letter a supervisor can list', async () => {
    const ch = new RecordingChannel('console', clock);
    ch.script.push(...Array.from({ length: 5 }, () => ({ ok: false as const, error: 'network down' })));
    const d = dispatcher([ch], { maxAttempts: 3 });
    const { message } = await enqueue(db.prisma, msg('doomed'));
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await d.tick());
      clock.advance(3_600_000);
    }
    expect(results.map((r) => r.dead)).toEqual([0, 0, 1, 0]);
    expect(ch.sent).toHaveLength(3);
    const dead = await listDeadLetters(db.prisma, 10);
    expect(dead.map((r) => [r.id, r.attempts, r.lastError])).toEqual([[message.id, 3, 'network down']]);
  });

  it('a permanent failure (blocked by the user) is dead at once', async () => {
    const ch = new RecordingChannel('console', clock);
    ch.script.push({ ok: false, error: 'Forbidden: bot was blocked by the user', permanent: true });
    const d = dispatcher([ch]);
    await enqueue(db.prisma, msg('blocked'));
    expect(await d.tick()).toMatchObject({ dead: 1 });
    clock.advance(3_600_000);
    await d.tick();
    expect(ch.sent).toHaveLength(1);
    expect((await listDeadLetters(db.prisma))[0]).toMatchObject({
      attempts: 1,
      lastError: 'Forbidden: bot was blocked by the user',
    });
  });

  it('a crash after the send: the lease expires, another dispatcher sends it again (one duplicate, no loss)', async () => {
    const ch = new RecordingChannel('console', clock);
    const { message } = await enqueue(db.prisma, msg('crash'));
    // The doomed dispatcher claims and sends, then "dies" before marking.
    const [claimed] = await claimDue(db.prisma, { workerId: 'doomed', now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(claimed?.id).toBe(message.id);
    await ch.send(claimed!.address, { text: 'x' });
    const survivor = dispatcher([ch], { leaseMs: 60_000 });
    clock.advance(30_000);
    expect((await survivor.tick()).sent).toBe(0); // lease still held
    clock.advance(31_000);
    expect((await survivor.tick()).sent).toBe(1);
    expect(ch.sent).toHaveLength(2);
    // Had the first one only been slow, its late "sent" is refused: the row belongs to the survivor's claim.
    expect(await markSent(db.prisma, [claimed!], clock.now())).toBe(0);
    expect(await findOutboxRow(db.prisma, message.id)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('quiet hours: a reminder at 22:00 waits for 08:30, an emergency goes at once', async () => {
    clock.set('2026-12-01T22:00:00+08:00');
    const ch = new RecordingChannel('console', clock);
    const d = dispatcher([ch]);
    const reminder = await enqueue(db.prisma, msg('fee-reminder', { kind: 'reminder', address: 'owner-9' }));
    await enqueue(db.prisma, msg('fire', { kind: 'urgent', address: 'supervisors', message: { text: '3栋火警' } }));
    expect(await d.tick()).toMatchObject({ sent: 1, deferred: 1 });
    expect(ch.sent.map((s) => s.address)).toEqual(['supervisors']);
    expect((await findOutboxRow(db.prisma, reminder.message.id))?.nextAttemptAt).toEqual(
      new Date('2026-12-02T08:30:00+08:00'),
    );
    clock.set('2026-12-02T08:29:00+08:00');
    await d.tick();
    expect(ch.sent).toHaveLength(1);
    clock.set('2026-12-02T08:30:00+08:00');
    expect((await d.tick()).sent).toBe(1);
    expect(ch.sent.map((s) => s.address)).toEqual(['supervisors', 'owner-9']);
  });

  it('several notices for one staff group within the window go out as one digest; urgent stays separate', async () => {
    const ch = new RecordingChannel('console', clock);
    const d = dispatcher([ch], { digest: { windowMs: 60_000 } });
    const group = { address: 'group-supervisors', isGroup: true };
    const a = await enqueue(db.prisma, msg('n1', { ...group, message: { text: '5栋漏水投诉即将超时' } }));
    await enqueue(
      db.prisma,
      msg('n2', {
        ...group,
        message: { text: '3栋电梯回访未完成' },
        notBefore: new Date(clock.now().getTime() + 20_000),
      }),
    );
    await enqueue(
      db.prisma,
      msg('n3', {
        ...group,
        message: { text: '明天停水通知待发' },
        notBefore: new Date(clock.now().getTime() + 50_000),
      }),
    );
    await enqueue(
      db.prisma,
      msg('later', {
        ...group,
        message: { text: '两小时后的通知' },
        notBefore: new Date(clock.now().getTime() + 7_200_000),
      }),
    );
    await enqueue(db.prisma, msg('u1', { ...group, kind: 'urgent', message: { text: '特发事件：2栋火警' } }));
    expect((await d.tick()).sent).toBe(4);
    const digest = ch.sent.find((s) => s.text.startsWith('【通知汇总】'));
    expect(digest?.text).toContain('共 3 条');
    for (const t of ['5栋漏水投诉即将超时', '3栋电梯回访未完成', '明天停水通知待发']) expect(digest?.text).toContain(t);
    expect(digest?.text).not.toContain('两小时后');
    expect(ch.sent.map((s) => s.text)).toContain('特发事件：2栋火警');
    expect(ch.sent).toHaveLength(2);
    expect(await db.prisma.outboxMessage.count({ where: { mergedInto: a.message.id } })).toBe(2);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'PENDING' } })).toBe(1);
  });

  it('a burst of 200 messages to 20 Telegram chats respects every limit and loses nothing', async () => {
    const ch = new RecordingChannel('telegram', clock);
    const d = dispatcher([ch], { digest: false, batchSize: 250 });
    // 5 groups × 25 + 15 private chats × 5 = 200.
    let n = 0;
    for (let chat = 0; chat < 20; chat++) {
      const isGroup = chat < 5;
      for (let k = 0; k < (isGroup ? 25 : 5); k++) {
        await enqueue(db.prisma, msg(`burst-${n++}`, { channel: 'telegram', address: `-100${chat}`, isGroup }));
      }
    }
    for (let step = 0; step < 1200 && ch.sent.length < 200; step++) {
      await d.tick();
      clock.advance(100);
    }
    expect(ch.sent).toHaveLength(200);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'SENT' } })).toBe(200);
    const times = ch.sent.map((s) => s.at);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(25);
    const byChat = new Map<string, number[]>();
    for (const s of ch.sent) byChat.set(s.address, [...(byChat.get(s.address) ?? []), s.at]);
    for (const [address, ats] of byChat) {
      for (let i = 1; i < ats.length; i++) expect(ats[i]! - ats[i - 1]!).toBeGreaterThanOrEqual(1000);
      if (address.startsWith('-100') && Number(address.slice(4)) < 5) {
        for (const t of ats) expect(ats.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(18);
      }
    }
    // The groups really were held back: their 19th message waited for the minute to pass.
    const firstGroup = byChat.get('-1000')!;
    expect(firstGroup[18]! - firstGroup[0]!).toBeGreaterThanOrEqual(60_000);
  });
});
