// 逾期 / 今日 / 满意度 / 统计 as staff type them: the real bot over a real database, per role, in private and in groups.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith, type Row } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { NOW, seedReportData } from '../reports/report-fixtures.js';

describeEachDb('report commands', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
    await seedReportData(app.db.prisma);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  /** One reply that contains every one of `parts`. */
  const all =
    (...parts: string[]) =>
    (r: { text?: string }) => {
      for (const p of parts) expect(r.text).toContain(p);
    };
  const talk = (userId: string, rows: Row[], opts: { isGroup?: boolean; conversationId?: string } = {}) =>
    chatWith(app.bot, { userId, ...opts }).converse(rows);

  it('逾期 lists late work by ladder level for a supervisor and a foreman; assistants are refused; no arguments', async () => {
    const overdue = (reply: { text?: string }) => {
      const text = reply.text ?? '';
      expect(text).toContain('【逾期工单】截至 2026-11-28 10:00，共 3 单');
      // Worst level first: resolve breach, then twice the ack limit, then an ack breach.
      expect(text.indexOf('处理超时（报经理）：1 单')).toBeLessThan(text.indexOf('响应超时 2 倍以上（报主管）：1 单'));
      expect(text.indexOf('响应超时 2 倍以上（报主管）：1 单')).toBeLessThan(text.indexOf('响应超时（报领班）：1 单'));
      expect(text).toContain('· TS-20261128-0002 紧急·公共设施 3栋2单元1201，超时 10 分钟');
      expect(text).toContain('· TS-20261128-0001 投诉·卫生 3栋2单元1201，超时 1 小时 30 分');
      expect(text).toContain('· TS-20261128-0003 投诉·其他 3栋2单元1201，超时 15 分钟');
      expect(text).not.toContain('TS-20261128-0004'); // 停车: its ack limit is 11:30
    };
    await talk('demo-supervisor', [
      ['逾期', overdue],
      ['/overdue', overdue],
      ['逾期 3栋', '这个命令不需要参数。用法：逾期'],
    ]);
    await talk('demo-foreman', [['/overdue', overdue]]);
    await talk('demo-assistant', [['逾期', '抱歉，“逾期”仅限领班、主管、经理使用。']]);
  });

  it('今日 for every staff role; an owner is refused in a group; no arguments', async () => {
    const today = [
      '【今日概况】锦绣花园 2026-11-28（截至 10:00）',
      '新增工单 4，今日办结 1，当前未结 4，逾期 3',
      '紧急事件：今日 1，未结 1',
      '前台钥匙预约：今日 2（已办 1，待办 1）',
    ];
    await talk('demo-assistant', [
      ['今日', all(...today)],
      ['/today 明天', '用法：今日'],
    ]);
    await talk('demo-manager', [['/today', '新增工单 4，今日办结 1']]);
    await talk('demo-owner', [['今日', '抱歉，“今日”仅限客户助理、领班、主管、经理使用。']], {
      isGroup: true,
      conversationId: 'grp-owners',
    });
  });

  it('满意度 for a month (default this month, 上月, 11月); assistants are refused; bad months get the usage', async () => {
    await talk('demo-supervisor', [
      [
        '满意度',
        all(
          '【满意度】2026年11月：平均 4.00 分（3 份回访），目标 ≥ 4.5 分 ✗ 未达标',
          '评分分布：5分 1，4分 1，3分 1，2分 0，1分 0',
        ),
      ],
      ['/csat 上月', '【满意度】2026年10月：平均 2.00 分（1 份回访）'],
      ['满意度 十月', '2026年10月：平均 2.00 分'],
      ['满意度 2026-09', '【满意度】2026年9月：暂无回访评分。'],
      ['满意度 13月', '无法识别月份“13月”（不能是未来的月份）。用法：满意度 [月份]'],
      ['满意度 2026-12', '用法：满意度 [月份]'],
    ]);
    await talk('demo-assistant', [['满意度', '抱歉，“满意度”仅限主管、经理使用。']]);
    await talk('demo-foreman', [['/csat', '抱歉，“满意度”仅限主管、经理使用。']]);
  });

  it('统计 shows complaints by category, SLA met %, 二次投诉, CSAT and the collection rate, in a supervisors group too', async () => {
    const stats = [
      '【2026年11月统计】锦绣花园',
      '投诉/报修 7 单，按类别：',
      '· 噪音 2',
      'SLA 达标率：16.7%（1/6），目标 ≥ 90.0% ✗ 未达标',
      '二次投诉：1 单，目标 0 ✗ 未达标',
      '满意度：4.00 分（3 份回访），目标 ≥ 4.5 分 ✗ 未达标',
      '物业费收缴率：66.7%，目标 ≥ 95.0% ✗ 未达标',
    ];
    const hasAll = (r: { text?: string }) => {
      for (const line of stats) expect(r.text).toContain(line);
      expect(r.text).not.toContain('撤回');
    };
    await talk(
      'demo-supervisor',
      [
        // Staff commands run only in a group registered for the estate (注册群), never in any other group.
        ['统计', '本群尚未登记为员工群'],
        ['注册群 主管', '已将本群登记为锦绣花园的主管群'],
        ['统计', hasAll],
        ['/stats 11月', hasAll],
        ['统计 本月', hasAll],
      ],
      { isGroup: true, conversationId: 'grp-sup' },
    );
    await talk('demo-manager', [
      [
        '统计 上月',
        all(
          '【2026年10月统计】',
          '投诉/报修 1 单',
          '· 噪音 1',
          'SLA 达标率：100.0%（1/1）',
          '二次投诉：0 单，目标 0 ✓ 达标',
          '物业费收缴率：0.0%',
        ),
      ],
      ['统计 下月', '用法：统计 [月份]'],
      ['统计 abc', '无法识别月份“abc”'],
    ]);
    await talk('demo-assistant', [['/stats', '抱歉，“统计”仅限主管、经理使用。']]);
  });

  it('help lists only the caller’s report commands; a near miss suggests the closest one', async () => {
    await talk('demo-supervisor', [
      [
        '命令',
        (r) => {
          for (const line of [
            '· 逾期（/overdue）',
            '· 今日（/today）',
            '· 满意度 [月份]',
            '（/csat）',
            '· 统计 [月份]',
            '（/stats）',
          ])
            expect(r.text).toContain(line);
        },
      ],
      ['/stat', '您是不是想用“统计”（/stats）？'],
      ['/overdu', '您是不是想用“逾期”（/overdue）？'],
    ]);
    await talk('demo-assistant', [
      [
        '/help',
        (r) => {
          expect(r.text).toContain('· 今日（/today）');
          for (const word of ['/overdue', '/csat', '/stats']) expect(r.text).not.toContain(word);
        },
      ],
    ]);
  });
});
