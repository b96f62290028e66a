// Figures that mean what they say (#19), as a supervisor reads them: 收缴率 only of bills already due, 没解决 counted
// in CSAT and as 二次投诉, and 误报 N taking a false alarm out of every figure — on the real bot and database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith, type Row } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { at, NOW, seedReportData } from '../reports/report-fixtures.js';

describeEachDb('figures commands', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
    const { estateId } = await seedReportData(app.db.prisma);
    // A 卫生 ticket resolved on the 12th whose owner answered the 回访 "没解决" on the 13th: reopened, round 2.
    const p = app.db.prisma;
    const owner = await p.person.findFirstOrThrow({ where: { name: '刘洋' }, select: { id: true } });
    const reopened = await p.ticket.create({
      data: {
        number: 'TS-20261112-0001',
        estateId,
        personId: owner.id,
        category: '卫生',
        description: '楼道垃圾',
        location: '3栋2单元',
        status: 'IN_PROGRESS',
        round: 2,
        createdAt: at('2026-11-12', '09:00'),
        acceptedAt: at('2026-11-12', '09:10'),
        resolvedAt: at('2026-11-12', '15:00'),
        ackDueAt: at('2026-11-12', '10:00'),
        resolveDueAt: at('2026-11-30', '18:00'),
      },
    });
    await p.callback.create({
      data: {
        ticketId: reopened.id,
        round: 1,
        askedAt: at('2026-11-13', '09:00'),
        answeredAt: at('2026-11-13', '10:00'),
        score: null,
        comment: '还是没人清',
      },
    });
  });
  afterAll(async () => {
    await app.db.drop();
  });

  const all =
    (...parts: string[]) =>
    (r: { text?: string }) => {
      for (const part of parts) expect(r.text).toContain(part);
    };
  /** One reply with every one of `parts` and none of `absent`. */
  const only = (parts: string[], absent: string[]) => (r: { text?: string }) => {
    all(...parts)(r);
    for (const part of absent) expect(r.text).not.toContain(part);
  };
  const talk = (userId: string, rows: Row[]) => chatWith(app.bot, { userId }).converse(rows);

  it('收缴率 and 统计 count only bills already due (¥700 due on the 30th is not 应收 on the 28th)', async () => {
    await talk('demo-supervisor', [
      [
        '收缴率 2026-11',
        all('全小区 2026-11：应收 ¥900.00，实收 ¥600.00，收缴率 66.7%', '只计截至 2026-11-28 已到期的账单'),
      ],
      ['统计', all('物业费收缴率：66.7%')],
    ]);
  });

  it('满意度 and 统计 count a 没解决 answer (as 1 point) and its reopen as a 二次投诉', async () => {
    await talk('demo-supervisor', [
      [
        '满意度',
        all(
          '【满意度】2026年11月：平均 3.25 分（4 份回访）',
          '评分分布：5分 1，4分 1，3分 1，2分 0，1分 0，没解决 1',
          '回访答“没解决”的按 1 分计入平均（我们的默认做法）。',
        ),
      ],
      [
        '统计',
        only(
          [
            '投诉/报修 8 单',
            '· 卫生 2',
            'SLA 达标率：28.6%（2/7）',
            '二次投诉：2 单，目标 0 ✗ 未达标',
            '其中回访“没解决”后重新打开 1 单',
            '满意度：3.25 分（4 份回访）',
          ],
          ['误报'],
        ),
      ],
    ]);
  });

  it('误报 N: 领班 and above; the ticket leaves every figure, an open one is closed and its owner told', async () => {
    await talk('demo-assistant', [['误报 0003', '抱歉，“误报”仅限领班、主管、经理使用。']]);
    await talk('demo-foreman', [
      ['误报', '用法：误报 0007 [原因]'],
      ['误报 0003 ' + '很'.repeat(201), '原因太长了（201 个字），请精简到 200 个字以内。'],
      [
        '误报 0003 楼下小孩按错了',
        '已将工单 TS-20261128-0003 标为误报并关闭，已通知业主；不再计入 SLA、满意度、二次投诉和统计。',
      ],
      ['误报 0003', '工单 TS-20261128-0003 已于 2026-11-28 10:00 标为误报。'],
      ['误报 TS-20261115-0001', '工单 TS-20261115-0001 已被业主撤回，本来就不计入统计，无需标记误报。'],
      ['工单 0003', all('已关闭', '标为误报：楼下小孩按错了')],
    ]);
    await talk('demo-supervisor', [
      // Resolved and rated 5: flagged and closed (no more 回访), the owner is not told again.
      ['/falsealarm TS-20261105-0001', '已将工单 TS-20261105-0001 标为误报，不再计入 SLA、满意度、二次投诉和统计。'],
      [
        '统计',
        only(
          [
            '投诉/报修 6 单',
            'SLA 达标率：20.0%（1/5）',
            '满意度：2.67 分（3 份回访）',
            '误报 2 单（已排除在以上数字之外）',
          ],
          ['· 其他'],
        ),
      ],
      ['满意度', all('平均 2.67 分（3 份回访）', '评分分布：5分 0，4分 1，3分 1', '误报 2 单')],
    ]);

    const p = app.db.prisma;
    const t = await p.ticket.findFirstOrThrow({ where: { number: 'TS-20261128-0003' } });
    expect(t).toMatchObject({ status: 'CLOSED', falseAlarm: true, falseAlarmAt: NOW, nextSlaCheckAt: null });
    const events = await p.ticketEvent.findMany({ where: { ticketId: t.id, action: 'false_alarm' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ note: '楼下小孩按错了', actorName: expect.any(String) });
    expect(events[0]?.actor).toMatch(/^staff:/);
    const owner = await p.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `ticket:${t.id}:false-alarm` } },
    });
    expect(owner.length).toBeGreaterThan(0);
    expect(JSON.stringify(owner[0]?.payload)).toContain('经工作人员核实为误报，已关闭：楼下小孩按错了');
    const resolved = await p.ticket.findFirstOrThrow({ where: { number: 'TS-20261105-0001' } });
    expect(resolved).toMatchObject({ status: 'CLOSED', falseAlarm: true, surveyDueAt: null });
    const told = await p.outboxMessage.count({
      where: { dedupeKey: { startsWith: `ticket:${resolved.id}:false-alarm` } },
    });
    expect(told).toBe(0);
  });
});
