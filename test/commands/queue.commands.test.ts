// 待处理 / 我的 as staff type them: the real bot over a real database. Three unclaimed complaints (two already late
// to be answered), one emergency accepted without an assignee; an assistant claims one and finds it under 我的.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { NOW, seedReportData } from '../reports/report-fixtures.js';

describeEachDb('work list commands', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
    await seedReportData(app.db.prisma);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('待处理 lists unclaimed tickets oldest first with their answer-by time, late ones marked; 我的 follows a claim', async () => {
    await chatWith(app.bot, { userId: 'demo-assistant' }).converse([
      [
        '待处理',
        (r) => {
          const lines = (r.text ?? '').split('\n');
          expect(lines[0]).toBe('【待处理】未认领 3 单（最早的在前）：');
          expect(lines[1]).toBe(
            '· TS-20261128-0001 投诉·卫生 3栋2单元1201｜登记 2026-11-28 08:00｜应响应 2026-11-28 08:30（已超时）',
          );
          expect(lines[2]).toContain('TS-20261128-0003 投诉·其他');
          expect(lines[2]).toContain('应响应 2026-11-28 09:45（已超时）');
          expect(lines[3]).toContain('TS-20261128-0004 投诉·停车');
          expect(lines[3]).toMatch(/应响应 2026-11-28 11:30$/);
          expect(lines[4]).toBe('回复“认领 编号”接单。');
        },
      ],
      ['我的', '【我的工单】您名下没有未结的工单。'],
      ['认领 0003', 'TS-20261128-0003'],
      [
        '/mine',
        (r) => {
          expect(r.text).toContain('【我的工单】未结 1 单');
          expect(r.text).toContain('· TS-20261128-0003 投诉·其他 3栋2单元1201｜已受理｜办结时限 2026-12-01 09:00');
        },
      ],
      [
        '/queue',
        (r) => {
          expect(r.text).toContain('【待处理】未认领 2 单');
          expect(r.text).not.toContain('0003');
        },
      ],
    ]);
  });

  it('owners in a group are refused; an owner in private is answered by the dialogs, not the staff list', async () => {
    await chatWith(app.bot, { userId: 'demo-owner', isGroup: true, conversationId: 'grp-owners' }).converse([
      ['待处理', '抱歉，“待处理”仅限客户助理、领班、主管、经理使用。'],
    ]);
    await chatWith(app.bot, { userId: 'demo-owner' }).converse([
      ['我的', (r) => expect(r.text).not.toContain('【我的工单】')],
    ]);
  });
});
