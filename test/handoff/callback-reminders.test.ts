// 回电提醒: a callback request not closed by its time is reminded once — to whoever took it, else to the assistants —
// and only during desk hours. "尽快" is due 30 desk minutes after the request.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

describeEachDb('callback reminders', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  let clock = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai'); // Wednesday 10:00
  const setClock = (day: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    clock = zonedTime(day, h * 60 + m, 'Asia/Shanghai');
  };
  const sweep = () => app.handoffs.remindDue(app.deskCalendar, async () => 'Asia/Shanghai');
  const reminders = async (address: string) =>
    (await app.db.prisma.outboxMessage.findMany({ where: { address, dedupeKey: { contains: ':due' } } })).map(
      (m) => (m.payload as { text: string }).text,
    );
  const refOf = (text: string | undefined) => /编号 (RG-[0-9A-Z]{6})/.exec(text ?? '')?.[1] ?? '';

  beforeAll(async () => {
    app = await demoBot(provider, () => clock);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('"尽快" unclaimed: the assistants are reminded once after 30 desk minutes, never twice', async () => {
    let ref = '';
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['物业费发票怎么开', '希望客服什么时候联系您'],
      ['尽快', (r) => void (ref = refOf(r.text))],
    ]);
    setClock('2026-12-02', '10:25');
    expect(await sweep()).toBe(0);
    setClock('2026-12-02', '10:35');
    expect(await sweep()).toBe(1);
    // No assistants' group is registered in the demo: 王芳 gets it privately.
    const texts = await reminders('demo-assistant');
    expect(texts).toEqual([
      `【回电提醒】${ref} 刘洋｜事项：物业费发票怎么开｜希望联系：尽快，已到时间。还没有人认领，回复“回电 ${ref}”认领。`,
    ]);
    setClock('2026-12-02', '10:40');
    expect(await sweep()).toBe(0);
  });

  it('a callback at a time, taken: its taker is reminded at that time; nothing at night', async () => {
    setClock('2026-12-02', '11:00');
    let ref = '';
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['装修押金什么时候退', '希望客服什么时候联系您'],
      ['明天下午三点', (r) => void (ref = refOf(r.text))],
    ]);
    await chatWith(app.bot, { userId: 'demo-foreman' }).converse([[`回电 ${ref}`, `已认领回电请求 ${ref}`]]);
    setClock('2026-12-03', '14:55');
    expect(await sweep()).toBe(0);
    setClock('2026-12-03', '15:00');
    expect(await sweep()).toBe(1);
    expect(await reminders('demo-foreman')).toEqual([
      `【回电提醒】${ref} 刘洋｜事项：装修押金什么时候退｜希望联系：2026-12-03 15:00，已到时间。请尽快回电，完成后回复“回电完成 编号 结果”。`,
    ]);
    // The first one, still open, was already reminded: nothing new, and nothing at all at night.
    setClock('2026-12-03', '22:00');
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['门禁卡丢了', '希望客服什么时候联系您'],
      ['尽快', '已为您登记人工服务'],
    ]);
    setClock('2026-12-03', '23:30');
    expect(await sweep()).toBe(0);
  });
});
