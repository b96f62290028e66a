// Bill CSV → FeeBill rows of one estate. All-or-nothing: any bad row (format, unknown unit) and nothing is written.
// Re-importing the same file changes nothing; a later file with new 实收 amounts updates what owners owe.
import { t } from '../i18n/index.js';
import type { Prisma } from '../db/client.js';
import {
  applyBills,
  billKey,
  existingBills,
  unitIndex,
  unitKey,
  type BillUpdate,
  type NewBill,
} from '../db/fee.repo.js';
import type { CsvEncoding } from '../shared/csv.js';
import { parseBillCsv, type BillImportError } from './bill-import.parser.js';

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Sorted by line; non-empty means nothing was written. */
  errors: BillImportError[];
  encoding: CsvEncoding;
}

export interface ImportProgress {
  phase: 'check' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
}

export async function importBills(
  prisma: Prisma,
  estateId: string,
  buf: Buffer,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const parsed = parseBillCsv(buf);
  const errors = [...parsed.errors];
  const { rows, lines } = parsed;

  const units = await unitIndex(prisma, estateId);
  const existing = await existingBills(prisma, estateId);
  const creates: NewBill[] = [];
  const updates: BillUpdate[] = [];
  let unchanged = 0;
  const total = rows.length;
  for (const [i, row] of rows.entries()) {
    const unit = units.get(unitKey(row.building, row.room));
    if (!unit) {
      const line = lines[i] ?? 0;
      errors.push({
        line,
        message: t('zh-CN', 'fees.import.unknownUnit', { line, building: row.building, room: row.room }),
      });
      continue;
    }
    const old = existing.get(billKey(unit.unitId, row.period, row.feeType));
    if (!old) {
      creates.push({
        estateId,
        buildingId: unit.buildingId,
        unitId: unit.unitId,
        period: row.period,
        feeType: row.feeType,
        amountDueCents: row.amountDueCents,
        amountPaidCents: row.amountPaidCents,
        dueDate: row.dueDate,
      });
    } else if (
      old.amountDueCents !== row.amountDueCents ||
      old.amountPaidCents !== row.amountPaidCents ||
      old.dueDate !== row.dueDate
    ) {
      updates.push({
        id: old.id,
        amountDueCents: row.amountDueCents,
        amountPaidCents: row.amountPaidCents,
        dueDate: row.dueDate,
      });
    } else unchanged++;
    if ((i + 1) % 5000 === 0) opts.onProgress?.({ phase: 'check', done: i + 1, total });
  }
  opts.onProgress?.({ phase: 'check', done: total, total });
  errors.sort((a, b) => a.line - b.line);

  const summary = { rows: rows.length, encoding: parsed.encoding, errors };
  if (errors.length > 0) return { ...summary, created: 0, updated: 0, unchanged: 0 };
  const writes = creates.length + updates.length;
  if (writes > 0) {
    await applyBills(prisma, creates, updates, (done) => opts.onProgress?.({ phase: 'write', done, total: writes }));
  }
  return { ...summary, created: creates.length, updated: updates.length, unchanged };
}

/** One-paragraph zh summary for the console / a staff chat. */
export function formatImportSummary(s: ImportSummary): string {
  if (s.errors.length > 0) {
    const shown = s.errors.slice(0, 50).map((e) => e.message);
    const more = s.errors.length > 50 ? [t('zh-CN', 'fees.import.more', { count: s.errors.length - 50 })] : [];
    return [t('zh-CN', 'fees.import.failed', { count: s.errors.length }), ...shown, ...more].join('\n');
  }
  return t('zh-CN', 'fees.import.done', {
    encoding: s.encoding === 'gbk' ? 'GBK' : 'UTF-8',
    rows: s.rows,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
  });
}
