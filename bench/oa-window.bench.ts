// The WeChat Official Account's customer-service window in the dispatcher: a burst of notices to owners whose window
// is open (5 each) through the delivery gate, against a windowed channel that does nothing — what the per-owner
// counting (conditional UPDATEs) costs, and that no owner gets a sixth. The rest are held (no template configured).
import type { OutboundMessage } from '../adapters/channel.js';
import type { Database } from '../src/db/client.js';
import { Dispatcher } from '../src/notify/dispatcher.js';
import { enqueue } from '../src/notify/outbox.js';
import {
  ServiceWindowGate,
  ServiceWindows,
  WECHAT_OA_WINDOW_RULES,
  type WindowedChannel,
} from '../src/notify/service-window.js';
import { withBenchDatabase as withDatabase, type Row } from './bench-db.js';
import { createRepositories } from '../src/db/prisma-repositories.js';

const OWNERS = 200;
const PER_OWNER = 10;

async function measure(db: Database): Promise<Row[]> {
  const delivered = new Map<string, number>();
  const channel: WindowedChannel & {
    name: string;
    supportsImages: boolean;
    start(): Promise<void>;
    stop(): Promise<void>;
    send(a: string, m: OutboundMessage): Promise<{ ok: true }>;
  } = {
    name: 'wechat-oa',
    supportsImages: true,
    start: async () => undefined,
    stop: async () => undefined,
    send: async () => ({ ok: true }),
    sendCustomerService: async (address) => {
      delivered.set(address, (delivered.get(address) ?? 0) + 1);
      return { ok: true };
    },
    sendTemplate: async () => ({ ok: true }),
  };
  const now = () => new Date();
  const windows = new ServiceWindows(createRepositories(db.prisma).windows, 'wechat-oa', WECHAT_OA_WINDOW_RULES, now);
  for (let o = 0; o < OWNERS; o++) {
    await windows.opened(`o-${o}`, 'message', now());
    for (let i = 0; i < PER_OWNER; i++)
      await enqueue(db.prisma, {
        channel: 'wechat-oa',
        address: `o-${o}`,
        kind: 'notice',
        message: { text: `通知 ${i}` },
        dedupeKey: `oa-bench-${o}-${i}`,
        at: now(),
      });
  }
  const dispatcher = new Dispatcher({
    repos: createRepositories(db.prisma),
    channels: new Map([['wechat-oa', channel]]),
    gates: new Map([['wechat-oa', new ServiceWindowGate({ windows, channel })]]),
    limits: {},
    batchSize: 200,
    concurrency: 8,
    now,
  });
  const t0 = performance.now();
  let done = 0;
  for (;;) {
    const r = await dispatcher.tick();
    if (r.sent + r.held + r.failed + r.dead === 0) break;
    done += r.sent + r.held;
  }
  const ms = performance.now() - t0;
  const most = Math.max(...delivered.values());
  return [
    {
      name: `OA window gate: ${OWNERS} owners × ${PER_OWNER} notices (5 sent, 5 held each)`,
      value: ((done / ms) * 1000).toFixed(0),
      unit: 'notices/s',
      db: db.provider,
    },
    {
      name: 'OA window gate: most customer-service messages to one owner',
      value: String(most),
      unit: '(≤ 5)',
      db: db.provider,
    },
  ];
}

export async function benchOaWindow(): Promise<Row[]> {
  return [...(await withDatabase('sqlite', measure)), ...(await withDatabase('postgresql', measure))];
}
