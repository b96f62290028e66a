// 离职 姓名: the leaver is unbound and deactivated, their open tickets and callbacks go to the 领班, who is told once
// with the list (the owner is not told). 注销群: a registered group is unregistered and /healthz's coverage shows it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { staffCoverage } from '../../src/db/recipient.repo.js';

describeEachDb('leaver and unregister-group commands', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  const NOW = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai'); // a Wednesday morning
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('离职 王芳 hands her ticket and callback to the 领班 in one step; the owner hears nothing', async () => {
    const owner = chatWith(app.bot, { userId: 'demo-owner' });
    let ref = '';
    await owner.converse([
      ['我要投诉养狗的', '好的，帮您登记宠物投诉。', '请描述'],
      ['草坪上都是狗屎', '问题发生在哪里'],
      ['公共区域', '具体位置'],
      ['中心花园', '如有照片'],
      ['跳过', '情况紧急吗'],
      ['一般', '请确认'],
      ['确认', '工单号 TS-20261202-0001'],
      ['转人工', '请简单说明需要协助的事项'],
      ['想问一下停水时间', '希望客服什么时候联系您'],
      ['尽快', (r) => void (ref = /编号 (RG-[0-9A-Z]{6})/.exec(r.text ?? '')?.[1] ?? '')],
    ]);
    await chatWith(app.bot, { userId: 'demo-assistant' }).converse([
      ['认领 0001', '认领'],
      [`回电 ${ref}`, `已认领回电请求 ${ref}`],
    ]);
    const ownerRows = () => app.db.prisma.outboxMessage.count({ where: { address: 'demo-owner' } });
    const ownerBefore = await ownerRows();

    await chatWith(app.bot, { userId: 'demo-supervisor' }).converse([
      ['离职', '用法：离职 姓名'],
      ['离职 无名氏', '本小区没有在职员工“无名氏”'],
      ['离职 张敏', '不能为自己办理离职'],
      ['离职 王芳', '已办理 王芳 离职：解除 1 个聊天账号绑定；1 张未结工单、1 条回电交给领班 李强。'],
      ['离职 王芳', '本小区没有在职员工“王芳”'],
    ]);

    const foreman = await app.db.prisma.staff.findFirstOrThrow({ where: { role: 'FOREMAN' } });
    const ticket = await app.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261202-0001' } });
    expect(ticket.assigneeId).toBe(foreman.id);
    const handoff = await app.db.prisma.handoff.findFirstOrThrow();
    expect(handoff.takenById).toBe(foreman.id);
    expect(await app.db.prisma.staff.count({ where: { active: false } })).toBe(1);
    // The 领班 is told once, with both items; the owner is not told anything.
    const told = await app.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'staff:' } } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ address: 'demo-foreman', isGroup: false });
    const text = (told[0]?.payload as { text: string }).text;
    expect(text).toContain('【离职交接】王芳 已离职，以下事项转由 李强 负责');
    expect(text).toContain('· 工单 TS-20261202-0001（宠物，');
    expect(text).toContain(`· 回电 ${ref}：想问一下停水时间`);
    expect(await ownerRows()).toBe(ownerBefore);
    expect(await app.db.prisma.auditLog.count({ where: { action: 'staff.left' } })).toBe(1);

    // Her chat account is no longer staff.
    await chatWith(app.bot, { userId: 'demo-assistant' }).converse([['/queue', '仅限客户助理、领班、主管、经理使用']]);
  });

  it('注销群 unregisters the group it is sent in; the role then shows as missing a group', async () => {
    const group = chatWith(app.bot, { userId: 'demo-manager', isGroup: true, conversationId: 'grp-foremen' });
    await group.converse([['注册群 领班', '领班']]);
    const foremenGroups = async () =>
      (await staffCoverage(app.db.prisma)).find((c) => c.role === 'FOREMAN')?.groups ?? -1;
    expect(await foremenGroups()).toBe(1);
    await chatWith(app.bot, { userId: 'demo-manager' }).converse([['注销群', '请在要注销的群里发“注销群”']]);
    await chatWith(app.bot, { userId: 'demo-foreman', isGroup: true, conversationId: 'grp-foremen' }).converse([
      ['注销群', '仅限主管、经理使用'],
    ]);
    await group.converse([['注销群', '已注销本群（领班群）']]);
    expect(await foremenGroups()).toBe(0);
    expect(await app.db.prisma.auditLog.count({ where: { action: 'staffChat.unregistered' } })).toBe(1);
  });
});
