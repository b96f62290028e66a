import { expect, it } from 'vitest';
import { progressBar, runFeeImport } from '../../src/fees/fee-import.cli.js';
import { describeEachDb } from '../support/databases.js';
import { useFeeEstate } from './fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

describeEachDb('import-bills CLI', (provider) => {
  const env = useFeeEstate(provider);

  const files: Record<string, string> = {
    'ok.csv': '楼栋,房号,账期,费用类型,应收,实收,到期日\n1栋,101,2026-11,物业费,300,0,2026-11-30\n',
    'bad.csv': '楼栋,房号,账期,费用类型,应收,实收,到期日\n1栋,101,2026-11,物业费,x,0,2026-11-30\n',
  };
  const io = (out: string[], bar: string[]) => ({
    fees: createRepositories(env.db.prisma).fees,
    out: (l: string) => out.push(l),
    progress: (s: string) => bar.push(s),
    readFile: (f: string) => {
      const t = files[f];
      if (t === undefined) throw new Error('ENOENT');
      return Buffer.from(t);
    },
  });

  it('imports with a progress bar and prints a summary; a bad file exits 1 with the line', async () => {
    const out: string[] = [];
    const bar: string[] = [];
    expect(await runFeeImport(['ok.csv', '--estate', 'FEE1'], io(out, bar))).toBe(0);
    expect(out.join('\n')).toContain('新增1条');
    expect(bar.at(-1)).toContain('100%');
    expect(await runFeeImport(['bad.csv'], io(out, bar))).toBe(1);
    expect(out.at(-1)).toContain('第2行');
    expect(await runFeeImport(['missing.csv'], io(out, bar))).toBe(2);
    expect(await runFeeImport(['ok.csv', '--estate', 'NOPE'], io(out, bar))).toBe(2);
  });

  it('draws a fixed-width bar', () => {
    expect(progressBar({ phase: 'write', done: 50, total: 100 })).toBe(
      `\r写入 [${'#'.repeat(15)}${'-'.repeat(15)}]  50% 50/100`,
    );
  });
});
