// SLA ladder sweep over 1,000,000 tickets of mixed kinds (COMPLAINT, EMERGENCY, REQUEST in turn) of which 1,000 are due (goal ≤ 50 ms a sweep query on SQLite, the query
// plan using the nextSlaCheckAt index). Rows are generated inside the database: one recursive INSERT … SELECT per
// 100k on SQLite, one INSERT … SELECT FROM generate_series on PostgreSQL.
import type { Database } from '../src/db/client.js';
import { dueSlaTickets } from '../src/db/sla.repo.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../src/sla/business-calendar.js';
import { SlaService } from '../src/sla/sla.service.js';
import { createRepositories } from '../src/db/prisma-repositories.js';
import { benchNotifier, goal, withBenchDatabase, type Row } from './bench-db.js';

const TICKETS = 1_000_000;
const DUE_EVERY = 1_000; // → 1,000 due
const NOW = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai: desk open
const BATCH = 100_000;

async function seed(db: Database): Promise<string> {
  const p = db.prisma;
  const e = await p.estate.create({ data: { code: 'BENCH', name: '压测小区', deskPhone: '1', emergencyPhone: '2' } });
  await p.staffChat.createMany({
    data: (['ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER'] as const).map((role) => ({
      estateId: e.id,
      role,
      channel: 'console',
      chatId: `bench-${role}`,
    })),
  });
  // Prisma's SQLite DateTime text: 2026-11-28T02:00:00.000+00:00. Most tickets are closed (no check pending),
  // one in ten is open with a check days ahead, one in a thousand is due now.
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');
  const past = iso(new Date(NOW.getTime() - 86_400_000));
  const start = iso(new Date(NOW.getTime() - 3 * 86_400_000));
  const future = iso(new Date(NOW.getTime() + 5 * 86_400_000));
  if (db.provider === 'postgresql') {
    // Same rows from generate_series, in one statement; ANALYZE so the planner knows how few are due.
    await p.$executeRawUnsafe(
      `INSERT INTO "Ticket" ("id", "number", "estateId", "personId", "kind", "category", "description", "location", "status", "slaStartAt", "createdAt", "nextSlaCheckAt")
       SELECT 'bt-' || n, 'TS-B-' || n, $1, 'bp',
              (CASE n % 3 WHEN 0 THEN 'COMPLAINT' WHEN 1 THEN 'EMERGENCY' ELSE 'REQUEST' END)::"TicketKind", '噪音', '压测', '1栋',
              (CASE WHEN n % $2 = 0 OR n % 10 = 1 THEN 'NEW' ELSE 'CLOSED' END)::"TicketStatus", $3::timestamp(3), $3::timestamp(3),
              CASE WHEN n % $2 = 0 THEN $4::timestamp(3) WHEN n % 10 = 1 THEN $5::timestamp(3) ELSE NULL END
       FROM generate_series(1, ${TICKETS}) AS n`,
      e.id,
      DUE_EVERY,
      new Date(NOW.getTime() - 3 * 86_400_000).toISOString(),
      new Date(NOW.getTime() - 86_400_000).toISOString(),
      new Date(NOW.getTime() + 5 * 86_400_000).toISOString(),
    );
    await p.$executeRawUnsafe('ANALYZE "Ticket"');
    return e.id;
  }
  await p.$transaction(
    async (tx) => {
      for (let from = 1; from <= TICKETS; from += BATCH) {
        const to = Math.min(TICKETS, from + BATCH - 1);
        await tx.$executeRawUnsafe(
          `INSERT INTO "Ticket" ("id", "number", "estateId", "personId", "kind", "category", "description", "location", "status", "slaStartAt", "createdAt", "nextSlaCheckAt")
         WITH RECURSIVE seq(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
         SELECT 'bt-' || n, 'TS-B-' || n, ?, 'bp',
                CASE n % 3 WHEN 0 THEN 'COMPLAINT' WHEN 1 THEN 'EMERGENCY' ELSE 'REQUEST' END, '噪音', '压测', '1栋',
                CASE WHEN n % ? = 0 OR n % 10 = 1 THEN 'NEW' ELSE 'CLOSED' END, ?, ?,
                CASE WHEN n % ? = 0 THEN ? WHEN n % 10 = 1 THEN ? ELSE NULL END
         FROM seq`,
          from,
          to,
          e.id,
          DUE_EVERY,
          start,
          start,
          DUE_EVERY,
          past,
          future,
        );
      }
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
  return e.id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(db: Database): Promise<Row[]> {
  const t0 = performance.now();
  await seed(db);
  const seedS = (performance.now() - t0) / 1000;

  const plan =
    db.provider === 'postgresql'
      ? (
          await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
            `EXPLAIN SELECT "id" FROM "Ticket" WHERE "nextSlaCheckAt" <= $1::timestamp(3) ORDER BY "nextSlaCheckAt" ASC LIMIT ${DUE_EVERY}`,
            NOW.toISOString(),
          )
        )
          .map((r) => r['QUERY PLAN'].trim())
          .join('; ')
      : (
          await db.prisma.$queryRawUnsafe<Array<{ detail: string }>>(
            `EXPLAIN QUERY PLAN SELECT "id" FROM "Ticket" WHERE "nextSlaCheckAt" <= ? ORDER BY "nextSlaCheckAt" ASC LIMIT ${DUE_EVERY}`,
            NOW.toISOString().replace('Z', '+00:00'),
          )
        )
          .map((r) => r.detail)
          .join('; ');
  process.stderr.write(`sla sweep query plan (${db.provider}): ${plan}\n`);
  const usesIndex = /(USING (COVERING )?INDEX|Index (Only )?Scan using) "?Ticket_nextSlaCheckAt_idx/.test(plan);

  const queryMs: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    const rows = await dueSlaTickets(db.prisma, NOW, DUE_EVERY);
    queryMs.push(performance.now() - t);
    if (rows.length !== TICKETS / DUE_EVERY) throw new Error(`expected ${TICKETS / DUE_EVERY} due, got ${rows.length}`);
  }

  const sla = new SlaService(
    createRepositories(db.prisma).sla,
    benchNotifier(),
    new BusinessCalendar(DEFAULT_DESK_CALENDAR),
    () => NOW,
    DUE_EVERY,
  );
  const t1 = performance.now();
  const r = await sla.sweep(NOW);
  const fullMs = performance.now() - t1;
  if (r.checked !== TICKETS / DUE_EVERY || r.steps === 0) throw new Error(`sweep: ${JSON.stringify(r)}`);
  const idle: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    await sla.sweep(NOW);
    idle.push(performance.now() - t);
  }
  const m = `${TICKETS / 1e6}M tickets (mixed kinds)`;
  return [
    {
      name: `SLA sweep query, ${m}, 1k due`,
      value: median(queryMs).toFixed(1),
      unit: 'ms',
      db: db.provider,
      goal: db.provider === 'sqlite' ? goal(median(queryMs), '≤', 50) : undefined,
    },
    {
      name: `SLA sweep query plan uses nextSlaCheckAt index`,
      value: usesIndex ? 'yes' : 'NO',
      unit: 'EXPLAIN (on stderr)',
      db: db.provider,
    },
    {
      name: `SLA sweep, ${m}, 1k due escalated (${r.steps} steps)`,
      value: fullMs.toFixed(0),
      unit: 'ms',
      db: db.provider,
    },
    { name: `SLA sweep, ${m}, nothing due`, value: median(idle).toFixed(1), unit: 'ms', db: db.provider },
    { name: `SLA bench seed, ${m}`, value: seedS.toFixed(1), unit: 's', db: db.provider },
  ];
}

/** The goal is set for SQLite; PostgreSQL (when reachable) runs the same sweep over the same rows. */
export async function benchSla(): Promise<Row[]> {
  return [...(await withBenchDatabase('sqlite', measure)), ...(await withBenchDatabase('postgresql', measure))];
}
