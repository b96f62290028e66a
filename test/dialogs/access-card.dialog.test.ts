// 办卡/补卡/退卡, both sides: the owner's request becomes a desk ticket (kind REQUEST, category 门禁卡) with its own
// time limits (1 working hour to take up, 16 working hours to finish: our defaults); the desk claims it as usual.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith, check, type Expect } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

type Row = [string, ...Expect[]];

function chat(bot: Awaited<ReturnType<typeof demoBot>>['bot'], userId: string) {
  const c = chatWith(bot, { userId, conversationId: `conv-${crypto.randomUUID()}` });
  return {
    async converse(rows: Row[]) {
      for (const [says, ...replies] of rows) {
        let flow = c.adapter.send(says);
        for (const e of replies) flow = flow.assertReply((r) => check(r, e, says));
        await flow;
      }
    },
  };
}

describeEachDb('门禁卡 requests', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  const now = new Date('2026-11-30T10:00:00+08:00'); // Monday

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('补卡 becomes a REQUEST ticket with its own limits; the desk claims it', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['补卡', '补卡（3栋2单元1201）：请补充说明'],
      [
        '丢了一张，卡号 0012',
        '已提交补卡申请，工单号 TS-20261130-0001。前台将在工作时间 1 小时内受理（2026-11-30 11:00 前），办理时请带身份证到物业前台。',
      ],
    ]);
    const ticket = await app.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261130-0001' } });
    expect(ticket).toMatchObject({ kind: 'REQUEST', category: '门禁卡', description: '补卡：丢了一张，卡号 0012' });
    // 16 working hours from Monday 10:00 on the desk calendar: Wednesday 10:00.
    expect(ticket.resolveDueAt?.toISOString()).toBe(new Date('2026-12-02T10:00:00+08:00').toISOString());
    const [notice] = (
      await app.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `ticket:${ticket.id}` } } })
    ).map((m) => (m.payload as { text: string }).text);
    expect(notice).toContain('【办理申请】TS-20261130-0001 门禁卡');
    await chat(app.bot, 'demo-assistant').converse([['认领 0001', /已认领|认领/]]);
    expect((await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('ACCEPTED');
  });

  it('门禁卡 asks which; a wrong answer is asked again; a second request is never a 二次投诉', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['门禁卡', '门禁卡业务，请回复数字：\n1 办卡（新办）\n2 补卡（遗失/损坏）\n3 退卡'],
      ['5', '没有这个选项，请回复 1–3 的数字（回复“取消”退出）。\n门禁卡业务'],
      ['2', '补卡（3栋2单元1201）'],
      ['没有', '已提交补卡申请，工单号 TS-20261130-0002。前台将在工作时间 1 小时内受理'],
    ]);
    const t2 = await app.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261130-0002' } });
    expect(t2).toMatchObject({ isRepeat: false, priority: 1, description: '补卡' });
  });
});
