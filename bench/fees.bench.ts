// Fees: 催缴 planning for 100,000 units in arrears (goal ≤ 5 s on SQLite, loading included) and the bill import rate.
import type { Database } from '../src/db/client.js';
import { planArrearsCampaign } from '../src/fees/arrears-campaign.job.js';
import { importBills } from '../src/fees/fee-import.service.js';
import { goal, withBenchDatabase, type Row } from './bench-db.js';
import { createRepositories } from '../src/db/prisma-repositories.js';

const UNITS = 100_000;

async function seed(db: Database): Promise<string> {
  const p = db.prisma;
  const e = await p.estate.create({ data: { code: 'BENCH', name: '压测小区', deskPhone: '1', emergencyPhone: '2' } });
  const b = await p.building.create({ data: { estateId: e.id, name: '1' } });
  for (let i = 0; i < UNITS; i += 5000) {
    const n = Math.min(5000, UNITS - i);
    await p.unit.createMany({
      data: Array.from({ length: n }, (_, k) => ({
        id: `bu-${i + k}`,
        buildingId: b.id,
        room: String(100000 + i + k),
      })),
    });
    await p.person.createMany({
      data: Array.from({ length: n }, (_, k) => ({ id: `bp-${i + k}`, name: `业主${i + k}` })),
    });
    await p.unitMembership.createMany({
      data: Array.from({ length: n }, (_, k) => ({
        unitId: `bu-${i + k}`,
        personId: `bp-${i + k}`,
        role: 'OWNER' as const,
      })),
    });
  }
  return e.id;
}

async function measure(db: Database): Promise<Row[]> {
  const estateId = await seed(db);
  const lines = ['building,room,period,fee_type,amount_due,amount_paid,due_date'];
  for (let i = 0; i < UNITS; i++)
    lines.push(`1栋,${100000 + i},2026-11,物业管理费,"1,234.50",${i % 10 === 0 ? '100' : '0'},2026-11-30`);
  const t0 = performance.now();
  const s = await importBills(createRepositories(db.prisma).fees, estateId, Buffer.from(lines.join('\n')));
  const importMs = performance.now() - t0;
  if (s.errors.length > 0 || s.created !== UNITS)
    throw new Error(`bench import failed: ${JSON.stringify(s).slice(0, 200)}`);

  // Planning as the daily job does it: the reads plus the pure plan (the writes are the outbox's own benchmark).
  const t1 = performance.now();
  const estate = { id: estateId, name: '压测小区', deskPhone: '1', timezone: 'Asia/Shanghai', settings: {} };
  const plan = await planArrearsCampaign(createRepositories(db.prisma).fees, estate, new Date('2026-12-03T02:00:00Z')); // 2026-12-03 10:00 local
  const planMs = performance.now() - t1;
  if (plan.length !== UNITS) throw new Error(`expected ${UNITS} reminders, planned ${plan.length}`);
  return [
    {
      name: `fee reminder planning, ${UNITS / 1000}k units in arrears`,
      value: (planMs / 1000).toFixed(2),
      unit: 's',
      db: db.provider,
      goal: db.provider === 'sqlite' ? goal(planMs / 1000, '≤', 3) : undefined,
    },
    {
      name: `bill import, ${UNITS / 1000}k-row CSV`,
      value: Math.round(UNITS / (importMs / 1000)).toLocaleString('en'),
      unit: 'rows/s',
      db: db.provider,
    },
  ];
}

export async function benchFees(): Promise<Row[]> {
  return [...(await withBenchDatabase('sqlite', measure)), ...(await withBenchDatabase('postgresql', measure))];
}
