// 公告 (#20) as staff and owners type it: a 主管 drafts step by step in a private chat (bad answers re-asked), sees
// who it reaches, confirms, and it is planned into the outbox for the audience only (buildings, arrears), WeChat
// personal-account owners through a registered owner group; the one-line form in a staff group; quiet hours for
// non-urgent notices; nobody reached → not published; owners see their recent notices; 统计 counts them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buttons, chatWith, type Row } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

describeEachDb('公告', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  let now = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai');
  const talk = (userId: string, rows: Row[], opts: { isGroup?: boolean; conversationId?: string } = {}) =>
    chatWith(app.bot, { userId, ...opts }).converse(rows);
  const rowsOf = async (seq: number) => {
    const notice = await app.db.prisma.notice.findFirstOrThrow({ where: { seq } });
    return app.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `notice:${notice.id}|` }, isGroup: false },
      orderBy: { address: 'asc' },
    });
  };

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
    const p = app.db.prisma;
    const person = (name: string) => p.person.findFirstOrThrow({ where: { name } });
    // 赵丽 1栋 (Telegram), 孙伟 2栋 (WeChat personal account), 周静 3栋 (Telegram, in arrears); 刘洋 3栋 (console).
    await p.channelIdentity.create({
      data: { channel: 'telegram', externalId: '9001', personId: (await person('赵丽')).id },
    });
    await p.channelIdentity.create({
      data: { channel: 'wechat', externalId: 'wx-sun', personId: (await person('孙伟')).id },
    });
    const zhou = await person('周静');
    await p.channelIdentity.create({ data: { channel: 'telegram', externalId: '9003', personId: zhou.id } });
    const m = await p.unitMembership.findFirstOrThrow({
      where: { personId: zhou.id },
      include: { unit: { include: { building: true } } },
    });
    await p.feeBill.create({
      data: {
        estateId: m.unit.building.estateId,
        buildingId: m.unit.buildingId,
        unitId: m.unitId,
        period: '2026-10',
        feeType: 'PROPERTY',
        amountDueCents: 30000,
        amountPaidCents: 0,
        outstandingCents: 30000,
        dueDate: '2026-10-31',
      },
    });
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('a 主管 drafts in a private chat: bad answers are re-asked, the preview names who it reaches, 确认发布 plans it for 3栋 only', async () => {
    await talk('demo-supervisor', [
      ['公告', '起草公告。请输入标题'],
      ['三栋二次供水水箱清洗及消毒停水通知（请各位业主提前储水并关好水龙头以免来水时跑水）', '内容太长了'],
      ['停水通知', '请输入公告正文'],
      ['12月3日 9:00–12:00 3栋二次供水水箱清洗，停水，请提前储水。', '需要配图吗？'],
      ['跳过', (r) => expect(buttons(r)).toEqual(['全体业主', '指定楼栋', '仅欠费业主', '不含欠费业主'])],
      ['指定楼栋', '请输入楼栋，用逗号分隔，例如“3栋,5栋”。本小区楼栋：1栋、2栋、3栋'],
      ['3栋,9栋', '没有找到楼栋：9。'],
      ['3栋', '是否紧急？'],
      [
        '一般',
        (r) => {
          expect(r.text).toContain('【公告预览】草稿 #1');
          expect(r.text).toContain('【锦绣花园公告】停水通知\n12月3日 9:00–12:00 3栋二次供水水箱清洗');
          expect(r.text).toContain('范围：3栋业主｜一般');
          expect(r.text).toContain('送达：控制台 1 人，Telegram 1 人');
          expect(buttons(r)).toEqual(['确认发布', '放弃草稿']);
        },
      ],
      ['确认发布', '公告 #1 已发布：已安排私信 2 条'],
    ]);
    const rows = await rowsOf(1);
    expect(rows.map((r) => [r.channel, r.address, r.kind, r.isGroup])).toEqual(
      [
        ['telegram', '9003', 'announcement', false],
        ['console', 'demo-owner', 'announcement', false],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect((rows[0]!.payload as { template?: { type: string } }).template?.type).toBe('announcement');
    // Confirming again changes nothing.
    await talk('demo-supervisor', [['确认公告 1', '公告 #1 已发布或已取消']]);
    expect(await rowsOf(1)).toHaveLength(2);
  });

  it('owners see the notices meant for them (公告 / 最近有什么通知); 1栋 does not see a 3栋 notice', async () => {
    await talk('demo-owner', [['最近有什么通知？', '【小区公告】最近 1 条：\n1. 2026-12-02 停水通知']]);
    await talk('demo-owner', [['公告', '停水通知']]);
    await chatWith(app.bot, { userId: '9001', channelId: 'telegram' }).converse([
      ['公告', '最近 30 天没有发给您的公告。'],
    ]);
    // An assistant (not an author) typing 公告 privately gets every recent notice of the estate.
    await talk('demo-assistant', [['公告', '【小区公告】最近 1 条：\n1. 2026-12-02 停水通知']]);
  });

  it('the one-line form in a registered staff group, urgent: goes at once even at night; WeChat owners through an owner group', async () => {
    await talk('demo-supervisor', [['注册群 主管', '已将本群登记']], { isGroup: true, conversationId: 'grp-sup' });
    // A WeChat owner group: its notices go there, not to each WeChat owner privately.
    const estate = await app.db.prisma.estate.findFirstOrThrow();
    await app.db.prisma.ownerGroup.create({
      data: { estateId: estate.id, channel: 'wechat', chatId: 'owners@chatroom', createdAt: now },
    });
    now = zonedTime('2026-12-02', 22 * 60, 'Asia/Shanghai');
    const group = { isGroup: true, conversationId: 'grp-sup' };
    await talk(
      'demo-supervisor',
      [['公告 停电通知｜线路故障抢修｜全体｜紧急｜多余', '用法：公告 标题｜正文｜范围｜紧急']],
      group,
    );
    await talk('demo-supervisor', [['公告 停电通知｜线路故障抢修｜火星', '没有看懂范围“火星”']], group);
    await talk(
      'demo-supervisor',
      [
        [
          '公告 停电通知｜今晚 22:30 起 2栋线路抢修停电约 1 小时｜全体｜紧急',
          (r) => {
            expect(r.text).toContain('【公告预览】草稿 #2');
            expect(r.text).toContain('【紧急】停电通知');
            expect(r.text).toContain('微信业主群 1 个（微信个人号业主 1 人在群内看到，不逐个私发）');
            expect(r.text).toContain('回复“确认公告 2”发送');
          },
        ],
        ['确认公告', '公告 #2 已发布：已安排私信 3 条、业主群 1 个'],
      ],
      group,
    );
    const rows = await rowsOf(2);
    expect(rows.map((r) => r.address).sort()).toEqual(['9001', '9003', 'demo-owner']);
    expect(rows.every((r) => r.kind === 'urgent' && r.nextAttemptAt.getTime() === now.getTime())).toBe(true);
    const groupRow = await app.db.prisma.outboxMessage.findFirstOrThrow({ where: { address: 'room:owners@chatroom' } });
    expect(groupRow).toMatchObject({ channel: 'wechat', isGroup: true, kind: 'urgent' });
  });

  it('non-urgent at night waits for 08:30; arrears only reaches 周静 privately (never the owner group); nobody → not published', async () => {
    const group = { isGroup: true, conversationId: 'grp-sup' };
    await talk(
      'demo-supervisor',
      [
        ['公告 缴费提醒｜请尽快缴清物业费｜仅欠费', '送达：Telegram 1 人'],
        ['确认公告', '现在是免打扰时段，将于 2026-12-03 08:30 起发送。'],
      ],
      group,
    );
    const rows = await rowsOf(3);
    expect(rows.map((r) => r.address)).toEqual(['9003']);
    expect(rows[0]!.nextAttemptAt).toEqual(zonedTime('2026-12-03', 8 * 60 + 30, 'Asia/Shanghai'));
    expect(
      await app.db.prisma.outboxMessage.count({
        where: {
          dedupeKey: {
            startsWith: `notice:${(await app.db.prisma.notice.findFirstOrThrow({ where: { seq: 3 } })).id}|group:`,
          },
        },
      }),
    ).toBe(0);
    // 1栋 has no owner in arrears: nobody is reached, so it is not published and not counted.
    await app.db.prisma.ownerGroup.deleteMany();
    await talk(
      'demo-supervisor',
      [
        ['公告 缴费提醒｜请尽快缴清物业费｜仅欠费', '草稿 #4'],
        ['取消公告 4', '已取消公告草稿 #4。'],
      ],
      group,
    );
    await app.db.prisma.channelIdentity.updateMany({ where: { externalId: '9003' }, data: { personId: null } });
    await talk(
      'demo-supervisor',
      [
        ['公告 缴费提醒｜请尽快缴清物业费｜仅欠费', '没有可送达的业主'],
        ['确认公告 5', '公告 #5 没有发布：范围内没有可送达的业主。'],
      ],
      group,
    );
    expect((await app.db.prisma.notice.findFirstOrThrow({ where: { seq: 5 } })).status).toBe('DRAFT');
  });

  it('统计 shows the month’s notices against the estate’s target (our default 4); staff-only commands stay staff-only', async () => {
    await talk('demo-supervisor', [['统计', '社区公告：3 条，目标 ≥ 4 条（本小区默认）✗ 未达标']]);
    await talk('demo-owner', [['确认公告 5', '抱歉，“确认公告”仅限主管、经理使用。']], {
      isGroup: true,
      conversationId: 'grp-sup',
    });
  });

  it('注册群 业主群 registers an owner group; a staff group cannot become one', async () => {
    await talk('demo-supervisor', [['注册群 业主群', '已把本群登记为锦绣花园的业主群']], {
      isGroup: true,
      conversationId: 'grp-owners-1',
    });
    await talk('demo-supervisor', [['注册群 业主群', '本群已登记为员工群']], {
      isGroup: true,
      conversationId: 'grp-sup',
    });
    expect(await app.db.prisma.ownerGroup.count({ where: { chatId: 'grp-owners-1' } })).toBe(1);
  });
});
