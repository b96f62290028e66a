import { afterAll, beforeAll, expect, it } from 'vitest';
import { complaintJobs } from '../../src/complaints/complaint.jobs.js';
import { ComplaintService, type StaffActor } from '../../src/complaints/complaint.service.js';
import { EstateService, type EstateInfo } from '../../src/estate/estate.service.js';
import { chatWith } from '../support/conversation.js';
import { demoBot, memoryLogger } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

const HOUR = 3_600_000;

describeEachDb('回访 surveys', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let clock = new Date('2026-11-28T02:00:00Z');
  let svc: ComplaintService;
  let estate: EstateInfo;
  let ownerId: string;
  let staff: StaffActor;
  let fresh: EstateService;

  beforeAll(async () => {
    env = await demoBot(provider, () => clock);
    svc = new ComplaintService(createRepositories(env.db.prisma), testNotifier(), () => clock);
    fresh = new EstateService(createRepositories(env.db.prisma).estates, 0); // no cache: tests change the callback mode
    estate = (await fresh.defaultEstate())!;
    ownerId = (await env.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } })).id;
    const s = await env.db.prisma.staff.findFirstOrThrow({ where: { role: 'ASSISTANT' }, include: { person: true } });
    staff = { staffId: s.id, name: s.person.name, role: s.role, estateId: s.estateId };
    await env.db.prisma.staffChat.create({
      data: { estateId: estate.id, role: 'SUPERVISOR', channel: 'console', chatId: 'grp-supervisors' },
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  const runJob = async () => {
    const [job] = complaintJobs({ complaints: svc, estateById: (id) => fresh.byId(id) });
    await job!.handler({ scheduledFor: clock, now: clock, logger: memoryLogger().logger });
  };
  const setMode = (callbackMode: string) =>
    env.db.prisma.estate.updateMany({ data: { settings: { complaints: { callbackMode } } } });
  const surveys = async () =>
    env.db.prisma.outboxMessage.findMany({
      where: { address: 'demo-owner', kind: 'survey' },
      orderBy: { createdAt: 'asc' },
    });
  const resolvedTicket = async (category: string) => {
    const { ticket } = await svc.create({
      estate,
      personId: ownerId,
      unitId: 'u-3-2-1201',
      category,
      description: `${category}问题`,
      location: '本户',
      urgent: false,
      attachments: [],
    });
    await svc.claim(staff, ticket);
    await svc.resolve(staff, ticket, '已处理');
    return ticket;
  };
  const owner = () => chatWith(env.bot, { userId: 'demo-owner' });

  it('always: survey after the delay, once; one reminder; 5 分 closes the ticket', async () => {
    await setMode('always');
    const t = await resolvedTicket('卫生');
    await runJob();
    expect(await surveys()).toHaveLength(0); // within the 2-hour delay
    clock = new Date(clock.getTime() + 2 * HOUR);
    await runJob();
    await runJob(); // a re-run sends nothing twice
    const first = await surveys();
    expect(first).toHaveLength(1);
    expect((first[0]!.payload as { text: string }).text).toContain(
      `【回访】您的投诉 ${t.number} 已办结，问题解决了吗？`,
    );
    clock = new Date(clock.getTime() + 25 * HOUR);
    await runJob();
    await runJob();
    const after = await surveys();
    expect(after).toHaveLength(2);
    expect((after[1]!.payload as { text: string }).text).toContain('【回访提醒】');
    await owner().converse([
      [`评价 ${t.number} 9`, '用法：评价 工单号 分数(1–5)'],
      [`评价 ${t.number} 5 很满意`, `感谢您的评价（5 分）！工单 ${t.number} 已结束`],
      [`评价 ${t.number} 4`, '没有待评价的回访'],
    ]);
    expect((await env.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('CLOSED');
  });

  it('score ≤ 2 reopens, raises priority and escalates to supervisors; the reopened ticket counts for 二次投诉', async () => {
    const t = await resolvedTicket('噪音');
    clock = new Date(clock.getTime() + 3 * HOUR);
    await runJob();
    await owner().converse([[`评价 ${t.number} 2 还是很吵`, `工单 ${t.number} 已重新打开，主管会跟进`]]);
    const reopened = await env.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', round: 2, priority: 2 });
    const sup = await env.db.prisma.outboxMessage.findMany({ where: { address: 'grp-supervisors' } });
    expect(sup.map((m) => (m.payload as { text: string }).text).join('\n')).toContain(
      `【回访不满意】工单 ${t.number}（噪音）已重新打开：业主评分 2 分（还是很吵）`,
    );
    const again = await svc.create({
      estate,
      personId: ownerId,
      unitId: 'u-3-2-1201',
      category: '噪音',
      description: '又吵',
      location: '本户',
      urgent: false,
      attachments: [],
    });
    expect(again.repeatOf?.id).toBe(t.id);
  });

  it('没解决 reopens; skip_if_rated asks no second survey after a rated round; never asks none', async () => {
    const t = await resolvedTicket('停车');
    clock = new Date(clock.getTime() + 3 * HOUR);
    await runJob();
    await owner().converse([[`没解决 ${t.number} 车位还是被占`, `工单 ${t.number} 已重新打开`]]);
    expect((await env.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('IN_PROGRESS');
    // 没解决 counts as an answer; in skip_if_rated mode the second resolve gets no survey.
    await setMode('skip_if_rated');
    await svc.resolve(staff, await svc.resolveRef(estate, t.number), '已贴条并联系车主');
    const before = (await surveys()).length;
    clock = new Date(clock.getTime() + 3 * HOUR);
    await runJob();
    expect(await surveys()).toHaveLength(before);
    expect((await env.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('CLOSED');

    await setMode('never');
    const n = await resolvedTicket('宠物');
    clock = new Date(clock.getTime() + 3 * HOUR);
    await runJob();
    expect(await surveys()).toHaveLength(before);
    expect((await env.db.prisma.ticket.findUniqueOrThrow({ where: { id: n.id } })).status).toBe('CLOSED');
  });
});
