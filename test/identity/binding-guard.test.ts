// Guessing one's way into someone's unit: every run starts fresh chat accounts (a new from.id costs an attacker
// nothing), so the per-account lock alone is no defence. Each run reports how many guesses were judged before the
// lock-out held.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { BindingService, DEFAULT_BINDING_LIMITS } from '../../src/identity/binding.service.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('binding guard', (provider) => {
  let db: TestDatabase;
  let estateId: string;
  let clock = new Date('2026-11-28T02:00:00Z');
  const now = () => clock;
  let svc: BindingService;
  let fresh = 0;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    estateId = (await seedDemo(db.prisma)).estateId;
    svc = new BindingService(createRepositories(db.prisma), testNotifier(), now);
    await db.prisma.staffChat.create({
      data: { estateId, role: 'ASSISTANT', channel: 'telegram', chatId: '-100900' },
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A chat account nobody has seen before. */
  async function freshAccount() {
    return (await db.prisma.channelIdentity.create({ data: { channel: 'telegram', externalId: `atk-${++fresh}` } })).id;
  }
  const last4 = (i: number) => String(i).padStart(4, '0');

  it('name + last 4 from 16 parallel fresh accounts at a time: 5 guesses judged, then the right answer is refused too', async () => {
    const unit = (await svc.resolveUnit(estateId, '3-2-1201'))!;
    let tried = 0;
    let judged = 0;
    let lockedAfter: number | null = null;
    // Waves of 16 concurrent guesses, each from a new account; the real last 4 (5678) is never among the wrong ones.
    for (let wave = 0; wave < 10; wave++) {
      const guesses = Array.from({ length: 16 }, (_, k) => last4(wave * 16 + k));
      const outcomes = await Promise.all(
        guesses.map(async (g) => svc.bindWithName(await freshAccount(), unit, '刘洋', g)),
      );
      for (const o of outcomes) {
        tried++;
        expect(o.ok).toBe(false);
        if (!o.ok && o.reason === 'mismatch') judged++;
      }
      if (lockedAfter === null && outcomes.every((o) => !o.ok && o.reason === 'locked')) lockedAfter = judged;
    }
    console.info(`[${provider}] name + last 4, fresh accounts, 16 in parallel: ${judged} guesses judged of ${tried}`);
    expect(judged).toBe(DEFAULT_BINDING_LIMITS.target.max);
    expect(lockedAfter).toBe(DEFAULT_BINDING_LIMITS.target.max);
    // The owner's true answer, from yet another new account, is refused while the unit is locked …
    const right = await svc.bindWithName(await freshAccount(), unit, '刘洋', '5678');
    expect(right).toMatchObject({ ok: false, reason: 'locked', scope: 'unit', unitLabel: '3栋2单元1201' });
    // … the assistants' group was told once …
    const alerts = await db.prisma.outboxMessage.findMany({ where: { address: '-100900' } });
    expect(alerts.map((a) => (a.payload as { text: string }).text)).toEqual([
      expect.stringMatching(/【绑定锁定】3栋2单元1201 的姓名\+手机尾号验证 24 小时内失败 5 次/),
    ]);
    // … and a day later the unit may be tried again.
    clock = new Date(clock.getTime() + 24 * 3600_000 + 1000);
    expect(await svc.bindWithName(await freshAccount(), unit, '刘洋', '5678')).toMatchObject({ ok: true });
  });

  it('estate-wide: fresh accounts spreading guesses over many units are stopped after 20', async () => {
    clock = new Date(clock.getTime() + 24 * 3600_000);
    const units = await db.prisma.unit.findMany({ include: { building: true }, orderBy: { id: 'asc' } });
    let judged = 0;
    let tried = 0;
    // Four guesses per unit (never enough to lock one unit), a new account for each guess.
    for (const u of units) {
      const unit = { unitId: u.id, estateId, label: u.id };
      for (let g = 0; g < 4; g++) {
        tried++;
        const o = await svc.bindWithName(await freshAccount(), unit, '某人', last4(g));
        if (!o.ok && o.reason === 'mismatch') judged++;
      }
      if (tried >= 60) break;
    }
    console.info(`[${provider}] name + last 4 across units, fresh accounts: ${judged} guesses judged of ${tried}`);
    expect(tried).toBeGreaterThan(DEFAULT_BINDING_LIMITS.estate.max);
    expect(judged).toBe(DEFAULT_BINDING_LIMITS.estate.max);
  });

  it('8-digit binding codes: 5 wrong codes per unit from fresh accounts, then refused; a new code from staff works', async () => {
    clock = new Date(clock.getTime() + 24 * 3600_000);
    const unit = (await svc.resolveUnit(estateId, '2-1-802'))!;
    const issued = await svc.issueBindingCode(estateId, '2-1-802', 'staff:x');
    expect(issued.code).toMatch(/^\d{8}$/);
    clock = new Date(clock.getTime() + 60_000);
    let judged = 0;
    for (let i = 0; i < 30; i++) {
      const guess = String(10_000_000 + i);
      if (guess === issued.code) continue;
      const o = await svc.bindWithCode(await freshAccount(), unit, guess);
      if (!o.ok && o.reason === 'badCode') judged++;
    }
    console.info(`[${provider}] binding codes, fresh accounts: ${judged} guesses judged of 30`);
    expect(judged).toBe(DEFAULT_BINDING_LIMITS.target.max);
    expect(await svc.bindWithCode(await freshAccount(), unit, issued.code)).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    // The desk saw the owner and issues a new code: the code method of that unit counts afresh.
    clock = new Date(clock.getTime() + 60_000);
    const again = await svc.issueBindingCode(estateId, '2-1-802', 'staff:x');
    expect(await svc.bindWithCode(await freshAccount(), unit, again.code)).toMatchObject({ ok: true });
  });

  it('10-digit staff codes are throttled like binding codes: 10 wrong from fresh accounts, then even the right one waits', async () => {
    clock = new Date(clock.getTime() + 24 * 3600_000);
    const issued = await svc.issueStaffCode(estateId, '王芳', { by: 'staff:x', role: null });
    expect(issued.code).toMatch(/^\d{10}$/);
    let judged = 0;
    for (let i = 0; i < 25; i++) {
      const o = await svc.bindStaffCode(await freshAccount(), String(1_000_000_000 + i));
      if (!o.ok && o.reason === 'badCode') judged++;
    }
    console.info(`[${provider}] staff codes, fresh accounts: ${judged} guesses judged of 25`);
    expect(judged).toBe(DEFAULT_BINDING_LIMITS.staff.max);
    expect(await svc.bindStaffCode(await freshAccount(), issued.code)).toMatchObject({ ok: false, reason: 'locked' });
    clock = new Date(clock.getTime() + 3600_000 + 1000);
    expect(await svc.bindStaffCode(await freshAccount(), issued.code)).toMatchObject({ ok: true, name: '王芳' });
  });
});
