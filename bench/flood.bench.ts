// One chat account floods while other owners chat (#17): the other owners' reply times with the per-account inbound
// limit (the default, 30 a minute / 20 at once) against the same flood with no limit, and with no flood at all.
// Measured, not asserted (goal: another owner's p95 under 200 ms while one account floods).
import type { Database } from '../src/db/client.js';
import { DEFAULT_INBOUND_LIMITS } from '../src/bot/inbound-limiter.js';
import { benchBot, seedBenchOwners, type BenchBot } from './bench-bot.js';
import { goal, withBenchDatabase, type Row } from './bench-db.js';

const OWNERS = 60;
/** Other owners' turns: 20 a second, round-robin, each owner well under the limit (3 messages in the run). */
const CALM_TURNS = 150;
const CALM_PER_S = 20;
/** The flood: as many messages as it can push, this many in flight at once. */
const FLOOD_MESSAGES = 2_000;
const FLOOD_IN_FLIGHT = 8;
const FLOODER = 0;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function calmOwners(bot: BenchBot, round: string): Promise<number[]> {
  const latencies: number[] = [];
  const turns: Promise<void>[] = [];
  const t0 = performance.now();
  for (let k = 0; k < CALM_TURNS; k++) {
    const scheduled = t0 + (k * 1000) / CALM_PER_S;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const owner = 1 + (k % (OWNERS - 1));
    turns.push(
      bot.say(owner, `calm-${round}-${owner}`, '帮助').then((replies) => {
        if (!replies.join('\n').includes('我可以帮您'))
          throw new Error(`calm owner answered ${JSON.stringify(replies)}`);
        latencies.push(performance.now() - scheduled);
      }),
    );
  }
  await Promise.all(turns);
  return latencies.sort((a, b) => a - b);
}

async function flood(
  bot: BenchBot,
  round: string,
  stop: { done: boolean },
): Promise<{ sent: number; answered: number }> {
  let sent = 0;
  let answered = 0;
  // One account in FLOOD_IN_FLIGHT chats (a chat's messages are handled in order, as channels deliver them).
  const worker = async (w: number) => {
    while (!stop.done && sent < FLOOD_MESSAGES) {
      sent++;
      const replies = await bot.say(FLOODER, `flood-${round}-${w}`, '帮助');
      if (replies.some((r) => r.includes('我可以帮您'))) answered++;
    }
  };
  await Promise.all(Array.from({ length: FLOOD_IN_FLIGHT }, (_, w) => worker(w)));
  return { sent, answered };
}

async function scenario(db: Database, round: string, limited: boolean, withFlood: boolean) {
  // A fresh bot per scenario: its limiter starts empty.
  const bot = benchBot(db, limited ? DEFAULT_INBOUND_LIMITS : undefined);
  const stop = { done: false };
  const flooding = withFlood ? flood(bot, round, stop) : Promise.resolve({ sent: 0, answered: 0 });
  const latencies = await calmOwners(bot, round);
  stop.done = true;
  return { latencies, ...(await flooding) };
}

async function measure(db: Database): Promise<Row[]> {
  await seedBenchOwners(db, OWNERS);
  const rows: Row[] = [];
  const provider = db.provider;
  const cases: Array<[string, boolean, boolean]> = [
    ['no flood', true, false],
    ['one account flooding, limit off', false, true],
    ['one account flooding, default limit (30/min, 20 at once)', true, true],
  ];
  for (const [label, limited, withFlood] of cases) {
    const r = await scenario(db, label.replace(/\W+/g, '-'), limited, withFlood);
    const p95 = pct(r.latencies, 95);
    const name = `other owners' replies, ${CALM_PER_S}/s over ${OWNERS - 1} owners — ${label}: p50 / p95`;
    rows.push({
      name,
      value: `${pct(r.latencies, 50).toFixed(1)} / ${p95.toFixed(1)}`,
      unit: 'ms from arrival',
      db: provider,
      goal: withFlood && limited ? goal(p95, '≤', 200) : undefined,
    });
    if (withFlood)
      rows.push({
        name: `  the flood meanwhile (${label}): messages sent / answered`,
        value: `${r.sent} / ${r.answered}`,
        unit: 'messages',
        db: provider,
      });
  }
  return rows;
}

export async function benchFlood(): Promise<Row[]> {
  return [...(await withBenchDatabase('sqlite', measure)), ...(await withBenchDatabase('postgresql', measure))];
}
