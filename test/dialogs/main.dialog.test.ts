import { afterAll, beforeAll, expect, it } from 'vitest';
import { buttons, chatWith } from '../support/conversation.js';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('main menu and interruptions', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  it('greets in zh-CN with the five menu buttons', async () => {
    await chatWith(env.bot).converse([
      [
        '你好',
        (r) => {
          expect(r.text).toContain('您好，我是锦绣花园物业前台小助手');
          expect(buttons(r)).toEqual(['投诉', '装修', '钥匙', '物业费', '帮助']);
        },
      ],
    ]);
  });

  it('goes straight to a flow from a button or from free text', async () => {
    await chatWith(env.bot).converse([
      ['你好', '请问需要办理什么业务'],
      ['物业费', '3栋2单元1201'],
      ['我要投诉，楼上太吵了', '好的，帮您登记噪音投诉：我要投诉，楼上太吵了'],
    ]);
  });

  it('"不再提醒" (as every 催缴 reminder asks) reaches the fee flow from anywhere', async () => {
    await chatWith(env.bot).converse([
      ['不再提醒', '不再向您发送缴费提醒'],
      ['恢复提醒', '已为您恢复'],
    ]);
  });

  it('picks a menu item by number and by Chinese ordinal', async () => {
    await chatWith(env.bot).converse([
      ['在吗', '请问需要办理什么业务'],
      ['2', '装修'],
    ]);
    await chatWith(env.bot).converse([
      ['hi', '请问需要办理什么业务'],
      ['第三个', '钥匙'],
    ]);
  });

  it('asks again, in Chinese, when the menu answer is not understood', async () => {
    await chatWith(env.bot).converse([
      ['你好', '请问需要办理什么业务'],
      ['今天天气不错', '抱歉，我没有听懂'],
      ['帮助', '我可以帮您', '请问需要办理什么业务'],
    ]);
  });

  it('帮助 at any step explains and keeps the step', async () => {
    await chatWith(env.bot).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['帮助', '任何时候都可以回复', '请简单说明需要协助的事项'],
      ['车位被占了', '希望客服什么时候联系您'],
      ['帮助', '前台电话：0571-8888 6666', '希望客服什么时候联系您'],
    ]);
  });

  it('取消 at any step ends it; with nothing open it says so', async () => {
    await chatWith(env.bot).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['取消', '已取消当前操作'],
      ['取消', '当前没有进行中的操作'],
      ['你好', '请问需要办理什么业务'],
      ['退出', '已取消当前操作'],
    ]);
  });

  it('转人工 records a handoff: topic, then callback time', async () => {
    await chatWith(env.bot).converse([
      ['你好', '请问需要办理什么业务'],
      ['转人工', '请简单说明需要协助的事项'],
      ['地下车库的灯坏了三盏', '希望客服什么时候联系您'],
      ['尽快', /已为您登记人工服务（编号 RG-\w{6}）。事项：地下车库的灯坏了三盏\n客服将在工作时间内尽快联系您/],
    ]);
    const handoff = await env.db.prisma.handoff.findFirst({ where: { topic: '地下车库的灯坏了三盏' } });
    expect(handoff).toMatchObject({ status: 'OPEN', callbackText: '尽快', callbackAt: null });
    expect(handoff?.personId).not.toBeNull();
  });

  it("转人工 is posted once to the assistants' group, with the owner and unit", async () => {
    const estate = await env.db.prisma.estate.findFirstOrThrow();
    await env.db.prisma.staffChat.create({
      data: { estateId: estate.id, role: 'ASSISTANT', channel: 'telegram', chatId: '-100200' },
    });
    await chatWith(env.bot).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['门禁卡消磁了，手机13812345678', '希望客服什么时候联系您'],
      ['尽快', '已为您登记人工服务'],
    ]);
    const rows = await env.db.prisma.outboxMessage.findMany({ where: { address: '-100200' } });
    expect(rows).toHaveLength(1);
    const text = (rows[0]?.payload as { text: string }).text;
    expect(text).toMatch(/【转人工 RG-\w{6}】刘洋，3栋2单元1201/);
    expect(text).toContain('门禁卡消磁了，手机138****5678');
    expect(text).not.toContain('13812345678');
  });

  it('转人工 understands "明天下午三点" in Asia/Shanghai and refuses a past time', async () => {
    // The bot's clock is Wednesday 2026-11-25 10:00 Shanghai: 明天 is the 26th, whatever day the suite runs.
    await chatWith(env.bot).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['想咨询一下停车月卡', '希望客服什么时候联系您'],
      ['今天上午九点', /这个时间已经过去了[\s\S]*希望客服什么时候联系您/],
      ['明天下午三点', '客服将在2026-11-26 15:00联系您'],
    ]);
    const h = await env.db.prisma.handoff.findFirst({ where: { topic: '想咨询一下停车月卡' } });
    expect(h?.callbackAt).toEqual(new Date('2026-11-26T15:00:00+08:00'));
    expect(h?.createdAt).toEqual(WEEKDAY_MORNING);
  });

  it('bad input at a step gets a clear answer and the step stays', async () => {
    await chatWith(env.bot).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['😀😀😀', /请用文字描述[\s\S]*请简单说明需要协助的事项/],
      ['长'.repeat(5000), /内容太长了（5000 个字）[\s\S]*请简单说明需要协助的事项/],
      ['   ', /没有收到文字内容[\s\S]*请简单说明需要协助的事项/],
      ['电梯按钮失灵', '希望客服什么时候联系您'],
      ['随便吧', /没有识别出时间[\s\S]*希望客服什么时候联系您/],
      ['尽快', '已为您登记人工服务'],
    ]);
  });
});
