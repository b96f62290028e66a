// A month of tickets, 回访 scores, key appointments and bills in the demo estate, for the report tests.
// Tickets are written as rows (with their SLA columns set) so each one lands exactly where the report must count it.
import { expect } from 'vitest';
import type { Prisma } from '../../src/db/client.js';
import { importBills } from '../../src/fees/fee-import.service.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { billCsv } from '../fees/fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

export const TZ = 'Asia/Shanghai';

/** Local wall time in Shanghai: at('2026-11-28', '09:30'). */
export function at(day: string, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(day, (h ?? 0) * 60 + (m ?? 0), TZ);
}

/** "Now" of the command tests: Saturday 2026-11-28 10:00 in Shanghai. */
export const NOW = at('2026-11-28', '10:00');

interface TicketSeed {
  number: string;
  category: string;
  kind?: 'COMPLAINT' | 'EMERGENCY' | 'REQUEST';
  status: 'NEW' | 'ACCEPTED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED' | 'WITHDRAWN';
  createdAt: Date;
  acceptedAt?: Date;
  resolvedAt?: Date;
  ackDueAt: Date;
  resolveDueAt: Date;
  isRepeat?: boolean;
  score?: { value: number; answeredAt: Date };
}

/**
 * November (to the 28th 10:00): 7 counted tickets — 噪音 2, 漏水/渗水 1 (二次投诉), 卫生 1, 停车 1, 公共设施 1 (紧急), 其他 1 —
 * and one withdrawn 噪音. SLA decided 6, met 1. 回访 5, 3, 4 → 4.00. Today: 4 new, 1 resolved, 4 open, 1 emergency,
 * overdue at 10:00: 卫生 (ack ×2), 公共设施 (resolve), 其他 (ack). October: one 噪音 met, score 2.
 * Keys today: 2 (1 done, 1 booked; a cancelled one does not count). Bills 2026-11 due by the 28th: ¥900, paid ¥600 (and ¥700 due on the 30th, not counted).
 */
export async function seedReportData(prisma: Prisma): Promise<{ estateId: string }> {
  const estate = await prisma.estate.findFirstOrThrow({ select: { id: true } });
  const owner = await prisma.person.findFirstOrThrow({ where: { name: '刘洋' }, select: { id: true } });
  const unit = await prisma.unit.findFirstOrThrow({
    where: { room: '1201', entrance: '2', building: { name: '3' } },
    select: { id: true },
  });
  const tickets: TicketSeed[] = [
    {
      number: 'TS-20261105-0001',
      category: '噪音',
      status: 'RESOLVED',
      createdAt: at('2026-11-05', '09:00'),
      acceptedAt: at('2026-11-05', '10:00'),
      ackDueAt: at('2026-11-05', '11:00'),
      resolveDueAt: at('2026-11-08', '09:00'),
      resolvedAt: at('2026-11-06', '15:00'),
      score: { value: 5, answeredAt: at('2026-11-06', '18:00') },
    },
    {
      number: 'TS-20261110-0001',
      category: '噪音',
      status: 'CLOSED',
      createdAt: at('2026-11-10', '09:00'),
      acceptedAt: at('2026-11-10', '12:00'),
      ackDueAt: at('2026-11-10', '11:00'),
      resolveDueAt: at('2026-11-13', '09:00'),
      resolvedAt: at('2026-11-11', '09:00'),
      score: { value: 3, answeredAt: at('2026-11-11', '12:00') },
    },
    {
      number: 'TS-20261120-0001',
      category: '漏水/渗水',
      status: 'RESOLVED',
      isRepeat: true,
      createdAt: at('2026-11-20', '09:00'),
      acceptedAt: at('2026-11-20', '09:30'),
      ackDueAt: at('2026-11-20', '10:00'),
      resolveDueAt: at('2026-11-23', '09:00'),
      resolvedAt: at('2026-11-28', '08:00'),
      score: { value: 4, answeredAt: at('2026-11-28', '09:00') },
    },
    {
      number: 'TS-20261115-0001',
      category: '噪音',
      status: 'WITHDRAWN',
      createdAt: at('2026-11-15', '09:00'),
      ackDueAt: at('2026-11-15', '11:00'),
      resolveDueAt: at('2026-11-18', '09:00'),
    },
    {
      number: 'TS-20261128-0001',
      category: '卫生',
      status: 'NEW',
      createdAt: at('2026-11-28', '08:00'),
      ackDueAt: at('2026-11-28', '08:30'),
      resolveDueAt: at('2026-11-30', '18:00'),
    },
    {
      number: 'TS-20261128-0002',
      category: '公共设施',
      kind: 'EMERGENCY',
      status: 'ACCEPTED',
      createdAt: at('2026-11-28', '09:00'),
      acceptedAt: at('2026-11-28', '09:05'),
      ackDueAt: at('2026-11-28', '09:10'),
      resolveDueAt: at('2026-11-28', '09:50'),
    },
    {
      number: 'TS-20261128-0003',
      category: '其他',
      status: 'NEW',
      createdAt: at('2026-11-28', '09:00'),
      ackDueAt: at('2026-11-28', '09:45'),
      resolveDueAt: at('2026-12-01', '09:00'),
    },
    {
      number: 'TS-20261128-0004',
      category: '停车',
      status: 'NEW',
      createdAt: at('2026-11-28', '09:30'),
      ackDueAt: at('2026-11-28', '11:30'),
      resolveDueAt: at('2026-12-01', '09:30'),
    },
    {
      number: 'TS-20261010-0001',
      category: '噪音',
      status: 'CLOSED',
      createdAt: at('2026-10-10', '09:00'),
      acceptedAt: at('2026-10-10', '09:30'),
      ackDueAt: at('2026-10-10', '11:00'),
      resolveDueAt: at('2026-10-13', '09:00'),
      resolvedAt: at('2026-10-11', '09:00'),
      score: { value: 2, answeredAt: at('2026-10-12', '10:00') },
    },
  ];
  for (const t of tickets) {
    const row = await prisma.ticket.create({
      data: {
        number: t.number,
        estateId: estate.id,
        unitId: unit.id,
        personId: owner.id,
        kind: t.kind ?? 'COMPLAINT',
        category: t.category,
        description: '测试',
        location: '3栋2单元1201',
        status: t.status,
        isRepeat: t.isRepeat ?? false,
        createdAt: t.createdAt,
        acceptedAt: t.acceptedAt ?? null,
        resolvedAt: t.resolvedAt ?? null,
        ackDueAt: t.ackDueAt,
        resolveDueAt: t.resolveDueAt,
      },
    });
    if (t.score) {
      await prisma.callback.create({
        data: {
          ticketId: row.id,
          round: 1,
          askedAt: t.score.answeredAt,
          score: t.score.value,
          answeredAt: t.score.answeredAt,
        },
      });
    }
  }
  const appt = {
    estateId: estate.id,
    unitId: unit.id,
    unitLabel: '3栋2单元1201',
    ownerPersonId: owner.id,
    kind: 'DEPOSIT' as const,
    personName: '刘洋',
    codeHash: 'x',
  };
  await prisma.keyAppointment.create({ data: { ...appt, slotStart: at('2026-11-28', '09:00'), status: 'DONE' } });
  await prisma.keyAppointment.create({ data: { ...appt, slotStart: at('2026-11-28', '14:00'), status: 'BOOKED' } });
  await prisma.keyAppointment.create({ data: { ...appt, slotStart: at('2026-11-28', '15:00'), status: 'CANCELLED' } });
  await prisma.keyAppointment.create({ data: { ...appt, slotStart: at('2026-11-29', '09:00'), status: 'BOOKED' } });

  const bills = await importBills(
    createRepositories(prisma).fees,
    estate.id,
    billCsv(
      '3栋,2单元1201,2026-11,物业费,300,300,2026-11-25',
      '1栋,1单元301,2026-11,物业费,300,300,2026-11-25',
      '2栋,1单元802,2026-11,物业费,300,0,2026-11-25',
      // Not due until after "now" (11-28): not 应收 yet, so 收缴率 leaves it out (it would make 66.7% → 37.5%).
      '2栋,1单元802,2026-11,停车费,700,0,2026-11-30',
      '2栋,1单元802,2026-10,物业费,300,0,2026-10-31',
    ),
  );
  expect(bills.errors).toEqual([]);
  return { estateId: estate.id };
}
