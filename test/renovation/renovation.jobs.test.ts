import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import type { Job } from '../../src/jobs/job.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { renovationJobs } from '../../src/renovation/renovation.jobs.js';
import type { RenovationService, StaffDecider } from '../../src/renovation/renovation.service.js';
import { createLogger } from '../../src/shared/logger.js';
import { describeEachDb, type TestDatabase } from '../support/databases.js';
import { outboxTexts, renovationFixture } from './renovation-fixtures.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('renovation jobs', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  let clock = new Date('2026-11-28T02:00:00Z');
  let svc: RenovationService;
  let ownerId: string;
  let assistant: StaffDecider;
  let jobs: Map<string, Job>;
  const logger = createLogger('silent', { write: () => undefined });

  beforeAll(async () => {
    ({ db, estate, svc, ownerId } = await renovationFixture(provider, () => clock));
    const s = await db.prisma.staff.findFirstOrThrow({ where: { role: 'ASSISTANT' }, include: { person: true } });
    assistant = { staffId: s.id, name: s.person.name, estateId: s.estateId };
    await db.prisma.staffChat.createMany({
      data: [
        { estateId: estate.id, role: 'ASSISTANT', channel: 'telegram', chatId: '-3001' },
        { estateId: estate.id, role: 'FOREMAN', channel: 'telegram', chatId: '-3002' },
      ],
    });
    jobs = new Map(
      renovationJobs({ repos: createRepositories(db.prisma), notifier: testNotifier() }).map((j) => [j.id, j]),
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  /** Runs a job as the scheduler would at the given local (Shanghai) time. */
  const runAt = async (id: string, isoLocal: string) => {
    clock = new Date(`${isoLocal}+08:00`);
    await jobs.get(id)!.handler({ scheduledFor: clock, now: clock, logger });
  };
  const texts = (address: string) => outboxTexts(db, address);
  const permit = (number: string, endDate: string, unitId = 'u-3-2-1201') =>
    svc.createPermit(
      estate,
      {
        number,
        unitId,
        ownerPersonId: ownerId,
        contractor: '好家装饰',
        foremanPhone: '13900001111',
        scope: '全屋翻新',
        startDate: '2026-11-01',
        endDate,
        depositCents: 300000,
      },
      'staff:test',
    );

  it('reminds the owner once, 3 days before the end, and again after an extension moves the end', async () => {
    const p = await permit('R-1', '2026-12-08');
    await runAt('renovation.permit-reminders', '2026-12-04T09:00:00'); // 4 days before: nothing yet
    expect((await texts('demo-owner')).filter((t) => t.includes('R-1'))).toHaveLength(0);
    await runAt('renovation.permit-reminders', '2026-12-05T09:00:00');
    await runAt('renovation.permit-reminders', '2026-12-06T09:00:00');
    await runAt('renovation.permit-reminders', '2026-12-07T09:00:00');
    const reminders = (await texts('demo-owner')).filter((t) => t.includes('R-1'));
    expect(reminders).toEqual([
      '温馨提醒：您的装修许可 R-1 将于3 天后（2026-12-08）到期。如需继续施工，请在这里回复“装修延期”申请延期。',
    ]);

    const r = await svc.requestExtension(estate, ownerId, p.id, '延期十天', null);
    if (!r.ok) throw new Error(r.reasons.join());
    await svc.decide(estate, assistant, r.request.seq, true, null);
    await runAt('renovation.permit-reminders', '2026-12-15T09:00:00');
    await runAt('renovation.permit-reminders', '2026-12-16T09:00:00');
    const after = (await texts('demo-owner')).filter((t) => t.includes('R-1') && t.startsWith('温馨提醒'));
    expect(after).toHaveLength(2);
    expect(after[1]).toContain('3 天后（2026-12-18）');
  });

  it("marks a permit past its end EXPIRED once, tells the owner and the assistants' group", async () => {
    const p = await permit('E-1', '2026-12-20', 'u-1-1-301');
    await runAt('renovation.permit-expiry', '2026-12-20T00:05:00'); // the last day is still allowed
    expect((await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('ACTIVE');
    await runAt('renovation.permit-expiry', '2026-12-21T00:05:00');
    await runAt('renovation.permit-expiry', '2026-12-22T00:05:00');
    expect((await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('EXPIRED');
    const group = (await texts('-3001')).filter((t) => t.includes('E-1'));
    expect(group).toEqual([
      '【装修到期】1栋1单元301 许可 E-1 已于 2026-12-20 到期（好家装饰，139****1111）。如仍在施工，请上门核查并责令停工。',
    ]);
    expect((await texts('demo-owner')).filter((t) => t.includes('E-1 已于 2026-12-20 到期'))).toHaveLength(1);
  });

  it('a suspended permit expires without a site-check notice', async () => {
    const p = await permit('E-2', '2026-12-20');
    await db.prisma.renovationPermit.update({ where: { id: p.id }, data: { status: 'SUSPENDED' } });
    await runAt('renovation.permit-expiry', '2026-12-23T00:05:00');
    expect((await db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('EXPIRED');
    expect((await texts('-3001')).filter((t) => t.includes('E-2'))).toHaveLength(0);
  });

  it('sends the foremen group a weekly list of running permits per building, once per week', async () => {
    await permit('W-1', '2027-01-31', 'u-2-1-802');
    await runAt('renovation.weekly-active', '2026-12-28T08:00:00');
    await runAt('renovation.weekly-active', '2026-12-28T08:00:00');
    const lists = (await texts('-3002')).filter((t) => t.startsWith('【本周在施装修】'));
    expect(lists).toHaveLength(1);
    expect(lists[0]).toContain('锦绣花园 2026-12-28');
    expect(lists[0]).toContain('2栋：\n  2栋1单元802 W-1 全屋翻新 至 2027-01-31（施工中）');
    // R-1 and the E- permits have expired by now: only running permits are listed.
    expect(lists[0]).toContain('共 1 户');
    expect(lists[0]).not.toContain('E-1');
  });
});
