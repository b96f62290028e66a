import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintService, type StaffActor } from '../../src/complaints/complaint.service.js';
import { seedDemo } from '../../src/db/seed.js';
import { EstateService, type EstateInfo } from '../../src/estate/estate.service.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('ComplaintService', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  let clock = new Date('2026-11-28T02:00:00Z'); // 10:00 Shanghai
  let svc: ComplaintService;
  let ownerId: string;
  const unitId = 'u-3-2-1201';
  const staff: Record<string, StaffActor> = {};

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
    estate = (await new EstateService(createRepositories(db.prisma).estates).defaultEstate())!;
    svc = new ComplaintService(createRepositories(db.prisma), testNotifier(), () => clock);
    ownerId = (await db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } })).id;
    for (const s of await db.prisma.staff.findMany({ include: { person: true } })) {
      staff[s.person.name] = { staffId: s.id, name: s.person.name, role: s.role, estateId: s.estateId };
    }
    await db.prisma.staffChat.createMany({
      data: [
        { estateId: estate.id, role: 'ASSISTANT', channel: 'telegram', chatId: '-1001' },
        { estateId: estate.id, role: 'SUPERVISOR', channel: 'telegram', chatId: '-1002' },
      ],
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  const complain = (over: Partial<Parameters<ComplaintService['create']>[0]> = {}) =>
    svc.create({
      estate,
      personId: ownerId,
      unitId,
      category: '噪音',
      description: '楼上装修太吵了',
      location: '本户 3栋2单元1201',
      urgent: false,
      attachments: [],
      ...over,
    });
  const outbox = (address: string) =>
    db.prisma.outboxMessage.findMany({ where: { address }, orderBy: { createdAt: 'asc' } });

  it('numbers tickets per estate per day and promises a response time', async () => {
    const a = await complain({ attachments: [{ contentUrl: 'media:x1', name: 'a.jpg' }] });
    const b = await complain({ category: '卫生', description: '垃圾没清' });
    expect(a.ticket.number).toBe('TS-20261128-0001');
    expect(b.ticket.number).toBe('TS-20261128-0002');
    expect(a.ackText).toBe('工作时间 2 小时');
    // 2026-11-28 is a Saturday: the 2 business hours run from Monday 08:30 on the desk calendar.
    expect(a.ackDueLocal).toBe('2026-11-30 10:30');
    const group = await outbox('-1001');
    expect((group[0]?.payload as { text: string }).text).toContain('【新投诉】TS-20261128-0001 噪音（一般）');
    expect((group[0]?.payload as { text: string }).text).toContain('138****5678');
    expect((group[0]?.payload as { text: string }).text).not.toContain('13812345678');
    expect((group[0]?.payload as { text: string }).text).toContain('认领 0001');
  });

  it('numbers stay unique when many owners submit at once', async () => {
    const made = await Promise.all(
      Array.from({ length: 5 }, () => complain({ category: '其他', description: '并发' })),
    );
    expect(new Set(made.map((m) => m.ticket.number)).size).toBe(5);
  });

  it('two staff claiming one ticket at once: exactly one wins, the other is told who has it', async () => {
    const { ticket } = await complain({ category: '宠物', description: '狗叫' });
    const results = await Promise.allSettled([svc.claim(staff['王芳']!, ticket), svc.claim(staff['李强']!, ticket)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as { userText: string }).userText).toMatch(/已由(王芳|李强)认领/);
    const accepted = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `ticket:${ticket.id}:accepted` } },
    });
    expect(accepted).toHaveLength(1);
  });

  it('full staff path records every action, waits pause the clock, re-running resolve sends nothing twice', async () => {
    const { ticket } = await complain({ category: '公共设施', description: '电梯坏了' });
    await svc.claim(staff['王芳']!, ticket);
    await svc.note(staff['王芳']!, ticket, '已联系电梯公司');
    await svc.wait(staff['王芳']!, ticket, 'CONTRACTOR', null);
    await expect(svc.wait(staff['王芳']!, ticket, 'OWNER', null)).rejects.toThrow();
    await svc.resume(staff['王芳']!, ticket);
    await svc.reassign(staff['王芳']!, ticket, '李强');
    await svc.resolve(staff['李强']!, ticket, '电梯已修好');
    await expect(svc.resolve(staff['李强']!, ticket, '电梯已修好')).rejects.toMatchObject({
      userText: expect.stringContaining('已办结'),
    });
    const { events, assignee } = await svc.history(await svc.resolveRef(estate, ticket.number));
    expect(events.map((e) => e.action)).toEqual([
      'created',
      'claimed',
      'note',
      'wait_contractor',
      'resume',
      'reassigned',
      'resolved',
    ]);
    expect(assignee?.name).toBe('李强');
    const resolvedNotices = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `ticket:${ticket.id}:resolved` } },
    });
    expect(resolvedNotices).toHaveLength(1);
    expect((resolvedNotices[0]!.payload as { text: string }).text).toContain('已办结：电梯已修好');
  });

  it('owner withdraws and adds info; closed tickets refuse both', async () => {
    const { ticket } = await complain({ category: '停车', description: '车位被占' });
    await svc.claim(staff['王芳']!, ticket);
    await svc.wait(staff['王芳']!, ticket, 'OWNER', '请提供车牌');
    await svc.addInfo(ownerId, ticket.id, {
      text: '浙A12345',
      attachments: [{ contentUrl: 'media:p', name: 'p.jpg' }],
    });
    const after = await svc.resolveRef(estate, ticket.number);
    expect(after.status).toBe('IN_PROGRESS');
    await svc.withdraw(ownerId, ticket.id);
    await expect(svc.withdraw(ownerId, ticket.id)).rejects.toMatchObject({
      userText: expect.stringContaining('已撤回'),
    });
    await expect(svc.addInfo(ownerId, ticket.id, { text: 'x', attachments: [] })).rejects.toThrow();
  });

  describe('二次投诉', () => {
    it('links a new complaint of the same unit and category within the window, raises priority, tells supervisors', async () => {
      const first = await complain({ category: '漏水/渗水', description: '天花板渗水' });
      await svc.claim(staff['王芳']!, first.ticket);
      await svc.resolve(staff['王芳']!, first.ticket, '已修');
      clock = new Date(clock.getTime() + 10 * 86_400_000);
      const again = await complain({ category: '漏水/渗水', description: '又渗水了' });
      expect(again.repeatOf?.number).toBe(first.ticket.number);
      expect(again.ticket).toMatchObject({ isRepeat: true, repeatOfId: first.ticket.id, priority: 2 });
      const sup = await outbox('-1002');
      expect(sup.some((m) => (m.payload as { text: string }).text.includes(`与 ${first.ticket.number} 同户同类`))).toBe(
        true,
      );
      const other = await complain({ category: '卫生', description: '楼道脏' });
      expect(other.ticket.isRepeat).toBe(false);
      clock = new Date(clock.getTime() + 100 * 86_400_000);
      // The second was never resolved and the first is now out of the window.
      expect((await complain({ category: '漏水/渗水', description: '很久以后' })).ticket.isRepeat).toBe(false);
    });
  });
  it('the same message filing twice (its turn re-run after a kill -9) gets the first ticket back, not a second one', async () => {
    const first = await complain({ description: '电梯异响 intake', intakeKey: 'telegram/5001:77' });
    const again = await complain({ description: '电梯异响 intake', intakeKey: 'telegram/5001:77' });
    expect(again.ticket.number).toBe(first.ticket.number);
    expect(await db.prisma.ticket.count({ where: { description: '电梯异响 intake' } })).toBe(1);
    // The assistants' group heard of it once.
    expect(
      await db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `ticket:${first.ticket.id}:new` } } }),
    ).toBe(1);
  });
});
