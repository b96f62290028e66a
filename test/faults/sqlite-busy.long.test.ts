// SQLite locked/busy under concurrent writers (the prisma/orm#29933 hazard: with @prisma/adapter-better-sqlite3 a
// SQLITE_BUSY inside/at the end of a transaction can leave the shared connection in an open transaction, so later
// "successful" writes are silently rolled back when the process exits). Several real processes open the same file with
// openDatabase (busy timeout 5 s, WAL) and write through the real repositories while another process holds a write
// transaction for longer than the busy timeout. Afterwards, from a fresh connection: every acknowledged write is there,
// and every failed write failed with an error the app turns into a zh-CN AppError text.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorFrom } from '../../src/shared/app-error.js';
import { openDatabase } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sqlite-busy.worker.ts');
const WRITERS = 4;
const WRITES_EACH = 150;
const HOLDS = 2;
const HOLD_MS = 6500; // > the 5 s busy timeout in src/db/client.ts

interface Failure {
  key: string;
  kind: string;
  code?: string;
  name: string;
  message: string;
  ms: number;
}
interface WriterReport {
  name: string;
  acked: string[];
  failed: Failure[];
}

interface Worker {
  /** Resolves once the process has opened the database (it then waits for start()). */
  ready: Promise<void>;
  start(): void;
  /** Its JSON lines, once it exited with 0 (a crash, e.g. an unhandled rejection, rejects: busy must never kill it). */
  done: Promise<Record<string, unknown>[]>;
}

function runWorker(args: string[], onLine: (line: Record<string, unknown>) => void = () => undefined): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const done = new Promise<Record<string, unknown>[]>((resolve, reject) => {
    const lines: Record<string, unknown>[] = [];
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      let nl;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.ready) markReady();
        else lines.push(parsed);
        onLine(parsed);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(lines) : reject(new Error(`worker ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
  return { ready, done, start: () => child.stdin.end('go\n') };
}

describe('SQLite busy: concurrent writer processes and a long write transaction on one file', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('every acknowledged write is present afterwards; failed writes failed with a clear, user-mappable error', async () => {
    let holderLocked: () => void = () => undefined;
    const locked = new Promise<void>((r) => (holderLocked = r));
    const holder = runWorker(['holder', db.url, String(HOLD_MS), String(HOLDS)], (l) => {
      if (l.locked) holderLocked();
    });
    const writers = Array.from({ length: WRITERS }, (_, i) =>
      runWorker(['writer', db.url, `w${i}`, String(WRITES_EACH), String(i)]),
    );
    await Promise.all([holder.ready, ...writers.map((w) => w.ready)]);
    // The holder takes the write lock first; then every writer starts into it.
    holder.start();
    await locked;
    for (const w of writers) w.start();
    const [holderLines = [], ...writerLines] = await Promise.all([holder.done, ...writers.map((w) => w.done)]);
    const reports = writerLines.map((lines) => lines[0] as unknown as WriterReport);

    // A fresh connection, after every writer process has exited: what is really in the file.
    const check = await openDatabase(db.url, { migrate: false });
    try {
      const acked = reports.flatMap((r) => r.acked);
      const failed = reports.flatMap((r) => r.failed);
      const kindOf = (k: string) => k.split('-')[1];
      const outboxKeys = new Set(
        (await check.prisma.outboxMessage.findMany({ select: { dedupeKey: true } })).map((r) => r.dedupeKey),
      );
      const stateKeys = new Set((await check.prisma.botState.findMany({ select: { key: true } })).map((r) => r.key));
      const auditKeys = new Set(
        (await check.prisma.auditLog.findMany({ where: { action: 'busy.tx' }, select: { subject: true } })).map(
          (r) => r.subject ?? '',
        ),
      );
      const present = (k: string) =>
        kindOf(k) === 'state'
          ? stateKeys.has(k)
          : kindOf(k) === 'tx'
            ? outboxKeys.has(k) && auditKeys.has(k)
            : outboxKeys.has(k);
      const lost = acked.filter((k) => !present(k));
      // A transaction is all or nothing: no audit row without its outbox row, or the other way round.
      const torn = [...auditKeys]
        .filter((k) => !outboxKeys.has(k))
        .concat([...outboxKeys].filter((k) => kindOf(k) === 'tx' && !auditKeys.has(k)));
      const failedButPresent = failed.filter((f) => present(f.key));
      expect(await check.prisma.auditLog.count({ where: { action: 'busy.hold' } })).toBe(HOLDS); // the long transactions committed

      const attempted = WRITERS * WRITES_EACH;
      const mapped = failed.map((f) =>
        appErrorFrom(Object.assign(new Error(f.message), { code: f.code, name: f.name })),
      );
      const codes = [...new Set(failed.map((f) => `${f.code ?? f.name}`))];
      console.log(
        `sqlite busy: ${WRITERS} writer processes + 1 holding a write transaction ${HOLDS}× ${HOLD_MS} ms; ${attempted} writes attempted, ` +
          `${acked.length} acknowledged, ${acked.length - lost.length} of them present, ${lost.length} lost; ` +
          `${failed.length} failed (busy: ${codes.join(', ') || 'none'}; waited ${failed.map((f) => f.ms).join('/') || '-'} ms), ` +
          `${failedButPresent.length} failed-but-committed, ${torn.length} torn transactions; holder ${JSON.stringify(holderLines.at(-1))}`,
      );
      for (const f of failed) console.log(`  failed ${f.kind} ${f.key}: ${f.code ?? ''} ${f.name}: ${f.message}`);

      expect(acked.length + failed.length).toBe(attempted);
      expect(lost).toEqual([]);
      expect(torn).toEqual([]);
      // The holder kept the lock past the busy timeout, so some writers must have been refused…
      expect(failed.length).toBeGreaterThan(0);
      // …each with an error the app shows as "service unavailable, try again", not a crash or a generic bug text.
      for (const e of mapped)
        expect(e).toMatchObject({ code: 'UNAVAILABLE', userText: '服务暂时不可用，请稍后再试。' });
    } finally {
      await check.close();
    }
  });
});
