import { afterAll, beforeAll, expect, it } from 'vitest';
import { ComplaintService, type StaffActor } from '../../src/complaints/complaint.service.js';
import { seedDemo } from '../../src/db/seed.js';
import { EstateService, type EstateInfo } from '../../src/estate/estate.service.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../../src/sla/business-calendar.js';
import { SlaService } from '../../src/sla/sla.service.js';
import { formatLocal, zonedTime } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

const SH = 'Asia/Shanghai';
const at = (dateKey: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(dateKey, (h ?? 0) * 60 + (m ?? 0), SH);
};
const fmt = (d: Date | null | undefined): string | null => (d ? formatLocal(d, SH) : null);

describeEachDb('SLA ladder sweep', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  let clock = at('2026-11-26', '11:00');
  const desk = new BusinessCalendar(DEFAULT_DESK_CALENDAR);
  let svc: ComplaintService;
  let sla: SlaService;
  let ownerId: string;
  const staff: Record<string, StaffActor> = {};

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
    estate = (await new EstateService(createRepositories(db.prisma).estates).defaultEstate())!;
    svc = new ComplaintService(createRepositories(db.prisma), testNotifier(), () => clock, desk);
    sla = new SlaService(createRepositories(db.prisma).sla, testNotifier(), desk, () => clock);
    ownerId = (await db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } })).id;
    for (const s of await db.prisma.staff.findMany({ include: { person: true } })) {
      staff[s.person.name] = { staffId: s.id, name: s.person.name, role: s.role, estateId: s.estateId };
    }
    await db.prisma.staffChat.createMany({
      data: (['ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER'] as const).map((role) => ({
        estateId: estate.id,
        role,
        channel: 'console',
        chatId: `grp-${role}`,
      })),
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  const complain = (over: Partial<Parameters<ComplaintService['create']>[0]> = {}) =>
    svc.create({
      estate,
      personId: ownerId,
      unitId: null,
      category: '卫生',
      description: '楼道垃圾',
      location: '3栋大堂',
      urgent: false,
      attachments: [],
      ...over,
    });
  const slaRows = async (ticketId: string) =>
    (
      await db.prisma.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: `sla:${ticketId}:` } },
        orderBy: { createdAt: 'asc' },
      })
    ).map((m) => `${m.dedupeKey.split('|')[0]!.split(':')[3]}→${m.address}@${fmt(m.nextAttemptAt)}`);
  const walk = async (to: Date, everyMinutes = 10) => {
    while (clock < to) {
      clock = new Date(clock.getTime() + everyMinutes * 60_000);
      await sla.sweep(clock);
    }
  };

  it('takes each step once, at the right time, to the right group; a sweep after hours holds the ping for the next shift', async () => {
    clock = at('2026-11-26', '11:00');
    const { ticket } = await complain();
    expect(fmt(ticket.ackDueAt)).toBe('2026-11-26 14:30');
    expect(fmt(ticket.nextSlaCheckAt)).toBe('2026-11-26 14:06');
    await walk(at('2026-12-10', '12:00'));
    await sla.sweep(clock); // a re-run changes nothing
    expect(await slaRows(ticket.id)).toEqual([
      'ack_warn→grp-ASSISTANT@2026-11-26 14:10',
      'ack_breach→grp-FOREMAN@2026-11-26 14:30',
      'ack_2x→grp-SUPERVISOR@2026-11-26 16:30',
      'resolve_warn→grp-ASSISTANT@2026-12-07 14:10',
      'resolve_breach→grp-MANAGER@2026-12-09 11:00',
    ]);
    const events = await db.prisma.ticketEvent.findMany({
      where: { ticketId: ticket.id, action: { startsWith: 'sla_' } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual([
      'sla_ack_warn',
      'sla_ack_breach',
      'sla_ack_2x',
      'sla_resolve_warn',
      'sla_resolve_breach',
    ]);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).nextSlaCheckAt).toBeNull();
  });

  it('no pings at night for non-urgent work: a breach at 18:00 Friday waits for Monday 08:30', async () => {
    clock = at('2026-11-27', '16:00');
    const { ticket } = await complain({ category: '停车' });
    expect(fmt(ticket.ackDueAt)).toBe('2026-11-27 18:00');
    clock = at('2026-11-27', '18:05');
    await sla.sweep(clock);
    expect(await slaRows(ticket.id)).toEqual([
      'ack_warn→grp-ASSISTANT@2026-11-30 08:30',
      'ack_breach→grp-FOREMAN@2026-11-30 08:30',
    ]);
  });

  it('claiming stops the ack steps; 等待 stops the clock and resume shifts the due by the paused business minutes', async () => {
    clock = at('2026-11-30', '09:00');
    const { ticket } = await complain({ category: '宠物' });
    clock = at('2026-11-30', '09:30');
    await svc.claim(staff['王芳']!, ticket);
    const claimed = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(fmt(claimed.nextSlaCheckAt)).toBe('2026-12-09 10:36'); // no ack steps left: next is the 80 % resolve warning
    const dueBefore = claimed.resolveDueAt!;
    clock = at('2026-12-01', '10:00');
    await svc.wait(staff['王芳']!, claimed, 'CONTRACTOR', null);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).nextSlaCheckAt).toBeNull();
    clock = at('2026-12-01', '15:00'); // 10:00–12:00 + 13:30–15:00 = 210 business minutes
    await svc.resume(staff['王芳']!, claimed);
    const resumed = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(resumed.slaPausedMinutes).toBe(210);
    expect(fmt(dueBefore)).toBe('2026-12-11 09:00');
    expect(fmt(resumed.resolveDueAt)).toBe('2026-12-11 14:00'); // + 210 business minutes: 09:00–12:00, 13:30–14:00
    expect(fmt(resumed.nextSlaCheckAt)).toBe('2026-12-09 15:36'); // the warning moved by the same 210 minutes
    expect(await slaRows(ticket.id)).toEqual([]);
  });

  it('two sweeps at once take each step once', async () => {
    clock = at('2026-12-14', '09:00');
    const made = [];
    for (let i = 0; i < 12; i++) made.push((await complain({ category: '噪音', description: `噪音 ${i}` })).ticket);
    clock = at('2026-12-14', '13:40'); // 09:00 + 180 business minutes: warn and breach due
    await Promise.all([sla.sweep(clock), sla.sweep(clock)]);
    for (const t of made) {
      expect(await db.prisma.ticketEvent.count({ where: { ticketId: t.id, action: { startsWith: 'sla_' } } })).toBe(2);
      expect(await slaRows(t.id)).toEqual([
        'ack_warn→grp-ASSISTANT@2026-12-14 13:40',
        'ack_breach→grp-FOREMAN@2026-12-14 13:40',
      ]);
    }
  });

  it('an emergency pings supervisors at once; 经理 once when nobody says 收到 in 10 minutes, never after a 收到', async () => {
    clock = at('2026-12-19', '23:00'); // Saturday night: emergencies never wait
    const report = (type: '电梯困人' | '火情/烟味') =>
      svc.reportEmergency({
        estate,
        personId: ownerId,
        unitId: null,
        type,
        description: '5栋电梯困人',
        location: '5栋1单元电梯',
        reporter: { actor: `person:${ownerId}`, name: '刘洋' },
      });
    const lone = await report('电梯困人');
    const acked = await report('火情/烟味');
    const sup = await db.prisma.outboxMessage.findMany({
      where: { address: 'grp-SUPERVISOR', dedupeKey: { startsWith: `ticket:${lone.id}:` } },
    });
    expect(sup).toHaveLength(1);
    expect(sup[0]!.kind).toBe('urgent');
    expect((sup[0]!.payload as { text: string }).text).toContain(`收到 ${lone.number.slice(-4)}`);
    clock = at('2026-12-19', '23:05');
    await svc.ackEmergency(staff['李强']!, acked);
    await expect(svc.ackEmergency(staff['王芳']!, acked)).rejects.toMatchObject({
      userText: expect.stringContaining('已由李强确认'),
    });
    clock = at('2026-12-19', '23:09');
    await sla.sweep(clock);
    expect(await slaRows(lone.id)).toEqual([]);
    await walk(at('2026-12-20', '01:00'), 1);
    expect(await slaRows(lone.id)).toEqual(['emergency_unacked→grp-MANAGER@2026-12-19 23:10']);
    expect(await slaRows(acked.id)).toEqual([]);
  });
});
