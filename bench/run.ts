// npm run bench: every benchmark, printed as one table (npm run bench -- turn sla … picks suites).
// Figures depend on the machine: the header and the cores column say which one; the goal column marks the rows
// the issue sets a goal for. Diagnostics (query plans, statement breakdowns) go to stderr.
import os from 'node:os';
import { benchDispatcher } from './dispatcher.bench.js';
import { benchOaWindow } from './oa-window.bench.js';
import { benchTurn } from './turn.bench.js';
import { benchFees } from './fees.bench.js';
import { benchSla } from './sla.bench.js';
import { benchMemory } from './memory.bench.js';
import { benchStartup } from './startup.bench.js';
import { benchNlu } from './nlu.bench.js';
import { benchFlood } from './flood.bench.js';
import { benchNotices } from './notices.bench.js';
import { loadNow, type Row } from './bench-db.js';

const suites: Array<[string, () => Promise<Row[]>]> = [
  ['turn', benchTurn],
  ['memory', benchMemory],
  ['startup', benchStartup],
  ['dispatcher', benchDispatcher],
  ['oa-window', benchOaWindow],
  ['fees', benchFees],
  ['sla', benchSla],
  ['nlu', benchNlu],
  ['flood', benchFlood],
  ['notices', benchNotices],
];

const only = process.argv.slice(2);
const unknown = only.filter((o) => !suites.some(([name]) => name === o));
if (unknown.length) {
  process.stderr.write(`unknown suite ${unknown.join(', ')}; suites: ${suites.map(([n]) => n).join(', ')}\n`);
  process.exit(2);
}
const cores = String(os.cpus().length);
const rows: Row[] = [];
const t0 = performance.now();
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  const t = performance.now();
  // The load average when the suite's figures were taken, unless a row noted its own.
  for (const r of await run()) rows.push({ ...r, load: r.load ?? loadNow() });
  process.stderr.write(`${name}: ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
}

type Column = [string, (r: Row) => string, 'left' | 'right'];
const columns: Column[] = [
  ['benchmark', (r) => r.name, 'left'],
  ['value', (r) => r.value, 'right'],
  ['unit', (r) => r.unit, 'left'],
  ['goal', (r) => r.goal ?? '', 'left'],
  ['database', (r) => r.db, 'left'],
  ['load avg', (r) => r.load ?? '', 'right'],
  ['cores', () => cores, 'right'],
];
const widths = columns.map(([title, get]) => Math.max([...title].length, ...rows.map((r) => [...get(r)].length)));
const pad = (s: string, w: number, align: 'left' | 'right') =>
  align === 'left' ? s.padEnd(w + s.length - [...s].length) : s.padStart(w + s.length - [...s].length);
const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i]!, columns[i]![2])).join(' | ')} |`;
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${os.platform()} ${os.arch()}, ${cores} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, load avg ${os.loadavg()[0]!.toFixed(1)} at end, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
console.log(line(columns.map(([title]) => title)));
console.log(
  `|${widths.map((w, i) => (columns[i]![2] === 'right' ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
);
for (const r of rows) console.log(line(columns.map(([, get]) => get(r))));
