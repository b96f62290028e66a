// Roles at the bot: a staff code grants at most its issuer's role; staff commands run only in registered groups (on
// every channel) or privately; reads of personal data are audited with the chat account they came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import { demoBot } from '../support/app.js';
import { chatWith } from '../support/conversation.js';
import { describeEachDb } from '../support/databases.js';

const NOW = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai
/** The 主管's Telegram account and a group nobody registered. */
const SUPERVISOR_TG = '500600700';
const UNREGISTERED_GROUP = '-1001234567890';

describeEachDb('security: roles', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let estate: EstateInfo;

  beforeAll(async () => {
    env = await demoBot(provider, () => NOW);
    estate = (await env.estates.defaultEstate())!;
    const supervisor = await env.db.prisma.person.findFirstOrThrow({ where: { name: '张敏' } });
    await env.db.prisma.channelIdentity.create({
      data: { channel: 'telegram', externalId: SUPERVISOR_TG, personId: supervisor.id, displayName: '张敏' },
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  describe('staff-code escalation', () => {
    it('a 主管 cannot mint a 经理 code, but can for a 客户助理 and for the own role; a 经理 can for a 经理', async () => {
      await chatWith(env.bot, { userId: 'demo-supervisor' }).converse([
        ['员工码 陈刚', '不能为经理生成员工码：员工码只能授予与您（主管）同级或更低的岗位'],
        ['/staffcode 陈刚', '不能为经理生成员工码'],
        ['员工码 王芳', /\d{8}/],
        ['员工码 张敏', /\d{8}/],
      ]);
      await chatWith(env.bot, { userId: 'demo-manager' }).converse([['员工码 陈刚', /\d{8}/]]);
      const manager = await env.db.prisma.staff.findFirstOrThrow({ where: { role: 'MANAGER' } });
      const supervisor = await env.db.prisma.staff.findFirstOrThrow({ where: { role: 'SUPERVISOR' } });
      // The one 经理 code there is was issued by the 经理.
      expect(
        (await env.db.prisma.staffCode.findMany({ where: { staffId: manager.id } })).map((c) => c.issuedBy),
      ).toEqual([`staff:${manager.id}`]);
      expect(await env.db.prisma.staffCode.count({ where: { issuedBy: `staff:${supervisor.id}` } })).toBe(2);
    });
  });

  describe('unregistered groups', () => {
    const tgGroup = (userId: string) =>
      chatWith(env.bot, { channelId: 'telegram', userId, isGroup: true, conversationId: UNREGISTERED_GROUP });

    it('staff commands in a Telegram group nobody registered are refused until a 主管 registers it', async () => {
      const refused = '本群尚未登记为员工群';
      await tgGroup(SUPERVISOR_TG).converse([
        ['欠费', refused],
        ['统计', refused],
        ['工单 0001', refused],
        ['员工码 王芳', refused],
        ['注册群 主管', '已将本群登记为锦绣花园的主管群'],
        ['欠费', '全小区目前没有逾期欠费'],
      ]);
    });

    it('the same 主管 may run them in a private chat', async () => {
      await chatWith(env.bot, { channelId: 'telegram', userId: SUPERVISOR_TG, conversationId: SUPERVISOR_TG }).converse(
        [['欠费', '全小区目前没有逾期欠费']],
      );
    });

    it('group chatter that is no command gets no answer and creates no account', async () => {
      const chat = tgGroup('tg-stranger-1');
      await chat.adapter.send('大家好，今天停水吗').startTest();
      expect(chat.adapter.activeQueue).toHaveLength(0);
      expect(await env.db.prisma.channelIdentity.count({ where: { externalId: 'tg-stranger-1' } })).toBe(0);
    });
  });

  describe('audit of personal data reads', () => {
    it('欠费 and 工单 detail write an audit row naming the staff member and the chat account used', async () => {
      const owner = await env.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } });
      const created = await env.complaints.create({
        estate,
        personId: owner.id,
        unitId: 'u-3-2-1201',
        category: '噪音',
        description: '楼上电钻',
        location: '本户',
        urgent: false,
        attachments: [],
      });
      await chatWith(env.bot, { userId: 'demo-foreman' }).converse([
        ['欠费', '全小区目前没有逾期欠费'],
        [`工单 ${created.ticket.number}`, `工单 ${created.ticket.number}`],
      ]);
      const foreman = await env.db.prisma.staff.findFirstOrThrow({ where: { role: 'FOREMAN' } });
      const rows = await env.db.prisma.auditLog.findMany({
        where: { actor: `staff:${foreman.id}`, action: { in: ['read.arrears', 'read.ticket'] } },
        orderBy: { action: 'asc' },
      });
      expect(rows.map((r) => [r.action, r.subject])).toEqual([
        ['read.arrears', null],
        ['read.ticket', created.ticket.number],
      ]);
      for (const r of rows) expect(r.detail).toMatchObject({ channel: 'console', account: 'demo-foreman' });
      // The supervisor's reads from Telegram above name the Telegram account.
      const supervisor = await env.db.prisma.staff.findFirstOrThrow({ where: { role: 'SUPERVISOR' } });
      const tg = await env.db.prisma.auditLog.findMany({
        where: { actor: `staff:${supervisor.id}`, action: 'read.arrears' },
      });
      expect(tg.map((r) => r.detail)).toContainEqual(
        expect.objectContaining({ channel: 'telegram', account: SUPERVISOR_TG, conversation: UNREGISTERED_GROUP }),
      );
    });
  });
});
