// A writer process for sqlite-busy.long.test.ts: opens the shared SQLite file the way the app does (openDatabase) and
// writes through the real repositories. Prints one JSON line: what was acknowledged, what failed and how.
//   writer <url> <name> <count> <offset> — outbox rows, conversation-state saves, outbox+audit transactions, in turn
//   holder <url> <holdMs> <holds>        — long write transactions (e.g. a big import), 0.5 s apart
import { openDatabase } from '../../src/db/client.js';
import { PrismaStorage } from '../../src/db/prisma-storage.js';
import { enqueue } from '../../src/notify/outbox.js';

const [role = '', url = '', ...rest] = process.argv.slice(2);
const db = await openDatabase(url, { migrate: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Opened and ready: the test starts everyone together by writing a line to stdin. */
async function ready(): Promise<void> {
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}

interface Failure {
  key: string;
  kind: string;
  code: string | undefined;
  name: string;
  message: string;
  ms: number;
}

if (role === 'holder') {
  const holdMs = Number(rest[0] ?? 6000);
  const holds = Number(rest[1] ?? 1);
  await ready();
  const held: number[] = [];
  for (let h = 0; h < holds; h++) {
    if (h > 0) await sleep(500); // writers get through between the two holds
    let lockedAt = 0;
    await db.prisma.$transaction(
      async (tx) => {
        await tx.auditLog.create({ data: { actor: 'busy-holder', action: 'busy.hold', subject: `hold-${h}` } });
        lockedAt = Date.now();
        if (h === 0) process.stdout.write(`${JSON.stringify({ locked: true })}\n`);
        await sleep(holdMs);
      },
      { maxWait: 30_000, timeout: holdMs + 30_000 },
    );
    held.push(Date.now() - lockedAt);
  }
  process.stdout.write(`${JSON.stringify({ held })}\n`);
} else {
  const name = rest[0] ?? 'w';
  const count = Number(rest[1] ?? 100);
  const offset = Number(rest[2] ?? 0); // which kind of write comes first (so each kind meets the held lock)
  const acked: string[] = [];
  const failed: Failure[] = [];
  await ready();
  for (let i = 0; i < count; i++) {
    const kind = ['outbox', 'state', 'tx'][(i + offset) % 3] ?? 'outbox';
    const key = `${name}-${kind}-${i}`;
    const t0 = Date.now();
    try {
      if (kind === 'outbox') {
        await enqueue(db.prisma, {
          channel: 'telegram',
          address: '1',
          kind: 'notice',
          message: { text: key },
          dedupeKey: key,
          at: new Date(),
        });
      } else if (kind === 'state') {
        // What every bot turn writes: the conversation's dialog state.
        await new PrismaStorage(db.prisma).write({ [key]: { dialogState: { step: i }, eTag: '*' } });
      } else {
        // The app's pattern: a change and its notice in one transaction.
        await db.prisma.$transaction(async (tx) => {
          await tx.auditLog.create({ data: { actor: name, action: 'busy.tx', subject: key } });
          await enqueue(tx, {
            channel: 'telegram',
            address: '1',
            kind: 'notice',
            message: { text: key },
            dedupeKey: key,
            at: new Date(),
          });
        });
      }
      acked.push(key);
    } catch (err) {
      const e = err as { code?: string; name?: string; message?: string };
      failed.push({
        key,
        kind,
        code: e.code,
        name: e.name ?? 'Error',
        message: String(e.message ?? err)
          .split('\n')
          .filter(Boolean)
          .slice(-2)
          .join(' | '),
        ms: Date.now() - t0,
      });
    }
    await sleep(20);
  }
  process.stdout.write(`${JSON.stringify({ name, acked, failed })}\n`);
}
await db.close();
