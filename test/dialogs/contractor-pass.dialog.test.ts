// 出入证, both sides: the owner requests a pass for a worker against the running permit (expiry at most the permit's
// end); the assistants approve (批准出入证 N) or reject with a reason; the owner is told through the outbox.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoPermit } from '../../src/db/seed.js';
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

describeEachDb('出入证 (contractor passes)', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  const now = new Date('2026-11-30T10:00:00+08:00');

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  const outbox = async (prefix: string) =>
    (await app.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: prefix } } })).map(
      (m) => (m.payload as { text: string }).text,
    );

  it('needs a running renovation permit', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['出入证', '您名下没有施工中的装修许可，出入证须凭有效的装修许可申请。'],
    ]);
  });

  it('the owner requests a pass; the expiry cannot pass the permit end; staff approve', async () => {
    await seedDemoPermit(app.db.prisma, '2026-11-30'); // ZX-DEMO-0001, until 2026-12-20
    await chat(app.bot, 'demo-owner').converse([
      ['出入证', '为装修许可 ZX-DEMO-0001（3栋2单元1201）申请施工人员出入证。请告诉我施工人员姓名。'],
      ['王', '施工人员姓名请用 2–20 个字。'],
      ['王师傅', '请提供 王师傅 的手机号（11 位）。'],
      ['12345', '手机号应为 1 开头的 11 位数字'],
      ['13600003333', '出入证有效期到哪天？最晚到许可结束日 2026-12-20，回复“默认”即到 2026-12-20。'],
      ['2027-01-10', '出入证有效期不能晚于装修许可结束日 2026-12-20。'],
      ['2026-11-01', '有效期不能早于今天（2026-11-30）。'],
      ['12月15日', '已提交出入证申请 #1（王师傅，有效期至 2026-12-15），物业审批后会通知您。'],
    ]);
    const [notice] = await outbox('contractor-pass:');
    expect(notice).toContain(
      '【出入证】#1 3栋2单元1201 许可 ZX-DEMO-0001｜施工人员 王师傅（136****3333）｜有效期至 2026-12-15',
    );
    await chat(app.bot, 'demo-assistant').converse([
      ['批准出入证', '用法：批准出入证 12'],
      ['批准出入证 9', '没有找到出入证申请 #9。'],
      ['批准出入证 1', '已批准出入证 #1：王师傅，有效期至 2026-12-15（许可 ZX-DEMO-0001），已通知业主。'],
      ['驳回出入证 1 不对', '出入证申请 #1 已由王芳处理（批准），无需重复处理。'],
    ]);
    expect(await outbox('contractor-pass:')).toContain(
      '您为 王师傅 申请的出入证 #1 已批准，有效期至 2026-12-15（装修许可 ZX-DEMO-0001）。请施工人员凭身份证到物业前台领取。',
    );
  });

  it('"默认" runs to the permit end; a rejection needs and passes on the reason', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['出入证', '请告诉我施工人员姓名。'],
      ['李师傅', '手机号'],
      ['13600004444', '出入证有效期到哪天？'],
      ['默认', '已提交出入证申请 #2（李师傅，有效期至 2026-12-20）'],
    ]);
    await chat(app.bot, 'demo-supervisor').converse([
      ['驳回出入证 2', '驳回须写明原因。'],
      ['驳回出入证 2 身份证信息不全', '已驳回出入证 #2（原因：身份证信息不全），已通知业主。'],
    ]);
    expect(await outbox('contractor-pass:')).toContain('您为 李师傅 申请的出入证 #2 未获批准，原因：身份证信息不全。');
  });
});
