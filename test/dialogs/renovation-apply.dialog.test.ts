// 装修申报 by chat, both sides: the owner applies (each bad answer explained and asked again), the assistants see it
// in 待审批 with unit, owner and masked phone, approve with a deposit (the owner gets the permit and the rules through
// the outbox) or reject with a reason; an approved permit is the one the renovation flows use; overdue approvals
// climb the ladder.
import crypto from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith, check, type Expect } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

type Says = string | Partial<Activity>;
type Row = [Says, ...Expect[]];

const photo = (id: string): Partial<Activity> => ({
  type: 'message',
  text: '',
  attachments: [{ contentType: 'image/jpeg', contentUrl: `media:${id}`, name: `${id}.jpg` }],
});

function chat(bot: Awaited<ReturnType<typeof demoBot>>['bot'], userId: string) {
  const c = chatWith(bot, { userId, conversationId: `conv-${crypto.randomUUID()}` });
  return {
    async converse(rows: Row[]) {
      for (const [says, ...replies] of rows) {
        let flow = c.adapter.send(says);
        const label = typeof says === 'string' ? says.slice(0, 20) : '[photo]';
        for (const e of replies) flow = flow.assertReply((r) => check(r, e, label));
        await flow;
      }
    },
  };
}

describeEachDb('装修申报 (owner applies, staff decide)', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  let now = new Date('2026-11-30T10:00:00+08:00'); // Monday, desk open

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  const outbox = async (prefix: string) =>
    (
      await app.db.prisma.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: prefix } },
        orderBy: { createdAt: 'asc' },
      })
    ).map((m) => (m.payload as { text: string }).text);

  it('the owner applies step by step; bad answers are explained and asked again', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['装修申报', /为您办理装修申报（3栋2单元1201），共 6 步.*\n第 1 步：请告诉我施工单位/],
      ['好', /施工单位名称请用 2–40 个字。\n[\s\S]*第 1 步/],
      ['好家装饰', '第 2 步：请提供施工负责人的手机号（11 位）。'],
      ['1234', '手机号应为 1 开头的 11 位数字，请重新输入。\n第 2 步'],
      ['139 0000 1111', '第 3 步：请说明施工项目'],
      ['厨卫改造、铺地板', '第 4 步：计划哪天开工？例如“12月10日”或“2026-12-10”（最早 2026-12-03）。'],
      ['明天', '开工日期最早为 2026-12-03（物业需要时间审批）。\n第 4 步'],
      ['下个月吧', '没看懂这个日期，请说例如“12月10日”或“2026-12-10”。\n第 4 步'],
      ['12月5日', '第 5 步：计划哪天完工？（开工 2026-12-05，装修期最长 180 天）'],
      ['12月1日', '完工日期不能早于开工日期 2026-12-05。\n第 5 步'],
      ['2027-08-01', '装修期最长 180 天（最晚 2027-06-02 完工），请重新选择完工日期。'],
      ['2027-01-20', '第 6 步：请发送施工图纸的照片'],
      [photo('d1'), '已收到 1 张图纸'],
      [photo('d2'), '已收到 2 张图纸'],
      [
        '好了',
        '请核对装修申报：\n房屋：3栋2单元1201\n施工单位：好家装饰（13900001111）\n施工项目：厨卫改造、铺地板\n施工期：2026-12-05 至 2027-01-20\n图纸：2 张',
      ],
      ['嗯嗯嗯嗯', '请回复“确认”提交，或回复“取消”放弃本次申报。'],
      ['确认', /^已提交装修申报，编号 #1（许可号 ZX-2026-0001，待审批）。物业将在 2 个工作日内审批/],
    ]);
    const permit = await app.db.prisma.renovationPermit.findFirstOrThrow({ where: { number: 'ZX-2026-0001' } });
    expect(permit).toMatchObject({ status: 'APPLIED', contractor: '好家装饰', startDate: '2026-12-05' });
    expect(permit.drawings).toEqual([
      { contentUrl: 'media:d1', name: 'd1.jpg' },
      { contentUrl: 'media:d2', name: 'd2.jpg' },
    ]);
    // The assistants are told, phones masked (no group registered: each assistant privately).
    const [notice] = await outbox('renovation-request:');
    expect(notice).toContain('【装修申报】#1 3栋2单元1201 业主 刘洋（138****5678）');
    expect(notice).toContain('施工单位：好家装饰（139****1111）');
    expect(notice).toContain('回复“批准 1 押金 2000”或“驳回 1 原因”。');
    expect(notice).not.toContain('13900001111');
  });

  it('a second application for the same unit is refused while the first waits', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['我要装修申报', '3栋2单元1201 已有装修许可 ZX-2026-0001（申报待审批），不能重复申报。'],
    ]);
  });

  it('待审批 shows unit, owner and masked phone; overdue approvals climb the ladder; 批准 N 押金 sets the deposit', async () => {
    const staff = chat(app.bot, 'demo-assistant');
    await staff.converse([
      [
        '待审批',
        /待审批装修申请（1）：\n#1 装修申报｜3栋2单元1201 业主 刘洋（138\*\*\*\*5678）｜厨卫改造、铺地板｜2026-12-05 至 2027-01-20｜施工方 好家装饰｜图纸 2 张｜提交 /,
      ],
    ]);
    // Approval limit: 2 working days (our default). 80% on Tuesday 16:18, breach Wednesday 10:00, 2× Friday 10:00.
    expect(await app.renovation.sweepApprovals(new Date('2026-12-01T16:00:00+08:00'))).toBe(0);
    expect(await app.renovation.sweepApprovals(new Date('2026-12-01T16:30:00+08:00'))).toBe(1);
    expect(await app.renovation.sweepApprovals(new Date('2026-12-01T16:31:00+08:00'))).toBe(0);
    expect(await app.renovation.sweepApprovals(new Date('2026-12-02T10:05:00+08:00'))).toBe(1);
    const ladder = await outbox('renovation-sla:');
    expect(ladder[0]).toContain('【审批时限】装修申请 #1（装修申报，许可 ZX-2026-0001）即将超时未审批');
    expect(ladder.at(-1)).toContain('超时未审批：时限 ');
    expect(ladder.at(-1)).toContain('请主管督办。');

    now = new Date('2026-12-02T10:10:00+08:00');
    await staff.converse([
      ['待审批', /【已超时】#1 装修申报/],
      ['批准 1 押金 两千', '押金金额请写整数元，例如：批准 12 押金 2000'],
      ['批准 1 押金 3000', '已批准 #1 装修申报（3栋2单元1201，许可 ZX-2026-0001，押金 3000.00 元），已通知业主。'],
      ['驳回 1 重复', '装修申请 #1 已由王芳批准，无需重复处理。'],
    ]);
    const permit = await app.db.prisma.renovationPermit.findFirstOrThrow({ where: { number: 'ZX-2026-0001' } });
    expect(permit).toMatchObject({ status: 'ACTIVE', depositCents: 300000 });
    const decided = await outbox('renovation-request:');
    const toOwner = decided.find((t) => t.startsWith('您的装修申报 #1 已批准'))!;
    expect(toOwner).toContain('装修许可 ZX-2026-0001，施工期 2026-12-05 至 2027-01-20，押金 3000.00 元');
    expect(toOwner).toContain('装修管理规定：\n1. 施工时间');
    // Decided: the ladder is over for it.
    expect(await app.renovation.sweepApprovals(new Date('2026-12-04T12:00:00+08:00'))).toBe(0);
  });

  it('the approved permit is the one the renovation flows use', async () => {
    now = new Date('2026-12-07T10:00:00+08:00');
    await chat(app.bot, 'demo-owner').converse([
      ['装修', '1 我的装修许可'],
      ['1', 'ZX-2026-0001 3栋2单元1201｜厨卫改造、铺地板｜2026-12-05 至 2027-01-20｜施工中'],
    ]);
  });

  it('驳回 N 原因 tells the owner why; the unit may apply again', async () => {
    now = new Date('2026-11-30T10:00:00+08:00');
    const zhao = await app.db.prisma.person.findFirstOrThrow({ where: { name: '赵丽' } });
    await app.db.prisma.channelIdentity.create({
      data: { channel: 'console', externalId: 'zhao-li', personId: zhao.id },
    });
    const estate = (await app.estates.defaultEstate())!;
    const r = await app.renovation.apply(estate, zhao.id, {
      unitId: 'u-1-1-301',
      unitLabel: '1栋1单元301',
      contractor: '安居装修',
      foremanPhone: '13700002222',
      scope: '全屋翻新',
      startDate: '2026-12-10',
      endDate: '2027-02-10',
      drawings: [],
    });
    if (!r.ok) throw new Error(r.problems.join());
    await chat(app.bot, 'demo-supervisor').converse([
      ['驳回', '用法：驳回 12 理由'],
      [`驳回 ${r.request.seq} 缺少水电改造图纸`, `已驳回 #${r.request.seq} 装修申报`],
    ]);
    expect(await outbox('renovation-request:')).toContain(
      `您的装修申报 #${r.request.seq} 未获批准，原因：缺少水电改造图纸。修改后可回复“装修申报”重新提交，或联系物业前台。`,
    );
    const permit = await app.db.prisma.renovationPermit.findUniqueOrThrow({ where: { id: r.permit.id } });
    expect(permit.status).toBe('REJECTED');
    expect(await app.renovation.applicationBlocker('u-1-1-301', '1栋1单元301')).toBeNull();
  });
});
