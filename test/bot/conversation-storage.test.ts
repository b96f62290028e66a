// Conversation state in a store of an embedding's own (not the database's BotState table): the bot reads it on its
// own instead of with the sender's account, and conversations still resume and still answer a message once (#15).
import { ActivityTypes, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildBot } from '../../src/main.js';
import { seedDemo } from '../../src/db/seed.js';
import { chatWith, consoleMessage } from '../support/conversation.js';
import { memoryLogger, UNLIMITED_INBOUND, WEEKDAY_MORNING } from '../support/app.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';

describeEachDb('conversation state in another store', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
  });
  afterAll(async () => db.drop());

  it('a dialog continues from the other store, and the database keeps no conversation state', async () => {
    const storage = new MemoryStorage();
    const build = () =>
      buildBot(db, memoryLogger().logger, {
        now: () => WEEKDAY_MORNING,
        inboundLimits: UNLIMITED_INBOUND,
        conversationStorage: storage,
      }).bot;
    const conversationId = 'memory-store-conv';
    await chatWith(build(), { conversationId }).converse([['转人工', '请简单说明需要协助的事项']]);
    // A second bot over the same store (a restart of an embedding that keeps its store) resumes at the step.
    await chatWith(build(), { conversationId }).converse([
      ['楼道灯不亮', '希望客服什么时候联系您'],
      ['尽快', '已为您登记人工服务'],
    ]);
    expect(await db.prisma.handoff.count({ where: { topic: '楼道灯不亮' } })).toBe(1);
    expect(await db.prisma.botState.count({ where: { key: { contains: conversationId } } })).toBe(0);
  });

  it('the same message id twice gets one reply', async () => {
    const bot = buildBot(db, memoryLogger().logger, {
      now: () => WEEKDAY_MORNING,
      inboundLimits: UNLIMITED_INBOUND,
      conversationStorage: new MemoryStorage(),
    }).bot;
    const adapter = new TestAdapter(async () => undefined);
    const activity = consoleMessage({ id: 'redelivered-memory-1', conversationId: 'memory-dup-conv', text: '你好' });
    for (let i = 0; i < 2; i++) await bot.onTurn(new TurnContext(adapter, { ...activity }), 'console');
    expect(adapter.activityBuffer.filter((a) => a.type === ActivityTypes.Message)).toHaveLength(1);
  });
});
