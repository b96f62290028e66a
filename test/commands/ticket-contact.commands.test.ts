// 工单 N shows who to call: the owner's name and masked number to any staff member; the assigned assistant and the
// 主管 get the full number privately (outbox), each reveal audited; a colleague who is neither gets no private copy.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

describeEachDb('工单 N: the owner to call', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  let number = '';
  const NOW = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai');
  const privateCopies = async (address: string) =>
    (await app.db.prisma.outboxMessage.findMany({ where: { address, dedupeKey: { contains: ':contact:' } } })).map(
      (m) => (m.payload as { text: string }).text,
    );

  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
    const estate = await app.estates.byId((await app.db.prisma.estate.findFirstOrThrow()).id);
    const owner = await app.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } });
    const created = await app.complaints.create({
      estate: estate!,
      personId: owner.id,
      unitId: null,
      category: '噪音',
      description: '楼上晚上十一点还在电钻',
      location: '3栋2单元1201',
      urgent: false,
      attachments: [],
    });
    number = created.ticket.number;
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('an unassigned colleague sees the masked number only; after 认领 the assignee gets the full one privately', async () => {
    const assistant = chatWith(app.bot, { userId: 'demo-assistant' });
    await assistant.converse([
      [
        `工单 ${number}`,
        (r) => {
          expect(r.text).toContain('业主：刘洋 138****5678');
          expect(r.text).not.toContain('已私聊');
          expect(r.text).not.toContain('13812345678');
        },
      ],
    ]);
    expect(await privateCopies('demo-assistant')).toEqual([]);
    await assistant.converse([
      [`认领 ${number}`, number],
      [`工单 ${number}`, '业主：刘洋 138****5678（完整号码已私聊发给您，已记录查看）'],
    ]);
    expect(await privateCopies('demo-assistant')).toEqual([
      `工单 ${number} 业主：刘洋 13812345678\n位置：3栋2单元1201\n（仅发给您本人，已记录查看）`,
    ]);
  });

  it('the 主管 gets the private copy too; the 领班 (not assigned) does not; every reveal is audited', async () => {
    await chatWith(app.bot, { userId: 'demo-supervisor' }).converse([[`工单 ${number}`, '已私聊发给您']]);
    await chatWith(app.bot, { userId: 'demo-foreman' }).converse([
      [`工单 ${number}`, (r) => expect(r.text).not.toContain('已私聊')],
    ]);
    expect(await privateCopies('demo-supervisor')).toHaveLength(1);
    expect(await privateCopies('demo-foreman')).toEqual([]);
    expect(await app.db.prisma.auditLog.count({ where: { action: 'ticket.contactRevealed' } })).toBe(2);
  });
});
