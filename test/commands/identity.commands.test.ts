// Staff identity commands, and the authorization matrix: every personal flow and every staff command tried as the
// right person, another unit's owner, an unbound account, staff of another estate and a plain group member.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('identity commands and authorization', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
    const p = env.db.prisma;
    // Another estate with its own supervisor; an owner of another unit in the demo estate with a chat account.
    const other = await p.estate.create({
      data: {
        code: 'OTHER',
        name: '碧水湾',
        deskPhone: '0571-1111 2222',
        emergencyPhone: '0571-1111 3333',
        settings: {},
      },
    });
    const b = await p.building.create({ data: { estateId: other.id, name: 'A' } });
    await p.unit.create({ data: { buildingId: b.id, entrance: '', room: '101' } });
    await p.person.create({
      data: {
        name: '吴主管',
        phone: '13500000009',
        staff: { create: { estateId: other.id, role: 'SUPERVISOR' } },
        identities: { create: { channel: 'console', externalId: 'other-supervisor' } },
      },
    });
    const zhao = await p.person.findFirstOrThrow({ where: { name: '赵丽' } });
    await p.channelIdentity.create({ data: { channel: 'console', externalId: 'other-owner', personId: zhao.id } });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  /** Everything the bot answers to one message, joined. */
  async function answer(
    userId: string,
    text: string,
    opts: { isGroup?: boolean; conversationId?: string } = {},
  ): Promise<string> {
    const chat = chatWith(env.bot, { userId, ...opts });
    await chat.adapter.receiveActivity(text);
    return chat.adapter.activeQueue
      .splice(0)
      .map((a) => a.text ?? '')
      .join('\n');
  }

  it('绑定码 issues an 8-digit code the owner can bind with; 员工码 + 员工绑定 link a staff account', async () => {
    const issued = await answer('demo-assistant', '绑定码 2栋1单元802');
    const code = /绑定码：(\d{8})/.exec(issued)?.[1];
    expect(code).toBeDefined();
    expect(issued).toContain('2栋1单元802');
    await chatWith(env.bot, { userId: 'sun' }).converse([
      ['绑定', '房号'],
      ['2-1-802', '验证方式'],
      ['绑定码', '8 位'],
      [code!, '绑定成功'],
    ]);
    const staffCode = /员工码：(\d{10})/.exec(await answer('demo-supervisor', '员工码 王芳'))?.[1];
    expect(staffCode).toBeDefined();
    expect(await answer('wang-new-phone', `员工绑定 ${staffCode!}`)).toContain('员工绑定成功：王芳（客户助理）');
    expect(await answer('wang-new-phone', '身份')).toContain('员工身份：客户助理（锦绣花园）');
    expect(await answer('another', `员工绑定 ${staffCode!}`)).toContain('已被使用过');
  });

  it('注册群 registers the group chat for a role, only inside a group', async () => {
    expect(await answer('demo-supervisor', '注册群 客户助理')).toContain('请在要登记的群里发送此命令');
    expect(
      await answer('demo-supervisor', '注册群 客户助理', { isGroup: true, conversationId: 'grp-assist' }),
    ).toContain('已将本群登记为锦绣花园的客户助理群');
    const chat = await env.db.prisma.staffChat.findFirst({ where: { chatId: 'grp-assist' } });
    expect(chat).toMatchObject({ role: 'ASSISTANT', channel: 'console' });
    expect(await env.db.prisma.auditLog.count({ where: { action: 'staffchat.register' } })).toBe(1);
  });

  const actors: Record<string, { userId: string; isGroup?: boolean; conversationId?: string }> = {
    right: { userId: 'demo-owner' },
    otherOwner: { userId: 'other-owner' },
    unbound: { userId: 'stranger' },
    otherEstateStaff: { userId: 'other-supervisor' },
    groupMember: { userId: 'demo-owner', isGroup: true, conversationId: 'grp-plain' },
  };

  // Success for the right person: the flow starts (whatever the flow asks first), or shows the unit's data.
  const personal: Array<[string, RegExp]> = [
    ['物业费', /^(?![\s\S]*为保护您的隐私)[\s\S]+$/],
    ['投诉', /^(?![\s\S]*为保护您的隐私)[\s\S]+$/],
    ['装修', /^(?![\s\S]*为保护您的隐私)[\s\S]+$/],
    ['钥匙', /^(?![\s\S]*为保护您的隐私)[\s\S]+$/],
    ['家人', /3栋2单元1201 的成员/],
    ['我的信息', /房屋：3栋2单元1201/],
  ];
  // What would leak 刘洋's unit: its member list, the owner's name, the masked phone.
  const LEAK = /3栋2单元1201 的成员|房屋：3栋2单元1201|138\*\*\*\*5678|刘洋/;

  it.each(personal)('personal flow %s reaches 3栋2单元1201 only for its owner', async (text, success) => {
    for (const [who, a] of Object.entries(actors)) {
      const reply = await answer(a.userId, text, a);
      if (who === 'right') {
        expect(reply, who).toMatch(success);
        continue;
      }
      expect(reply, who).not.toMatch(LEAK);
      if (who === 'groupMember') expect(reply, who).toBe('');
      if ((who === 'unbound' || who === 'otherEstateStaff') && text !== '我的信息')
        expect(reply, who).toContain('为保护您的隐私');
    }
  });

  const staffCommands: Array<[string, string, RegExp, { isGroup?: boolean; conversationId?: string }]> = [
    ['绑定码 3-2-1201', 'demo-assistant', /绑定码：\d{8}/, {}],
    ['员工码 李强', 'demo-supervisor', /员工码：\d{10}/, {}],
    ['注册群 主管', 'demo-supervisor', /已将本群登记/, { isGroup: true, conversationId: 'grp-sup' }],
  ];

  it.each(staffCommands)(
    'staff command %s runs only for staff of the estate',
    async (text, rightUser, success, where) => {
      expect(await answer(rightUser, text, where)).toMatch(success);
      for (const [who, a] of Object.entries(actors)) {
        if (who === 'right') continue;
        const reply = await answer(a.userId, text, { ...a, ...where });
        expect(reply, who).not.toMatch(success);
      }
    },
  );
});
