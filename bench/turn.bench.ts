// Cost of one bot turn (dedupe → identify → dialogs → state save), the hot path of every channel.
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { buildBot } from '../src/main.js';
import { seedDemo } from '../src/db/seed.js';
import { createLogger } from '../src/shared/logger.js';
import type { Database } from '../src/db/client.js';
import { withBenchDatabase, type Row } from './bench-db.js';

const TURNS = 300;

async function measure(db: Database): Promise<Row[]> {
  await seedDemo(db.prisma);
  const { bot } = buildBot(db, createLogger('silent'), {});
  const adapter = new TestAdapter(async () => undefined);
  const turn = (i: number, text: string) =>
    bot.onTurn(
      new TurnContext(adapter, {
        type: ActivityTypes.Message,
        id: `bench-${i}`,
        channelId: 'console',
        conversation: { id: `bench-conv-${i % 50}`, isGroup: false, name: '', conversationType: 'personal' },
        from: { id: 'demo-owner', name: '刘洋' },
        recipient: { id: 'bot', name: 'bot' },
        text,
      }),
    );
  for (let i = 0; i < 20; i++) await turn(-1 - i, '你好'); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < TURNS; i++) await turn(i, i % 2 === 0 ? '你好' : '帮助');
  const ms = (performance.now() - t0) / TURNS;
  return [{ name: `bot turn (menu / help), ${TURNS} turns`, value: ms.toFixed(2), unit: 'ms/turn', db: db.provider }];
}

export async function benchTurn(): Promise<Row[]> {
  return [...(await withBenchDatabase('sqlite', measure)), ...(await withBenchDatabase('postgresql', measure))];
}
