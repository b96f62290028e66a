// An owner who switched to English walks binding, the menu and help, 报修 (and its notices), a 公告, the monthly
// survey, a 建议 and a FAQ: every reply, button and notice is English; only data (names, unit labels, the estate's
// name, what staff wrote) may be Chinese. Staff keep typing and reading Chinese.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BindingService } from '../../src/identity/binding.service.js';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { testNotifier } from '../support/channels.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
/** Data values that may appear in Chinese in an English text: names, unit labels, the estate, staff-written text. */
const DATA = [
  '锦绣花园',
  '3栋2单元1201',
  '1栋1单元301',
  '刘洋',
  '赵师傅',
  '王芳',
  '张敏',
  '停水通知',
  '12月3日 3栋停水，请提前储水。',
  // Not data but the one deliberate exception: a language switch names the other language in that language.
  '"中文"',
];

/** The text with every data value removed; what remains must have no Chinese character. */
function withoutData(text: string): string {
  return DATA.reduce((s, d) => s.split(d).join(''), text);
}

function expectEnglish(text: string): void {
  const rest = withoutData(text);
  const bad = rest.split('\n').filter((line) => CJK.test(line));
  expect(bad, text).toEqual([]);
}

describeEachDb('English-speaking owner: binding, menu, repairs, notices, survey, suggestions, FAQ', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let now = zonedTime('2026-12-01', 9 * 60, 'Asia/Shanghai'); // a Tuesday, the first working day of December
  beforeAll(async () => {
    env = await demoBot(provider, () => now);
    // 赵丽 (1栋) reads Chinese on Telegram: the 公告 reaches her with the Chinese frame.
    const zhao = await env.db.prisma.person.findFirstOrThrow({ where: { name: '赵丽' } });
    await env.db.prisma.channelIdentity.create({
      data: { channel: 'telegram', externalId: '9001', personId: zhao.id },
    });
  });
  afterAll(async () => {
    await env.db.drop();
  });

  /** One conversation: each message's replies (text and buttons) as one string per message. */
  function chat(userId: string, conversationId = `conv-${userId}`) {
    const c = chatWith(env.bot, { userId, conversationId });
    return async (text: string): Promise<string> => {
      await c.adapter.receiveActivity(text);
      return c.adapter.activeQueue
        .splice(0)
        .map((a) => [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((x) => String(x.title))].join('\n'))
        .join('\n');
    };
  }
  /** Row ids already queued for a chat account: `outbox(address, seen)` then returns only the newer ones. */
  async function queued(address: string): Promise<Set<string>> {
    const rows = await env.db.prisma.outboxMessage.findMany({ where: { address }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }
  /** The texts queued for an owner's chat account (notices), except the rows in `seen`. */
  async function outbox(address: string, seen: Set<string> = new Set()): Promise<string[]> {
    const rows = await env.db.prisma.outboxMessage.findMany({
      where: { address },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows
      .filter((m) => !seen.has(m.id))
      .map((m) => {
        const p = (typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload) as {
          text: string;
          imageAltText?: string;
        };
        return [p.text, p.imageAltText ?? ''].join('\n');
      });
  }

  it('a newcomer switches to English and binds: a bad code is refused in English, the right one binds', async () => {
    const say = chat('en-newcomer');
    const switched = await say('English');
    expectEnglish(switched);
    const estate = await env.db.prisma.estate.findFirstOrThrow();
    const code = (
      await new BindingService(env.repos, testNotifier(), () => now).issueBindingCode(estate.id, '1-1-301', 'test')
    ).code;
    const replies = [await say('bind'), await say('1-1-301')];
    replies.push(await say('1'), await say('12345'));
    expect(replies.at(-1)).toMatch(/8[- ]digit/i);
    replies.push(await say(code));
    expect(replies.at(-1)).toContain('1栋1单元301');
    for (const r of replies) expectEnglish(r);
  });

  it('the main menu and help are English', async () => {
    const say = chat('demo-owner', 'conv-menu');
    expectEnglish(await say('English'));
    const menu = await say('menu');
    expect(menu.length).toBeGreaterThan(20);
    expectEnglish(menu);
    expectEnglish(await say('help'));
    expectEnglish(await say('asdfgh'));
    // The command help lists the owner's commands by their slash alias, with English summaries.
    const commands = await say('/help');
    expect(commands).toContain('/whoami — See what this chat account is bound to');
    expectEnglish(commands);
    const unknown = await say('/whoamii');
    expect(unknown).toContain('/whoami');
    expectEnglish(unknown);
  });

  it('files a 报修 in English and gets the dispatched, taken, arrived and completed notices in English', async () => {
    const say = chat('demo-owner', 'conv-repair');
    const replies: string[] = [];
    for (const text of ['repair', '2', 'lift hall of building 3', 'Lift', 'The lift button is broken', 'no', '1'])
      replies.push(await say(text));
    replies.push(await say('maybe')); // not yes/no: asked again
    replies.push(await say('yes'));
    for (const r of replies) expectEnglish(r);
    const ticket = await env.db.prisma.ticket.findFirstOrThrow({ where: { kind: 'REPAIR' } });
    expect(replies.at(-1)).toContain(ticket.number);
    const short = ticket.number.slice(-4);
    const staff = chat('demo-assistant');
    expect(await staff(`派单 ${short} 赵师傅`)).toContain('已将报修');
    const worker = chat('demo-worker');
    expect(await worker(`接单 ${short}`)).toContain('已接单');
    await worker(`到场 ${short}`);
    expect(await worker(`完工 ${short} button replaced`)).toContain('已完工');
    const notices = await outbox('demo-owner');
    expect(notices.length).toBeGreaterThanOrEqual(4);
    for (const n of notices) expectEnglish(n);
    expect(notices.join('\n')).toContain('button replaced');
  });

  it('receives a 公告 framed in English (title and body as staff wrote them)', async () => {
    const before = await queued('demo-owner');
    const group = { isGroup: true, conversationId: 'grp-sup' };
    await chatWith(env.bot, { userId: 'demo-supervisor', ...group }).converse([['注册群 主管', '已将本群登记']]);
    await chatWith(env.bot, { userId: 'demo-supervisor', ...group }).converse([
      ['公告 停水通知｜12月3日 3栋停水，请提前储水。｜全体｜紧急', '【公告预览】'],
      ['确认公告', '已发布'],
    ]);
    const notices = await outbox('demo-owner', before);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('停水通知');
    expect(notices[0]).toContain('[URGENT]');
    expectEnglish(notices[0]!);
    // A Chinese owner still gets the Chinese frame.
    const zhRows = await env.db.prisma.outboxMessage.findMany({
      where: {
        dedupeKey: { startsWith: 'notice:' },
        isGroup: false,
        address: { notIn: ['demo-owner', 'en-newcomer'] },
      },
    });
    expect(zhRows.length).toBeGreaterThan(0);
    for (const r of zhRows) expect(JSON.stringify(r.payload)).toContain('公告】');
    // The other English account (bound in the first test) gets the English frame too.
    const newcomer = (await outbox('en-newcomer')).at(-1)!;
    expect(newcomer).toContain('notice]');
    expectEnglish(newcomer);
    // Looking the notices up is English too.
    expectEnglish(await chat('demo-owner', 'conv-notices')('notices'));
  });

  it('gets the survey invitation in English and answers it; a bad score is refused in English', async () => {
    const e = (await env.surveys.estates())[0]!;
    now = zonedTime('2026-12-01', 10 * 60 + 5, 'Asia/Shanghai');
    const before = await queued('demo-owner');
    const planned = await env.surveys.planMonth(e, now);
    expect(planned.invited).toBeGreaterThan(0);
    const invitation = await outbox('demo-owner', before);
    expect(invitation).toHaveLength(1);
    expect(invitation[0]).toContain('customer service');
    expectEnglish(invitation[0]!);
    const say = chat('demo-owner', 'conv-survey');
    const replies = [await say('start'), await say('9')];
    expect(replies[1]).toMatch(/1.5/);
    for (const text of ['5', '4', '4', '5', 'none']) replies.push(await say(text));
    expect(replies.at(-1)).toMatch(/thank/i);
    for (const r of replies) expectEnglish(r);
    const stopped = await chat('demo-owner', 'conv-survey-2')('stop surveys');
    expect(stopped).toContain('you will receive no more satisfaction surveys');
    expectEnglish(stopped);
    const resumed = await chat('demo-owner', 'conv-survey-3')('resume surveys');
    expect(resumed).toContain('the satisfaction survey is back on');
    expectEnglish(resumed);
  });

  it('leaves a 建议 (an emoji alone is refused), gets the answer in English, and asks a FAQ', async () => {
    const say = chat('demo-owner', 'conv-suggestion');
    const replies = [await say('suggestion'), await say('😀')];
    replies.push(await say('Please add more lights at the east gate'), await say('no'));
    expect(replies.at(-1)).toContain('JY-');
    for (const r of replies) expectEnglish(r);
    const before = await queued('demo-owner');
    expect(await chat('demo-supervisor')('答复建议 1 东门本月底前加装路灯。')).toContain('已答复');
    const answer = await outbox('demo-owner', before);
    expect(answer).toHaveLength(1);
    DATA.push('东门本月底前加装路灯。');
    expectEnglish(answer[0]!);
    const faq = await chat('demo-owner', 'conv-faq')('fee standard');
    expect(faq.length).toBeGreaterThan(20);
    expectEnglish(faq);
    expectEnglish(await chat('demo-owner', 'conv-faq-2')('收费标准'));
  });
});
