// 100,000 rows in one file: SQLite only (the embedded default) to keep the suite fast; PostgreSQL runs the same code
// path in fee-import.service.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBills, type ImportProgress } from '../../src/fees/fee-import.service.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const N = 100_000;

describe('importBills, 100,000-row file [sqlite]', () => {
  let db: TestDatabase;
  let estateId: string;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const e = await db.prisma.estate.create({
      data: { code: 'BIG', name: '大社区', deskPhone: '1', emergencyPhone: '2' },
    });
    estateId = e.id;
    const b = await db.prisma.building.create({ data: { estateId, name: '9' } });
    for (let i = 0; i < N; i += 5000) {
      await db.prisma.unit.createMany({
        data: Array.from({ length: Math.min(5000, N - i) }, (_, k) => ({
          id: `big-${i + k}`,
          buildingId: b.id,
          room: String(100000 + i + k),
        })),
      });
    }
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  const file = (paidEvery: number) => {
    const lines = ['building,room,period,fee_type,amount_due,amount_paid,due_date'];
    for (let i = 0; i < N; i++)
      lines.push(`9栋,${100000 + i},2026-11,物业管理费,"1,234.50",${i % paidEvery === 0 ? '1234.50' : '0'},2026-11-30`);
    return Buffer.from(lines.join('\n'));
  };

  it('imports all rows, reports progress, and a re-import with payments updates only those bills', async () => {
    const progress: ImportProgress[] = [];
    const s = await importBills(createRepositories(db.prisma).fees, estateId, file(1_000_000), {
      onProgress: (p) => progress.push(p),
    });
    expect(s).toMatchObject({ rows: N, created: N, updated: 0, errors: [] });
    expect(progress.at(-1)).toEqual({ phase: 'write', done: N, total: N });
    expect(progress.filter((p) => p.phase === 'write').length).toBeGreaterThan(10);
    expect(await db.prisma.feeBill.count()).toBe(N);

    const again = await importBills(createRepositories(db.prisma).fees, estateId, file(100));
    // Row 0 was already paid in the first file: 1,000 rows paid now, 999 of them new.
    expect(again).toMatchObject({ created: 0, updated: 999, unchanged: N - 999 });
    expect(await db.prisma.feeBill.count({ where: { outstandingCents: 0 } })).toBe(1000);
  }, 180_000);
});
