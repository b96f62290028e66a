import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { billsOfUnits } from '../../src/db/fee.repo.js';
import { formatImportSummary, importBills } from '../../src/fees/fee-import.service.js';
import { describeEachDb } from '../support/databases.js';
import { useFeeEstate } from './fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name));

describeEachDb('importBills', (provider) => {
  const env = useFeeEstate(provider);

  it('imports a good file with Chinese headers and mixed amount formats', async () => {
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, fixture('fees-good-zh.csv'));
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({ rows: 5, created: 5, updated: 0, unchanged: 0, encoding: 'utf-8' });
    const [b101] = await billsOfUnits(env.db.prisma, [env.est.unit('1', '101')]);
    expect(b101).toMatchObject({
      period: '2026-11',
      feeType: 'PROPERTY',
      amountDueCents: 123450,
      amountPaidCents: 123450,
      dueDate: '2026-11-30',
    });
    const [water] = await billsOfUnits(env.db.prisma, [env.est.unit('2', '201')]);
    expect(water).toMatchObject({ feeType: 'WATER', amountDueCents: 8000, amountPaidCents: 0 });
    expect(formatImportSummary(s)).toContain('新增5条');
  });

  it('re-importing the same file changes nothing', async () => {
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, fixture('fees-good-zh.csv'));
    expect(s).toMatchObject({ created: 0, updated: 0, unchanged: 5, errors: [] });
    expect(await env.db.prisma.feeBill.count({ where: { estateId: env.est.estateId } })).toBe(5);
  });

  it('a GBK file from Excel imports the same (nothing changes: same content)', async () => {
    // GBK has no U+00A5 "¥": Chinese Excel writes the full-width "￥".
    const text = fixture('fees-good-zh.csv')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .replace(/¥/g, '￥');
    const gbk = iconv.encode(text, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, gbk);
    expect(s).toMatchObject({ encoding: 'gbk', created: 0, updated: 0, unchanged: 5, errors: [] });
  });

  it('a later file with payments updates what was paid', async () => {
    const csv =
      'building,room,period,fee_type,amount_due,amount_paid,due_date\n2栋,1单元201,2026-11,水费,80,50,2026-11-30\n';
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, Buffer.from(csv));
    expect(s).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [] });
    const [water] = await billsOfUnits(env.db.prisma, [env.est.unit('2', '201')]);
    expect(water).toMatchObject({ amountPaidCents: 5000 });
  });

  it('bad rows: every error with its line, and nothing is imported', async () => {
    const before = await env.db.prisma.feeBill.count();
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, fixture('fees-bad-rows.csv'));
    expect(s.errors.map((e) => e.line)).toEqual([5, 6, 7, 8, 9]);
    expect(s.errors[0]?.message).toMatch(/^第5行：应收金额“abc”/);
    expect(s.errors[4]?.message).toContain('与第2行重复');
    expect(s).toMatchObject({ created: 0, updated: 0 });
    expect(await env.db.prisma.feeBill.count()).toBe(before);
    expect(formatImportSummary(s)).toContain('未导入任何数据');
  });

  it('an unknown unit is an error on its line; the good rows of that file are not written either', async () => {
    const csv = [
      '楼栋,房号,账期,费用类型,应收,实收,到期日',
      '1栋,105,2026-12,物业费,100,0,2026-12-31',
      '',
      '9栋,901,2026-12,物业费,100,0,2026-12-31',
      '1栋,10x,2026-12,物业费,100,0,2026-12-31',
    ].join('\r\n');
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, Buffer.from(csv));
    expect(s.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(s.errors[0]?.message).toContain('9栋 901');
    expect(await billsOfUnits(env.db.prisma, [env.est.unit('1', '105')])).toEqual([]);
  });

  it('mixed parse errors and unknown units are both reported with their own lines', async () => {
    const csv = [
      '楼栋,房号,账期,费用类型,应收,实收,到期日',
      '1栋,106,2026-12,物业费,xx,0,2026-12-31',
      '1栋,999,2026-12,物业费,1,0,2026-12-31',
    ].join('\n');
    const s = await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, Buffer.from(csv));
    expect(s.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
