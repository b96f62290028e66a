// Two weeks of a simulated clock: 50 tickets across priorities (and a few emergencies) are created, claimed, paused,
// resumed and resolved at scripted times while the sweep runs every 10 minutes. The expected ladder is computed here
// from the rules directly (addBusinessMinutes with the pauses), not from src/sla/ladder.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ComplaintService, type StaffActor } from '../../src/complaints/complaint.service.js';
import type { EmergencyType } from '../../src/complaints/emergency.js';
import { seedDemo } from '../../src/db/seed.js';
import type { TicketRow } from '../../src/db/ticket.repo.js';
import { EstateService, type EstateInfo } from '../../src/estate/estate.service.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../../src/sla/business-calendar.js';
import { addBusinessMinutes, ContinuousClock, type CalendarLike, type Pause } from '../../src/sla/business-time.js';
import { SlaService } from '../../src/sla/sla.service.js';
import { formatLocal, zonedTime } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

const SH = 'Asia/Shanghai';
const TICK = 10 * 60_000;
const START = zonedTime('2026-11-30', 0, SH); // Monday 00:00
const TICKS = 14 * 24 * 6; // two weeks
const END = new Date(START.getTime() + TICKS * TICK);
const fmt = (d: Date): string => formatLocal(d, SH);
const tick = (k: number): Date => new Date(START.getTime() + k * TICK);
const firstTickAtOrAfter = (d: Date): Date =>
  new Date(START.getTime() + Math.ceil((d.getTime() - START.getTime()) / TICK) * TICK);

// Deterministic pseudo-random script (mulberry32).
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'normal' | 'raised' | 'urgent' | 'emergency';
interface Script {
  i: number;
  kind: Kind;
  category: string;
  unitId: string | null;
  createdAt: Date;
  claimAt: Date | null;
  claimer: '王芳' | '李强';
  pause: { from: Date; to: Date } | null;
  resolveAt: Date | null;
  ticket?: TicketRow;
}

const CATEGORIES = ['噪音', '卫生', '停车', '漏水/渗水', '宠物'];
const ADDRESS = { 王芳: 'demo-assistant', 李强: 'demo-foreman' } as const;
// Overrides exercise the per category × priority map: leaks are acknowledged faster.
const SETTINGS = { complaints: { limits: { '漏水/渗水': { 1: { ackMinutes: 60, resolveHours: 16 } } } } };
const ACK = { 1: 120, 2: 60, 3: 30 } as Record<number, number>;
const RESOLVE_H = { 1: 72, 2: 48, 3: 24 } as Record<number, number>;

function makeScript(units: string[]): Script[] {
  const r = rng(20261130);
  const at = (from: Date, maxTicks: number, minTicks = 1) =>
    new Date(from.getTime() + (minTicks + Math.floor(r() * (maxTicks - minTicks + 1))) * TICK);
  return Array.from({ length: 50 }, (_, i): Script => {
    const kind: Kind = i % 10 === 9 ? 'emergency' : i % 10 === 8 ? 'urgent' : i % 10 === 7 ? 'raised' : 'normal';
    const createdAt = tick(Math.floor(r() * 7 * 24 * 6));
    const category = CATEGORIES[Math.floor(r() * CATEGORIES.length)]!;
    const claimed = kind === 'emergency' ? r() < 0.5 : r() < 0.6;
    const claimAt = claimed ? (kind === 'emergency' ? at(createdAt, 2) : at(createdAt, 3 * 24 * 6)) : null;
    const pause =
      claimAt && kind !== 'emergency' && r() < 0.4
        ? (() => {
            const from = at(claimAt, 2 * 24 * 6);
            return { from, to: at(from, 2 * 24 * 6, 6) };
          })()
        : null;
    const resolveAt = claimAt && kind !== 'emergency' && r() < 0.3 ? at(pause?.to ?? claimAt, 4 * 24 * 6) : null;
    return {
      i,
      kind,
      category,
      unitId: kind === 'raised' ? units[i]! : null,
      createdAt,
      claimAt,
      claimer: r() < 0.5 ? '王芳' : '李强',
      pause,
      resolveAt,
    };
  });
}

/** The ladder per the rules, from the script alone. */
function expected(s: Script, desk: CalendarLike): { events: string[]; notices: string[] } {
  const priority = s.kind === 'urgent' || s.kind === 'emergency' ? 3 : s.kind === 'raised' ? 2 : 1;
  const cal = priority === 3 ? new ContinuousClock() : desk;
  const leak = s.category === '漏水/渗水' && priority === 1;
  const ack = s.kind === 'emergency' ? 10 : leak ? 60 : ACK[priority]!;
  const resolve = (leak ? 16 : RESOLVE_H[priority]!) * 60;
  const steps: Array<[string, number, 'ack' | 'resolve', string]> =
    s.kind === 'emergency'
      ? [['emergency_unacked', ack, 'ack', 'grp-MANAGER']]
      : [
          ['ack_warn', ack * 0.8, 'ack', 'grp-ASSISTANT'],
          ['ack_breach', ack, 'ack', 'grp-FOREMAN'],
          ['ack_2x', ack * 2, 'ack', 'grp-SUPERVISOR'],
          ['resolve_warn', resolve * 0.8, 'resolve', 'ASSIGNEE'],
          ['resolve_breach', resolve, 'resolve', 'grp-MANAGER'],
        ];
  const events: string[] = [];
  const notices: string[] = [];
  const n = s.ticket!.number;
  for (const [step, minutes, kind, target] of steps) {
    let fire = firstTickAtOrAfter(addBusinessMinutes(cal, s.createdAt, minutes)!);
    if (kind === 'ack') {
      if (s.claimAt && fire >= s.claimAt) continue;
    } else {
      if (s.pause && fire >= s.pause.from) {
        const pauses: Pause[] = [s.pause];
        const shifted = addBusinessMinutes(cal, s.createdAt, minutes, pauses)!;
        fire = firstTickAtOrAfter(shifted > s.pause.to ? shifted : s.pause.to);
      }
      if (s.resolveAt && fire >= s.resolveAt) continue;
    }
    if (fire > END) continue;
    const address =
      target === 'ASSIGNEE' ? (s.claimAt && s.claimAt <= fire ? ADDRESS[s.claimer] : 'grp-ASSISTANT') : target;
    const notBefore = priority === 3 ? fire : desk.nextShiftStart(fire);
    events.push(`${fmt(fire)} ${n} ${step}`);
    notices.push(`${n} ${step} → ${address} @${fmt(notBefore)}`);
  }
  return { events, notices };
}

describeEachDb('SLA ladder over two simulated weeks', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  let clock = START;
  const desk = new BusinessCalendar(DEFAULT_DESK_CALENDAR);
  let svc: ComplaintService;
  let sla: SlaService;
  let ownerId: string;
  const staff: Record<string, StaffActor> = {};

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
    const e = await db.prisma.estate.findFirstOrThrow();
    await db.prisma.estate.update({ where: { id: e.id }, data: { settings: SETTINGS } });
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

  it('produces exactly the expected warnings and escalations: none at night, none twice', async () => {
    const units = (await db.prisma.unit.findMany({ orderBy: { id: 'asc' }, take: 50 })).map((u) => u.id);
    const script = makeScript(units);
    // 二次投诉 (priority 2) needs an earlier resolved complaint of the same unit and category.
    for (const s of script.filter((x) => x.kind === 'raised')) {
      clock = new Date(START.getTime() - 5 * 86_400_000);
      const { ticket } = await svc.create({
        estate,
        personId: ownerId,
        unitId: s.unitId,
        category: s.category,
        description: '上次的问题',
        location: '本户',
        urgent: false,
        attachments: [],
      });
      await svc.claim(staff['王芳']!, ticket);
      await svc.resolve(staff['王芳']!, ticket, '已处理');
    }
    const same = (a: Date | null, b: Date) => a !== null && a.getTime() === b.getTime();
    for (let k = 0; k <= TICKS; k++) {
      clock = tick(k);
      for (const s of script) {
        if (same(s.createdAt, clock)) {
          s.ticket =
            s.kind === 'emergency'
              ? await svc.reportEmergency({
                  estate,
                  personId: ownerId,
                  unitId: null,
                  type: '电梯困人' as EmergencyType,
                  description: `困人 ${s.i}`,
                  location: '5栋电梯',
                  reporter: { actor: `person:${ownerId}`, name: '刘洋' },
                })
              : (
                  await svc.create({
                    estate,
                    personId: ownerId,
                    unitId: s.unitId,
                    category: s.category,
                    description: `第 ${s.i} 件`,
                    location: '小区',
                    urgent: s.kind === 'urgent',
                    attachments: [],
                  })
                ).ticket;
        }
        if (!s.ticket) continue;
        if (same(s.claimAt, clock)) {
          if (s.kind === 'emergency') await svc.ackEmergency(staff[s.claimer]!, s.ticket);
          else await svc.claim(staff[s.claimer]!, s.ticket);
        }
        if (s.pause && same(s.pause.from, clock))
          await svc.wait(staff[s.claimer]!, await reload(s.ticket), 'CONTRACTOR', null);
        if (s.pause && same(s.pause.to, clock)) await svc.resume(staff[s.claimer]!, await reload(s.ticket));
        if (same(s.resolveAt, clock)) await svc.resolve(staff[s.claimer]!, await reload(s.ticket), '已处理');
      }
      await sla.sweep(clock);
    }
    const byId = new Map(script.map((s) => [s.ticket!.id, s.ticket!.number]));
    const events = (await db.prisma.ticketEvent.findMany({ where: { action: { startsWith: 'sla_' } } }))
      .map((e) => `${fmt(e.at)} ${byId.get(e.ticketId)} ${e.action.slice(4)}`)
      .sort();
    const notices = (await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'sla:' } } }))
      .map((m) => {
        const [, id, , step] = m.dedupeKey.split('|')[0]!.split(':');
        return `${byId.get(id!)} ${step} → ${m.address} @${fmt(m.nextAttemptAt)}`;
      })
      .sort();
    const want = script.map((s) => expected(s, desk));
    expect(script.map((s) => s.kind).filter((k) => k === 'raised').length).toBe(5);
    expect(events).toEqual(want.flatMap((w) => w.events).sort());
    expect(notices).toEqual(want.flatMap((w) => w.notices).sort());
    expect(events.length).toBeGreaterThan(60);
    // The script really exercises every step, the assignee warnings and the pauses.
    expect(new Set(events.map((e) => e.split(' ')[3]))).toEqual(
      new Set(['ack_warn', 'ack_breach', 'ack_2x', 'resolve_warn', 'resolve_breach', 'emergency_unacked']),
    );
    expect(notices.some((n) => /→ demo-(assistant|foreman) /.test(n))).toBe(true);
    expect(script.filter((s) => s.pause).length).toBeGreaterThanOrEqual(5);
    // None at night: every non-urgent notice is held for desk hours.
    const raisedOrNormal = new Set(
      script.filter((s) => s.kind === 'normal' || s.kind === 'raised').map((s) => s.ticket!.number),
    );
    const deliveries = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'sla:' } } });
    for (const m of deliveries) {
      if (raisedOrNormal.has(byId.get(m.dedupeKey.split(':')[1]!)!)) expect(desk.isOpen(m.nextAttemptAt)).toBe(true);
    }
  });

  const reload = (t: TicketRow) => db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } });
});
