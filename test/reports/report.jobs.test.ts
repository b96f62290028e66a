// The daily summary and the monthly report: one outbox row per supervisors' group with the chart PNG, nothing new on a
// re-run, chart numbers equal to the database, the holiday warning; and delivery: a picture where the channel shows
// pictures, the text table where it does not.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, OutboundMessage, SendResult } from '../../adapters/channel.js';
import { seedDemo } from '../../src/db/seed.js';
import { Dispatcher, withoutImage } from '../../src/notify/dispatcher.js';
import { outboxPayloadSchema } from '../../src/notify/outbox.js';
import { renderBarChart } from '../../src/reports/chart.renderer.js';
import { reportJobs, sendDailySummaries, sendMonthlyReports } from '../../src/reports/report.jobs.js';
import { monthOf, ReportService } from '../../src/reports/report.service.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { registerBuiltinChannels } from '../../adapters/channels.js';
import { createChannelRegistry } from '../../src/notify/channel-registry.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, loadHolidayYears } from '../../src/sla/business-calendar.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { at, seedReportData } from './report-fixtures.js';
import { testNotifier } from '../support/channels.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

class RecordingChannel implements Channel {
  readonly sent: Array<{ address: string; message: OutboundMessage }> = [];
  constructor(
    readonly name: string,
    readonly supportsImages: boolean,
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    this.sent.push({ address, message });
    return { ok: true };
  }
}

describeEachDb('report jobs', (provider) => {
  let db: TestDatabase;
  let estateId: string;
  let reports: ReportService;
  const DAILY_AT = at('2026-11-29', '08:30');
  const MONTHLY_AT = at('2026-12-01', '09:00');

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
    ({ estateId } = await seedReportData(db.prisma));
    const { years } = await loadHolidayYears(join(process.cwd(), 'data/calendar'));
    reports = new ReportService(
      createRepositories(db.prisma),
      testNotifier(),
      new BusinessCalendar(DEFAULT_DESK_CALENDAR, years),
    );
    await db.prisma.staffChat.createMany({
      data: [
        { estateId, role: 'SUPERVISOR', channel: 'telegram', chatId: '-100777' },
        { estateId, role: 'SUPERVISOR', channel: 'console', chatId: 'grp-sup-console' },
        { estateId, role: 'ASSISTANT', channel: 'telegram', chatId: '-100888' },
      ],
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  const rowsWithKey = (prefix: string) =>
    db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { channel: 'asc' } });

  it('the daily summary chart holds the database numbers and warns that next year’s holidays are missing', async () => {
    const estate = (await reports.estates())[0]!;
    const report = await reports.dailySummary(estate, DAILY_AT);
    const day = { gte: at('2026-11-28', '00:00'), lt: at('2026-11-29', '00:00') };
    const open = {
      in: ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_OWNER', 'WAITING_CONTRACTOR'] as ('NEW' | 'ACCEPTED')[],
    };
    const fromDb = {
      created: await db.prisma.ticket.count({ where: { estateId, createdAt: day } }),
      resolved: await db.prisma.ticket.count({ where: { estateId, resolvedAt: day } }),
      emergencies: await db.prisma.ticket.count({ where: { estateId, kind: 'EMERGENCY', createdAt: day } }),
      open: await db.prisma.ticket.count({ where: { estateId, status: open } }),
      keys: await db.prisma.keyAppointment.count({
        where: {
          estateId,
          status: { not: 'CANCELLED' },
          slotStart: { gte: at('2026-11-29', '00:00'), lt: at('2026-11-30', '00:00') },
        },
      }),
    };
    expect(fromDb).toEqual({ created: 4, resolved: 1, emergencies: 1, open: 4, keys: 1 });

    const chart = await renderBarChart(report.chart, { width: 640, height: 400, scale: 2 });
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 1280, height: 800 });
    expect(chart.data).toEqual([
      { label: '昨日新增', value: fromDb.created },
      { label: '昨日办结', value: fromDb.resolved },
      { label: '昨日紧急', value: fromDb.emergencies },
      { label: '当前未结', value: fromDb.open },
      // By 08:30 the next day all four open tickets are past a limit (停车's ack was due 11:30 yesterday).
      { label: '当前逾期', value: 4 },
      { label: '今日钥匙预约', value: fromDb.keys },
    ]);
    expect(report.text).toContain('【每日简报】锦绣花园 2026-11-29');
    expect(report.text).toContain('昨日（2026-11-28）：新增工单 4，办结 1，紧急事件 1');
    expect(report.text).toContain('⚠ 2027 年节假日数据缺失，暂按周末计算，请尽快添加 data/calendar/cn-2027.json');
    expect(report.table).toContain('· 当前逾期：4');

    const covered = new ReportService(createRepositories(db.prisma), testNotifier(), { missingYears: () => [] });
    expect((await covered.dailySummary(estate, DAILY_AT)).text).not.toContain('节假日数据缺失');
  });

  it('the monthly chart holds the month’s complaints per category as the database counts them', async () => {
    const estate = (await reports.estates())[0]!;
    const month = monthOf('2026-11', estate.timezone);
    const report = await reports.monthlyReport(estate, month, MONTHLY_AT);
    const grouped = await db.prisma.ticket.groupBy({
      by: ['category'],
      where: { estateId, status: { not: 'WITHDRAWN' }, createdAt: { gte: month.period.from, lt: month.period.to } },
      _count: { _all: true },
    });
    const chart = await renderBarChart(report.chart);
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 640, height: 400 });
    expect(new Map(chart.data.map((d) => [d.label, d.value]))).toEqual(
      new Map(grouped.map((g) => [g.category, g._count._all])),
    );
    expect(chart.data[0]).toEqual({ label: '噪音', value: 2 });
    expect(report.text).toContain('【月报·2026年11月统计】锦绣花园');
    // On the 1st every November bill is due, the ¥700 one due on the 30th too: ¥600 of ¥1,600.
    expect(report.text).toContain('物业费收缴率：37.5%');
  });

  it('the daily job queues one picture per supervisors’ group; a second run queues nothing', async () => {
    const [daily] = reportJobs({ reports });
    expect(daily?.cron).toBe('30 8 * * *');
    expect(await sendDailySummaries(reports, DAILY_AT)).toBe(2);
    const rows = await rowsWithKey('report:daily:2026-11-29');
    expect(rows.map((r) => [r.channel, r.address, r.isGroup])).toEqual([
      ['console', 'grp-sup-console', true],
      ['telegram', '-100777', true],
    ]);
    for (const r of rows) {
      const payload = outboxPayloadSchema.parse(r.payload);
      const png = Buffer.from(payload.imagePngBase64 ?? '', 'base64');
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(pngSize(png)).toEqual({ width: 1280, height: 800 });
      expect(payload.imageCaption).toBe('每日简报 2026-11-29');
      expect(payload.imageAltText).toContain('· 昨日新增：4');
      expect(payload.text).toContain('【每日简报】');
    }
    expect(await sendDailySummaries(reports, DAILY_AT)).toBe(0);
    expect(await rowsWithKey('report:daily:')).toHaveLength(2);
  });

  it('the monthly job on the 1st reports the month before, once', async () => {
    const [, monthly] = reportJobs({ reports });
    expect(monthly?.cron).toBe('0 9 1 * *');
    expect(await sendMonthlyReports(reports, MONTHLY_AT)).toBe(2);
    expect(await sendMonthlyReports(reports, MONTHLY_AT)).toBe(0);
    const rows = await rowsWithKey('report:monthly:2026-11');
    expect(rows).toHaveLength(2);
    const payload = outboxPayloadSchema.parse(rows[0]?.payload);
    expect(payload.text).toContain('2026年11月');
    expect(payload.imageAltText).toContain('· 噪音：2');
  });

  it('the dispatcher sends the picture to a channel with images and the text table to one without', async () => {
    const telegram = new RecordingChannel('telegram', true);
    const consoleCh = new RecordingChannel('console', false);
    const d = new Dispatcher({
      repos: createRepositories(db.prisma),
      channels: new Map<string, Channel>([
        ['telegram', telegram],
        ['console', consoleCh],
      ]),
      registry: registerBuiltinChannels(createChannelRegistry()),
      now: () => MONTHLY_AT,
      digest: false,
    });
    await d.tick();
    const daily = (ch: RecordingChannel) => ch.sent.find((s) => s.message.text.startsWith('【每日简报】'))?.message;
    const withImage = daily(telegram);
    expect(withImage?.image?.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(withImage?.text).not.toContain('〔每日简报');
    const asText = daily(consoleCh);
    expect(asText?.image).toBeUndefined();
    expect(asText?.text).toContain('【每日简报】锦绣花园 2026-11-29');
    expect(asText?.text).toContain('〔每日简报 2026-11-29〕\n· 昨日新增：4\n· 昨日办结：1');
    expect(telegram.sent.some((s) => s.address === '-100888')).toBe(false);
  });
});

describe('withoutImage', () => {
  it('keeps the text and buttons, adds the alt text, else the caption', () => {
    const png = Buffer.from('x');
    expect(
      withoutImage({ text: '月报', suggestions: ['统计'], image: { png, caption: '图', altText: '· 噪音：2' } }),
    ).toEqual({ text: '月报\n\n· 噪音：2', suggestions: ['统计'] });
    expect(withoutImage({ text: '月报', image: { png, caption: '投诉按类别' } })).toEqual({
      text: '月报\n\n（图：投诉按类别）',
    });
    expect(withoutImage({ text: '月报', image: { png } })).toEqual({ text: '月报' });
  });
});
