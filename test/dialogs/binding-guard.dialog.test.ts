// Binding as the owner and the desk notice it: a new chat account bound to an owner is announced to the owner's
// other accounts (with a one-tap 不是我) and to the assistants' group; 不是我 undoes it; an estate that audits
// bindings holds name + phone binding for staff; a unit being guessed at is locked for everyone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buttons, chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('binding guard dialogs', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let clock = new Date('2026-11-28T02:00:00Z');
  const now = () => clock;
  let estateId: string;
  beforeAll(async () => {
    env = await demoBot(provider, now);
    estateId = (await env.db.prisma.estate.findFirstOrThrow()).id;
    await env.db.prisma.staffChat.create({
      data: { estateId, role: 'ASSISTANT', channel: 'console', chatId: 'grp-assistants' },
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  const texts = async (address: string) =>
    (await env.db.prisma.outboxMessage.findMany({ where: { address }, orderBy: { createdAt: 'asc' } })).map((r) => ({
      text: (r.payload as { text: string }).text,
      suggestions: (r.payload as { suggestions?: string[] }).suggestions ?? [],
    }));

  it('a new account binding to 刘洋 is announced to his own account and the desk; 不是我 unbinds it', async () => {
    await chatWith(env.bot, { userId: 'stranger' }).converse([
      ['绑定', '请告诉我您的房号'],
      ['3-2-1201', '请选择验证方式'],
      ['姓名+手机尾号', '姓名'],
      ['刘洋', '后 4 位'],
      ['5678', '绑定成功'],
    ]);
    const toOwner = await texts('demo-owner');
    expect(toOwner).toEqual([
      {
        text: expect.stringMatching(
          /【账号提醒】.*一个新的聊天账号（console）绑定了您在 3栋2单元1201 登记的信息.*请回复“不是我”/,
        ),
        suggestions: ['不是我'],
      },
    ]);
    // The new account itself is not told about itself.
    expect(await texts('stranger')).toEqual([]);
    expect((await texts('grp-assistants')).map((m) => m.text)).toEqual([
      '【新绑定】3栋2单元1201：刘洋 新绑定了一个聊天账号（console，姓名+手机尾号）。',
    ]);

    clock = new Date(clock.getTime() + 10 * 60_000);
    await chatWith(env.bot, { userId: 'demo-owner' }).converse([
      ['不是我', '已解除 1 个新绑定到您信息的聊天账号，并已通知物业核实'],
      ['不是我', '最近 7 天没有其他聊天账号新绑定到您的信息'],
    ]);
    await chatWith(env.bot, { userId: 'stranger' }).converse([['钥匙', '为保护您的隐私']]);
    const desk = (await texts('grp-assistants')).map((m) => m.text);
    expect(desk.at(-1)).toBe(
      '【绑定异常】3栋2单元1201：刘洋 回复“不是我”，已解除 1 个新绑定的聊天账号（console）。请尽快联系业主核实。',
    );
    const audit = await env.db.prisma.auditLog.count({ where: { action: 'binding.disowned' } });
    expect(audit).toBe(1);
  });

  it('a unit guessed at from fresh accounts is locked for everyone, and the answer says so', async () => {
    clock = new Date(clock.getTime() + 24 * 3600_000);
    for (let i = 0; i < 5; i++) {
      await chatWith(env.bot, { userId: `guess-${i}` }).converse([
        ['绑定', '房号'],
        ['1-1-301', '验证方式'],
        ['姓名+手机尾号', '姓名'],
        ['赵丽', '后 4 位'],
        [
          String(1000 + i),
          i < 4 ? /姓名或手机尾号与物业登记信息不一致。还可以再试 \d 次/ : /1栋1单元301 近期验证失败次数过多.*已暂停至/,
        ],
      ]);
    }
    await chatWith(env.bot, { userId: 'guess-fresh' }).converse([
      ['绑定', '房号'],
      ['1-1-301', '验证方式'],
      ['姓名+手机尾号', '姓名'],
      ['赵丽', '后 4 位'],
      ['2222', /^1栋1单元301 近期验证失败次数过多，为保护业主安全，该房屋的此验证方式已暂停至 .*请到前台当面办理/],
    ]);
    expect((await texts('grp-assistants')).map((m) => m.text).at(-1)).toMatch(/^【绑定锁定】1栋1单元301/);
  });

  it('an estate that audits bindings holds name + phone for staff; 批准绑定 binds and tells the owner', async () => {
    await env.db.prisma.estate.update({
      where: { id: estateId },
      data: { settings: { binding: { nameNeedsApproval: true } } },
    });
    clock = new Date(clock.getTime() + 3600_000);
    await chatWith(env.bot, { userId: 'sun-phone' }).converse([
      ['绑定', '房号'],
      ['2-1-802', '验证方式'],
      ['姓名+手机尾号', '姓名'],
      ['孙伟', '后 4 位'],
      ['4444', '您的绑定申请（编号 1）已提交，需要物业核实后生效'],
      ['钥匙', '为保护您的隐私'],
    ]);
    const held = (await texts('grp-assistants')).map((m) => m.text).at(-1);
    expect(held).toBe(
      '【绑定待审核 1】2栋1单元802：孙伟（137****4444）用姓名+手机尾号申请绑定聊天账号（console）。请电话核实后回复“批准绑定 1”或“拒绝绑定 1”。',
    );
    await chatWith(env.bot, { userId: 'demo-owner' }).converse([['/approvebind 1', '抱歉，“批准绑定”仅限']]);
    await chatWith(env.bot, { userId: 'demo-assistant' }).converse([
      ['批准绑定 1', '已批准绑定申请 1：2栋1单元802 孙伟。已通知对方。'],
      ['批准绑定 1', '没有待审核的绑定申请 1。'],
    ]);
    expect((await texts('sun-phone')).map((m) => m.text)).toEqual([
      '您的绑定申请（编号 1）已通过审核，您已绑定房屋 2栋1单元802。',
    ]);
    await chatWith(env.bot, { userId: 'sun-phone' }).converse([
      ['我的信息', (r) => expect(r.text).toContain('房屋：2栋1单元802（业主）')],
    ]);
    // A held request the desk rejects tells the person and binds nothing.
    await chatWith(env.bot, { userId: 'zhou-phone' }).converse([
      ['绑定', '房号'],
      ['3-1-1502', '验证方式'],
      ['姓名+手机尾号', '姓名'],
      ['周静', '后 4 位'],
      ['6666', '编号 2'],
    ]);
    await chatWith(env.bot, { userId: 'demo-assistant' }).converse([
      ['拒绝绑定 2', '已拒绝绑定申请 2（3栋1单元1502）'],
    ]);
    expect((await texts('zhou-phone')).map((m) => m.text)).toEqual([
      expect.stringContaining('您的绑定申请（编号 2）未通过审核'),
    ]);
    await chatWith(env.bot, { userId: 'zhou-phone' }).converse([
      ['钥匙', (r) => expect(buttons(r).length + (r.text ?? '').length).toBeGreaterThan(0)],
    ]);
    expect(
      await env.db.prisma.channelIdentity.count({ where: { externalId: 'zhou-phone', personId: { not: null } } }),
    ).toBe(0);
  });
});
