// #17: accounts the bot has never seen create no rows until they do something that needs one. 2,000 invented Telegram
// accounts saying 你好 are all greeted, and the person, chat-account and state tables are as before; an account that
// starts a flow (by its words, or by a bare number picked from the menu it was shown) is recorded at that moment.
import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

const ACCOUNTS = 2_000;

describeEachDb('unknown accounts', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  const counts = async () => ({
    persons: await env.db.prisma.person.count(),
    identities: await env.db.prisma.channelIdentity.count(),
    states: await env.db.prisma.botState.count(),
  });
  let seq = 0;
  /** One private Telegram message from `userId`; returns the bot's text replies. */
  const say = async (userId: string, text: string): Promise<string[]> => {
    const adapter = new TestAdapter(async () => undefined);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: `m${++seq}`,
      channelId: 'telegram',
      conversation: { id: userId, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: userId, name: `访客${userId}` },
      recipient: { id: 'bot', name: 'bot' },
      text,
    };
    await env.bot.onTurn(new TurnContext(adapter, activity), 'telegram');
    return adapter.activityBuffer.filter((a) => a.type === ActivityTypes.Message).map((a) => a.text ?? '');
  };

  it(`${ACCOUNTS} invented accounts saying 你好 are greeted and leave no row`, async () => {
    const before = await counts();
    let greeted = 0;
    for (let i = 0; i < ACCOUNTS; i++) {
      const replies = await say(String(9_100_000_000 + i), '你好');
      if (replies.some((r) => r.includes('请问需要办理什么业务'))) greeted++;
    }
    expect(greeted).toBe(ACCOUNTS);
    expect(await counts()).toEqual(before);
  });

  it('help, thanks and words it does not understand need no row either; a second greeting is still a greeting', async () => {
    const before = await counts();
    expect((await say('9200000001', '帮助')).join('\n')).toMatch(/\S/);
    expect((await say('9200000001', '谢谢')).join('\n')).toMatch(/\S/);
    expect((await say('9200000001', '阿巴阿巴')).join('\n')).toMatch(/\S/);
    expect((await say('9200000001', '你好')).join('\n')).toContain('请问需要办理什么业务');
    expect(await counts()).toEqual(before);
  });

  it('a flow started by a menu number or by its words records the account and its dialog step', async () => {
    const before = await counts();
    await say('9300000001', '你好');
    const picked = await say('9300000001', '1'); // the first menu entry, from a menu that was never stored
    expect(picked.join('\n')).not.toContain('请问需要办理什么业务');
    const after = await counts();
    expect(after).toMatchObject({ persons: before.persons, identities: before.identities + 1 });
    expect(after.states).toBeGreaterThan(before.states);
    expect(
      await env.db.prisma.channelIdentity.count({ where: { channel: 'telegram', externalId: '9300000001' } }),
    ).toBe(1);

    await say('9300000002', '我要绑定房屋');
    expect(
      await env.db.prisma.channelIdentity.count({ where: { channel: 'telegram', externalId: '9300000002' } }),
    ).toBe(1);
  });
});
