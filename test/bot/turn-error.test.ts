// What the owner hears when a turn fails: a known failure in its own words, anything else as the generic apology.
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('turn errors', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  async function failWith(error: unknown): Promise<string | undefined> {
    const adapter = new TestAdapter(async () => undefined);
    const context = new TurnContext(adapter, {
      type: ActivityTypes.Message,
      id: 'e1',
      channelId: 'console',
      text: '你好',
      conversation: { id: `err-${Math.random()}`, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: 'demo-owner', name: '刘洋' },
      recipient: { id: 'bot', name: 'bot' },
    });
    await env.bot.onTurnError(context, error);
    return adapter.activityBuffer.at(-1)?.text;
  }

  it('a database busy past its timeout (SQLite lock, Prisma P1008) is "try again later", not a bug apology', async () => {
    expect(await failWith(Object.assign(new Error('Operation has timed out'), { code: 'P1008' }))).toBe(
      '服务暂时不可用，请稍后再试。',
    );
    expect(await failWith(new Error('SqliteError: database is locked'))).toBe('服务暂时不可用，请稍后再试。');
  });

  it('an unknown failure gets the generic zh-CN apology', async () => {
    expect(await failWith(new TypeError('x is undefined'))).toMatch(/抱歉/);
  });
});
