import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, it, expect } from 'vitest';
import { parseBillCsv, parseAmountCents, parsePeriod, parseDate } from '../../src/fees/bill-import.parser.js';
import { FEE_TYPES } from '../../src/fees/fee.rules.js';
import { parseCsv, decodeCsvBuffer } from '../../src/shared/csv.js';

const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, CRLF/LF, BOM and reports the physical start line of each record', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n\nlast,';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', 'z'] },
      { line: 5, cells: [''] },
      { line: 6, cells: ['last', ''] },
    ]);
  });

  it('does not invent a record for the trailing newline', () => {
    expect(parseCsv('a\r\nb\r\n')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['b'] },
    ]);
  });
});

describe('decodeCsvBuffer', () => {
  it('reads UTF-8 with or without BOM, and GBK', () => {
    expect(decodeCsvBuffer(Buffer.from('\uFEFF楼栋,房号', 'utf8'))).toBe('楼栋,房号');
    expect(decodeCsvBuffer(Buffer.from('楼栋,房号', 'utf8'))).toBe('楼栋,房号');
    expect(decodeCsvBuffer(iconv.encode('楼栋,房号,物业管理费', 'gbk'))).toBe('楼栋,房号,物业管理费');
  });
});

describe('parseBillCsv', () => {
  it('imports a UTF-8 (BOM, CRLF) file with Chinese headers and mixed amount/period/date styles', () => {
    const r = parseBillCsv(fixture('fees-good-zh.csv'));
    expect(r.errors).toEqual([]);
    expect(r.encoding).toBe('utf-8');
    expect(r.rows).toEqual([
      {
        building: '1栋',
        room: '101',
        period: '2026-11',
        feeType: 'PROPERTY',
        amountDueCents: 123450,
        amountPaidCents: 123450,
        dueDate: '2026-11-30',
      },
      {
        building: '1栋',
        room: '102',
        period: '2026-11',
        feeType: 'PROPERTY',
        amountDueCents: 123450,
        amountPaidCents: 0,
        dueDate: '2026-11-30',
      },
      {
        building: '2栋',
        room: '1单元201',
        period: '2026-11',
        feeType: 'WATER',
        amountDueCents: 8000,
        amountPaidCents: 0,
        dueDate: '2026-11-30',
      },
      {
        building: '2栋',
        room: '1单元202',
        period: '2026-11',
        feeType: 'ELECTRICITY',
        amountDueCents: 1230,
        amountPaidCents: 1230,
        dueDate: '2026-11-30',
      },
      // paid > due is a prepayment and is accepted
      {
        building: '3栋',
        room: '301',
        period: '2026-11',
        feeType: 'PARKING',
        amountDueCents: 123400,
        amountPaidCents: 150000,
        dueDate: '2026-11-30',
      },
    ]);
  });

  it('accepts English headers in another order, with 实收 absent defaulting to 0', () => {
    const csv = 'room,amount_due,Building,due_date,fee_type,period\n1-1201,486.40,5,2026/12/31,OTHER,2026-12\n';
    const r = parseBillCsv(Buffer.from(csv));
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        building: '5',
        room: '1-1201',
        period: '2026-12',
        feeType: 'OTHER',
        amountDueCents: 48640,
        amountPaidCents: 0,
        dueDate: '2026-12-31',
      },
    ]);
  });

  it('decodes a GBK file saved by Chinese Excel', () => {
    const csv =
      '单元房号,楼栋,期间,费项,应收,已缴,缴费截止日\r\n2单元302,8栋,2026年10月,物业费,"2,000",500.5,2026年10月31日\r\n';
    const r = parseBillCsv(iconv.encode(csv, 'gbk'));
    expect(r.encoding).toBe('gbk');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        building: '8栋',
        room: '2单元302',
        period: '2026-10',
        feeType: 'PROPERTY',
        amountDueCents: 200000,
        amountPaidCents: 50050,
        dueDate: '2026-10-31',
      },
    ]);
  });

  it('reports every bad row with its physical line (a quoted cell spans two lines) and the column and value', () => {
    const r = parseBillCsv(fixture('fees-bad-rows.csv'));
    expect(r.errors).toEqual([
      { line: 5, message: '第5行：应收金额“abc”不是有效金额' },
      {
        line: 6,
        message:
          '第6行：账期“2026-13”不是有效账期（例：2026-11）；应收金额“1.005”最多保留两位小数；实收金额“-5”不能为负数',
      },
      {
        line: 7,
        message:
          '第7行：费用类型“燃气费”不是有效费用类型（可选：物业管理费、水费、电费、停车费、其他）；到期日“2026-02-30”不是有效日期（例：2026-11-30）',
      },
      { line: 8, message: '第8行：楼栋不能为空' },
      { line: 9, message: '第9行：与第2行重复（楼栋“1栋”、房号“101”、账期2026-11、物业管理费）' },
    ]);
    // The caller imports nothing when there are errors; the good rows are still listed for the preview.
    expect(r.rows.map((x) => x.room)).toEqual(['101', '102', '107']);
  });

  it('reports missing required headers once, at line 1', () => {
    const r = parseBillCsv(Buffer.from('楼栋,账期,费用类型,应收金额\n1栋,2026-11,物业费,100\n1栋,2026-11,水费,100\n'));
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, message: '第1行：缺少必填列：房号、到期日' }]);
  });

  it('reports an empty file and an unterminated quote', () => {
    expect(parseBillCsv(Buffer.from('')).errors).toEqual([{ line: 1, message: '第1行：文件为空，缺少表头' }]);
    const r = parseBillCsv(
      Buffer.from('楼栋,房号,账期,费用类型,应收,到期日\n1栋,101,2026-11,物业费,100,2026-11-30\n1栋,"102,2026-11\n'),
    );
    expect(r.errors).toEqual([{ line: 3, message: '第3行：引号未闭合' }]);
  });

  it('parses a generated 100,000-row file exactly', () => {
    const lines = ['楼栋,房号,账期,费用类型,应收金额,实收金额,到期日'];
    let expectedDue = 0;
    let expectedPaid = 0;
    for (let i = 0; i < 100_000; i++) {
      const yuan = i % 5000;
      const fen = i % 100;
      expectedDue += yuan * 100 + fen;
      expectedPaid += i % 7 === 0 ? yuan * 100 + fen : 0;
      const amount = `${yuan.toLocaleString('en-US')}.${String(fen).padStart(2, '0')}`;
      const feeType = FEE_TYPES[i % FEE_TYPES.length] ?? 'OTHER';
      lines.push(
        `${Math.floor(i / 1000)}栋,${i},2026-${String((i % 12) + 1).padStart(2, '0')},${feeType},"${amount}",${i % 7 === 0 ? amount.replace(/,/g, '') : ''},2026-12-31`,
      );
    }
    const r = parseBillCsv(Buffer.from(lines.join('\n')));
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(100_000);
    expect(r.rows.reduce((s, x) => s + x.amountDueCents, 0)).toBe(expectedDue);
    expect(r.rows.reduce((s, x) => s + x.amountPaidCents, 0)).toBe(expectedPaid);
    expect(r.rows[99_999]).toEqual({
      building: '99栋',
      room: '99999',
      period: '2026-04',
      feeType: 'OTHER',
      amountDueCents: 499_999,
      amountPaidCents: 0,
      dueDate: '2026-12-31',
    });
  });
});

describe('field parsers', () => {
  it('turns amount strings into exact cents', () => {
    const ok = (s: string): number | string => {
      const r = parseAmountCents(s);
      return r.ok ? r.cents : r.reason;
    };
    expect(ok('1,234.50')).toBe(123450);
    expect(ok('¥1234.5')).toBe(123450);
    expect(ok('￥80')).toBe(8000);
    expect(ok('1234')).toBe(123400);
    expect(ok(' 12.3 ')).toBe(1230);
    expect(ok('1.15')).toBe(115); // 1.15 * 100 in floats is 114.99999999999999
    expect(ok('80元')).toBe(8000);
    expect(ok('1.005')).toBe('最多保留两位小数');
    expect(ok('-5')).toBe('不能为负数');
    expect(ok('12,34')).toBe('不是有效金额');
    expect(ok('abc')).toBe('不是有效金额');
  });

  it('normalises periods and dates', () => {
    for (const p of ['2026-11', '2026/11', '202611', '2026年11月']) expect(parsePeriod(p)).toBe('2026-11');
    expect(parsePeriod('2026-13')).toBeNull();
    for (const d of ['2026-11-30', '2026/11/30', '2026年11月30日']) expect(parseDate(d)).toBe('2026-11-30');
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2028-02-29')).toBe('2028-02-29');
  });
});
