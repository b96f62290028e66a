// Benchmarks run on a fresh SQLite file and (when reachable) a throwaway PostgreSQL database, like the tests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Provider } from '../src/db/client.js';
import { registerBuiltinChannels } from '../adapters/channels.js';
import { createChannelRegistry } from '../src/notify/channel-registry.js';
import { createNotifier, type Notifier } from '../src/notify/notifier.js';

export interface Row {
  name: string;
  value: string;
  unit: string;
  db: string;
  /** Where the issue sets a goal: "≤ 15 pass" / "≥ 300 MISS" (see goal()). */
  goal?: string | undefined;
  /** 1-minute load average when the figure was taken (the machine may be shared); run.ts fills it per suite. */
  load?: string | undefined;
}

/** The 1-minute load average now, for Row.load. */
export function loadNow(): string {
  return os.loadavg()[0]!.toFixed(1);
}

/** The goal column: the target and whether this run met it. */
export function goal(value: number, op: '≤' | '≥', target: number): string {
  const met = op === '≤' ? value <= target : value >= target;
  return `${op} ${target.toLocaleString('en')} ${met ? 'pass' : 'MISS'}`;
}

/** Runs `fn` on a new migrated database; returns [] for PostgreSQL when no server answers. */
export async function withBenchDatabase(provider: Provider, fn: (db: Database) => Promise<Row[]>): Promise<Row[]> {
  const id = crypto.randomBytes(5).toString('hex');
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-'));
    const db = await openDatabase(`file:${path.join(dir, `bench-${id}.db`)}`);
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
    return [];
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

/** As start-up does: a notifier over a registry of the built-in channels, handed to the services benched. */
export function benchNotifier(): Notifier {
  return createNotifier(registerBuiltinChannels(createChannelRegistry()));
}
