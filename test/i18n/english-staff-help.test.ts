// The staff command help (命令 / /help) comes from the catalogue: a staff member whose chat account speaks English
// gets English summaries and usages (the usage written with the slash alias), with no Chinese anywhere; zh-CN staff
// keep the lines they always had (Chinese word, alias, summary). Usage errors follow the reader's language too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

/** CJK characters and CJK/full-width punctuation, as test/i18n/catalogue.test.ts checks the en catalogue. */
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

const STAFF = ['demo-assistant', 'demo-foreman', 'demo-supervisor', 'demo-manager', 'demo-worker'];

describeEachDb('staff command help in the reader’s language', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let conv = 0;

  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  /** The text of the replies to one message, in a private chat of its own. */
  async function say(userId: string, text: string): Promise<string> {
    const chat = chatWith(env.bot, { userId, conversationId: `conv-help-${++conv}` });
    await chat.adapter.receiveActivity(text);
    return chat.adapter.activeQueue
      .splice(0)
      .map((a) => a.text ?? '')
      .join('\n');
  }

  async function speak(locale: 'en' | 'zh-CN', userIds: string[]): Promise<void> {
    const changed = await env.db.prisma.channelIdentity.updateMany({
      where: { externalId: { in: userIds } },
      data: { locale },
    });
    expect(changed.count).toBe(userIds.length);
  }

  it('zh-CN staff keep the help lines they had; English staff get every line in English', async () => {
    const zh = await say('demo-supervisor', '命令');
    expect(zh).toContain('可用命令：');
    expect(zh).toContain('· 逾期（/overdue）— 超时未响应/未办结的工单，按升级级别');
    expect(zh).toContain('· 认领 0007（/claim）— 认领新工单');
    expect(zh).toContain(
      '· 收缴率 [楼栋] [月份]，例：收缴率 3栋 2026-11（/collection）— 物业费收缴率（实收/应收），可按楼栋、月份',
    );

    for (const u of STAFF) await say(u, 'hello'); // every staff chat account exists before its language changes
    await speak('en', STAFF);
    const en = await say('demo-supervisor', '/help');
    expect(en).toContain('Commands you can use:');
    expect(en).toContain('· /overdue — Tickets late for response or resolution, by escalation level');
    expect(en).toContain('· /claim 0007 — Claim a new ticket');
    expect(en).toContain('· /collection [building] [month], e.g. /collection 3 2026-11 — Property fee collection rate');
    expect(en).not.toContain('逾期');
    // Every command any staff role may run: no untranslated summary or usage left.
    for (const u of STAFF) {
      const help = await say(u, '/help');
      expect(help.split('\n').length, u).toBeGreaterThan(5);
      expect(help, u).not.toMatch(CJK);
    }
  });

  it('usage errors of staff commands are in the reader’s language', async () => {
    await speak('en', ['demo-manager']);
    await speak('zh-CN', ['demo-supervisor']);
    expect(await say('demo-manager', '/overdue now')).toBe('This command takes no arguments. Usage: /overdue');
    expect(await say('demo-manager', '/publish abc')).toBe('Usage: /publish [number]');
    expect(await say('demo-manager', '/claim')).toBe('Usage: /claim 0007');
    expect(await say('demo-manager', '/dispatch 0007')).toBe('Usage: /dispatch 0007 name');
    expect(await say('demo-manager', '/approvepass')).toBe('Usage: /approvepass 12 or /rejectpass 12 reason');
    // zh-CN staff: the same errors, as before.
    expect(await say('demo-supervisor', '逾期 现在')).toBe('这个命令不需要参数。用法：逾期');
    expect(await say('demo-supervisor', '派单 0007')).toBe('用法：派单 0007 姓名');
    expect(await say('demo-supervisor', '认领')).toBe('用法：认领 0007');
  });
});
