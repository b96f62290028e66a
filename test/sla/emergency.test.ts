import { afterAll, beforeAll, expect, it } from 'vitest';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../../src/sla/business-calendar.js';
import { SlaService } from '../../src/sla/sla.service.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { demoBot } from '../support/app.js';
import { chatWith } from '../support/conversation.js';
import { describeEachDb } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('特发事件', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let clock = zonedTime('2026-12-19', 23 * 60, 'Asia/Shanghai'); // Saturday 23:00: emergencies never wait
  let sla: SlaService;
  let phone: string;
  const texts = async (address: string) =>
    (await env.db.prisma.outboxMessage.findMany({ where: { address }, orderBy: { createdAt: 'asc' } })).map(
      (m) => `${m.kind}|${(m.payload as { text: string }).text}`,
    );
  const group = (userId: string, role: string) =>
    chatWith(env.bot, { userId, conversationId: `grp-${role}`, isGroup: true });
  const later = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };

  beforeAll(async () => {
    env = await demoBot(provider, () => clock);
    sla = new SlaService(
      createRepositories(env.db.prisma).sla,
      testNotifier(),
      new BusinessCalendar(DEFAULT_DESK_CALENDAR),
      () => clock,
    );
    const estate = await env.db.prisma.estate.findFirstOrThrow();
    phone = estate.emergencyPhone;
    await env.db.prisma.staffChat.createMany({
      data: (['ASSISTANT', 'SUPERVISOR', 'MANAGER'] as const).map((role) => ({
        estateId: estate.id,
        role,
        channel: 'console',
        chatId: `grp-${role}`,
      })),
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  it('an owner reports one in words: safety advice and the emergency phone at once, a ticket, 领班 and 主管 pinged urgently', async () => {
    await chatWith(env.bot).converse([
      [
        '救命，我困在电梯里了，3栋1单元',
        (r) => {
          expect(r.text).toContain('【电梯困人】');
          expect(r.text).toContain('不要扒门');
          expect(r.text).toContain(`物业紧急电话：${phone}`);
        },
        '已通知物业值班领班和主管，事件编号 TS-20261219-0001',
      ],
    ]);
    const t = await env.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261219-0001' } });
    expect(t).toMatchObject({
      kind: 'EMERGENCY',
      category: '电梯困人',
      priority: 3,
      status: 'NEW',
      description: '救命，我困在电梯里了，3栋1单元',
    });
    const sup = await texts('grp-SUPERVISOR');
    expect(sup).toHaveLength(1);
    expect(sup[0]).toMatch(/^urgent\|【特发事件】TS-20261219-0001 电梯困人/);
    expect(sup[0]).toContain('收到 0001');
    // 领班 have no registered group here: the foreman gets it privately rather than nobody getting it.
    const foreman = await texts('demo-foreman');
    expect(foreman).toHaveLength(1);
    expect(foreman[0]).toMatch(/^urgent\|【特发事件】TS-20261219-0001 电梯困人/);
  });

  it('an unbound account can report one from the menu word 紧急, choosing the kind', async () => {
    await chatWith(env.bot, { userId: 'stranger-1' }).converse([
      [
        '紧急',
        (r) => {
          expect(r.text).toContain('请问发生了什么紧急情况');
          expect(r.text).toContain(phone);
          expect(r.text).toContain('2. 火情/烟味');
        },
      ],
      [
        '2',
        (r) => {
          expect(r.text).toContain('【火情/烟味】');
          expect(r.text).toContain('119');
        },
        '事件编号 TS-20261219-0002',
      ],
    ]);
    expect(await env.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261219-0002' } })).toMatchObject({
      kind: 'EMERGENCY',
      category: '火情/烟味',
    });
  });

  it('an unclear answer is still an emergency (其他紧急): advice at once, never a retry', async () => {
    await chatWith(env.bot, { userId: 'stranger-2' }).converse([
      ['紧急', '请问发生了什么紧急情况'],
      ['快来人', '【其他紧急情况】', '事件编号 TS-20261219-0003'],
    ]);
    expect(await env.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261219-0003' } })).toMatchObject({
      category: '其他紧急',
      description: '快来人',
    });
  });

  it('"收到 N" from any staff member stops the 经理 ping; without it 经理 is pinged once after 10 minutes', async () => {
    later(5);
    await group('demo-assistant', 'ASSISTANT').converse([
      ['收到 0002', '已确认特发事件 TS-20261219-0002（火情/烟味）'],
    ]);
    await group('demo-foreman', 'ASSISTANT').converse([['收到 0002', '已由王芳确认处置']]);
    await group('demo-foreman', 'ASSISTANT').converse([['收到 0099', '没有找到工单 TS-20261219-0099']]);
    later(4); // 23:09: not yet
    await sla.sweep();
    expect(await texts('grp-MANAGER')).toEqual([]);
    for (let i = 0; i < 10; i++) {
      later(1);
      await sla.sweep();
    }
    const mgr = (await texts('grp-MANAGER')).sort();
    // 0001 and 0003 were never acknowledged: one ping each; 0002 was.
    expect(mgr).toHaveLength(2);
    expect(mgr[0]).toMatch(/^urgent\|【时限提醒】特发事件 TS-20261219-0001（电梯困人/);
    expect(mgr[1]).toMatch(/^urgent\|【时限提醒】特发事件 TS-20261219-0003（其他紧急/);
    expect(mgr[0]).toContain('无人确认');
    expect(mgr.some((t) => t.includes('0002'))).toBe(false);
    // The acknowledgement reached the supervisors and the reporter.
    expect((await texts('grp-SUPERVISOR')).some((t) => t.includes('王芳已确认特发事件 TS-20261219-0002'))).toBe(true);
  });

  it('staff raise one from a group with 紧急 <描述> (/emergency)', async () => {
    await group('demo-supervisor', 'SUPERVISOR').converse([
      ['紧急', '用法：紧急 <地点和情况>'],
      ['紧急 5栋2单元水管爆裂，水漫到电梯厅', '已发起特发事件 TS-20261219-0004（水管爆裂），已通知领班和主管'],
    ]);
    expect(
      (await texts('grp-SUPERVISOR')).some((t) => t.startsWith('urgent|【特发事件】TS-20261219-0004 水管爆裂')),
    ).toBe(true);
  });

  it('when no 领班 or 主管 can receive it, the owner is told to phone instead of "已通知"', async () => {
    await env.db.prisma.staffChat.deleteMany({ where: { role: { in: ['FOREMAN', 'SUPERVISOR'] } } });
    await env.db.prisma.staff.updateMany({
      where: { role: { in: ['FOREMAN', 'SUPERVISOR'] } },
      data: { active: false },
    });
    await chatWith(env.bot, { userId: 'stranger-3' }).converse([
      [
        '楼道里全是烟，好像着火了',
        '【火情/烟味】',
        (r) => {
          expect(r.text).toContain('此刻没有值班人员能在线收到通知，请立即拨打物业紧急电话');
          expect(r.text).toContain(phone);
          expect(r.text).not.toContain('已通知');
        },
      ],
    ]);
  });
});
