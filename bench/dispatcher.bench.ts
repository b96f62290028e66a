// Outbox dispatcher throughput: N messages through claim → send → mark, against a channel that does nothing,
// on a fresh SQLite file and (when reachable) a throwaway PostgreSQL database.
import type { Channel } from '../adapters/channel.js';
import { systemClock } from '../src/shared/clock.js';
import type { Database } from '../src/db/client.js';
import { Dispatcher } from '../src/notify/dispatcher.js';
import { enqueue } from '../src/notify/outbox.js';
import { withBenchDatabase as withDatabase, type Row } from './bench-db.js';
import { createRepositories } from '../src/db/prisma-repositories.js';

const MESSAGES = 2_000;

const noopChannel: Channel = {
  name: 'noop',
  supportsImages: false,
  start: async () => undefined,
  stop: async () => undefined,
  send: async () => ({ ok: true }),
};

async function measure(db: Database): Promise<Row[]> {
  for (let i = 0; i < MESSAGES; i++) {
    await enqueue(db.prisma, {
      channel: 'noop',
      address: `chat-${i}`,
      kind: 'notice',
      message: { text: `通知 ${i}` },
      dedupeKey: `bench-${i}`,
      at: new Date(), // the dispatcher below runs on the process clock
    });
  }
  const dispatcher = new Dispatcher({
    repos: createRepositories(db.prisma),
    channels: new Map([['noop', noopChannel]]),
    limits: {},
    batchSize: 200,
    concurrency: 8,
    now: systemClock,
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  while (sent < MESSAGES) {
    const r = await dispatcher.tick();
    if (r.sent === 0 && r.deferred === 0 && r.failed === 0) break;
    sent += r.sent;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return [
    {
      name: `dispatcher: ${sent} msgs, no-op channel`,
      value: ((sent / ms) * 1000).toFixed(0),
      unit: 'msg/s',
      db: db.provider,
    },
    {
      name: 'dispatcher: CPU per message',
      value: (cpuMs / Math.max(1, sent)).toFixed(3),
      unit: 'ms CPU/msg',
      db: db.provider,
    },
  ];
}

export async function benchDispatcher(): Promise<Row[]> {
  return [...(await withDatabase('sqlite', measure)), ...(await withDatabase('postgresql', measure))];
}
