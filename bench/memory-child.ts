// Run by memory.bench.ts, bundled, in a fresh `node --expose-gc` so nothing else shares the heap: opens 10,000 conversations
// through the bot, each left mid-dialog (the complaint flow waiting for the description), and prints one JSON line
// with RSS and heap before and after. Dialog state lives in the database, so memory should not grow with dialogs.
import { benchBot, seedBenchOwners } from './bench-bot.js';
import { withBenchDatabase } from './bench-db.js';

const DIALOGS = Number(process.argv[2] ?? 10_000);
const OWNERS = 200;
const PARALLEL = 50;

const gc = (globalThis as { gc?: () => void }).gc;
const sample = () => {
  gc?.();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, externalMb: m.external / 2 ** 20 };
};

let result: Record<string, unknown> = {};
await withBenchDatabase('sqlite', async (db) => {
  await seedBenchOwners(db, OWNERS);
  const bot = benchBot(db);
  const open = async (from: number, to: number) => {
    let next = from;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < to) {
          const k = next++;
          const replies = await bot.say(k % OWNERS, `rss-conv-${k}`, '我要投诉噪音');
          if (!replies.some((r) => r.includes('请描述')))
            throw new Error(`conversation ${k} not waiting for the description: ${replies.join(' / ')}`);
        }
      }),
    );
  };
  // Warm-up: every code path of the turn loaded once, and a date prompt answered (the date-time recognizer loaded).
  for (const [text, expected] of [
    ['钥匙', '寄存钥匙'],
    ['1', '寄存哪些钥匙'],
    ['入户门钥匙 2 把', '哪天几点'],
    ['下周三晚上十一点', '哪天几点'],
    ['取消', '已取消'],
  ] as const) {
    const replies = await bot.say(0, 'rss-date', text);
    if (!replies.some((r) => r.includes(expected)))
      throw new Error(`date warm-up: 「${text}」 answered ${replies.join(' / ')}`);
  }
  await open(0, 200);
  const before = sample();
  const t0 = performance.now();
  await open(200, DIALOGS / 2);
  const half = sample();
  await open(DIALOGS / 2, DIALOGS);
  const seconds = (performance.now() - t0) / 1000;
  const after = sample();
  const openInDb = await db.prisma.botState.count({ where: { key: { contains: 'rss-conv-' } } });
  result = { dialogs: DIALOGS, openInDb, before, half, after, seconds, gc: gc !== undefined };
  return [];
});
process.stdout.write(`${JSON.stringify(result)}\n`);
