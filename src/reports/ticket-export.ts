// 导出 YYYY-MM (#19): a month's tickets as an .xlsx workbook for the supervisors' monthly meeting, sent to the
// supervisor privately through the outbox as a file. Owners' phones are masked (the sheet leaves the system). The
// spreadsheet library (exceljs: reads and writes .xlsx, pure JavaScript, nothing downloaded at install) loads on the
// first export, not at start-up.
import type { ExportTicket, Repositories } from '../db/repositories.js';
import { slaOutcome } from '../db/report.repo.js';
import { STATUS_LABEL } from '../tickets/status-labels.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import type { Notifier } from '../notify/notifier.js';
import { unitLabel } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { formatLocal } from '../shared/zoned-time.js';
import type { Clock } from '../shared/clock.js';
import type { Month, ReportEstate } from './report.service.js';

/** A month's tickets fit many times over; beyond this the sheet says how many were left out (never silently). */
export const EXPORT_ROW_LIMIT = 20_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS: Array<{ key: MessageKey; width: number }> = [
  { key: 'export.col.number', width: 18 },
  { key: 'export.col.kind', width: 8 },
  { key: 'export.col.category', width: 12 },
  { key: 'export.col.unit', width: 16 },
  { key: 'export.col.owner', width: 14 },
  { key: 'export.col.status', width: 10 },
  { key: 'export.col.created', width: 17 },
  { key: 'export.col.accepted', width: 17 },
  { key: 'export.col.resolved', width: 17 },
  { key: 'export.col.slaMet', width: 9 },
  { key: 'export.col.score', width: 12 },
  { key: 'export.col.reopened', width: 9 },
  { key: 'export.col.falseAlarm', width: 8 },
];

export interface TicketExportFile {
  data: Buffer;
  name: string;
  /** Rows in the sheet. */
  count: number;
}

/** One sheet row, as text and numbers (times in the estate's local time, "2026-11-28 10:00"). */
export function exportRow(x: ExportTicket, tz: string, now: Date, locale: Locale): Array<string | number> {
  const when = (d: Date | null) => (d ? formatLocal(d, tz) : '');
  const sla = slaOutcome(x, now);
  return [
    x.number,
    t(locale, `queue.kind.${x.kind}`),
    x.category,
    x.unit ? unitLabel(x.unit.building, x.unit.entrance, x.unit.room) : x.location,
    x.ownerPhone ? maskPhone(x.ownerPhone) : '',
    STATUS_LABEL[x.status],
    when(x.createdAt),
    when(x.acceptedAt),
    when(x.resolvedAt),
    t(locale, sla === 'met' ? 'export.yes' : sla === 'missed' ? 'export.no' : 'export.pending'),
    x.answers.map((s) => (s === null ? t(locale, 'export.unresolved') : String(s))).join(' / '),
    x.round - 1,
    t(locale, x.falseAlarm ? 'export.yes' : 'export.no'),
  ];
}

export class TicketExportService {
  constructor(
    private readonly repos: Pick<Repositories, 'reports' | 'outbox'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
  ) {}

  /** The month's workbook; null when the month has no tickets. */
  async build(estate: ReportEstate, month: Month, locale: Locale): Promise<TicketExportFile | null> {
    const now = this.now();
    const { rows, total } = await this.repos.reports.ticketsForExport(estate.id, month.period, EXPORT_ROW_LIMIT);
    if (total === 0) return null;
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    book.created = now;
    book.creator = 'WuyeDesk';
    const sheet = book.addWorksheet(t(locale, 'export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ header: t(locale, c.key), width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const x of rows) sheet.addRow(exportRow(x, estate.timezone, now, locale));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
    if (total > rows.length) sheet.addRow([`…${total - rows.length}`]);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    return { data, name: `工单-${estate.name}-${month.key}.xlsx`, count: rows.length };
  }

  /**
   * Builds the month's sheet and queues it to one chat account (the supervisor's own, privately) as a file; the reply
   * says what happened. `requestKey` (the
   * request's message id) keys the outbox row.
   */
  async sendTo(
    estate: ReportEstate,
    month: Month,
    to: { identityId: string; locale: Locale },
    requestKey: string,
  ): Promise<string> {
    const locale = to.locale;
    const file = await this.build(estate, month, locale);
    if (!file) return t(locale, 'export.empty', { month: month.label });
    const at = this.now();
    const queued = await this.notifier.identity(this.repos.outbox, to.identityId, {
      kind: 'notice',
      message: {
        text: t(locale, 'export.caption', { estate: estate.name, month: month.label, count: file.count }),
        file: {
          data: file.data,
          name: file.name,
          mimeType: XLSX_MIME,
          altText: t(locale, 'export.noFiles', { month: month.label, count: file.count, key: month.key }),
        },
      },
      dedupeKey: `export:${estate.id}:${month.key}:${requestKey}`,
      at,
    });
    // Nothing queued: the account has no address to send to (a Bot Framework chat without its stored reference).
    return queued > 0
      ? t(locale, 'export.queued', { month: month.label, count: file.count, file: file.name })
      : t(locale, 'export.nowhere', { month: month.label });
  }
}
