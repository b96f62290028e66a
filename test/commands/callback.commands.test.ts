// 回电 as staff work it: an owner asks for a person (转人工), the assistants list the request with a masked number,
// one takes it and gets the full number privately (audited), a colleague is told it is taken, and it is closed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

describeEachDb('callback commands', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  const NOW = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai'); // a Wednesday morning
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('list (masked) → take (full number privately, audited) → a colleague is told → close → empty list', async () => {
    let ref = '';
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['想问一下下周停水的具体时间', '希望客服什么时候联系您'],
      [
        '尽快',
        (r) => {
          ref = /编号 (RG-[0-9A-Z]{6})/.exec(r.text ?? '')?.[1] ?? '';
          expect(ref).not.toBe('');
        },
      ],
    ]);
    const assistant = chatWith(app.bot, { userId: 'demo-assistant' });
    await assistant.converse([
      [
        '回电',
        (r) => {
          expect(r.text).toContain('【回电】未结 1 条');
          expect(r.text).toContain(
            `· ${ref} 刘洋 138****5678｜事项：想问一下下周停水的具体时间｜希望联系：尽快｜待认领`,
          );
          expect(r.text).not.toContain('13812345678');
        },
      ],
      ['回电 RG-ZZZZZZ', '没有找到回电请求 RG-ZZZZZZ'],
      [`回电 ${ref.toLowerCase()}`, `已认领回电请求 ${ref}。业主的完整号码已私聊发给您`],
    ]);
    // The full number went to the taker's own chat, nowhere else, and the reveal is on record.
    const rows = await app.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { contains: 'contact' } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ address: 'demo-assistant', isGroup: false });
    expect((rows[0]?.payload as { text: string }).text).toContain('刘洋 13812345678');
    expect(await app.db.prisma.auditLog.count({ where: { action: 'handoff.contactRevealed' } })).toBe(1);

    await chatWith(app.bot, { userId: 'demo-foreman' }).converse([
      [`回电 ${ref}`, `回电请求 ${ref} 已由王芳认领。`],
      ['回电', `${ref} 刘洋 138****5678｜事项：想问一下下周停水的具体时间｜希望联系：尽快｜王芳处理中`],
      ['回电完成', '用法：回电完成 编号 结果'],
    ]);
    await assistant.converse([
      [`回电完成 ${ref} 已电话说明停水时间`, `回电请求 ${ref} 已结案：已电话说明停水时间`],
      [`回电完成 ${ref} 再说一次`, `回电请求 ${ref} 已经结案。`],
      ['回电', '【回电】目前没有待回电的请求。'],
    ]);
  });

  it('owners cannot list callbacks in a group', async () => {
    await chatWith(app.bot, { userId: 'demo-owner', isGroup: true, conversationId: 'grp-owners' }).converse([
      ['回电', '抱歉，“回电”仅限客户助理、领班、主管、经理使用。'],
    ]);
  });
});
