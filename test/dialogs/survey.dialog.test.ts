// The monthly 满意度 survey as owners and supervisors live it (issue #20): the job plans the invitations into the
// outbox once, owners answer in chat (tolerant scores, bad ones re-asked, a restart mid-way resumes), opt-out holds,
// one reminder, and 主管 read the results, list the opinions and turn one into a ticket. Real bot, real databases,
// pinned clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildBot } from '../../src/main.js';
import { surveyJobs } from '../../src/survey/survey.jobs.js';
import { monthOf } from '../../src/reports/report.service.js';
import { chatWith, type Row } from '../support/conversation.js';
import { demoBot, memoryLogger, UNLIMITED_INBOUND } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

/** Tuesday 2026-12-01, the first working day of December: our default survey day, at 10:00. */
const SURVEY_DAY = new Date('2026-12-01T10:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeEachDb('monthly satisfaction survey', (provider) => {
  let now = SURVEY_DAY;
  let app: Awaited<ReturnType<typeof demoBot>>;
  const talk = (userId: string, rows: Row[], conversationId = `survey-${userId}`) =>
    chatWith(app.bot, { userId, conversationId }).converse(rows);
  const estate = async () => (await app.surveys.estates())[0]!;
  const response = async (name: string) =>
    app.db.prisma.surveyResponse.findFirst({ where: { personId: (await person(name)).id } });
  const person = async (name: string) => app.db.prisma.person.findFirstOrThrow({ where: { name } });
  const surveyRows = () =>
    app.db.prisma.outboxMessage.findMany({ where: { kind: 'survey' }, orderBy: { dedupeKey: 'asc' } });

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
    // Two more owners bind a chat account (building 1 and 2); 周静 (building 3) never did, so she cannot be asked.
    for (const [name, externalId] of [
      ['赵丽', 'owner-zhao'],
      ['孙伟', 'owner-sun'],
    ] as const) {
      await app.db.prisma.channelIdentity.create({
        data: { channel: 'console', externalId, displayName: name, personId: (await person(name)).id },
      });
    }
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('plans the invitations on the survey day at 10:00, through the outbox, once', async () => {
    const e = await estate();
    expect(await app.surveys.planMonth(e, new Date('2026-12-01T09:30:00+08:00'))).toEqual({ invited: 0, skipped: 0 });
    expect(await surveyRows()).toHaveLength(0);

    // The scheduler's job at 10:00 plans it …
    const [plan] = surveyJobs({ surveys: app.surveys });
    await plan!.handler({ scheduledFor: now, now, logger: memoryLogger().logger });
    const rows = await surveyRows();
    expect(rows).toHaveLength(3); // 刘洋, 赵丽, 孙伟 — each once, on their one chat account
    expect(rows.every((r) => r.nextAttemptAt.getTime() === now.getTime())).toBe(true); // 10:00 is outside quiet hours
    const text = (rows[0]!.payload as { text: string }).text;
    expect(text).toContain('【锦绣花园业主满意度调查】2026-12 的满意度调查来了：4 道评分题和 1 道意见题');
    expect(text).toContain('直接回复第 1 题“客服响应”的分数');
    expect(text).toContain('不想再收到请回复“不再调查”');
    expect(text).toContain('本物业的默认安排');

    // … and planning again (a re-run, a second instance, catch-up at start-up) sends nothing more.
    await plan!.handler({ scheduledFor: now, now, logger: memoryLogger().logger });
    expect(await app.surveys.planMonth(e, new Date(now.getTime() + 2 * HOUR))).toEqual({ invited: 0, skipped: 0 });
    expect(await surveyRows()).toHaveLength(3);
    expect(await app.db.prisma.surveyResponse.count()).toBe(3);
  });

  it('the owner answers every question in chat; "5", "五分", "非常满意" all count', async () => {
    await talk('demo-owner', [
      ['5', '第 2/4 题：您对“维修质量”满意吗？'],
      ['五分', '第 3/4 题：您对“环境卫生”满意吗？'],
      ['非常满意', '第 4/4 题：您对“安全秩序”满意吗？'],
      ['4', '最后一题：您对物业服务还有什么意见或建议？'],
      ['电梯里的广告太多了', '感谢您完成 2026-12 的满意度调查！您的意见已转给物业主管'],
    ]);
    const r = await response('刘洋');
    expect(r?.answers).toEqual({ service: 5, repair: 5, cleaning: 5, security: 4 });
    expect(r?.opinion).toBe('电梯里的广告太多了');
    expect(r?.completedAt).not.toBeNull();
    // Done is done: the word again says there is nothing to answer.
    await talk('demo-owner', [['满意度调查', '您目前没有待完成的满意度调查']]);
  });

  it('a bad answer is refused clearly and the same question asked again; a restart mid-survey resumes', async () => {
    const conversationId = 'survey-zhao-restart';
    // The refusal and the question again come as one message.
    const refused = (reply: { text?: string }) => {
      expect(reply.text).toContain('没有看懂这个分数');
      expect(reply.text).toContain('第 1/4 题：您对“客服响应”满意吗？');
    };
    await talk(
      'owner-zhao',
      [
        ['开始', '第 1/4 题：您对“客服响应”满意吗？'],
        ['还凑合吧大概', refused],
        ['十分', refused],
        ['６', refused],
        ['楼道里着火了', '如遇紧急情况，请直接拨打物业紧急电话'],
        ['3分', '第 2/4 题'],
      ],
      conversationId,
    );
    expect((await response('赵丽'))?.answers).toEqual({ service: 3 });

    // The process dies; a new bot over the same database takes the next message at the same question.
    const restarted = buildBot(app.db, memoryLogger().logger, { now: () => now, inboundLimits: UNLIMITED_INBOUND });
    await chatWith(restarted.bot, { userId: 'owner-zhao', conversationId }).converse([
      ['两分', '第 3/4 题：您对“环境卫生”满意吗？'],
    ]);
    expect((await response('赵丽'))?.answers).toEqual({ service: 3, repair: 2 });
    // 取消 leaves what was answered; "满意度调查" picks it up again at the next question.
    await chatWith(restarted.bot, { userId: 'owner-zhao', conversationId }).converse([
      ['取消', '已取消当前操作'],
      ['满意度调查', /继续您的满意度调查（已答 2 题）/],
    ]);
  });

  it('opt-out is honoured (no reminder, not asked next month) and 订阅调查 brings it back', async () => {
    await talk('owner-sun', [
      ['不再调查', '好的，以后不再给您发送满意度调查。想恢复请回复“订阅调查”。'],
      ['退订调查', '您已经退订了满意度调查'],
    ]);
    // Three days on: one reminder, only to the owner still half-way (赵丽); 刘洋 finished, 孙伟 opted out.
    now = new Date(SURVEY_DAY.getTime() + 3 * DAY + 30 * 60_000);
    const e = await estate();
    expect(await app.surveys.remindMonth(e, now)).toBe(1);
    expect(await app.surveys.remindMonth(e, now)).toBe(0); // one reminder, never two
    const reminders = (await surveyRows()).filter((r) => r.dedupeKey.includes(':remind:'));
    expect(reminders).toHaveLength(1);
    expect((reminders[0]!.payload as { text: string }).text).toContain('回复“满意度调查”继续');
    expect(reminders[0]!.dedupeKey).toContain((await person('赵丽')).id);

    // Next month 孙伟 is not asked; after 订阅调查 the month after he is.
    const january = new Date('2027-01-04T10:00:00+08:00'); // after January's survey day (no holiday file loaded here)
    const jan = await app.surveys.planMonth(e, january);
    expect(jan.invited).toBe(2);
    await talk('owner-sun', [['订阅调查', '好的，已恢复满意度调查']]);
    expect(await app.db.prisma.surveyOptOut.count()).toBe(0);
    await app.db.prisma.surveyRound.deleteMany({ where: { period: '2027-01' } });
  });

  it('主管 see response rate and averages per question and building, list opinions and turn one into a ticket', async () => {
    now = new Date(SURVEY_DAY.getTime() + 4 * DAY);
    // 赵丽 finishes without an opinion.
    await talk(
      'owner-zhao',
      [
        ['满意度调查', '第 3/4 题'],
        ['4', '第 4/4 题'],
        ['5', '最后一题'],
        ['没有', '感谢您完成 2026-12 的满意度调查！评分已记录'],
      ],
      'survey-zhao-2',
    );
    const results = (reply: { text?: string }) => {
      const text = reply.text ?? '';
      expect(text).toContain('【业主满意度调查】2026-12：邀请 3 户，完成 2 户，回复率 66.7%');
      expect(text).toContain('· 客服响应：4.00 分（2 份）');
      expect(text).toContain('· 维修质量：3.50 分（2 份）');
      expect(text).toContain('· 1栋：完成 1/1，平均 3.50 分');
      expect(text).toContain('· 2栋：完成 0/1，平均 —');
      expect(text).toContain('· 3栋：完成 1/1，平均 4.75 分');
      expect(text).toContain('本月收集业主意见 1 条，目标 20 条（我方默认目标，可按小区设置） ✗ 未达标');
    };
    await talk('demo-supervisor', [
      ['满意度', results],
      ['意见列表', /1\. 3栋2单元1201（2026-12-01）：电梯里的广告太多了/],
      ['意见转工单 2', '没有第 2 条意见（2026-12 共 1 条）'],
      ['意见转工单 一', '用法：意见转工单 编号'],
      ['意见转工单 1', /已将意见 1 转为工单 TS-20261205-0001（3栋2单元1201），已通知业主/],
      ['意见转工单 1', '意见 1 已经转过工单 TS-20261205-0001'],
      ['意见列表', '［已转工单 TS-20261205-0001］'],
    ]);
    const ticket = await app.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261205-0001' } });
    expect(ticket.description).toBe('业主满意度调查意见（2026-12）：电梯里的广告太多了');
    expect(ticket.personId).toBe((await person('刘洋')).id);
    const told = await app.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: 'survey-opinion-ticket:' } },
    });
    expect(told).toHaveLength(1);
    expect((told[0]!.payload as { text: string }).text).toContain('已转为工单 TS-20261205-0001');
    // Assistants may not read them.
    await talk('demo-assistant', [['意见列表', '抱歉，“意见列表”仅限主管、经理使用。']]);

    // The monthly report carries the opinions against the target too.
    const report = await app.reports.monthlyReport(await estate(), monthOf('2026-12', 'Asia/Shanghai'), now);
    expect(report.text).toContain('本月收集业主意见 1 条，目标 20 条（我方默认目标，可按小区设置） ✗ 未达标');
  });
});
