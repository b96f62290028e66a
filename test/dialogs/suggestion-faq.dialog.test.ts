// 建议, FAQ and guidance (#20): an owner leaves a suggestion and gets a number, supervisors are told, list it and
// answer it, the answer reaches the owner through the outbox; FAQ questions get the estate's answer (our defaults,
// or the estate's own); 工单 N shows staff the rule behind the category; an owner filing 装修违规 is told "根据…".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith, type Row } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

describeEachDb('建议, FAQ and guidance', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  const now = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai');
  const talk = (userId: string, rows: Row[]) => chatWith(app.bot, { userId }).converse(rows);

  beforeAll(async () => {
    app = await demoBot(provider, () => now);
  });
  afterAll(async () => {
    await app.db.drop();
  });

  it('an owner leaves a suggestion (re-asked when empty-ish), gets JY-1; supervisors are told, list it and answer it', async () => {
    await talk('demo-owner', [
      ['建议', '请写下您的建议'],
      ['😀', '请用文字描述'],
      ['小区东门晚上太暗了，希望多装几盏路灯', '如有照片可以发送'],
      ['随便说说', '请发送照片'],
      ['没有', '感谢您的建议！编号 JY-1'],
    ]);
    const staffRow = await app.db.prisma.outboxMessage.findFirstOrThrow({
      where: { dedupeKey: { startsWith: 'suggestion:' } },
    });
    expect((staffRow.payload as { text: string }).text).toContain('【业主建议】JY-1 3栋2单元1201：小区东门晚上太暗了');
    await talk('demo-supervisor', [
      ['建议列表', 'JY-1 2026-12-02 10:00 3栋2单元1201：小区东门晚上太暗了，希望多装几盏路灯'],
      ['答复建议 1', '用法：答复建议 编号 内容'],
      ['答复建议 9 好的', '没有找到建议 JY-9。'],
      ['答复建议 1 感谢建议，东门本月底前加装两盏路灯。', '已答复建议 JY-1，答复将发给业主。'],
      ['答复建议 1 再说一次', '建议 JY-1 已经答复过了。'],
      ['建议列表', '目前没有未答复的建议'],
      ['建议列表 全部', '（已答复）'],
      ['统计', '业主建议：1 条，已答复 1 条'],
    ]);
    const answer = await app.db.prisma.outboxMessage.findFirstOrThrow({
      where: { dedupeKey: { startsWith: 'suggestion-answer:' } },
    });
    expect(answer.address).toBe('demo-owner');
    expect((answer.payload as { text: string }).text).toContain('【建议答复】您的建议 JY-1');
    await talk('demo-assistant', [['建议列表', '仅限主管、经理使用']]);
  });

  it('FAQ: 收费标准, 装修时间规定, 办证材料 get our default answers; an estate’s own FAQ replaces them', async () => {
    await talk('demo-owner', [
      ['收费标准', '【收费标准】物业服务费按《前期物业服务协议》'],
      ['装修时间有什么规定？', '【装修时间规定】（本小区默认规定）工作日 8:00–12:00'],
      ['办证需要什么材料', '【办证材料】'],
    ]);
    const estate = await app.db.prisma.estate.findFirstOrThrow();
    await app.db.prisma.estate.update({
      where: { id: estate.id },
      data: {
        settings: {
          faq: [{ id: 'pool', question: '泳池', patterns: ['泳池'], answer: '泳池 6–9 月开放，电话 {deskPhone}。' }],
        },
      },
    });
    const fresh = await demoBotOver(app);
    await chatWith(fresh, { userId: 'demo-owner' }).converse([
      ['泳池几点开', `泳池 6–9 月开放，电话 ${estate.deskPhone}。`],
    ]);
  });

  it('工单 N shows staff the guidance and references for its category; the owner filing 装修违规 is told "根据…"', async () => {
    const estate = await app.estates.byId((await app.db.prisma.estate.findFirstOrThrow()).id);
    const owner = await app.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } });
    const made = await app.complaints.create({
      estate: estate!,
      personId: owner.id,
      unitId: null,
      category: '装修违规',
      description: '楼上在拆承重墙',
      location: '3栋2单元1201',
      urgent: false,
      attachments: [],
    });
    await talk('demo-assistant', [
      [
        `工单 ${made.ticket.number}`,
        (r) => {
          expect(r.text).toContain('【处理依据·装修违规】');
          expect(r.text).toContain('《住宅室内装饰装修管理办法》');
          expect(r.text).toContain('《中华人民共和国城乡规划法》（2008年起施行，取代《城市规划法》）');
        },
      ],
    ]);
  });
});

/** A second bot over the same database (the estate cache of the first would keep the old settings for a minute). */
async function demoBotOver(app: Awaited<ReturnType<typeof demoBot>>) {
  const { buildBot } = await import('../../src/main.js');
  return buildBot(app.db, app.log.logger, {
    now: () => zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai'),
    inboundLimits: { perMinute: 1e6, burst: 1e6 },
  }).bot;
}
