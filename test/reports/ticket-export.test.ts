// 导出 YYYY-MM: a supervisor asks for a month's tickets and gets an .xlsx file privately through the outbox; the test
// opens the file with the same library (exceljs) and checks its rows. Then the console channel saves the file.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConsoleChannel } from '../../adapters/console/console.adapter.js';
import { outboxPayloadSchema, toOutbound } from '../../src/notify/outbox.js';
import { withoutFile } from '../../src/notify/dispatcher.js';
import { chatWith, type Row } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { NOW, seedReportData } from '../reports/report-fixtures.js';

/** Every row of the first sheet as plain values (header first). */
async function sheetRows(data: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(data).buffer);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describeEachDb('导出 (ticket export)', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
    await seedReportData(app.db.prisma);
  });
  afterAll(async () => {
    await app.db.drop();
  });
  const talk = (userId: string, rows: Row[]) => chatWith(app.bot, { userId }).converse(rows);
  const exportRows = () =>
    app.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: 'export:' } },
      orderBy: { createdAt: 'asc' },
    });

  it('a supervisor gets the month as an .xlsx file with one row per ticket, phones masked', async () => {
    await talk('demo-supervisor', [
      ['导出 2026-11', '已生成 2026年11月 工单表（8 单），文件“工单-锦绣花园-2026-11.xlsx”将私发给您。'],
    ]);
    const [row] = await exportRows();
    expect(row).toMatchObject({ channel: 'console', address: 'demo-supervisor', isGroup: false, kind: 'notice' });
    const payload = outboxPayloadSchema.parse(row?.payload);
    expect(payload.text).toBe('锦绣花园 2026年11月工单表（8 单）。业主电话已脱敏。');
    expect(payload.fileName).toBe('工单-锦绣花园-2026-11.xlsx');
    expect(payload.fileMimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const data = Buffer.from(payload.fileBase64 ?? '', 'base64');

    const rows = await sheetRows(data);
    expect(rows[0]).toEqual([
      '工单号',
      '类型',
      '类别',
      '房号',
      '业主电话',
      '状态',
      '登记时间',
      '受理时间',
      '办结时间',
      'SLA 达标',
      '回访评分',
      '重开次数',
      '误报',
    ]);
    expect(rows).toHaveLength(1 + 8);
    expect(rows.map((r) => r[0])).toEqual([
      '工单号',
      'TS-20261105-0001',
      'TS-20261110-0001',
      'TS-20261115-0001',
      'TS-20261120-0001',
      'TS-20261128-0001',
      'TS-20261128-0002',
      'TS-20261128-0003',
      'TS-20261128-0004',
    ]);
    expect(rows[1]).toEqual([
      'TS-20261105-0001',
      '投诉',
      '噪音',
      '3栋2单元1201',
      '138****5678',
      '已办结',
      '2026-11-05 09:00',
      '2026-11-05 10:00',
      '2026-11-06 15:00',
      '是',
      '5',
      0,
      '否',
    ]);
    // Acked late (12:00 after an 11:00 limit): SLA missed; closed after a 3.
    expect(rows[2]?.slice(5, 13)).toEqual([
      '已关闭',
      '2026-11-10 09:00',
      '2026-11-10 12:00',
      '2026-11-11 09:00',
      '否',
      '3',
      0,
      '否',
    ]);
    // Still open within its limits: not decided yet.
    expect(rows[8]?.slice(1, 10)).toEqual([
      '投诉',
      '停车',
      '3栋2单元1201',
      '138****5678',
      '待受理',
      '2026-11-28 09:30',
      '',
      '',
      '未定',
    ]);
    expect(rows[6]?.[1]).toBe('紧急');
    // Nowhere in the file a whole mobile number.
    expect(JSON.stringify(rows)).not.toMatch(/1[3-9]\d{9}/);
  });

  it('a 误报 and a 没解决 reopen show in their columns', async () => {
    const p = app.db.prisma;
    const t = await p.ticket.update({
      where: { estateId_number: { estateId: (await p.estate.findFirstOrThrow()).id, number: 'TS-20261120-0001' } },
      data: { round: 2, falseAlarm: true, falseAlarmAt: NOW },
    });
    await p.callback.updateMany({ where: { ticketId: t.id, round: 1 }, data: { score: null } });
    await p.callback.create({ data: { ticketId: t.id, round: 2, askedAt: NOW, answeredAt: NOW, score: 4 } });
    await talk('demo-manager', [['/export 11月', '已生成 2026年11月 工单表（8 单）']]);
    const rows = await sheetRows(
      Buffer.from(outboxPayloadSchema.parse((await exportRows())[1]?.payload).fileBase64 ?? '', 'base64'),
    );
    expect(rows[4]?.slice(10, 13)).toEqual(['没解决 / 4', 1, '是']);
  });

  it('refused below 主管; a future or unreadable month gets the usage; an empty month makes no file', async () => {
    await talk('demo-foreman', [['导出 2026-11', '抱歉，“导出”仅限主管、经理使用。']]);
    await talk('demo-supervisor', [
      ['导出 2026-12', '用法：导出 2026-11'],
      ['导出 abc', '无法识别月份“abc”'],
      ['导出 2026-09', '2026年9月没有工单，未生成文件。'],
    ]);
    expect(await exportRows()).toHaveLength(2);
  });

  it('the console saves the file and prints where; a channel without files gets the text instead', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wuye-export-'));
    try {
      const output = new PassThrough();
      let printed = '';
      output.on('data', (b: Buffer) => (printed += b.toString()));
      const console = new ConsoleChannel({ handler: app.bot, output, filesDir: dir });
      expect(console.supportsFiles).toBe(true);
      const message = toOutbound(outboxPayloadSchema.parse((await exportRows())[0]?.payload));
      expect(await console.send('demo-supervisor', message)).toEqual({ ok: true });
      const [saved] = await readdir(dir);
      expect(saved).toMatch(/-工单-锦绣花园-2026-11\.xlsx$/);
      expect(printed).toContain(path.join(dir, saved ?? ''));
      expect((await sheetRows(await readFile(path.join(dir, saved ?? ''))))[1]?.[0]).toBe('TS-20261105-0001');
      expect(new ConsoleChannel({ handler: app.bot, output }).supportsFiles).toBe(false);
      expect(withoutFile(message).text).toContain(
        '此渠道不能接收文件：2026年11月工单表（8 单）请在 Telegram、Teams 或微信中用“导出 2026-11”获取。',
      );
      expect(withoutFile(message).file).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
