// 设置 in chat and `settings show|set` on the command line: validated values, refusals that write nothing, an audit
// row per change — and a new desk week changes the SLA promise to the owner at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { runCli } from '../../src/cli.js';

describeEachDb('settings commands', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  // 2026-12-19 is a Saturday.
  const NOW = zonedTime('2026-12-19', 10 * 60, 'Asia/Shanghai');
  const settingsOf = async () => (await app.db.prisma.estate.findFirstOrThrow()).settings as Record<string, any>;
  const audits = () => app.db.prisma.auditLog.count({ where: { action: 'settings.set' } });
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('设置 lists the common settings with our defaults; owners and assistants are refused', async () => {
    await chatWith(app.bot, { userId: 'demo-supervisor' }).converse([
      [
        '设置',
        (r) => {
          expect(r.text).toContain('【锦绣花园 常用设置】');
          expect(r.text).toContain('· 前台时间：周一至周日 08:30–12:00、13:30–18:00');
          expect(r.text).toContain('· 受理时限：普通 120、提级 60、紧急 30');
          expect(r.text).toContain('· 催缴提醒：-7、0、3、15');
          expect(r.text).toContain('· 绑定审核：否');
        },
      ],
    ]);
    await chatWith(app.bot, { userId: 'demo-assistant' }).converse([['设置', '仅限主管、经理使用']]);
  });

  it('设置 前台时间 changes the desk week (audited) and the owner’s promise follows it', async () => {
    await chatWith(app.bot, { userId: 'demo-manager' }).converse([
      [
        '设置 前台时间 周一至周五 08:30-18:00；周六、周日 休息',
        '已修改 前台时间：周一至周日 08:30–12:00、13:30–18:00 → 周一至周五 08:30–18:00；周六、周日 休息',
      ],
    ]);
    expect((await settingsOf()).desk.week['6']).toEqual([]);
    expect(await audits()).toBe(1);
    const audit = await app.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'settings.set' } });
    expect(audit.actor).toMatch(/^staff:/);
    expect(audit.detail).toMatchObject({ key: 'desk.hours' });

    // A Saturday complaint now waits for Monday 08:30 + 2 desk hours.
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['我要投诉养狗的', '好的，帮您登记宠物投诉。', '请描述'],
      ['草坪上都是狗屎', '问题发生在哪里'],
      ['公共区域', '具体位置'],
      ['中心花园', '如有照片'],
      ['跳过', '情况紧急吗'],
      ['一般', '请确认'],
      ['确认', /工作时间 2 小时内（2026-12-21 10:30 前）/],
    ]);

    // And back to seven days: a Saturday complaint is due the same day.
    await chatWith(app.bot, { userId: 'demo-manager' }).converse([
      ['设置 前台时间 每天 08:30-18:00', '→ 周一至周日 08:30–18:00'],
    ]);
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['我要投诉养狗的', '好的，帮您登记宠物投诉。', '请描述'],
      ['又是狗屎', '问题发生在哪里'],
      ['公共区域', '具体位置'],
      ['中心花园', '如有照片'],
      ['跳过', '情况紧急吗'],
      ['一般', '请确认'],
      ['确认', /（2026-12-19 12:00 前）/],
    ]);
  });

  it('invalid values are refused with a clear message and nothing is written', async () => {
    const before = JSON.stringify(await settingsOf());
    const n = await audits();
    await chatWith(app.bot, { userId: 'demo-supervisor' }).converse([
      ['设置 前台时间 周一 18:00-08:30', '前台时间 的值不合要求'],
      ['设置 前台时间 每天 休息', '一周至少要有一天有人值班'],
      ['设置 受理时限 120,60', '请按 普通,提级,紧急 给出三个数字'],
      ['设置 受理时限 120,-5,30', '未做任何修改'],
      ['设置 催缴提醒 -7,abc', '“abc”不是数字'],
      ['设置 投诉类别', '用法：设置 <项目> <值>'],
      ['设置 颜色 红', '没有设置项“颜色”'],
      ['设置 休息日 2026-02-30', '不是有效日期'],
    ]);
    expect(JSON.stringify(await settingsOf())).toBe(before);
    expect(await audits()).toBe(n);
  });

  it('设置 with a key name, and a value already in effect writes nothing', async () => {
    await chatWith(app.bot, { userId: 'demo-supervisor' }).converse([
      ['设置 fees.reminderOffsetsDays 15, -7, 3, 0', '催缴提醒 已经是：-7、0、3、15（未修改）'],
      ['设置 投诉类别 噪音、漏水/渗水、其他', '已修改 投诉类别：'],
      ['设置 绑定审核 是', '已修改 绑定审核：否 → 是'],
    ]);
    const s = await settingsOf();
    expect(s.complaints.categories).toEqual(['噪音', '漏水/渗水', '其他']);
    expect(s.binding).toEqual({ nameNeedsApproval: true });
    expect(s.fees).toBeUndefined();
  });

  it('npm run cli -- settings show|set: every key with its help; refusals exit 1 and write nothing', async () => {
    const out: string[] = [];
    const cli = (...args: string[]) =>
      runCli(args, { env: { DATABASE_URL: app.db.url }, out: (l) => out.push(l), now: () => NOW });
    expect(await cli('settings', 'show')).toBe(0);
    const shown = out.join('\n');
    expect(shown).toContain('【锦绣花园（');
    expect(shown).toContain('· desk.hours（前台时间）：周一至周日 08:30–18:00');
    expect(shown).toContain('默认（我们的默认值）：每天 08:30–12:00、13:30–18:00');
    expect(shown).toContain('· renovation.maxExtensions：2');
    const code = (await app.db.prisma.estate.findFirstOrThrow()).code;
    out.length = 0;
    expect(await cli('settings', 'set', code, 'fees.reminderOffsetsDays', '-3,0,7')).toBe(0);
    expect(out.at(-1)).toBe('已修改 fees.reminderOffsetsDays：-7、0、3、15 → -3、0、7');
    expect(await cli('settings', 'set', code, 'renovation.maxExtensions', '99')).toBe(1);
    expect(out.at(-1)).toContain('renovation.maxExtensions 的值不合要求，未做任何修改');
    expect(await cli('settings', 'set', code, 'desk.hours', '周日', '09:00-12:00')).toBe(0);
    expect(out.at(-1)).toContain('→ 周一至周六 08:30–18:00；周日 09:00–12:00');
    expect(await cli('settings', 'set', 'NOPE', 'keys.capacity', '3')).toBe(1);
    expect(out.at(-1)).toContain('没有编码为 NOPE 的小区');
    expect(await cli('settings', 'set', code)).toBe(1);
    expect(out.at(-1)).toContain('用法：settings show');
    const s = await settingsOf();
    expect(s.fees.reminderOffsetsDays).toEqual([-3, 0, 7]);
    expect(s.renovation).toBeUndefined();
  });
});
