// import-bills streams its file: the same answers whatever the chunk boundaries (inside a quoted cell, a GBK
// character or a CRLF), line numbers kept across chunks, a size cap with a zh-CN refusal, and nothing written when a
// bad row comes after thousands of good ones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runFeeImport } from '../../src/fees/fee-import.cli.js';
import { importBillSource, type BillSource } from '../../src/fees/fee-import.service.js';
import { readCsv, readCsvStream } from '../../src/shared/csv.js';
import { describeEachDb } from '../support/databases.js';
import { useFeeEstate } from './fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

/** The bytes in pieces of `size` (1 byte: every boundary there is). */
function chunked(buf: Buffer, size: number): BillSource {
  return {
    size: buf.length,
    async *open() {
      for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
    },
  };
}

async function collect(buf: Buffer, size: number, encoding: 'utf-8' | 'gbk') {
  const out = [];
  for await (const r of readCsvStream(chunked(buf, size).open(), encoding)) out.push(r);
  return out;
}

describe('readCsvStream', () => {
  const text = '楼栋,房号,备注\r\n1栋,101,"多行\n备注，含""引号"""\r\n\r\n2栋,202,普通\n3栋,"3,01",最后一行没有换行';
  it('gives the records and line numbers readCsv gives, for every chunk size, UTF-8 and GBK', async () => {
    const whole = [...readCsv(text)];
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
      expect(await collect(Buffer.from(text), size, 'utf-8'), `utf-8 / ${size}`).toEqual(whole);
      expect(await collect(iconv.encode(text, 'gbk'), size, 'gbk'), `gbk / ${size}`).toEqual(whole);
    }
  });
});

describeEachDb('import-bills streaming', (provider) => {
  const env = useFeeEstate(provider);
  const header = '楼栋,房号,账期,费用类型,应收,实收,到期日';
  const rows = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => {
      const m = from + i;
      return `1栋,${101 + (m % 7)},${2000 + Math.floor(m / 84)}-${String((Math.floor(m / 7) % 12) + 1).padStart(2, '0')},物业费,300,0,2026-11-30`;
    });

  it('a GBK file in 1-byte chunks imports like the whole file; a bad row at the end writes nothing', async () => {
    const good = iconv.encode([header, ...rows(3000)].join('\r\n'), 'gbk');
    const s = await importBillSource(createRepositories(env.db.prisma).fees, env.est.estateId, chunked(good, 4093));
    expect(s).toMatchObject({ encoding: 'gbk', rows: 3000, created: 3000, errors: [] });
    const bad = Buffer.from([header, ...rows(3000, 3000), '1栋,101,2026-13,物业费,300,0,2026-11-30'].join('\n'));
    const b = await importBillSource(createRepositories(env.db.prisma).fees, env.est.estateId, chunked(bad, 1000));
    expect(b.errors.map((e) => e.line)).toEqual([3002]);
    expect(await env.db.prisma.feeBill.count({ where: { estateId: env.est.estateId } })).toBe(3000);
  });

  it('a file over IMPORT_MAX_MB is refused in zh-CN before anything is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-cap-'));
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 0x31));
    const out: string[] = [];
    const code = await runFeeImport([file], {
      fees: createRepositories(env.db.prisma).fees,
      out: (l) => out.push(l),
      maxBytes: 2 * 1024 * 1024,
    });
    expect(code).toBe(2);
    expect(out).toEqual([
      '文件太大（3 MB），单次导入上限为 2 MB（IMPORT_MAX_MB）。请按楼栋或账期拆分成几个文件分批导入，或请管理员调高上限。',
    ]);
    // Under the cap the same path streams the file from disk.
    fs.writeFileSync(file, [header, ...rows(10, 6000)].join('\n'));
    expect(
      await runFeeImport([file], {
        fees: createRepositories(env.db.prisma).fees,
        out: (l) => out.push(l),
        maxBytes: 2 * 1024 * 1024,
      }),
    ).toBe(0);
    expect(out.at(-1)).toContain('新增10条');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
