// The 退场验收 slot is held by a unique key: owners booking the same instant at once cannot both get it.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import { SlotTakenError, submitRequest } from '../../src/db/renovation.repo.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { RenovationService } from '../../src/renovation/renovation.service.js';
import { describeEachDb, type TestDatabase } from '../support/databases.js';
import { renovationFixture, staffDeciders } from './renovation-fixtures.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('退场验收 slot booking under concurrency', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  let svc: RenovationService;
  let ownerId: string;
  const clock = new Date('2026-11-28T02:00:00Z'); // Saturday 10:00 Shanghai
  let n = 0;

  beforeAll(async () => {
    ({ db, estate, svc, ownerId } = await renovationFixture(provider, () => clock));
  });
  afterAll(async () => {
    await db.drop();
  });

  const permit = () =>
    svc.createPermit(
      estate,
      {
        number: `ZX-S${++n}`,
        unitId: 'u-3-2-1201',
        ownerPersonId: ownerId,
        contractor: '好家装饰',
        foremanPhone: '13900001111',
        scope: '厨卫改造',
        startDate: '2026-11-01',
        endDate: '2026-12-20',
        depositCents: 0,
      },
      'staff:test',
    );

  it('10 parallel bookings of one slot: exactly one gets it, the others are told to pick another time', async () => {
    const permits = await Promise.all(Array.from({ length: 10 }, () => permit()));
    const slot = (await svc.freeInspectionSlots(estate))[0]!;
    const results = await Promise.all(permits.map((p) => svc.bookExitInspection(estate, ownerId, p.id, slot)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // Refused either by the free-slot check or, when the check raced, by the database's unique slot key.
    for (const r of results.filter((x) => !x.ok)) {
      expect(!r.ok && r.reasons.join()).toMatch(/该时段刚被预约，请选择其他时间|该时段已被预约/);
    }
    expect(await db.prisma.renovationRequest.count({ where: { kind: 'EXIT_INSPECTION', slotAt: slot } })).toBe(1);
  });

  it('the database refuses the slot even when every booking passed the free-slot check (repository, 10 in parallel)', async () => {
    const permits = await Promise.all(Array.from({ length: 10 }, () => permit()));
    const slot = new Date('2026-12-01T01:30:00Z');
    const results = await Promise.allSettled(
      permits.map((p) =>
        submitRequest(
          db.prisma,
          testNotifier(),
          {
            estateId: estate.id,
            permitId: p.id,
            personId: ownerId,
            kind: 'EXIT_INSPECTION',
            reason: null,
            fromDate: null,
            newEndDate: null,
            slotAt: slot,
            createdAt: clock,
            dueAt: null,
          },
          () => ({
            kind: 'notice',
            message: { text: '新预约' },
            dedupeKey: `slot-test:${crypto.randomUUID()}`,
            at: clock,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SlotTakenError);
  });

  it('an owner who lost the race is told in zh-CN to pick another time', async () => {
    const [a, b] = [await permit(), await permit()];
    const slot = new Date('2026-12-02T01:30:00Z');
    // A stale view of the free slots: both owners saw the slot free before either booked it.
    class StaleView extends RenovationService {
      override async freeInspectionSlots(): Promise<Date[]> {
        return [slot];
      }
    }
    const stale = new StaleView(createRepositories(db.prisma), testNotifier(), () => clock);
    expect((await stale.bookExitInspection(estate, ownerId, a.id, slot)).ok).toBe(true);
    const lost = await stale.bookExitInspection(estate, ownerId, b.id, slot);
    expect(!lost.ok && lost.reasons).toEqual(['该时段刚被预约，请选择其他时间。']);
  });

  it('a rejected booking frees its slot for another owner', async () => {
    const [a, b] = [await permit(), await permit()];
    const slot = (await svc.freeInspectionSlots(estate))[0]!;
    const first = await svc.bookExitInspection(estate, ownerId, a.id, slot);
    if (!first.ok) throw new Error('first booking refused');
    const staff = await staffDeciders(db);
    await svc.decide(estate, staff['王芳']!, first.request.seq, false, '当天无人');
    expect((await svc.freeInspectionSlots(estate)).map((d) => d.getTime())).toContain(slot.getTime());
    expect((await svc.bookExitInspection(estate, ownerId, b.id, slot)).ok).toBe(true);
  });
});
