// The conversation state's change check (#15): one JSON text per turn, and a turn that changed nothing writes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestAdapter, TurnContext } from 'botbuilder';
import { PrismaStorage } from '../../src/db/prisma-storage.js';
import { JsonConversationState } from '../../src/bot/json-state.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { consoleMessage } from '../support/conversation.js';

describeEachDb('JsonConversationState on PrismaStorage', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => db.drop());

  const turn = () =>
    new TurnContext(
      new TestAdapter(async () => undefined),
      consoleMessage({ conversationId: 'c-json', text: '你好', from: 'owner', name: '业主' }),
    );
  const version = async () =>
    (await db.prisma.botState.findUniqueOrThrow({ where: { key: 'console/conversations/c-json/' } })).version;

  it('writes a changed state once, skips an unchanged one, and reads back what it wrote', async () => {
    const state = new JsonConversationState(new PrismaStorage(db.prisma));
    const step = state.createProperty<{ step: number; note: string }>('dialog');

    const first = turn();
    await step.set(first, { step: 1, note: '楼上漏水' });
    await state.saveChanges(first);
    expect(await version()).toBe(1);

    // Read, touched with the same values, saved: nothing is written.
    const same = turn();
    expect(await step.get(same)).toEqual({ step: 1, note: '楼上漏水' });
    await step.set(same, { step: 1, note: '楼上漏水' });
    await state.saveChanges(same);
    expect(await version()).toBe(1);

    // A real change is written, and the next turn sees it.
    const next = turn();
    await step.set(next, { step: 2, note: '楼上漏水' });
    await state.saveChanges(next);
    expect(await version()).toBe(2);
    expect(await step.get(turn())).toEqual({ step: 2, note: '楼上漏水' });

    // force writes anyway.
    const forced = turn();
    await step.get(forced);
    await state.saveChanges(forced, true);
    expect(await version()).toBe(3);
  });
});
