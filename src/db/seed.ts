// The demo estate `npm start` seeds into an empty database, so a newcomer can try every flow at once.
// Phone numbers are fictitious (13800000000-range test numbers).
import { addLocalDays } from '../shared/zoned-time.js';
import type { Prisma } from './client.js';

export const DEMO = {
  estateCode: 'JXHY',
  estateName: '锦绣花园',
  deskPhone: '0571-8888 6666',
  emergencyPhone: '0571-8888 9999',
  owner: { name: '刘洋', phone: '13812345678', building: '3', entrance: '2', room: '1201', consoleId: 'demo-owner' },
  staff: [
    { name: '王芳', phone: '13800000001', role: 'ASSISTANT', consoleId: 'demo-assistant' },
    { name: '李强', phone: '13800000002', role: 'FOREMAN', consoleId: 'demo-foreman' },
    { name: '张敏', phone: '13800000003', role: 'SUPERVISOR', consoleId: 'demo-supervisor' },
    { name: '陈刚', phone: '13800000004', role: 'MANAGER', consoleId: 'demo-manager' },
  ],
  /** A maintenance worker of 工程部 and its group on the console, so `npm start` shows the 报修 loop (派单 → 完工). */
  maintenance: {
    worker: { name: '赵师傅', phone: '13800000005', department: '工程部', consoleId: 'demo-worker' },
    group: { department: '工程部', chatId: 'demo-maintenance-group', title: '工程部维修群' },
  },
  otherOwners: [
    { name: '赵丽', phone: '13911112222', building: '1', entrance: '1', room: '301' },
    { name: '孙伟', phone: '13733334444', building: '2', entrance: '1', room: '802' },
    { name: '周静', phone: '13655556666', building: '3', entrance: '1', room: '1502' },
  ],
} as const;

export async function isDatabaseEmpty(prisma: Prisma): Promise<boolean> {
  return (await prisma.estate.count()) === 0;
}

/** Creates the demo estate (3 buildings × 2 entrances × 18 floors × 2 rooms), owners and one staff member per role. */
export async function seedDemo(prisma: Prisma): Promise<{ estateId: string }> {
  const estate = await prisma.estate.create({
    data: {
      code: DEMO.estateCode,
      name: DEMO.estateName,
      deskPhone: DEMO.deskPhone,
      emergencyPhone: DEMO.emergencyPhone,
      settings: {},
    },
  });
  const units: Array<{ id: string; buildingId: string; entrance: string; room: string; areaSqm: number }> = [];
  const buildingIds = new Map<string, string>();
  for (const name of ['1', '2', '3']) {
    const b = await prisma.building.create({ data: { estateId: estate.id, name } });
    buildingIds.set(name, b.id);
    for (const entrance of ['1', '2'])
      for (let floor = 1; floor <= 18; floor++)
        for (const r of ['01', '02'])
          units.push({
            id: `u-${name}-${entrance}-${floor}${r}`,
            buildingId: b.id,
            entrance,
            room: `${floor}${r}`,
            areaSqm: r === '01' ? 98 : 126,
          });
  }
  await prisma.unit.createMany({ data: units });
  const unitId = (b: string, e: string, r: string) => `u-${b}-${e}-${r}`;

  for (const o of [DEMO.owner, ...DEMO.otherOwners]) {
    await prisma.person.create({
      data: {
        name: o.name,
        phone: o.phone,
        memberships: { create: { unitId: unitId(o.building, o.entrance, o.room), role: 'OWNER' } },
        ...('consoleId' in o
          ? { identities: { create: { channel: 'console', externalId: o.consoleId, displayName: o.name } } }
          : {}),
      },
    });
  }
  for (const s of DEMO.staff) {
    await prisma.person.create({
      data: {
        name: s.name,
        phone: s.phone,
        staff: { create: { estateId: estate.id, role: s.role } },
        identities: { create: { channel: 'console', externalId: s.consoleId, displayName: s.name } },
      },
    });
  }
  const m = DEMO.maintenance;
  await prisma.person.create({
    data: {
      name: m.worker.name,
      phone: m.worker.phone,
      staff: { create: { estateId: estate.id, role: 'ASSISTANT', department: m.worker.department } },
      identities: { create: { channel: 'console', externalId: m.worker.consoleId, displayName: m.worker.name } },
    },
  });
  await prisma.staffChat.create({
    data: {
      estateId: estate.id,
      role: 'ASSISTANT',
      department: m.group.department,
      channel: 'console',
      chatId: m.group.chatId,
      title: m.group.title,
    },
  });
  return { estateId: estate.id };
}

/** One console group per desk role, so `npm start` shows where each staff notice goes (the console prints it). */
export const DEMO_GROUPS = [
  { role: 'ASSISTANT', chatId: '客户助理群' },
  { role: 'FOREMAN', chatId: '领班群' },
  { role: 'SUPERVISOR', chatId: '主管群' },
  { role: 'MANAGER', chatId: '经理群' },
] as const;

/**
 * Registers the demo estate's role groups on the console. Kept apart from seedDemo (like the demo permit): tests that
 * seed the estate decide themselves whether a role has a group (the private fallback is tested without one).
 */
export async function seedDemoGroups(prisma: Prisma, estateId: string): Promise<void> {
  for (const g of DEMO_GROUPS)
    await prisma.staffChat.create({
      data: { estateId, role: g.role, channel: 'console', chatId: g.chatId, title: g.chatId },
    });
}

/**
 * The demo owner's running renovation permit (started 10 days ago, ends in 20), so `npm start` shows 装修延期 /
 * 停工 / 退场验收 / 出入证 at once. Kept apart from seedDemo: tests that seed the estate choose their own permits.
 */
export async function seedDemoPermit(prisma: Prisma, today: string): Promise<void> {
  const owner = await prisma.person.findFirst({ where: { phone: DEMO.owner.phone }, select: { id: true } });
  const estate = await prisma.estate.findUnique({ where: { code: DEMO.estateCode }, select: { id: true } });
  if (!owner || !estate) return;
  const { building, entrance, room } = DEMO.owner;
  await prisma.renovationPermit.create({
    data: {
      estateId: estate.id,
      number: 'ZX-DEMO-0001',
      unitId: `u-${building}-${entrance}-${room}`,
      ownerPersonId: owner.id,
      contractor: '好家装饰',
      foremanPhone: '13900001111',
      scope: '厨卫改造、铺地板',
      startDate: addLocalDays(today, -10),
      endDate: addLocalDays(today, 20),
      depositCents: 200000,
    },
  });
}
