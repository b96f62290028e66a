// Where an owner turn's time goes (#15), for profiling rather than the table: the turn bench's script on one
// database, CPU per kind of turn (each turn played alone, process.cpuUsage around it), GC pauses, and a closed loop
// over 200 conversations. Run it under a profiler:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/turn-profile.ts [sqlite|postgresql] [rounds] [closed-s]
// PROFILE_KIND=<kind of turn> writes a CPU profile of that kind's turns alone to /tmp/turn-profile-<index in SCRIPT>.cpuprofile
// (PROFILE_KIND='*': every turn, to /tmp/turn-profile-all.cpuprofile).
// Figures are this process's CPU, so other load on the machine moves them far less than wall-clock times.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Database as Db, Provider } from '../src/db/client.js';
import { benchBot, seedBenchOwners, type BenchBot } from './bench-bot.js';
import { withBenchDatabase, type Row } from './bench-db.js';
import { SCRIPT } from './turn.bench.js';

const CONVERSATIONS = 200;
const provider = (process.argv[2] ?? 'sqlite') as Provider;
const rounds = Number(process.argv[3] ?? 3);
const closedS = Number(process.argv[4] ?? 5);

const steps = new Array<number>(CONVERSATIONS).fill(0);
const profileKind = process.env.PROFILE_KIND;
/** While profiling: [start, end] µs (the profiler's monotonic clock) of each turn of PROFILE_KIND. */
const intervals: Array<[number, number]> = [];
const micros = () => Number(process.hrtime.bigint() / 1000n);
async function play(bot: BenchBot, c: number): Promise<string> {
  const [kind, text, expected] = SCRIPT[steps[c]!++ % SCRIPT.length]!;
  const start = micros();
  const replies = await bot.say(c, `bench-conv-${c}`, text);
  if (kind === profileKind || profileKind === '*') intervals.push([start, micros()]);
  if (!replies.join('\n').includes(expected)) throw new Error(`turn ${kind}「${text}」answered ${replies.join(' / ')}`);
  return kind;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

let gcCount = 0;
let gcMs = 0;
let gcMax = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
    gcMax = Math.max(gcMax, e.duration);
  }
});
gcObserver.observe({ entryTypes: ['gc'] }); // held: an observer nobody references is collected
const gcReset = () => ((gcCount = 0), (gcMs = 0), (gcMax = 0));
/**
 * GC entries reach the observer from the event loop, and turns on SQLite run in microtasks alone (the driver is
 * synchronous): let the loop deliver them before reading or resetting the counts.
 */
const gcFlush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function measure(db: Db): Promise<Row[]> {
  await seedBenchOwners(db, CONVERSATIONS);
  const bot = benchBot(db);
  // Warm-up: every conversation through the script once.
  for (let c = 0; c < CONVERSATIONS; c++) for (let s = 0; s < SCRIPT.length; s++) await play(bot, c);
  const cpu = new Map<string, number[]>();
  const wall = new Map<string, number[]>();
  const session = profileKind ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    intervals.length = 0;
  }
  await gcFlush();
  gcReset();
  const c0 = cpuNow();
  for (let r = 0; r < rounds; r++)
    for (let c = 0; c < CONVERSATIONS; c++)
      for (let s = 0; s < SCRIPT.length; s++) {
        const t = performance.now();
        const u = cpuNow();
        const kind = await play(bot, c);
        (cpu.get(kind) ?? cpu.set(kind, []).get(kind)!).push(cpuNow() - u);
        (wall.get(kind) ?? wall.set(kind, []).get(kind)!).push(performance.now() - t);
      }
  if (session) {
    // The samples taken during the turns of that kind only (sample times are on the same monotonic clock).
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    let at = profile.startTime;
    let k = 0;
    const samples: number[] = [];
    const timeDeltas: number[] = [];
    profile.samples!.forEach((sample, i) => {
      at += profile.timeDeltas![i]!;
      while (k < intervals.length && intervals[k]![1] < at) k++;
      if (k < intervals.length && intervals[k]![0] <= at) {
        samples.push(sample);
        timeDeltas.push(profile.timeDeltas![i]!);
      }
    });
    const index = profileKind === '*' ? 'all' : SCRIPT.findIndex(([kind]) => kind === profileKind);
    const file = `/tmp/turn-profile-${index}.cpuprofile`;
    fs.writeFileSync(file, JSON.stringify({ ...profile, samples, timeDeltas }));
    process.stdout.write(`${samples.length} samples of ${intervals.length} turns「${profileKind}」: ${file}\n`);
  }
  const seqCpu = cpuNow() - c0;
  await gcFlush();
  const turns = rounds * CONVERSATIONS * SCRIPT.length;
  const out: string[] = [
    `${provider}: one turn at a time, ${turns} turns, CPU ${(seqCpu / turns).toFixed(3)} ms/turn, GC ${gcCount}× ${gcMs.toFixed(0)} ms (max ${gcMax.toFixed(1)} ms)`,
  ];
  out.push(`  ${'kind'.padEnd(26)} cpu mean  wall p50   p99    max (ms)`);
  for (const [kind, xs] of cpu) {
    const w = wall.get(kind)!.sort((a, b) => a - b);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    out.push(
      `  ${kind.padEnd(26)} ${mean.toFixed(3).padStart(8)} ${pct(w, 50).toFixed(2).padStart(8)} ${pct(w, 99).toFixed(2).padStart(6)} ${w.at(-1)!.toFixed(2).padStart(6)}`,
    );
  }
  // Closed loop, as the bench: 200 conversations each sending the next message once the last is answered.
  await gcFlush();
  gcReset();
  let n = 0;
  const k0 = cpuNow();
  const t0 = performance.now();
  const until = t0 + closedS * 1000;
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      while (performance.now() < until) {
        await play(bot, c);
        n++;
      }
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const loopCpu = cpuNow() - k0;
  await gcFlush();
  out.push(
    `  closed loop: ${n} turns, ${(n / wallS).toFixed(0)} turns/s, CPU ${(loopCpu / n).toFixed(3)} ms/turn, GC ${gcCount}× ${gcMs.toFixed(0)} ms (max ${gcMax.toFixed(1)} ms)`,
  );
  process.stdout.write(out.join('\n') + '\n');
  return [];
}

await withBenchDatabase(provider, measure);
