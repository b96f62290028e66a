// Per-estate survey settings (our defaults replaced): fewer questions, N owners per building, a late planning time that
// quiet hours hold until 08:30, and an owner who cannot be reached is not counted as invited.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

const LATE = new Date('2026-12-01T21:30:00+08:00');

describeEachDb('survey settings per estate', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  const person = (name: string) => app.db.prisma.person.findFirstOrThrow({ where: { name } });

  beforeAll(async () => {
    app = await demoBot(provider, () => LATE);
    await app.db.prisma.estate.updateMany({
      data: {
        settings: {
          survey: {
            time: '21:30',
            sample: { mode: 'perBuilding', n: 1 },
            questions: [
              { key: 'lift', label: '电梯运行' },
              { key: 'green', label: '绿化养护' },
              { key: 'parking', label: '停车管理' },
            ],
            monthlyOpinionTarget: 1,
          },
        },
      },
    });
    await app.db.prisma.channelIdentity.create({
      data: { channel: 'console', externalId: 'owner-zhao', personId: (await person('赵丽')).id },
    });
    // A Bot Framework account with no stored conversation reference: nothing can be sent to it.
    await app.db.prisma.channelIdentity.create({
      data: { channel: 'emulator', externalId: 'sun-emulator', personId: (await person('孙伟')).id },
    });
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('plans one owner per building, held by quiet hours until 08:30, with the estate’s own questions', async () => {
    const [estate] = await app.surveys.estates();
    expect(await app.surveys.planMonth(estate!, new Date('2026-12-01T21:29:00+08:00'))).toEqual({
      invited: 0,
      skipped: 0,
    });
    // Building 1: 赵丽; building 3: 刘洋 (the only reachable owner there); building 2: 孙伟 cannot be reached.
    expect(await app.surveys.planMonth(estate!, LATE)).toEqual({ invited: 2, skipped: 1 });
    expect(await app.db.prisma.surveyResponse.count()).toBe(2);
    const rows = await app.db.prisma.outboxMessage.findMany({ where: { kind: 'survey' } });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.nextAttemptAt.toISOString()).toBe(new Date('2026-12-02T08:30:00+08:00').toISOString());
      expect((r.payload as { text: string }).text).toContain('3 道评分题和 1 道意见题');
      expect((r.payload as { text: string }).text).toContain('第 1 题“电梯运行”');
    }

    // A planning run that died half-way (the round row without its completion mark, one invitation gone) is finished
    // by the next run with the same sample, and nobody is invited twice.
    const round = await app.db.prisma.surveyRound.findFirstOrThrow();
    await app.db.prisma.surveyRound.update({ where: { id: round.id }, data: { completedAt: null } });
    const liu = await person('刘洋');
    await app.db.prisma.surveyResponse.deleteMany({ where: { personId: liu.id } });
    await app.db.prisma.outboxMessage.deleteMany({ where: { dedupeKey: { contains: `:invite:${liu.id}` } } });
    expect(await app.surveys.planMonth(estate!, new Date(LATE.getTime() + 60_000))).toEqual({ invited: 1, skipped: 1 });
    expect(await app.db.prisma.surveyResponse.count()).toBe(2);
    expect(await app.db.prisma.outboxMessage.count({ where: { kind: 'survey' } })).toBe(2);
    expect(await app.surveys.planMonth(estate!, new Date(LATE.getTime() + 120_000))).toEqual({
      invited: 0,
      skipped: 0,
    });

    await chatWith(app.bot, { userId: 'owner-zhao' }).converse([
      ['非常满意', '第 2/3 题：您对“绿化养护”满意吗？'],
      ['3', '第 3/3 题：您对“停车管理”满意吗？'],
      ['不满意', '最后一题'],
      ['晚上停车位太少', '您的意见已转给物业主管'],
    ]);
    await chatWith(app.bot, { userId: 'demo-supervisor' }).converse([
      [
        '满意度',
        (r) => {
          expect(r.text).toContain('邀请 2 户，完成 1 户，回复率 50.0%');
          expect(r.text).toContain('· 电梯运行：5.00 分（1 份）');
          expect(r.text).toContain('· 停车管理：2.00 分（1 份）');
          expect(r.text).toContain('本月收集业主意见 1 条，目标 1 条（本小区设定） ✓ 达标');
        },
      ],
    ]);
  });
});
