// Recognition cost per message (goal: p99 ≤ 2 ms on one core) and what loading the model adds to start-up (goal:
// start-up grows ≤ 300 ms). Every dev-set line of both languages, plus long rambling and pasted-size messages, run
// through the recogniser the app uses (data/nlu/model.json, the flow registry's labels); warmed up first, then timed
// one message at a time. Load: the NLU modules imported, the model file parsed and the recogniser built in a fresh
// child process (zod, which the app loads anyway, imported before the clock starts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECOGNISED_INTENTS } from '../dialogs/flow-registry.js';
import { loadRecognizer } from '../src/nlu/model-file.js';
import { loadDev } from '../scripts/nlu/corpus.js';
import { goal, type Row } from './bench-db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 20;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

export async function benchNlu(): Promise<Row[]> {
  const rec = loadRecognizer(RECOGNISED_INTENTS);
  const dev = [...loadDev('zh-CN'), ...loadDev('en')].map((d) => d.text);
  // The long end of what reaches the recogniser (prompts refuse more than 500 characters).
  const long = [
    dev.slice(0, 20).join('，'),
    '我家楼上那户从上个月开始装修，每天早上七点不到就开始电钻，中午也不休息，晚上八九点还在敲，家里老人孩子都受不了，跟他们说了好几次也不听，物业能不能管一管，'.repeat(
      3,
    ),
    '长'.repeat(500),
  ];
  const messages = [...dev, ...long];
  for (const m of messages) rec.recognize(m);
  const times: number[] = [];
  // CPU time of this process per message as well: on a shared machine wall time includes being preempted.
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const m of messages) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      rec.recognize(m);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p99 = pct(times, 99);
  // Cold load in a fresh process: what start-up pays (file read + JSON + zod check + building the index).
  const load = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        // zod is loaded by the app anyway (config): only our NLU modules and the model count.
        `await import('zod');
         const t0 = performance.now();
         const { loadRecognizer } = await import('./src/nlu/model-file.ts');
         const t1 = performance.now();
         loadRecognizer(['complaint']);
         const t2 = performance.now();
         const rss = process.memoryUsage().rss;
         console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, rss }));`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    ).trim(),
  ) as { importMs: number; loadMs: number };
  return [
    {
      name: `NLU recognise one message (${messages.length} messages × ${ROUNDS}): p50 / p99 / max`,
      value: `${pct(times, 50).toFixed(3)} / ${p99.toFixed(3)} / ${times.at(-1)!.toFixed(3)}`,
      unit: 'ms',
      goal: goal(p99, '≤', 2),
      db: '—',
    },
    {
      name: 'NLU recognise one message, CPU time of the process: p50 / p99',
      value: `${pct(cpu, 50).toFixed(3)} / ${pct(cpu, 99).toFixed(3)}`,
      unit: 'ms',
      goal: goal(pct(cpu, 99), '≤', 2),
      db: '—',
    },
    {
      name: 'NLU model load at start-up (data/nlu/model.json, cold process): import / load',
      value: `${load.importMs.toFixed(0)} / ${load.loadMs.toFixed(0)}`,
      unit: 'ms',
      goal: goal(load.importMs + load.loadMs, '≤', 300),
      db: '—',
    },
  ];
}
