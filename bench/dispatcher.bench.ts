// Outbox dispatcher throughput: N messages through claim → send → mark, against a channel that does nothing,
// on a fresh SQLite file and (when reachable) a throwaway PostgreSQL database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Channel } from '../adapters/channel.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { Dispatcher } from '../src/notify/dispatcher.js';
import { enqueue } from '../src/notify/outbox.js';

export interface Row {
  name: string;
  value: string;
  unit: string;
  db: string;
}

const MESSAGES = 2_000;

const noopChannel: Channel = {
  name: 'noop',
  supportsImages: false,
  start: async () => undefined,
  stop: async () => undefined,
  send: async () => ({ ok: true }),
};

async function withDatabase(provider: 'sqlite' | 'postgresql', fn: (db: Database) => Promise<Row[]>): Promise<Row[]> {
  const id = crypto.randomBytes(5).toString('hex');
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-'));
    const db = await openDatabase(`file:${path.join(dir, `outbox-${id}.db`)}`);
    try {
      return await fn(db);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const admin = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `wuye_bench_${id}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
  } catch {
    await client.end().catch(() => undefined);
    return []; // PostgreSQL not reachable: SQLite row only.
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  try {
    return await fn(db);
  } finally {
    await db.close();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  }
}

async function measure(db: Database): Promise<Row[]> {
  for (let i = 0; i < MESSAGES; i++) {
    await enqueue(db.prisma, { channel: 'noop', address: `chat-${i}`, kind: 'notice', message: { text: `通知 ${i}` }, dedupeKey: `bench-${i}` });
  }
  const dispatcher = new Dispatcher({ prisma: db.prisma, channels: new Map([['noop', noopChannel]]), limits: {}, batchSize: 200, concurrency: 8 });
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
    { name: `dispatcher: ${sent} msgs, no-op channel`, value: ((sent / ms) * 1000).toFixed(0), unit: 'msg/s', db: db.provider },
    { name: 'dispatcher: CPU per message', value: (cpuMs / Math.max(1, sent)).toFixed(3), unit: 'ms CPU/msg', db: db.provider },
  ];
}

export async function benchDispatcher(): Promise<Row[]> {
  return [...(await withDatabase('sqlite', measure)), ...(await withDatabase('postgresql', measure))];
}
