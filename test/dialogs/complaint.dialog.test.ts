import crypto from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buttons, chatWith, check, type Expect } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

type Says = string | Partial<Activity>;
type Row = [Says, ...Expect[]];

const photo = (id: string): Partial<Activity> => ({
  type: 'message',
  text: '',
  attachments: [{ contentType: 'image/jpeg', contentUrl: `media:${id}`, name: `${id}.jpg` }],
});
const voice: Partial<Activity> = {
  type: 'message',
  text: '',
  attachments: [{ contentType: 'audio/ogg', contentUrl: 'media:v1', name: 'v.ogg' }],
};
const empty: Partial<Activity> = { type: 'message', text: '' };
const LONG = '吵'.repeat(5000);

/** Like chatWith().converse, but a row may send an activity (photos, files) and the chat may be a group. */
function chat(bot: Awaited<ReturnType<typeof demoBot>>['bot'], userId: string, opts: { group?: boolean } = {}) {
  const c = chatWith(bot, { userId, conversationId: opts.group ? 'grp-assistants' : `conv-${crypto.randomUUID()}` });
  if (opts.group)
    c.adapter.template.conversation = { ...c.adapter.template.conversation!, isGroup: true, conversationType: 'group' };
  return {
    async converse(rows: Row[]) {
      for (const [says, ...replies] of rows) {
        let flow = c.adapter.send(says);
        const label =
          typeof says === 'string' ? says.slice(0, 20) : `[${says.attachments?.[0]?.contentType ?? 'empty'}]`;
        for (const e of replies) flow = flow.assertReply((r) => check(r, e, label));
        await flow;
      }
    },
  };
}

/** The four bad inputs at a step: each answered clearly in zh-CN with the same question again, in one message. */
function badInputs(question: string, longReply: string | RegExp = '内容太长了'): Row[] {
  const both =
    (problem: string | RegExp): Expect =>
    (r) => {
      const text = r.text ?? '';
      if (typeof problem === 'string') expect(text).toContain(problem);
      else expect(text).toMatch(problem);
      expect(text).toContain(question);
    };
  return [
    [empty, both(/没有收到文字内容/)],
    [LONG, both(longReply)],
    ['😡😡😡', both(/请用文字描述/)],
    [voice, both(/暂不支持这种(消息类型|附件)（audio\/ogg）/)],
  ];
}

describeEachDb('complaint dialog', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  const clock = new Date('2026-11-28T02:00:00Z');
  beforeAll(async () => {
    env = await demoBot(provider, () => clock);
    const estate = await env.db.prisma.estate.findFirstOrThrow();
    await env.db.prisma.staffChat.createMany({
      data: [
        { estateId: estate.id, role: 'ASSISTANT', channel: 'console', chatId: 'grp-assistants' },
        { estateId: estate.id, role: 'SUPERVISOR', channel: 'console', chatId: 'grp-supervisors' },
      ],
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });
  const ownerNotices = async () =>
    (
      await env.db.prisma.outboxMessage.findMany({ where: { address: 'demo-owner' }, orderBy: { createdAt: 'asc' } })
    ).map((m) => (m.payload as { text: string }).text);

  it('free text pre-fills the category; photos, urgency, summary, number and promised response time; bad input at every step keeps the step', async () => {
    await chat(env.bot, 'demo-owner').converse([
      ['我要投诉噪音', '好的，帮您登记噪音投诉。', '请描述一下发生了什么'],
      ...badInputs('请描述一下发生了什么'),
      ['每天早上七点就开始电钻', '问题发生在哪里'],
      ...badInputs('问题发生在哪里'),
      ['本户', '如有照片请直接发送'],
      ...badInputs('如有照片请直接发送', '这一步只需要照片'),
      [photo('p1'), (r) => expect(r.text).toMatch(/已收到 1 张照片[\s\S]*如有照片请直接发送/)],
      [photo('p2'), '已收到 2 张照片'],
      [
        {
          type: 'message',
          text: '',
          attachments: [{ contentType: 'application/pdf', contentUrl: 'media:d', name: 'd.pdf' }],
        },
        '暂不支持这种附件（application/pdf）',
      ],
      ['好了', '情况紧急吗'],
      ...badInputs('情况紧急吗'),
      [
        '紧急',
        (r) => {
          expect(r.text).toContain('请确认您的投诉');
          expect(r.text).toContain('类别：噪音');
          expect(r.text).toContain('位置：本户 3栋2单元1201');
          expect(r.text).toContain('照片：2 张');
          expect(r.text).toContain('紧急程度：紧急');
        },
      ],
      ...badInputs('确认提交吗'),
      ['是', /投诉已提交，工单号 TS-20261128-0001。\n我们将在 30 分钟内（2026-11-28 10:30 前）响应/],
    ]);
    const t = await env.db.prisma.ticket.findFirstOrThrow({
      where: { number: 'TS-20261128-0001' },
      include: { attachments: true },
    });
    expect(t).toMatchObject({
      category: '噪音',
      priority: 3,
      status: 'NEW',
      unitId: 'u-3-2-1201',
      description: '每天早上七点就开始电钻',
    });
    expect(t.attachments.map((a) => a.contentUrl)).toEqual(['media:p1', 'media:p2']);
    const group = await env.db.prisma.outboxMessage.findFirstOrThrow({ where: { address: 'grp-assistants' } });
    expect((group.payload as { text: string }).text).toContain('认领 0001');
  });

  it('from the menu: category asked, public area with a location, no photos, and "否" does not submit', async () => {
    await chat(env.bot, 'demo-owner').converse([
      ['你好', '请问需要办理什么业务'],
      ['投诉', '请选择投诉类别'],
      ...badInputs('请选择投诉类别'),
      ['3', '请描述一下发生了什么'],
      ['楼道里堆满了垃圾', '问题发生在哪里'],
      ['公共区域', '请说明具体位置'],
      ...badInputs('请说明具体位置'),
      ['3栋2单元5楼楼道', '如有照片'],
      ['没有', '情况紧急吗'],
      [
        '一般',
        (r) => {
          expect(r.text).toContain('类别：卫生');
          expect(r.text).toContain('位置：公共区域：3栋2单元5楼楼道');
          expect(r.text).toContain('照片：0 张');
        },
      ],
      ['否', '投诉未提交'],
    ]);
    expect(await env.db.prisma.ticket.count({ where: { category: '卫生' } })).toBe(0);
  });

  it('staff path in the assistants group: claim (second claimer told who has it), note, wait states, reassign, resolve, history; owner hears each change', async () => {
    const staff = (id: string) => chat(env.bot, id, { group: true });
    await staff('demo-assistant').converse([
      ['认领', '用法：认领 0007'],
      ['认领 0099', '没有找到工单 TS-20261128-0099'],
      ['认领 0001', '已认领工单 TS-20261128-0001（噪音）'],
    ]);
    await staff('demo-foreman').converse([['/claim TS-20261128-0001', '工单 TS-20261128-0001 已由王芳认领']]);
    await staff('demo-assistant').converse([
      ['备注 0001 已联系楼上业主', '已记录工单 TS-20261128-0001 的备注'],
      ['等待业主 0001 请提供噪音录像', '已设为等待业主'],
      ['等待施工方 0001', '当前状态为「等待业主」，不能设为等待'],
      ['恢复 0001', '已恢复处理'],
      ['/wait 0001 施工方', '已设为等待施工方'],
      ['恢复 0001', '已恢复处理'],
      ['转派 0001 不存在的人', '没有名为“不存在的人”'],
      ['转派 0001 李强', '已转派给李强'],
    ]);
    // Privately to the bot works too.
    await chat(env.bot, 'demo-foreman').converse([
      ['办结 0001', '用法：办结 0007 处理结果'],
      ['办结 0001 已协调楼上业主改为九点后施工', '工单 TS-20261128-0001 已办结'],
      ['办结 0001 再来一次', '当前状态为「已办结」，不能办结'],
      [
        '工单 0001',
        (r) => {
          expect(r.text).toContain('工单 TS-20261128-0001｜噪音｜已办结｜紧急');
          expect(r.text).toContain('负责人：李强；照片 2 张');
          for (const line of [
            '业主 提交投诉',
            '王芳 认领',
            '王芳 备注：已联系楼上业主',
            '王芳 等待业主：请提供噪音录像',
            '王芳 等待施工方',
            '王芳 转派：转派给李强',
            '李强 办结：已协调楼上业主改为九点后施工',
          ]) {
            expect(r.text).toContain(line);
          }
        },
      ],
    ]);
    const notices = await ownerNotices();
    expect(notices.filter((n) => n.includes('已受理，由王芳负责处理'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('需要您补充信息或配合：请提供噪音录像'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('已转由李强负责处理'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('已办结：已协调楼上业主改为九点后施工'))).toHaveLength(1);
    // An owner cannot run staff commands.
    await chat(env.bot, 'demo-owner').converse([['/claim 0001', '仅限客户助理、领班、主管、经理使用']]);
  });

  it('我的投诉 lists tickets with status and next step; add info with a photo; withdraw', async () => {
    await chat(env.bot, 'demo-owner').converse([
      ['我要投诉养狗的', '好的，帮您登记宠物投诉。', '请描述'],
      ['草坪上都是狗屎', '问题发生在哪里'],
      ['公共区域', '具体位置'],
      ['中心花园', '如有照片'],
      ['跳过', '情况紧急吗'],
      ['一般', '请确认'],
      // Saturday 10:00: the desk works Saturdays by our default (settings.desk), so the 2 hours end at 12:00.
      ['确认', /工单号 TS-20261128-0002。\n我们将在 工作时间 2 小时内（2026-11-28 12:00 前）/],
    ]);
    await chat(env.bot, 'demo-owner').converse([
      [
        '我的投诉',
        (r) => {
          expect(r.text).toContain('您的投诉：');
          expect(r.text).toContain('1. TS-20261128-0002 宠物｜待受理');
          // Filed at 10:00 Shanghai (02:00 UTC) on the test's clock: shown in the estate's time zone.
          expect(r.text).toContain('提交于 2026-11-28 10:00；下一步：等待客服受理');
          expect(r.text).toContain('2. TS-20261128-0001 噪音｜已办结');
        },
      ],
      ['随便说说', '请回复列表中的序号'],
      ['1', '工单 TS-20261128-0002｜宠物｜待受理'],
      ['补充信息', '请输入要补充的内容'],
      ['😀', (r) => expect(r.text).toMatch(/请用文字描述[\s\S]*请输入要补充的内容/)],
      [photo('p3'), '已补充到工单 TS-20261128-0002'],
      ['我的投诉', '您的投诉'],
      ['2', (r) => expect(r.text).toContain('该工单已结束，无法再补充或撤回')],
      ['我的投诉', '您的投诉'],
      ['1', '您可以：补充信息 / 撤回 / 返回'],
      ['撤回', '确定撤回工单 TS-20261128-0002 吗'],
      ['是', '工单 TS-20261128-0002 已撤回'],
    ]);
    const t = await env.db.prisma.ticket.findFirstOrThrow({
      where: { number: 'TS-20261128-0002' },
      include: { attachments: true, events: true },
    });
    expect(t.status).toBe('WITHDRAWN');
    expect(t.attachments.map((a) => a.contentUrl)).toEqual(['media:p3']);
    expect(t.events.map((e) => e.action)).toEqual(['created', 'owner_info', 'withdrawn']);
  });

  it('二次投诉: same unit, same category within 90 days is linked, raised and announced to supervisors', async () => {
    await chat(env.bot, 'demo-owner').converse([
      ['投诉 楼上又在装修，噪音很大', '好的，帮您登记噪音投诉：投诉 楼上又在装修，噪音很大', '问题发生在哪里'],
      ['本户', '如有照片'],
      ['没有', '情况紧急吗'],
      ['一般', '请确认'],
      [
        '是',
        /工单号 TS-20261128-0003。\n我们将在 工作时间 1 小时内（2026-11-28 11:00 前）.*\n该问题与之前的工单 TS-20261128-0001 相同，已按二次投诉优先处理/,
      ],
    ]);
    const sup = await env.db.prisma.outboxMessage.findMany({ where: { address: 'grp-supervisors' } });
    expect(sup.map((m) => (m.payload as { text: string }).text).join('\n')).toContain(
      '【二次投诉】TS-20261128-0003（噪音）与 TS-20261128-0001 同户同类',
    );
    // The owner's list marks it too.
    await chat(env.bot, 'demo-owner').converse([
      ['我的投诉', (r) => expect(r.text).toContain('1. TS-20261128-0003 噪音｜待受理（二次投诉）')],
      ['返回', '好的'],
    ]);
  });

  it('owners do not see staff-internal notes in 我的投诉', async () => {
    await chat(env.bot, 'demo-assistant', { group: true }).converse([
      ['备注 0003 楼上1302业主不配合', '已记录工单 TS-20261128-0003 的备注'],
    ]);
    await chat(env.bot, 'demo-owner').converse([
      ['我的投诉', '1. TS-20261128-0003'],
      [
        '1',
        (r) => {
          expect(r.text).toContain('工单 TS-20261128-0003');
          expect(r.text).not.toContain('1302');
        },
      ],
    ]);
  });

  it('a problem described without "投诉" reaches the flow with its category and description; 改类别 at the summary keeps the rest', async () => {
    await chat(env.bot, 'demo-owner').converse([
      ['楼下烧烤店的油烟熏到我家', '好的，帮您登记卫生投诉：楼下烧烤店的油烟熏到我家', '问题发生在哪里'],
      ['本户', '如有照片'],
      ['没有', '情况紧急吗'],
      [
        '一般',
        (r) => {
          expect(r.text).toContain('类别：卫生');
          expect(r.text).toContain('内容：楼下烧烤店的油烟熏到我家');
          expect(buttons(r)).toEqual(['是', '改类别', '否']);
        },
      ],
      ['改类别', '请选择投诉类别'],
      [
        '其他',
        (r) => {
          // Straight back to the summary: nothing retyped, only the category changed.
          expect(r.text).toContain('类别：其他');
          expect(r.text).toContain('内容：楼下烧烤店的油烟熏到我家');
          expect(r.text).toContain('位置：本户 3栋2单元1201');
        },
      ],
      ['是', '工单号 TS-20261128-0004'],
    ]);
    expect(await env.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261128-0004' } })).toMatchObject({
      category: '其他',
      description: '楼下烧烤店的油烟熏到我家',
    });
    await chat(env.bot, 'demo-owner').converse([
      ['晚上广场舞音响太大', '好的，帮您登记噪音投诉：晚上广场舞音响太大', '问题发生在哪里'],
      ['取消', '已取消'],
    ]);
  });
});
