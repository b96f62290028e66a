import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { consoleMessage } from '../support/conversation.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('inbound dedupe', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  it('the same activity id twice gets one reply', async () => {
    const adapter = new TestAdapter(async () => undefined);
    const activity = consoleMessage({ id: 'redelivered-1', conversationId: 'dup-conv', text: '你好' });
    for (let i = 0; i < 2; i++) await env.bot.onTurn(new TurnContext(adapter, { ...activity }), 'console');
    const replies = adapter.activityBuffer.filter((a) => a.type === ActivityTypes.Message);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('请问需要办理什么业务');
    expect(env.log.lines.join('')).toContain('duplicate inbound message ignored');
  });
});
