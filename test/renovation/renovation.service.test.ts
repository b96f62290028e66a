import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import type { RenovationService, StaffDecider } from '../../src/renovation/renovation.service.js';
import { describeEachDb, type TestDatabase } from '../support/databases.js';
import { outboxTexts, renovationFixture, staffDeciders } from './renovation-fixtures.js';

describeEachDb('RenovationService', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  const clock = new Date('2026-11-28T02:00:00Z'); // Saturday 10:00 Shanghai
  let svc: RenovationService;
  let ownerId: string;
  let otherOwnerId: string;
  let staff: Record<string, StaffDecider>;
  let n = 0;

  beforeAll(async () => {
    ({ db, estate, svc, ownerId } = await renovationFixture(provider, () => clock));
    otherOwnerId = (await db.prisma.person.findFirstOrThrow({ where: { name: '赵丽' } })).id;
    staff = await staffDeciders(db);
    await db.prisma.staffChat.create({
      data: { estateId: estate.id, role: 'ASSISTANT', channel: 'telegram', chatId: '-2001' },
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  const permit = (
    endDate: string,
    over: { status?: 'ACTIVE' | 'SUSPENDED' | 'FINISHED' | 'EXPIRED'; extensionCount?: number } = {},
  ) =>
    svc
      .createPermit(
        estate,
        {
          number: `ZX-${++n}`,
          unitId: 'u-3-2-1201',
          ownerPersonId: ownerId,
          contractor: '好家装饰',
          foremanPhone: '13900001111',
          scope: '厨卫改造',
          startDate: '2026-11-01',
          endDate,
          depositCents: 200000,
        },
        'staff:test',
      )
      .then(async (p) =>
        over.status || over.extensionCount
          ? db.prisma.renovationPermit.update({
              where: { id: p.id },
              data: {
                ...(over.status ? { status: over.status } : {}),
                ...(over.extensionCount ? { extensionCount: over.extensionCount } : {}),
              },
            })
          : p,
      );
  const texts = (address: string) => outboxTexts(db, address);

  it.each([
    ['下周五', '2026-12-04'],
    ['12月20日', '2026-12-20'],
    ['2026-12-20', '2026-12-20'],
    ['两周后', '2026-12-12'],
    ['延期两周', '2026-12-15'],
  ])('understands "%s" as a new end date %s and tells the assistants\' group', async (phrase, expected) => {
    const p = await permit('2026-12-01');
    const r = await svc.requestExtension(estate, ownerId, p.id, phrase, '瓷砖到货晚了');
    if (!r.ok) throw new Error(r.reasons.join());
    expect(r.request.newEndDate).toBe(expected);
    expect(r.request.status).toBe('PENDING');
    const group = await texts('-2001');
    expect(
      group.some((t) =>
        t.includes(`#${r.request.seq} 延期｜许可 ${p.number}｜延期至 ${expected}（原 2026-12-01）｜理由：瓷砖到货晚了`),
      ),
    ).toBe(true);
  });

  it('counts a pending request in the 装修审批 SLA: due after 2 working days (weekend not counted)', async () => {
    const p = await permit('2026-12-01');
    const r = await svc.requestExtension(estate, ownerId, p.id, '2026-12-10', null);
    if (!r.ok) throw new Error(r.reasons.join());
    // Saturday → Monday 08:30 + two 8-hour workdays = Tuesday 18:00 Shanghai.
    expect(r.request.dueAt?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('explains every broken extension rule', async () => {
    const late = await permit('2026-12-10');
    const r1 = await svc.requestExtension(estate, ownerId, late.id, '下周五', null);
    expect(r1).toMatchObject({ ok: false, code: 'RULES' });
    expect(!r1.ok && r1.reasons.join()).toContain('新的结束日期须晚于当前结束日期 2026-12-10（您选择的是 2026-12-04）');

    const long = await permit('2026-12-01');
    const r2 = await svc.requestExtension(estate, ownerId, long.id, '2027-01-15', null);
    expect(!r2.ok && r2.reasons.join()).toContain('每次最多延期 30 天，您申请的是 45 天');
    expect(!r2.ok && r2.reasons.join()).toContain('最晚可延到 2026-12-31');

    const twice = await permit('2026-12-01', { extensionCount: 2 });
    const r3 = await svc.requestExtension(estate, ownerId, twice.id, '12月20日', null);
    expect(!r3.ok && r3.reasons.join()).toContain('最多延期 2 次，您已延期 2 次');

    const finished = await permit('2026-12-01', { status: 'FINISHED' });
    const r4 = await svc.requestExtension(estate, ownerId, finished.id, '12月20日', null);
    expect(!r4.ok && r4.reasons.join()).toContain('该装修许可已完工，只有施工中或停工中的许可可以申请延期');
    const expired = await permit('2026-11-20', { status: 'EXPIRED' });
    const r4b = await svc.requestExtension(estate, ownerId, expired.id, '12月5日', null);
    expect(!r4b.ok && r4b.reasons.join()).toContain('该装修许可已过期');

    const pending = await permit('2026-12-01');
    expect((await svc.requestExtension(estate, ownerId, pending.id, '12月10日', null)).ok).toBe(true);
    const r5 = await svc.requestExtension(estate, ownerId, pending.id, '12月20日', null);
    expect(!r5.ok && r5.reasons.join()).toContain('已有一份延期申请正在审批中');

    const r6 = await svc.requestExtension(estate, ownerId, pending.id, '尽快吧', null);
    expect(r6).toMatchObject({ ok: false, code: 'UNPARSED' });
  });

  it('another owner cannot touch my permit', async () => {
    const p = await permit('2026-12-01');
    await expect(svc.requestExtension(estate, otherOwnerId, p.id, '12月20日', null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('approval moves the end date, counts the extension and tells the owner at once', async () => {
    const p = await permit('2026-12-01');
    const r = await svc.requestExtension(estate, ownerId, p.id, '12月20日', null);
    if (!r.ok) throw new Error('not filed');
    const d = await svc.decide(estate, staff['王芳']!, r.request.seq, true, null);
    expect(d.ok).toBe(true);
    const after = await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } });
    expect(after).toMatchObject({ endDate: '2026-12-20', extensionCount: 1, status: 'ACTIVE' });
    expect(await texts('demo-owner')).toContain(`您的延期申请已批准，装修许可 ${p.number} 的结束日期延至 2026-12-20。`);
    expect(
      await db.prisma.auditLog.count({
        where: { subject: `renovation-request:${r.request.id}`, action: 'renovation.request.approve' },
      }),
    ).toBe(1);
  });

  it('approve and reject of one request at once: exactly one wins, the other is told who decided', async () => {
    const p = await permit('2026-12-01');
    const r = await svc.requestExtension(estate, ownerId, p.id, '12月15日', null);
    if (!r.ok) throw new Error('not filed');
    const results = await Promise.all([
      svc.decide(estate, staff['王芳']!, r.request.seq, true, null),
      svc.decide(estate, staff['张敏']!, r.request.seq, false, '施工噪音投诉未处理'),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const loser = results.find((x) => !x.ok);
    const winner = results.find((x) => x.ok);
    expect(loser && !loser.ok && loser.message).toMatch(
      new RegExp(`装修申请 #${r.request.seq} 已由(王芳批准|张敏驳回)，无需重复处理。`),
    );
    const row = await db.prisma.renovationRequest.findUniqueOrThrow({ where: { id: r.request.id } });
    expect(row.status).toBe(winner?.request.status);
    const ownerNotes = (await texts('demo-owner')).filter((t) => t.includes(p.number));
    expect(ownerNotes).toHaveLength(1);
    const after = await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.endDate).toBe(row.status === 'APPROVED' ? '2026-12-15' : '2026-12-01');
  });

  it('rejecting needs a reason, and the owner hears it', async () => {
    const p = await permit('2026-12-01');
    const r = await svc.requestExtension(estate, ownerId, p.id, '12月9日', null);
    if (!r.ok) throw new Error('not filed');
    await expect(svc.decide(estate, staff['王芳']!, r.request.seq, false, ' ')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    const d = await svc.decide(estate, staff['王芳']!, r.request.seq, false, '存在违规改动承重墙');
    expect(d.ok).toBe(true);
    expect(await texts('demo-owner')).toContain(
      `您的延期申请（许可 ${p.number}）未获批准，理由：存在违规改动承重墙。如有疑问请联系物业前台。`,
    );
    await expect(svc.decide(estate, staff['王芳']!, 99999, true, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stop-work and resumption: announced, confirmed, and refused when they do not apply', async () => {
    const p = await permit('2026-12-20');
    const resumeEarly = await svc.announceResume(estate, ownerId, p.id, null);
    expect(!resumeEarly.ok && resumeEarly.reasons.join()).toContain('只有停工中的许可可以申报复工');
    const stop = await svc.announceStopWork(estate, ownerId, p.id, '春节回老家');
    if (!stop.ok) throw new Error('not filed');
    const again = await svc.announceStopWork(estate, ownerId, p.id, null);
    expect(!again.ok && again.reasons.join()).toContain('您已申报停工');
    await svc.decide(estate, staff['王芳']!, stop.request.seq, true, null);
    expect((await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('SUSPENDED');
    const stopAgain = await svc.announceStopWork(estate, ownerId, p.id, null);
    expect(!stopAgain.ok && stopAgain.reasons.join()).toContain('该装修许可停工中，只有施工中的许可可以申报停工');
    const resume = await svc.announceResume(estate, ownerId, p.id, null);
    if (!resume.ok) throw new Error('not filed');
    await svc.decide(estate, staff['王芳']!, resume.request.seq, true, null);
    expect((await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('ACTIVE');
    expect(await texts('demo-owner')).toContain(`物业已确认装修许可 ${p.number} 复工，请按规定时间施工。`);
  });

  it('退场验收 books a free workday slot, which is then no longer offered', async () => {
    const p = await permit('2026-12-20');
    const free = await svc.freeInspectionSlots(estate);
    // Monday 2026-11-30 09:30 Shanghai is the first slot after a Saturday.
    expect(free[0]?.toISOString()).toBe('2026-11-30T01:30:00.000Z');
    const r = await svc.bookExitInspection(estate, ownerId, p.id, free[0]!);
    expect(r.ok).toBe(true);
    expect((await svc.freeInspectionSlots(estate))[0]?.toISOString()).toBe('2026-11-30T06:30:00.000Z');
    const other = await permit('2026-12-20');
    const taken = await svc.bookExitInspection(estate, ownerId, other.id, free[0]!);
    expect(!taken.ok && taken.reasons.join()).toContain('该时段已被预约');
  });

  it('tells the owner the deposit status', async () => {
    const p = await permit('2026-12-20');
    expect(await svc.depositStatus(ownerId, p.id)).toBe(
      `装修许可 ${p.number}：押金 2000.00 元，押金由物业代管中，退场验收合格后办理退还。`,
    );
  });
});
