import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { KeyService, type OwnerUnit } from '../../src/keys/key.service.js';
import { DeskSlots, keyDeskSettings } from '../../src/keys/desk-slots.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, loadHolidayYears } from '../../src/sla/business-calendar.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

const TZ = 'Asia/Shanghai';
const DAY = '2026-09-29';
const at = (hhmm: string, day = DAY): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(day, (h ?? 0) * 60 + (m ?? 0), TZ);
};

describeEachDb('KeyService', (provider) => {
  let db: TestDatabase;
  let slots: DeskSlots;
  let clock = at('08:00');
  let nextCode = 100000;
  let owner: OwnerUnit;
  let svc: KeyService;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const { years } = await loadHolidayYears(join(process.cwd(), 'data/calendar'));
    slots = new DeskSlots(
      new BusinessCalendar(DEFAULT_DESK_CALENDAR, years),
      DEFAULT_DESK_CALENDAR.shifts,
      keyDeskSettings({}),
    );
    svc = new KeyService(
      createRepositories(db.prisma),
      testNotifier(),
      slots,
      () => clock,
      () => String(nextCode++),
    );
    const person = await db.prisma.person.create({ data: { name: '刘洋', phone: '13812345678' } });
    await db.prisma.channelIdentity.create({
      data: { channel: 'console', externalId: 'owner-liu', personId: person.id },
    });
    owner = { estateId: 'e1', unitId: 'u1', unitLabel: '3栋2单元1201', ownerPersonId: person.id, ownerName: '刘洋' };
  });
  afterAll(async () => {
    await db.drop();
  });

  it('books a deposit, the desk hands over by code: holding HELD and an audit row', async () => {
    clock = at('08:00');
    const { appointment, code } = await svc.bookDeposit(owner, '入户门钥匙 2 把', at('09:00'));
    expect(code).toMatch(/^\d{6}$/);
    expect(appointment.status).toBe('BOOKED');
    expect((await svc.todayLines('e1')).join('\n')).toContain('09:00 寄存 3栋2单元1201 刘洋');

    clock = at('09:02');
    const done = await svc.markDoneByCode('e1', code, 'staff:s1');
    expect(done.appointment.status).toBe('DONE');
    expect(done.holding?.status).toBe('HELD');
    expect(done.holding?.description).toBe('入户门钥匙 2 把');
    const audit = await db.prisma.auditLog.findMany({ where: { subject: `KeyAppointment:${appointment.id}` } });
    expect(audit.map((a) => a.action)).toEqual(['key.handover.deposit']);
    // The same code twice does not hand over twice.
    await expect(svc.markDoneByCode('e1', code, 'staff:s1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a full slot refuses the third booking; lunch break and holiday are refused with reasons', async () => {
    clock = at('08:00');
    await svc.bookDeposit(owner, 'A', at('10:00'));
    await svc.bookDeposit(owner, 'B', at('10:00'));
    await expect(svc.bookDeposit(owner, 'C', at('10:00'))).rejects.toMatchObject({
      userText: expect.stringContaining('已约满'),
    });
    expect(await svc.freeSlots('e1', DAY)).not.toContainEqual(at('10:00'));
    await expect(svc.bookDeposit(owner, 'C', at('12:30'))).rejects.toMatchObject({
      userText: expect.stringContaining('午休'),
    });
    await expect(svc.bookDeposit(owner, 'C', at('10:00', '2026-10-02'))).rejects.toMatchObject({
      userText: expect.stringContaining('国庆节'),
    });
    await expect(svc.bookDeposit(owner, 'C', at('07:45'))).rejects.toMatchObject({
      userText: expect.stringContaining('已经过去'),
    });
  });

  it('reschedule moves the seat; cancel frees it', async () => {
    clock = at('08:00');
    const { appointment } = await svc.bookDeposit(owner, '车库钥匙', at('14:00'));
    const moved = await svc.reschedule(owner.ownerPersonId, appointment.id, at('14:15'));
    expect(moved.slotStart).toEqual(at('14:15'));
    await svc.bookDeposit(owner, 'x', at('14:00'));
    await svc.bookDeposit(owner, 'y', at('14:00')); // the old seat was freed
    await svc.bookDeposit(owner, 'z', at('14:30'));
    await svc.bookDeposit(owner, 'w', at('14:30'));
    await expect(svc.reschedule(owner.ownerPersonId, appointment.id, at('14:30'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await svc.myAppointments(owner.ownerPersonId)).find((a) => a.id === appointment.id)?.slotStart).toEqual(
      at('14:15'),
    );

    await svc.cancel(owner.ownerPersonId, appointment.id);
    expect(await svc.freeSlots('e1', DAY)).toContainEqual(at('14:15'));
    await expect(svc.cancel(owner.ownerPersonId, appointment.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an authorised person picks up with the code; an unlisted person cannot be booked; a wrong code is refused', async () => {
    clock = at('08:00');
    const dep = await svc.bookDeposit(owner, '入户门钥匙', at('08:30'));
    clock = at('08:31');
    const { holding } = await svc.markDoneByCode('e1', dep.code, 'staff:s1');
    const holdingId = holding?.id ?? '';
    await expect(
      svc.bookPickup(owner, holdingId, { self: false, name: '王师傅', phone: '13900001111' }, at('15:00')),
    ).rejects.toMatchObject({ userText: expect.stringContaining('不在授权名单') });
    await svc.addAuthorised(owner.ownerPersonId, holdingId, '王师傅', '139 0000 1111');
    const pickup = await svc.bookPickup(
      owner,
      holdingId,
      { self: false, name: '王师傅', phone: '13900001111' },
      at('15:00'),
    );
    expect(pickup.appointment.personName).toBe('王师傅');
    expect((await svc.todayLines('e1')).join('\n')).toContain('15:00 领取 3栋2单元1201 王师傅 139****1111');

    clock = at('15:01');
    await expect(svc.markDoneByCode('e1', '999999', 'staff:s1')).rejects.toMatchObject({
      userText: expect.stringContaining('取件码不正确'),
    });
    await expect(svc.markDoneByCode('e1', '12ab', 'staff:s1')).rejects.toMatchObject({
      userText: expect.stringContaining('6 位数字'),
    });
    const done = await svc.markDoneByCode('e1', pickup.code, 'staff:s2');
    expect(done.holding?.status).toBe('RELEASED');
    expect(await svc.myHoldings(owner.ownerPersonId)).toHaveLength(1); // the 08:30 deposit of test 1 only
  });

  it('reminds 1 hour before via the outbox once; no-show after slot + 30 min tells the owner', async () => {
    clock = at('08:00');
    const { appointment } = await svc.bookDeposit(owner, '信箱钥匙', at('16:00'));
    clock = at('14:50');
    expect(await svc.sendReminders()).toBe(0);
    clock = at('15:00');
    await svc.sendReminders();
    clock = at('15:05');
    await svc.sendReminders();
    const reminders = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `key-reminder:${appointment.id}` } },
    });
    expect(reminders).toHaveLength(1);
    expect(JSON.stringify(reminders[0]?.payload)).toContain('16:00');

    clock = at('16:29');
    await svc.sweepNoShows();
    expect((await db.prisma.keyAppointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');
    clock = at('16:31');
    await svc.sweepNoShows();
    expect((await db.prisma.keyAppointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe(
      'NO_SHOW',
    );
    const notice = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `key-noshow:${appointment.id}` } },
    });
    expect(JSON.stringify(notice[0]?.payload)).toContain('未到场');
  });

  it('twenty owners racing for the last free place: exactly the capacity succeeds', async () => {
    clock = at('08:00');
    const slot = at('11:00', '2026-09-30');
    await svc.bookDeposit(owner, 'first', slot);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => svc.bookDeposit({ ...owner, unitId: `u-${i}` }, `race ${i}`, slot)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.prisma.keyAppointment.count({ where: { slotStart: slot, status: 'BOOKED' } })).toBe(2);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
  });
});
