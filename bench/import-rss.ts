// Peak memory of `npm run cli -- import-bills` on a generated bill file of a given size (default 50 MB), in a child
// process measured by /usr/bin/time (max resident set). Not part of `npm run bench` (it takes minutes):
//   npx tsx bench/import-rss.ts [--mb 50]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' } } });
const targetBytes = Number(values.mb) * 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-import-rss-'));
const url = `file:${path.join(dir, 'rss.db')}`;
const UNITS = 10_000;

const db = await openDatabase(url);
const estate = await db.prisma.estate.create({
  data: { code: 'RSS', name: '内存小区', deskPhone: '1', emergencyPhone: '2' },
});
const b = await db.prisma.building.create({ data: { estateId: estate.id, name: '9' } });
for (let i = 0; i < UNITS; i += 5000)
  await db.prisma.unit.createMany({
    data: Array.from({ length: 5000 }, (_, k) => ({ buildingId: b.id, room: String(100000 + i + k) })),
  });
await db.close();

// Rows: every unit × month (from 2000-01) × fee type, until the file has the target size.
const file = path.join(dir, 'bills.csv');
const fd = fs.openSync(file, 'w');
fs.writeSync(fd, 'building,room,period,fee_type,amount_due,amount_paid,due_date\n');
const types = ['物业管理费', '水费', '电费', '停车费', '其他'];
let bytes = 0;
let rows = 0;
outer: for (let m = 0; ; m++) {
  const y = 2000 + Math.floor(m / 12);
  const mo = String((m % 12) + 1).padStart(2, '0');
  for (const type of types) {
    const chunk: string[] = [];
    for (let u = 0; u < UNITS; u++)
      chunk.push(`9栋,${100000 + u},${y}-${mo},${type},"1,234.50",${u % 3 === 0 ? '1234.50' : '0'},${y}-${mo}-28\n`);
    const s = chunk.join('');
    fs.writeSync(fd, s);
    bytes += Buffer.byteLength(s);
    rows += UNITS;
    if (bytes >= targetBytes) break outer;
  }
}
fs.closeSync(fd);

const started = performance.now();
const r = spawnSync(
  '/usr/bin/time',
  // As `npm run cli` runs it (package.json: a 384 MB heap, so V8 collects instead of growing into free memory).
  ['-f', '%M', process.execPath, '--max-old-space-size=384', '--import', 'tsx', 'src/cli.ts', 'import-bills', file],
  {
    env: { ...process.env, DATABASE_URL: url, IMPORT_MAX_MB: String(Math.ceil(bytes / 1024 / 1024) + 1) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
const seconds = (performance.now() - started) / 1000;
const peakKb = Number(r.stderr.trim().split('\n').at(-1));
console.log(r.stdout.trim().split('\n').slice(-2).join('\n'));
console.log(
  `| file | rows | peak RSS | time |\n|---|---|---|---|\n| ${(bytes / 1024 / 1024).toFixed(1)} MB | ${rows} | ${(peakKb / 1024).toFixed(0)} MB | ${seconds.toFixed(0)} s |`,
);
fs.rmSync(dir, { recursive: true, force: true });
