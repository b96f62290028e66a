import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { importPermitsCsv, PERMIT_CSV_HEADER } from '../../src/renovation/permit-import.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';

describeEachDb('permit CSV import', (provider) => {
  let db: TestDatabase;
  let estateId: string;
  const now = new Date('2026-11-28T02:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ estateId } = await seedDemo(db.prisma));
  });
  afterAll(async () => {
    await db.drop();
  });

  const csv = (...rows: string[]) => Buffer.from([PERMIT_CSV_HEADER.join(','), ...rows].join('\r\n'), 'utf8');
  const good = '"ZX-001",3,2,1201,13812345678,好家装饰,13900001111,"厨卫改造, 水电",2026-11-01,2026-12-20,2000';

  it('reports every bad row with its line number and writes nothing', async () => {
    const r = await importPermitsCsv(
      createRepositories(db.prisma).renovation,
      estateId,
      csv(
        good,
        'ZX-002,3,2,1201,13812345678,好家装饰,1390000,全屋,2026-11-01,2026-12-20,2000',
        'ZX-003,9,1,101,13812345678,好家装饰,13900001111,全屋,2026-11-01,2026-12-20,2000',
        'ZX-004,1,1,301,13812345678,好家装饰,13900001111,全屋,2026-11-01,2026-10-20,1000.5',
        'ZX-001,3,2,1201,13812345678,好家装饰,13900001111,全屋,2026-13-01,2026-12-20,abc',
      ),
      'staff:test',
      now,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        '第3行：施工负责人电话应为 11 位手机号',
        '第4行：找不到房屋 9栋1单元101',
        '第5行：完工日期不能早于开工日期；该手机号不是这套房屋登记的业主',
        '第6行：日期应为 YYYY-MM-DD；押金应为金额，如 2000 或 2000.50',
      ],
    });
    expect(await db.prisma.renovationPermit.count()).toBe(0);
  });

  it('imports a valid GBK file in one go, deposit in cents, and refuses the same numbers again', async () => {
    const file = iconv.encode(
      [
        PERMIT_CSV_HEADER.join(','),
        good,
        'ZX-005,1,1,301,13911112222,美居装饰,13900002222,刷墙,2026-11-20,2026-12-31,1000.5',
      ].join('\r\n'),
      'gbk',
    );
    expect(await importPermitsCsv(createRepositories(db.prisma).renovation, estateId, file, 'staff:test', now)).toEqual(
      { ok: true, imported: 2 },
    );
    const p = await db.prisma.renovationPermit.findFirstOrThrow({ where: { number: 'ZX-005' } });
    expect(p).toMatchObject({ depositCents: 100050, status: 'ACTIVE', scope: '刷墙', unitId: 'u-1-1-301' });
    expect((await db.prisma.renovationPermit.findFirstOrThrow({ where: { number: 'ZX-001' } })).scope).toBe(
      '厨卫改造, 水电',
    );
    const again = await importPermitsCsv(
      createRepositories(db.prisma).renovation,
      estateId,
      csv(good),
      'staff:test',
      now,
    );
    expect(again).toEqual({ ok: false, errors: ['第2行：许可编号 ZX-001 已存在'] });
  });

  it('refuses a file with the wrong header', async () => {
    const r = await importPermitsCsv(
      createRepositories(db.prisma).renovation,
      estateId,
      Buffer.from('编号,房号\nA,1'),
      'staff:test',
      now,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toContain('第1行：表头应为 许可编号,楼栋');
  });
});
