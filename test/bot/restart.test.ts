// A dialog begun with one bot instance continues with a fresh instance over the same database.
import { afterAll, expect, it } from 'vitest';
import { buildBot } from '../../src/main.js';
import { openDatabase } from '../../src/db/client.js';
import { seedDemo } from '../../src/db/seed.js';
import { chatWith } from '../support/conversation.js';
import { memoryLogger } from '../support/app.js';
import { createEmptyDatabaseUrl, describeEachDb, dropDatabaseUrl } from '../support/databases.js';

const NOW = new Date('2026-11-28T10:00:00+08:00');

describeEachDb('restart mid-dialog', (provider) => {
  const urls: string[] = [];
  afterAll(async () => {
    for (const u of urls) await dropDatabaseUrl(u);
  });

  it('the next message after a restart continues at the same step', async () => {
    const url = await createEmptyDatabaseUrl(provider);
    urls.push(url);
    const conversationId = 'restart-conv';

    const first = await openDatabase(url);
    await seedDemo(first.prisma);
    await chatWith(buildBot(first, memoryLogger().logger, { now: () => NOW }).bot, { conversationId }).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['楼道灯不亮', '希望客服什么时候联系您'],
    ]);
    await first.close(); // the process "dies" here

    const second = await openDatabase(url);
    await chatWith(buildBot(second, memoryLogger().logger, { now: () => NOW }).bot, { conversationId }).converse([
      ['尽快', '已为您登记人工服务'],
    ]);
    expect(await second.prisma.handoff.count({ where: { topic: '楼道灯不亮' } })).toBe(1);
    await second.close();
  });
});
