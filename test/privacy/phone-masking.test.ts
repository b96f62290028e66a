// PIPL: no whole mobile number in anything the identity flows send to staff or owners, in the log, or in the AuditLog.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { containsUnmaskedPhone } from '../../src/shared/phone.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import { chatWith } from '../support/conversation.js';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('phone numbers stay masked', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  const sent: string[] = [];
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  async function say(
    userId: string,
    text: string,
    opts: { isGroup?: boolean; conversationId?: string } = {},
  ): Promise<string> {
    const chat = chatWith(env.bot, { userId, ...opts });
    await chat.adapter.receiveActivity(text);
    const out = chat.adapter.activeQueue
      .splice(0)
      .map((a) => [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((x) => String(x.title))].join('\n'))
      .join('\n');
    sent.push(out);
    return out;
  }

  it('no catalogue text has a phone number baked in', () => {
    for (const [key, text] of Object.entries(zhCN)) expect(containsUnmaskedPhone(text), key).toBe(false);
  });

  it('every identity answer to staff chats and owners masks phones, and so do the log and the AuditLog', async () => {
    const group = { isGroup: true, conversationId: 'grp-privacy' };
    await say('demo-supervisor', '注册群 客户助理', group);
    // Staff-facing answers, in a staff group and in private, with phone-bearing people in the data.
    for (const text of ['绑定码 3-2-1201', '身份', '命令', '员工码 王芳', '员工码 不存在的人', '绑定码 9-9-9999']) {
      await say('demo-supervisor', text, group);
      await say('demo-assistant', text);
    }
    // Owner flows that handle phone numbers: household add (phone typed in full), my info, binding, unbind.
    const owner = 'demo-owner';
    for (const text of ['家人', '添加成员', '刘小雨', '13698765432', '家人']) await say(owner, text);
    await say(owner, '家人');
    await say(owner, '添加成员');
    await say(owner, '王小明');
    await say(owner, '13512345678');
    await say(owner, '租户');
    await say(owner, '我的信息');
    for (const text of ['绑定', '3-2-1201', '姓名+手机尾号', '王小明', '5678', '我的信息', '身份'])
      await say('tenant-privacy', text);
    await say('owner-privacy', '绑定');
    await say('owner-privacy', '3-2-1201');
    await say('owner-privacy', '姓名+手机尾号');
    await say('owner-privacy', '刘洋');
    await say('owner-privacy', '13812345678');

    expect(sent.join('\n')).toContain('****');
    for (const reply of sent) expect(containsUnmaskedPhone(reply), reply).toBe(false);
    for (const line of env.log.lines) expect(containsUnmaskedPhone(line), line).toBe(false);
    const audits = await env.db.prisma.auditLog.findMany();
    expect(audits.length).toBeGreaterThan(3);
    for (const a of audits) expect(containsUnmaskedPhone(JSON.stringify(a)), a.action).toBe(false);
  });
});
