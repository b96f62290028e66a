// Staff answer a bot notice in the group with just the command word ("认领", "办结 已处理", "批准", "驳回 理由"):
// the number is taken from the quoted notice (channelData.quotedText, set by every channel adapter).
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

const replyTo = (quotedText: string, text: string): Partial<Activity> => ({
  type: 'message',
  text,
  channelData: { quotedText },
});

describeEachDb('commands by reply to a bot notice', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let estate: EstateInfo;
  let ownerId: string;
  const clock = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai
  const group = (userId: string) => chatWith(env.bot, { userId, conversationId: 'grp-assistants', isGroup: true });
  const groupNotices = async () =>
    (
      await env.db.prisma.outboxMessage.findMany({
        where: { address: 'grp-assistants' },
        orderBy: { createdAt: 'asc' },
      })
    ).map((m) => (m.payload as { text: string }).text);

  beforeAll(async () => {
    env = await demoBot(provider, () => clock);
    estate = (await env.estates.defaultEstate())!;
    ownerId = (await env.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } })).id;
    await env.db.prisma.staffChat.create({
      data: { estateId: estate.id, role: 'ASSISTANT', channel: 'console', chatId: 'grp-assistants' },
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  it('认领 and 办结 answered to the new-ticket notice act on that ticket; the explicit number still works', async () => {
    const first = await env.complaints.create({
      estate,
      personId: ownerId,
      unitId: 'u-3-2-1201',
      category: '噪音',
      description: '楼上电钻',
      location: '本户',
      urgent: false,
      attachments: [],
    });
    const second = await env.complaints.create({
      estate,
      personId: ownerId,
      unitId: 'u-3-2-1201',
      category: '卫生',
      description: '楼道垃圾',
      location: '楼道',
      urgent: false,
      attachments: [],
    });
    const notice = (await groupNotices()).find((t) => t.includes(first.ticket.number) && t.includes('新投诉'));
    expect(notice).toBeDefined();
    await group('demo-assistant').converse([
      [replyTo(notice!, '认领'), `已认领工单 ${first.ticket.number}`],
      [replyTo(notice!, '办结 已协调楼上业主'), `工单 ${first.ticket.number} 已办结`],
      // A number typed first wins over the quoted notice.
      [replyTo(notice!, `认领 ${second.ticket.number}`), `已认领工单 ${second.ticket.number}`],
      // No quote and no number: the usage, as before.
      ['认领', '用法：认领 0007'],
    ]);
    const t = await env.db.prisma.ticket.findUniqueOrThrow({ where: { id: first.ticket.id } });
    expect(t.status).toBe('RESOLVED');
  });

  it('批准 / 驳回 answered to the renovation request notice decide that request', async () => {
    const p = await env.renovation.createPermit(
      estate,
      {
        number: 'ZX-200',
        unitId: 'u-3-2-1201',
        ownerPersonId: ownerId,
        contractor: '好家装饰',
        foremanPhone: '13900001111',
        scope: '厨卫改造',
        startDate: '2026-11-01',
        endDate: '2026-12-05',
        depositCents: 100000,
      },
      'staff:test',
    );
    const ext = await env.renovation.requestExtension(estate, ownerId, p.id, '到12月20号', '材料延误');
    if (!ext.ok) throw new Error('extension not filed');
    const notice = (await groupNotices()).find((t) => t.includes(`#${ext.request.seq} `) && t.includes('装修审批'));
    expect(notice).toBeDefined();
    await group('demo-assistant').converse([
      [replyTo(notice!, '驳回'), '驳回须写明理由'],
      [replyTo(notice!, '驳回 材料不全'), `已驳回 #${ext.request.seq} 延期`],
    ]);
    const again = await env.renovation.requestExtension(estate, ownerId, p.id, '到12月15号', '补齐材料');
    if (!again.ok) throw new Error('second extension not filed');
    const second = (await groupNotices()).find((t) => t.includes(`#${again.request.seq} `) && t.includes('装修审批'));
    await group('demo-assistant').converse([[replyTo(second!, '批准'), `已批准 #${again.request.seq} 延期`]]);
    const decided = await env.db.prisma.renovationRequest.findMany({
      where: { permitId: p.id },
      orderBy: { seq: 'asc' },
    });
    expect(decided.map((r) => [r.status, r.decisionNote])).toEqual([
      ['REJECTED', '材料不全'],
      ['APPROVED', null],
    ]);
  });
});
