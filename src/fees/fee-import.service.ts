// Bill CSV → FeeBill rows of one estate. All-or-nothing: any bad row (format, unknown unit) and nothing is written.
// Re-importing the same file changes nothing; a later file with new 实收 amounts updates what owners owe.
import { t } from '../i18n/index.js';
import fs from 'node:fs';
import { billKey, unitKey } from '../db/fee.repo.js';
import type { BillUpdate, FeeRepository, NewBill, UnitRef } from '../db/repositories.js';
import { CsvSyntaxError, NotUtf8Error, readCsvStream, type CsvEncoding } from '../shared/csv.js';
import { BillCsvReader, type BillImportError, type BillRow } from './bill-import.parser.js';

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Sorted by line; non-empty means nothing was written. At most MAX_ERRORS are kept… */
  errors: BillImportError[];
  /** …and the rest counted here. */
  moreErrors?: number;
  encoding: CsvEncoding;
}

export interface ImportProgress {
  /** check: bytes read of the file; write: rows written of the valid rows. */
  phase: 'check' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
}

/** The file's bytes, readable more than once (checked in one pass, written in a second). */
export interface BillSource {
  size: number;
  open(): AsyncIterable<Uint8Array>;
}

const MAX_ERRORS = 1000;
/** Rows looked up and written together in the write pass. */
const WRITE_BATCH = 2000;

export function bufferSource(buf: Uint8Array): BillSource {
  return {
    size: buf.byteLength,
    async *open() {
      yield buf;
    },
  };
}

export function fileSource(file: string): BillSource {
  return { size: fs.statSync(file).size, open: () => fs.createReadStream(file, { highWaterMark: 1 << 20 }) };
}

export function importBills(
  fees: FeeRepository,
  estateId: string,
  buf: Buffer,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  return importBillSource(fees, estateId, bufferSource(buf), opts);
}

/** Records of the source as the detected encoding; a file that is not UTF-8 is read again as GBK. */
async function* recordsOf(source: BillSource, encoding: CsvEncoding, onBytes?: (n: number) => void) {
  yield* readCsvStream(source.open(), encoding, onBytes);
}

interface CheckResult {
  errors: BillImportError[];
  moreErrors: number;
  valid: number;
  encoding: CsvEncoding;
}

/**
 * Pass 1 — check: every row parsed and its unit looked up while the file streams in; only the duplicate keys and
 * the first errors are held, never the rows. A file that turns out not to be UTF-8 is checked again as GBK.
 */
async function check(
  source: BillSource,
  units: Map<string, UnitRef>,
  opts: ImportOptions,
  encoding: CsvEncoding = 'utf-8',
): Promise<CheckResult> {
  const reader = new BillCsvReader(MAX_ERRORS);
  let valid = 0;
  let read = 0;
  let reported = 0;
  try {
    for await (const rec of recordsOf(source, encoding, (n) => {
      read += n;
      if (read - reported >= 1 << 20) {
        reported = read;
        opts.onProgress?.({ phase: 'check', done: read, total: source.size });
      }
    })) {
      const row = reader.accept(rec);
      if (reader.stopped) break;
      if (!row) continue;
      if (!units.get(unitKey(row.building, row.room))) {
        const line = rec.line;
        reader.failRaw({
          line,
          message: t('zh-CN', 'fees.import.unknownUnit', { line, building: row.building, room: row.room }),
        });
        continue;
      }
      valid++;
    }
  } catch (e) {
    if (e instanceof NotUtf8Error && encoding === 'utf-8') return check(source, units, opts, 'gbk');
    if (!(e instanceof CsvSyntaxError)) throw e;
    reader.failRaw({ line: e.line, message: e.message });
  }
  reader.end();
  opts.onProgress?.({ phase: 'check', done: source.size, total: source.size });
  // Not the reader: its map of every row's key is garbage once the check is over.
  return { errors: reader.errors, moreErrors: reader.moreErrors, valid, encoding };
}

/**
 * A bill file → FeeBill rows of one estate, streamed: pass 1 checks the whole file (nothing is written when any row
 * is bad), pass 2 reads it again and writes it in batches inside one transaction. Memory stays flat in the file's
 * size (a 50 MB file held 1.4 GB when it was read, decoded and kept as rows at once).
 */
export async function importBillSource(
  fees: FeeRepository,
  estateId: string,
  source: BillSource,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const units = await fees.unitIndex(estateId);
  const checked = await check(source, units, opts);
  const { valid, encoding, moreErrors } = checked;
  const errors = [...checked.errors].sort((a, b) => a.line - b.line);
  const summary = { rows: valid, encoding, errors, ...(moreErrors ? { moreErrors } : {}) };
  if (errors.length > 0) return { ...summary, created: 0, updated: 0, unchanged: 0 };

  const counts = await fees.inImportTransaction(async (tx) => {
    const c = { created: 0, updated: 0, unchanged: 0 };
    let done = 0;
    let batch: Array<{ row: BillRow; unit: UnitRef }> = [];
    const flush = async () => {
      const existing = await tx.existing(
        estateId,
        batch.map((b) => ({ unitId: b.unit.unitId, period: b.row.period, feeType: b.row.feeType })),
      );
      const creates: NewBill[] = [];
      const updates: BillUpdate[] = [];
      for (const { row, unit } of batch) {
        const old = existing.get(billKey(unit.unitId, row.period, row.feeType));
        if (!old)
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
        else if (
          old.amountDueCents !== row.amountDueCents ||
          old.amountPaidCents !== row.amountPaidCents ||
          old.dueDate !== row.dueDate
        )
          updates.push({
            id: old.id,
            amountDueCents: row.amountDueCents,
            amountPaidCents: row.amountPaidCents,
            dueDate: row.dueDate,
          });
        else c.unchanged++;
      }
      await tx.write(creates, updates);
      c.created += creates.length;
      c.updated += updates.length;
      done += batch.length;
      batch = [];
      opts.onProgress?.({ phase: 'write', done, total: valid });
    };
    // The same reader rules as pass 1 (which found nothing wrong), so the same rows come out.
    const again = new BillCsvReader(MAX_ERRORS, false);
    for await (const rec of recordsOf(source, encoding)) {
      const row = again.accept(rec);
      const unit = row && units.get(unitKey(row.building, row.room));
      if (!row || !unit) continue;
      batch.push({ row, unit });
      if (batch.length >= WRITE_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return c;
  });
  opts.onProgress?.({ phase: 'write', done: valid, total: valid });
  return { ...summary, ...counts };
}

/** One-paragraph zh summary for the console / a staff chat. */
export function formatImportSummary(s: ImportSummary): string {
  if (s.errors.length > 0) {
    const total = s.errors.length + (s.moreErrors ?? 0);
    const shown = s.errors.slice(0, 50).map((e) => e.message);
    const more = total > 50 ? [t('zh-CN', 'fees.import.more', { count: total - 50 })] : [];
    return [t('zh-CN', 'fees.import.failed', { count: total }), ...shown, ...more].join('\n');
  }
  return t('zh-CN', 'fees.import.done', {
    encoding: s.encoding === 'gbk' ? 'GBK' : 'UTF-8',
    rows: s.rows,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
  });
}
