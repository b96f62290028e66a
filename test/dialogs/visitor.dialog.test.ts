// 来访登记, both sides: the owner registers a visitor (bad answers explained and asked again) and gets a code; the
// desk checks it with 访客核销 — once, on its day only; wrong codes are limited per staff account.
import crypto from 'node:crypto';
import type { Activity } from 'botbuilder';
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
        for (const e of replies) flow = flow.assertReply((r: Partial<Activity>) => check(r, e, says));
        await flow;
      }
    },
  };
}

describeEachDb('来访登记 and 访客核销', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  let now = new Date('2026-11-30T10:00:00+08:00');
  let code = '';

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('the owner registers a visitor for tomorrow with a car and gets a code', async () => {
    await chat(app.bot, 'demo-owner').converse([
      ['访客登记', '好的，为您登记访客（3栋2单元1201）。请告诉我访客姓名。'],
      ['张三', '访客哪天来？例如“今天”“明天”“12月10日”（30 天内）。'],
      ['下下周吧', '没看懂这个日期，请说“今天”“明天”或“12月10日”。\n访客哪天来？'],
      ['2026-11-01', '这个日期已经过去了，请选今天或之后的日期。'],
      ['2027-03-01', '只能登记 30 天内的访客（最晚 2026-12-30）。'],
      ['明天', '访客开车来吗？请回复车牌号'],
      ['浙A-123', '车牌号格式不对'],
      [
        '浙a 12345',
        (r) => {
          const m = /^已登记访客 张三（2026-12-01，车牌 浙A12345），访客码 (\d{6})。\n请把访客码发给来访者/.exec(
            r.text ?? '',
          );
          expect(m, r.text).not.toBeNull();
          code = m![1]!;
        },
      ],
    ]);
    const pass = await app.db.prisma.visitorPass.findFirstOrThrow({});
    expect(pass).toMatchObject({ visitorName: '张三', visitDate: '2026-12-01', carPlate: '浙A12345', usedAt: null });
    expect(pass.codeHash).not.toContain(code);
  });

  it('the desk checks the code on its day only, and only once', async () => {
    const desk = chat(app.bot, 'demo-assistant');
    await desk.converse([
      [`访客核销 ${code}`, '访客码不正确或不是今天的登记，请勿放行'],
      ['访客核销', '用法：访客核销 123456'],
      ['访客核销 12ab', '访客码应为 6 位数字'],
    ]);
    now = new Date('2026-12-01T09:00:00+08:00');
    await desk.converse([
      [`访客核销 ${code}`, '访客核销成功：张三，拜访 3栋2单元1201，车牌 浙A12345。'],
      [`/visitor ${code}`, '该访客码已于 09:00 核销过，不能重复使用'],
    ]);
    // An owner cannot use the staff command.
    await chat(app.bot, 'demo-owner').converse([[`访客核销 ${code}`, (r) => expect(r.text).not.toContain('核销成功')]]);
  });

  it('wrong codes are limited per staff account (10 in 15 minutes, our default)', async () => {
    now = new Date('2026-12-02T09:00:00+08:00');
    const wrong = code === '000000' ? '000001' : '000000';
    const rows: Row[] = Array.from({ length: 10 }, () => [`访客核销 ${wrong}`, '访客码不正确'] as Row);
    rows.push([`访客核销 ${wrong}`, '访客码错误次数过多，请 15 分钟后再试']);
    await chat(app.bot, 'demo-foreman').converse(rows);
    // Another staff member is not locked out by the foreman's guesses.
    await chat(app.bot, 'demo-assistant').converse([[`访客核销 ${wrong}`, '访客码不正确']]);
  });
});
