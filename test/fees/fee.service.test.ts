import { beforeAll, expect, it } from 'vitest';
import { isFeeOptedOut } from '../../src/db/fee.repo.js';
import { importBills } from '../../src/fees/fee-import.service.js';
import { feeBalanceReply, optInToReminders, optOutOfReminders } from '../../src/fees/fee.service.js';
import { describeEachDb } from '../support/databases.js';
import { addOwner, billCsv, senderFor, useFeeEstate } from './fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

const now = new Date('2026-12-20T02:00:00Z'); // 2026-12-20 10:00 in Shanghai

describeEachDb('owner fee balance', (provider) => {
  const env = useFeeEstate(provider);
  let owner: string;
  beforeAll(async () => {
    owner = await addOwner(env.db.prisma, env.est.unit('1', '101'), '刘洋', '13812345678', 'owner-1');
    await env.db.prisma.staffChat.create({
      data: { estateId: env.est.estateId, role: 'ASSISTANT', channel: 'telegram', chatId: '-100' },
    });
    const csv = billCsv(
      '1栋,101,2026-10,物业费,300,300,2026-10-31', // paid after its due date: nothing owed, no late fee
      '1栋,101,2026-11,物业费,300,100,2026-11-30', // partly paid: ¥200 overdue 20 days
      '1栋,101,2026-11,水费,45.5,0,2026-11-30',
      '1栋,101,2026-12,物业费,300,0,2026-12-31',
      '1栋,102,2026-11,物业费,999,0,2026-11-30', // a neighbour's debt
    );
    expect((await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, csv)).errors).toEqual([]);
  });

  const mine = () =>
    senderFor(env.est, {
      personId: owner,
      name: '刘洋',
      units: [{ unitId: env.est.unit('1', '101'), label: '1栋101' }],
    });

  it('shows arrears by period and fee type, the next due date and how to pay — no late fee when none is configured', async () => {
    const text = await feeBalanceReply(createRepositories(env.db.prisma).fees, mine(), now);
    expect(text).toContain('【1栋101】待缴合计 ¥545.50');
    expect(text).toContain('2026-11 物业管理费 ¥200.00（已逾期20天）');
    expect(text).toContain('2026-11 水费 ¥45.50（已逾期20天）');
    expect(text).toContain('下次到期：2026-12-31，金额 ¥300.00');
    expect(text).toContain('请到物业服务中心前台缴纳');
    expect(text).not.toContain('2026-10');
    expect(text).not.toContain('违约金');
    expect(text).not.toContain('999');
  });

  it('computes the late fee only from the estate rule, and shows the rule and the estate payment text', async () => {
    const s = senderFor(env.est, {
      personId: owner,
      units: [{ unitId: env.est.unit('1', '101'), label: '1栋101' }],
      settings: { fees: { lateFee: { ratePerDayBasisPoints: 5, graceDays: 10 }, paymentText: '请扫前台二维码缴费。' } },
    });
    const text = await feeBalanceReply(createRepositories(env.db.prisma).fees, s, now);
    // ¥200 × 0.05% × 10 chargeable days = ¥1.00; ¥45.50 × 0.05% × 10 = ¥0.2275 → ¥0.23
    expect(text).toContain('2026-11 物业管理费 ¥200.00（已逾期20天，违约金 ¥1.00）');
    expect(text).toContain('违约金 ¥0.23');
    expect(text).toContain('违约金合计 ¥1.23');
    expect(text).toContain('逾期10天内不收；超过后按欠费金额每日万分之5计算');
    expect(text).toContain('请扫前台二维码缴费。');
  });

  it('a person without units is told to bind first', async () => {
    expect(
      await feeBalanceReply(createRepositories(env.db.prisma).fees, senderFor(env.est, { personId: null }), now),
    ).toContain('还没有绑定房屋');
  });

  it('不再提醒 records the opt-out and tells the assistants group once; 恢复提醒 undoes it', async () => {
    expect(await optOutOfReminders(createRepositories(env.db.prisma).fees, testNotifier(), mine(), now)).toContain(
      '不再向您发送缴费提醒',
    );
    expect(await isFeeOptedOut(env.db.prisma, owner)).toBe(true);
    expect(await optOutOfReminders(createRepositories(env.db.prisma).fees, testNotifier(), mine(), now)).toContain(
      '已设置过',
    );
    const staff = await env.db.prisma.outboxMessage.findMany({ where: { address: '-100' } });
    expect(staff).toHaveLength(1);
    expect((staff[0]?.payload as { text: string }).text).toContain('刘洋（1栋101）回复“不再提醒”');
    expect(await optInToReminders(createRepositories(env.db.prisma).fees, mine())).toContain('已为您恢复');
    expect(await isFeeOptedOut(env.db.prisma, owner)).toBe(false);
  });
});
