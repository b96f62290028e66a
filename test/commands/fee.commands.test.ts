import type { TurnContext } from 'botbuilder';
import { beforeAll, expect, it } from 'vitest';
import { feeCommands } from '../../src/commands/fee.commands.js';
import type { StaffRole } from '../../src/identity/sender.js';
import { importBills } from '../../src/fees/fee-import.service.js';
import { describeEachDb } from '../support/databases.js';
import { addOwner, billCsv, seedFeeEstate, senderFor, useFeeEstate, type FeeEstate } from '../fees/fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const now = new Date('2026-12-20T02:00:00Z');

describeEachDb('fee commands', (provider) => {
  const env = useFeeEstate(provider);
  let other: FeeEstate;
  beforeAll(async () => {
    other = await seedFeeEstate(env.db.prisma, { code: 'FEE2' });
    await addOwner(env.db.prisma, env.est.unit('1', '101'), '刘洋', '13812345678', 'o1');
    const csv = billCsv(
      '1栋,101,2026-11,物业费,300,0,2026-11-30',
      '1栋,102,2026-11,物业费,300,300,2026-11-30',
      '1栋,103,2026-11,物业费,300,500,2026-11-30', // prepaid ¥200 more: must not hide 101's arrears
      '2栋,1单元201,2026-11,物业费,100,50,2026-11-30',
      '1栋,101,2026-12,物业费,300,0,2026-12-31', // not yet due on 12-20
      '1栋,102,2026-12,物业费,300,300,2026-12-31',
    );
    expect((await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, csv)).errors).toEqual([]);
    await importBills(
      createRepositories(env.db.prisma).fees,
      other.estateId,
      billCsv('1栋,107,2026-11,物业费,8888,0,2026-11-30'),
    );
  });

  const run = (name: string, args: string, role: StaffRole = 'SUPERVISOR') => {
    const cmd = feeCommands({ feeFigures: createRepositories(env.db.prisma).feeFigures }).find((c) => c.name === name);
    if (!cmd) throw new Error(name);
    return cmd.run({ turn: {} as TurnContext, sender: senderFor(env.est, { staff: role }), args, now });
  };

  it('收缴率 per month and per building, paid capped at due, counting only bills already due', async () => {
    const text = await run('收缴率', '');
    // Due by 12-20: the November bills, 1000; paid capped 300+300+50 = 650. December's (due 12-31) are not 应收 yet.
    expect(text).toContain('全小区：应收 ¥1,000.00，实收 ¥650.00，收缴率 65.0%');
    expect(text).toContain('（只计截至 2026-12-20 已到期的账单；未到期的不计入应收）');
    expect(text).toContain('2026-11：应收 ¥1,000.00，实收 ¥650.00，收缴率 65.0%');
    expect(text).not.toContain('2026-12：');
    expect(text).toContain('按楼栋（2026-11）');
    expect(text).not.toContain('8,888');
    expect(await run('收缴率', '2026-12')).toBe('全小区 2026-12：截至 2026-12-20 还没有到期的账单。');
  });

  it('收缴率 for one building and month', async () => {
    const text = await run('收缴率', '1栋 2026-11');
    expect(text).toContain('1栋 2026-11：应收 ¥900.00，实收 ¥600.00，收缴率 66.7%');
    await expect(run('收缴率', '9栋')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('欠费 lists the largest overdue arrears with masked phones, own estate only', async () => {
    const text = await run('欠费', '', 'FOREMAN');
    expect(text).toContain('1. 1栋101 ¥300.00，最早到期 2026-11-30，刘洋 138****5678');
    expect(text).toContain('2. 2栋1单元201 ¥50.00');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('8,888');
    expect(await run('欠费', '2')).toContain('2栋1单元201');
    expect(await run('欠费', '3栋')).toContain('没有逾期欠费');
  });

  it('only supervisors and managers see 收缴率; foremen may see 欠费', () => {
    const [collection, arrears] = feeCommands({ feeFigures: createRepositories(env.db.prisma).feeFigures });
    expect(collection?.roles).toEqual(['SUPERVISOR', 'MANAGER']);
    expect(arrears?.roles).toContain('FOREMAN');
    expect(arrears?.roles).not.toContain('ASSISTANT');
  });
});
