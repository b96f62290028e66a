// Two months of daily 催缴 runs on a simulated clock against a real database.
import { beforeAll, expect, it } from 'vitest';
import { feeNoticesOf, setFeeOptOut } from '../../src/db/fee.repo.js';
import { planArrearsCampaign, runArrearsCampaign, type CampaignEstate } from '../../src/fees/arrears-campaign.job.js';
import { importBills } from '../../src/fees/fee-import.service.js';
import { addLocalDays, localDateKey, localParts, zonedTime } from '../../src/shared/zoned-time.js';
import { describeEachDb } from '../support/databases.js';
import { addOwner, billCsv, useFeeEstate } from './fee-fixtures.js';
import { testNotifier } from '../support/channels.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(date, (h ?? 0) * 60 + (m ?? 0), TZ);
};

describeEachDb('催缴 campaign over two months', (provider) => {
  const env = useFeeEstate(provider, { settings: { fees: { lateFee: { ratePerDayBasisPoints: 3, graceDays: 30 } } } });
  let estate: CampaignEstate;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    const row = await env.db.prisma.estate.findUniqueOrThrow({ where: { id: env.est.estateId } });
    estate = { id: row.id, name: row.name, deskPhone: row.deskPhone, timezone: row.timezone, settings: row.settings };
    people.A = await addOwner(env.db.prisma, env.est.unit('1', '101'), '业主甲', '13900000001', 'owner-a');
    people.B = await addOwner(env.db.prisma, env.est.unit('1', '102'), '业主乙', '13900000002', 'owner-b');
    people.C = await addOwner(env.db.prisma, env.est.unit('1', '103'), '业主丙', '13900000003', 'owner-c');
    people.D = await addOwner(env.db.prisma, env.est.unit('1', '104'), '业主丁', '13900000004', 'owner-d');
    await env.db.prisma.unitMembership.create({
      data: { unitId: env.est.unit('1', '105'), personId: people.D, role: 'OWNER' },
    });
    await setFeeOptOut(env.db.prisma, testNotifier(), {
      personId: people.B,
      estateId: env.est.estateId,
      at: at('2026-11-01', '12:00'),
      staffMessage: { text: 'x' },
    });
    const csv = billCsv(
      ...['101', '102', '103'].flatMap((r) => [
        `1栋,${r},2026-11,物业费,300,0,2026-11-30`,
        `1栋,${r},2026-12,物业费,300,0,2026-12-31`,
      ]),
      '1栋,104,2026-11,物业费,300,100,2026-11-30',
      '1栋,105,2026-11,水费,45.5,0,2026-12-02',
      '1栋,106,2026-11,物业费,300,300,2026-11-30', // paid, and no owner anyway
    );
    expect((await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, csv)).errors).toEqual([]);
  });

  it('sends exactly the expected reminders, never in quiet hours, never to an opted-out owner, never twice', async () => {
    // The 10:00 tick, except two late runs: a catch-up at 22:30 and an early one at 06:00.
    const runTime = (d: string) => (d === '2026-11-30' ? '22:30' : d === '2026-12-15' ? '06:00' : '10:00');
    let crashed = false;
    for (let d = '2026-11-15'; d <= '2027-01-20'; d = addLocalDays(d, 1)) {
      if (d === '2026-12-01') {
        // 业主丙 pays November (the billing system's next export).
        await importBills(
          createRepositories(env.db.prisma).fees,
          env.est.estateId,
          billCsv('1栋,103,2026-11,物业费,300,300,2026-11-30'),
        );
      }
      const now = at(d, runTime(d));
      if (d === '2026-12-03' && !crashed) {
        crashed = true;
        // Crash after the first reminder of the day, then the restarted job runs the same tick again.
        await expect(
          runArrearsCampaign(createRepositories(env.db.prisma).fees, testNotifier(), estate, now, () => {
            throw new Error('crash');
          }),
        ).rejects.toThrow('crash');
      }
      await runArrearsCampaign(createRepositories(env.db.prisma).fees, testNotifier(), estate, now);
      await runArrearsCampaign(createRepositories(env.db.prisma).fees, testNotifier(), estate, now); // a rerun of the same tick
    }

    const notices = await feeNoticesOf(env.db.prisma, env.est.estateId);
    const who = Object.fromEntries(Object.entries(people).map(([k, v]) => [v, k]));
    const got = notices.map(
      (n) => `${localDateKey(n.createdAt, TZ)} ${who[n.personId]} ${n.unitId.split('-').pop()} ${n.dueDate} ${n.stage}`,
    );
    const A = (date: string, room: string, due: string, stage: string, p = 'A') =>
      `${date} ${p} ${room} ${due} ${stage}`;
    const expected = [
      A('2026-11-23', '101', '2026-11-30', 'd-7'),
      A('2026-11-23', '103', '2026-11-30', 'd-7', 'C'),
      A('2026-11-23', '104', '2026-11-30', 'd-7', 'D'),
      A('2026-11-26', '105', '2026-12-02', 'd-7', 'D'), // 11-25 held: only 2 days after the last one
      A('2026-11-30', '101', '2026-11-30', 'd0'),
      A('2026-11-30', '103', '2026-11-30', 'd0', 'C'),
      A('2026-11-30', '104', '2026-11-30', 'd0', 'D'),
      A('2026-12-03', '101', '2026-11-30', 'd3'), // 丙 paid: no more for November
      A('2026-12-03', '104', '2026-11-30', 'd3', 'D'), // with 105's due-day reminder held since 12-02
      A('2026-12-03', '105', '2026-12-02', 'd0', 'D'),
      A('2026-12-06', '105', '2026-12-02', 'd3', 'D'),
      A('2026-12-15', '101', '2026-11-30', 'd15'),
      A('2026-12-15', '104', '2026-11-30', 'd15', 'D'),
      A('2026-12-18', '105', '2026-12-02', 'd15', 'D'),
      A('2026-12-24', '101', '2026-12-31', 'd-7'),
      A('2026-12-24', '103', '2026-12-31', 'd-7', 'C'),
      A('2026-12-31', '101', '2026-12-31', 'd0'),
      A('2026-12-31', '103', '2026-12-31', 'd0', 'C'),
      A('2027-01-03', '101', '2026-12-31', 'd3'),
      A('2027-01-03', '103', '2026-12-31', 'd3', 'C'),
      A('2027-01-15', '101', '2026-12-31', 'd15'),
      A('2027-01-15', '103', '2026-12-31', 'd15', 'C'),
    ];
    expect([...got].sort()).toEqual([...expected].sort());

    // One outbox message per reminder (a reminder may cover several units), to the owner's one chat account.
    const outbox = await env.db.prisma.outboxMessage.findMany({ where: { kind: 'reminder' } });
    const reminders = new Set(expected.map((e) => e.split(' ').slice(0, 2).join(' ')));
    expect(outbox).toHaveLength(reminders.size);
    expect(outbox.some((m) => m.address === 'owner-b')).toBe(false);
    for (const m of outbox) {
      const p = localParts(m.nextAttemptAt, TZ);
      const minute = p.hour * 60 + p.minute;
      expect(minute >= 8 * 60 + 30 && minute < 21 * 60).toBe(true);
    }
    // The 22:30 run of 11-30 is held until 08:30 the next morning.
    const late = outbox.find(
      (m) => m.address === 'owner-a' && m.nextAttemptAt.getTime() === at('2026-12-01', '08:30').getTime(),
    );
    expect((late?.payload as { text: string }).text).toContain('今天（2026-11-30）到期');

    // Wording escalates with the age of the debt; it always says how to pay and how to stop.
    const texts = outbox
      .filter((m) => m.address === 'owner-a')
      .sort((x, y) => x.nextAttemptAt.getTime() - y.nextAttemptAt.getTime())
      .map((m) => (m.payload as { text: string }).text);
    expect(texts[0]).toContain('将于2026-11-30到期');
    expect(texts[1]).toContain('今天（2026-11-30）到期');
    expect(texts[2]).toContain('已超过到期日3天');
    expect(texts[3]).toContain('已逾期15天');
    expect(texts[3]).toContain('每日万分之3');
    expect(texts[0]).not.toContain('违约金');
    for (const t of texts) {
      expect(t).toContain('回复“不再提醒”');
      expect(t).toContain('物业服务中心前台');
    }
    const both = outbox.find((m) => m.address === 'owner-d' && (m.payload as { text: string }).text.includes('1栋105'));
    expect((both?.payload as { text: string }).text).toContain('¥45.50');
  }, 120_000);
});

describeEachDb('催缴 planning reads', (provider) => {
  const env = useFeeEstate(provider, { code: 'FEE3' });

  it('names each unit as everywhere else (2栋1单元201, 1栋101) and lists only the owner its own units', async () => {
    const prisma = env.db.prisma;
    const a = await addOwner(prisma, env.est.unit('2', '201'), '业主甲', '13900000011', 'owner-201');
    await prisma.unitMembership.create({ data: { unitId: env.est.unit('1', '101'), personId: a, role: 'OWNER' } });
    const b = await addOwner(prisma, env.est.unit('1', '102'), '业主乙', '13900000012', 'owner-102');
    const csv = billCsv(
      '2栋,1单元201,2026-11,物业费,300,0,2026-11-30',
      '2栋,1单元201,2026-11,水费,12.3,0,2026-11-30',
      '1栋,101,2026-11,物业费,250,0,2026-11-30',
      '1栋,102,2026-11,物业费,250,50,2026-11-30',
    );
    expect((await importBills(createRepositories(prisma).fees, env.est.estateId, csv)).errors).toEqual([]);
    const row = await prisma.estate.findUniqueOrThrow({ where: { id: env.est.estateId } });
    const estate = {
      id: row.id,
      name: row.name,
      deskPhone: row.deskPhone,
      timezone: row.timezone,
      settings: row.settings,
    };

    const plan = await planArrearsCampaign(createRepositories(prisma).fees, estate, at('2026-12-03', '10:00'));
    const text = (p: string) => plan.find((r) => r.personId === p)?.text ?? '';
    expect(plan.map((r) => r.personId).sort()).toEqual([a, b].sort());
    expect(text(a)).toContain('合计¥562.30');
    expect(text(a)).toContain('· 1栋101：2026-11 物业管理费 ¥250.00（到期日 2026-11-30）');
    expect(text(a)).toMatch(
      /· 2栋1单元201：2026-11 (物业管理费 ¥300\.00，2026-11 水费 ¥12\.30|水费 ¥12\.30，2026-11 物业管理费 ¥300\.00)/,
    );
    expect(text(b)).toContain('· 1栋102：2026-11 物业管理费 ¥200.00（到期日 2026-11-30）');
    expect(text(b)).not.toContain('201');
  });
});
