// npm run bench: every benchmark, printed as one table. Figures depend on the machine: report them with its size.
import os from 'node:os';
import { benchDispatcher } from './dispatcher.bench.js';
import { benchTurn } from './turn.bench.js';
import { benchFees } from './fees.bench.js';
import { benchSla } from './sla.bench.js';
import type { Row } from './bench-db.js';

const suites: Array<[string, () => Promise<Row[]>]> = [
  ['turn', benchTurn],
  ['dispatcher', benchDispatcher],
  ['fees', benchFees],
  ['sla', benchSla],
];

const only = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  rows.push(...(await run()));
}

const header: Row = { name: 'benchmark', value: 'value', unit: 'unit', db: 'database' };
const width = (k: keyof Row) => Math.max(...[header, ...rows].map((r) => [...r[k]].length));
const line = (r: Row) => `| ${r.name.padEnd(width('name'))} | ${r.value.padStart(width('value'))} | ${r.unit.padEnd(width('unit'))} | ${r.db.padEnd(width('db'))} |`;
console.log(`node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
console.log(line(header));
console.log(`|${['name', 'value', 'unit', 'db'].map((k) => '-'.repeat(width(k as keyof Row) + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
