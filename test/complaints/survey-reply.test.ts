import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StaffActor } from '../../src/complaints/complaint.service.js';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import { demoBot } from '../support/app.js';
import { chatWith } from '../support/conversation.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('回访: a bare reply answers the pending survey', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let clock = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai
  let estate: EstateInfo;
  let wang: StaffActor;
  let ownerId: string;
  const later = (hours: number) => {
    clock = new Date(clock.getTime() + hours * 3_600_000);
  };

  beforeAll(async () => {
    env = await demoBot(provider, () => clock);
    estate = (await env.estates.defaultEstate())!;
    const s = await env.db.prisma.staff.findFirstOrThrow({ where: { role: 'ASSISTANT' }, include: { person: true } });
    wang = { staffId: s.id, name: s.person.name, role: s.role, estateId: s.estateId };
    ownerId = (await env.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } })).id;
  });
  afterAll(async () => {
    await env.db.drop();
  });

  const resolvedTicket = async (category: string) => {
    const { ticket } = await env.complaints.create({
      estate,
      personId: ownerId,
      unitId: null,
      category,
      description: '问题',
      location: '大堂',
      urgent: false,
      attachments: [],
    });
    await env.complaints.claim(wang, ticket);
    await env.complaints.resolve(wang, ticket, '已处理');
    return ticket;
  };
  const row = (id: string) => env.db.prisma.ticket.findUniqueOrThrow({ where: { id } });

  it('the survey scan reads only due tickets; "5" answers the survey and closes the ticket', async () => {
    const t = await resolvedTicket('卫生');
    expect((await row(t.id)).surveyDueAt).toEqual(clock);
    // Before the estate's delay (2 h): the sweep only learns when to come back.
    await env.complaints.runSurveys((id) => env.estates.byId(id));
    expect((await row(t.id)).surveyDueAt).toEqual(new Date(clock.getTime() + 2 * 3_600_000));
    later(3);
    expect(await env.complaints.runSurveys((id) => env.estates.byId(id))).toMatchObject({ asked: 1 });
    expect((await row(t.id)).surveyDueAt).toBeNull();
    expect(await env.complaints.runSurveys((id) => env.estates.byId(id))).toMatchObject({ asked: 0 });
    await chatWith(env.bot).converse([['5', `感谢您的评价（5 分）！工单 ${t.number} 已结束。`]]);
    expect((await row(t.id)).status).toBe('CLOSED');
    // No survey pending any more: "5" is just a menu pick again.
    await chatWith(env.bot).converse([['5', (r) => expect(r.text).not.toContain('感谢您的评价')]]);
  });

  it('"4分" and "评价 5" without a number work too; "满意" answers with 5', async () => {
    const a = await resolvedTicket('宠物');
    later(3);
    await env.complaints.runSurveys((id) => env.estates.byId(id));
    await chatWith(env.bot).converse([['4分', `感谢您的评价（4 分）！工单 ${a.number} 已结束。`]]);
    const b = await resolvedTicket('噪音');
    later(3);
    await env.complaints.runSurveys((id) => env.estates.byId(id));
    await chatWith(env.bot).converse([['评价 5', `感谢您的评价（5 分）！工单 ${b.number} 已结束。`]]);
    const c = await resolvedTicket('公共设施');
    later(3);
    await env.complaints.runSurveys((id) => env.estates.byId(id));
    await chatWith(env.bot).converse([['满意', `感谢您的评价（5 分）！工单 ${c.number} 已结束。`]]);
  });

  it('"没解决" reopens the ticket', async () => {
    const t = await resolvedTicket('停车');
    later(3);
    await env.complaints.runSurveys((id) => env.estates.byId(id));
    await chatWith(env.bot).converse([['没解决', `工单 ${t.number} 已重新打开`]]);
    const r = await row(t.id);
    expect(r).toMatchObject({ status: 'IN_PROGRESS', round: 2, priority: 2, slaLevel: 0 });
    expect(r.nextSlaCheckAt).not.toBeNull();
  });
});
