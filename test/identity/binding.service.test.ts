import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { BindingService } from '../../src/identity/binding.service.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('binding service', (provider) => {
  let db: TestDatabase;
  let estateId: string;
  let clock = new Date('2026-11-28T02:00:00Z');
  const now = () => clock;
  let svc: BindingService;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    estateId = (await seedDemo(db.prisma)).estateId;
    svc = new BindingService(createRepositories(db.prisma), testNotifier(), now);
  });
  afterAll(async () => {
    await db.drop();
  });

  async function account(id: string) {
    return db.prisma.channelIdentity.create({ data: { channel: 'test', externalId: id } });
  }

  it('binds by name + last 4 and refuses a wrong name without telling which part was wrong', async () => {
    const acc = await account('svc-a');
    const unit = (await svc.resolveUnit(estateId, '3幢2单元1201室'))!;
    expect(unit.label).toBe('3栋2单元1201');
    expect(await svc.bindWithName(acc.id, unit, '刘样', '5678')).toMatchObject({
      ok: false,
      reason: 'mismatch',
      left: 4,
    });
    const ok = await svc.bindWithName(acc.id, unit, '刘洋', '5678');
    expect(ok).toMatchObject({ ok: true, unitLabel: '3栋2单元1201' });
    expect(
      await db.prisma.auditLog.count({ where: { subject: acc.id, action: { in: ['binding.ok', 'binding.fail'] } } }),
    ).toBe(2);
  });

  it('a code works once, for its unit, within 24 h', async () => {
    const unit = (await svc.resolveUnit(estateId, '1-1-301'))!;
    const issued = await svc.issueBindingCode(estateId, '1栋1单元301', 'staff:x');
    expect(issued.code).toMatch(/^\d{8}$/);
    const other = (await svc.resolveUnit(estateId, '2-1-802'))!;
    const a = await account('svc-code-a');
    expect(await svc.bindWithCode(a.id, other, issued.code)).toMatchObject({ ok: false, reason: 'badCode' });
    expect(await svc.bindWithCode(a.id, unit, issued.code)).toMatchObject({ ok: true });
    const b = await account('svc-code-b');
    expect(await svc.bindWithCode(b.id, unit, issued.code)).toMatchObject({ ok: false, reason: 'used' });
    const late = await svc.issueBindingCode(estateId, '1-1-301', 'staff:x');
    clock = new Date(clock.getTime() + 24 * 3600_000 + 1000);
    expect(await svc.bindWithCode(b.id, unit, late.code)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('locks an account after 5 failures for an hour, even for the right answer', async () => {
    const acc = await account('svc-lock');
    const unit = (await svc.resolveUnit(estateId, '3-2-1201'))!;
    const other = (await svc.resolveUnit(estateId, '3-1-1502'))!;
    // Spread over two units, so only the account's own count fills up.
    for (let i = 0; i < 4; i++) await svc.bindWithName(acc.id, unit, '张三', '0000');
    const fifth = await svc.bindWithName(acc.id, other, '张三', '0000');
    expect(fifth).toMatchObject({ ok: false, left: 0 });
    expect(await svc.bindWithName(acc.id, other, '周静', '6666')).toMatchObject({ ok: false, reason: 'locked' });
    clock = new Date(clock.getTime() + 3600_000 + 1000);
    expect(await svc.bindWithName(acc.id, other, '周静', '6666')).toMatchObject({ ok: true });
  });

  it('owners add and remove family; other people cannot', async () => {
    const owner = await db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } });
    const stranger = await db.prisma.person.findFirstOrThrow({ where: { name: '赵丽' } });
    const unitId = 'u-3-2-1201';
    const m = await svc.addMember(owner.id, unitId, { name: '刘小洋', phone: '13698765432', role: 'FAMILY' });
    expect(m.phone).toBe('136****5432');
    await expect(svc.removeMember(stranger.id, unitId, m.personId)).rejects.toThrow();
    expect((await svc.members(owner.id, unitId)).map((x) => x.name)).toContain('刘小洋');
    await svc.removeMember(owner.id, unitId, m.personId);
    expect((await svc.members(owner.id, unitId)).map((x) => x.name)).not.toContain('刘小洋');
  });

  it('unbind forgets the person; my-info shows masked phone and no ID number', async () => {
    const acc = await account('svc-unbind');
    const unit = (await svc.resolveUnit(estateId, '3-1-1502'))!;
    await svc.bindWithName(acc.id, unit, '周静', '6666');
    const info = await svc.myInfoText(acc.id, 'Asia/Shanghai');
    expect(info).toContain('136****6666');
    expect(info).not.toContain('13655556666');
    expect(info).toContain('3栋1单元1502（业主）');
    expect(await svc.unbind(acc.id)).toBe(true);
    expect(await svc.unitsOf(acc.id)).toEqual([]);
    expect(await svc.unbind(acc.id)).toBe(false);
  });
});

describe('address spellings the binding dialog accepts', () => {
  it('reads the spellings from the issue', async () => {
    const { parseUnitAddress } = await import('../../src/identity/address.parser.js');
    for (const s of ['3栋2单元1201', '3-2-1201', '3幢2单元1201室']) expect(parseUnitAddress(s)?.room).toBe('1201');
  });
});
