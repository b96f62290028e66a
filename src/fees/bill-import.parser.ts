// Bill CSV upload from the finance system / Excel: bytes → validated BillRow[] plus every problem with its 第N行.
//
// All-or-nothing: the caller imports NOTHING when errors.length > 0, so staff fix the file and upload it again rather
// than chase which half of it went in. That is why every bad row is reported in one pass instead of stopping early.
import { t } from '../i18n/index.js';
import { z } from 'zod';
import { CsvSyntaxError, decodeCsv, readCsv, type CsvEncoding, type CsvRecord } from '../shared/csv.js';
import { isValidDateKey } from '../shared/zoned-time.js';
import { FEE_TYPES, FEE_TYPE_LABELS, type Bill, type FeeType } from './fee.rules.js';

export interface BillRow extends Bill {
  building: string;
  room: string;
}

export interface BillImportError {
  line: number;
  message: string;
}

export interface BillImportResult {
  rows: BillRow[];
  /** Physical line of each row (same index as `rows`), for errors found later such as an unknown unit. */
  lines: number[];
  errors: BillImportError[];
  encoding: CsvEncoding;
}

type Field = keyof BillRow;

/** zh label used in messages, whether the file's header was Chinese or English. */
const fieldLabel = (field: Field): string => t('zh-CN', `fees.import.field.${field}`);

const HEADER_ALIASES: Record<Field, readonly string[]> = {
  building: ['楼栋', '楼号', 'building'],
  room: ['房号', '单元房号', '房间号', 'room'],
  period: ['账期', '期间', 'period'],
  feeType: ['费用类型', '费项', 'fee_type', 'feetype'],
  amountDueCents: ['应收', '应收金额', 'amount_due', 'amountdue'],
  amountPaidCents: ['实收', '实收金额', '已缴', '已缴金额', 'amount_paid', 'amountpaid'],
  dueDate: ['到期日', '缴费截止日', 'due_date', 'duedate'],
};
const FIELDS: Field[] = ['building', 'room', 'period', 'feeType', 'amountDueCents', 'amountPaidCents', 'dueDate'];
const OPTIONAL_FIELDS: ReadonlySet<Field> = new Set<Field>(['amountPaidCents']);

const HEADER_TO_FIELD = new Map<string, Field>(
  (Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]).flatMap(([f, names]) =>
    names.map((n) => [n, f] as [string, Field]),
  ),
);

/** "应收金额（元）", " Amount Due " → lookup key; the unit suffix is decoration Excel templates often add. */
function headerKey(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/\((元|人民币|rmb|cny)\)$/i, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const FEE_TYPE_ALIASES = new Map<string, FeeType>([
  ['物业管理费', 'PROPERTY'],
  ['物业费', 'PROPERTY'],
  ['物业服务费', 'PROPERTY'],
  ['水费', 'WATER'],
  ['电费', 'ELECTRICITY'],
  ['停车费', 'PARKING'],
  ['其他', 'OTHER'],
  ['其它', 'OTHER'],
  ...FEE_TYPES.map((t) => [t.toLowerCase(), t] as [string, FeeType]),
]);

export function parseFeeType(raw: string): FeeType | null {
  return FEE_TYPE_ALIASES.get(raw.normalize('NFKC').trim().toLowerCase()) ?? null;
}

// NFKC first: full-width digits, "，" and "￥" (U+FFE5 → ¥) from Chinese input methods become ASCII.
const PLAIN_AMOUNT = /^(\d+)(?:\.(\d*))?$/;
const GROUPED_AMOUNT = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

export type AmountResult = { ok: true; cents: number } | { ok: false; reason: string };

/**
 * "1,234.50", "¥1234.5", "￥80", "80元", " 12.3 " → cents, from the digits of the string (never float × 100, which turns
 * 1.15 into 114.99999). Negative, more than two decimals or badly placed thousands separators are refused.
 */
export function parseAmountCents(raw: string): AmountResult {
  let s = raw.normalize('NFKC').trim();
  if (s.startsWith('-')) return { ok: false, reason: t('zh-CN', 'fees.import.amount.negative') };
  s = s.replace(/^¥\s*/, '').replace(/\s*元$/, '');
  const m = PLAIN_AMOUNT.exec(s) ?? GROUPED_AMOUNT.exec(s);
  if (!m) return { ok: false, reason: t('zh-CN', 'fees.import.amount.invalid') };
  const intPart = (m[1] ?? '').replace(/,/g, '');
  const frac = m[2] ?? '';
  if (frac.length > 2) return { ok: false, reason: t('zh-CN', 'fees.import.amount.decimals') };
  const cents = Number(intPart) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > 100_000_000_000)
    return { ok: false, reason: t('zh-CN', 'fees.import.amount.tooLarge') };
  return { ok: true, cents };
}

const PERIOD_PATTERNS = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})(\d{2})$/, /^(\d{4})年(\d{1,2})月?$/];
const DATE_PATTERNS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/** The numbers of the first pattern `raw` (NFKC, spaces removed) matches, when its year is in 2000–2099. */
function datePartsOf(raw: string, patterns: readonly RegExp[]): number[] | null {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  for (const re of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const parts = m.slice(1).map(Number);
    const y = parts[0] ?? 0;
    return y >= 2000 && y <= 2099 ? parts : null;
  }
  return null;
}

const pad2 = (n: number | undefined) => String(n ?? 0).padStart(2, '0');

/** "2026-11", "2026/11", "202611", "2026年11月" → "2026-11"; null if not a real month. */
export function parsePeriod(raw: string): string | null {
  const p = datePartsOf(raw, PERIOD_PATTERNS);
  const mo = p?.[1] ?? 0;
  return p && mo >= 1 && mo <= 12 ? `${p[0]}-${pad2(mo)}` : null;
}

/** "2026-11-30", "2026/11/30", "2026年11月30日" → "2026-11-30"; null if not a calendar date (2026-02-30). */
export function parseDate(raw: string): string | null {
  const p = datePartsOf(raw, DATE_PATTERNS);
  const key = p ? `${p[0]}-${pad2(p[1])}-${pad2(p[2])}` : null;
  return key !== null && isValidDateKey(key) ? key : null;
}

// Messages quote the original cell (trimmed, shortened) so staff can find it in Excel.
function quoted(v: string): string {
  const s = v.trim();
  return t('zh-CN', 'fees.import.quoted', { text: s.length > 20 ? `${s.slice(0, 20)}…` : s });
}

function textCell(field: Field) {
  return z.string().transform((v, ctx) => {
    const s = v.normalize('NFKC').trim();
    if (s === '') {
      ctx.addIssue({ code: 'custom', message: t('zh-CN', 'fees.import.empty', { field: fieldLabel(field) }) });
      return z.NEVER;
    }
    if (s.length > 32) {
      ctx.addIssue({
        code: 'custom',
        message: t('zh-CN', 'fees.import.tooLong', { field: fieldLabel(field), cell: quoted(s) }),
      });
      return z.NEVER;
    }
    return s;
  });
}

function parsedCell<T>(field: Field, parse: (s: string) => T | null, what: string) {
  return z.string().transform((v, ctx): T => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: t('zh-CN', 'fees.import.empty', { field: fieldLabel(field) }) });
      return z.NEVER;
    }
    const out = parse(v);
    if (out === null) {
      ctx.addIssue({
        code: 'custom',
        message: t('zh-CN', 'fees.import.invalid', { field: fieldLabel(field), cell: quoted(v), reason: what }),
      });
      return z.NEVER;
    }
    return out;
  });
}

function amountCell(field: Field, optional: boolean) {
  return z.string().transform((v, ctx): number => {
    if (v.trim() === '') {
      if (optional) return 0;
      ctx.addIssue({ code: 'custom', message: t('zh-CN', 'fees.import.empty', { field: fieldLabel(field) }) });
      return z.NEVER;
    }
    const r = parseAmountCents(v);
    if (!r.ok) {
      ctx.addIssue({
        code: 'custom',
        message: t('zh-CN', 'fees.import.invalid', { field: fieldLabel(field), cell: quoted(v), reason: r.reason }),
      });
      return z.NEVER;
    }
    return r.cents;
  });
}

// Paid > due is accepted: owners prepay or round up (e.g. pay ¥500 on a ¥486.40 bill) and finance exports record what
// was actually received. billOutstanding() treats the excess as credit (never negative debt), and collectionRate's
// caller caps paid at due per bill, so rejecting it would only block honest files.
const billRowSchema = z.object({
  building: textCell('building'),
  room: textCell('room'),
  period: parsedCell('period', parsePeriod, t('zh-CN', 'fees.import.badPeriod')),
  feeType: parsedCell(
    'feeType',
    parseFeeType,
    t('zh-CN', 'fees.import.badFeeType', { types: Object.values(FEE_TYPE_LABELS).join('、') }),
  ),
  amountDueCents: amountCell('amountDueCents', false),
  amountPaidCents: amountCell('amountPaidCents', true),
  dueDate: parsedCell('dueDate', parseDate, t('zh-CN', 'fees.import.badDate')),
}) satisfies z.ZodType<BillRow, Record<Field, string>>;

/**
 * Reads bill records one at a time (the header first), so a file can be checked as it streams in: each `accept`
 * returns the row or null (blank line, header, bad row — the problem is in `errors`). Duplicate rows are found
 * across the whole file; `stopped` is set when the header makes every data row fail the same way.
 */
export class BillCsvReader {
  readonly errors: BillImportError[] = [];
  /** Errors past `maxErrors` are counted, not kept (a wrong 50 MB file must not hold a million messages). */
  moreErrors = 0;
  stopped = false;
  private columns: Map<Field, number> | null = null;
  private readonly firstLineOfKey = new Map<string, number>();

  constructor(
    private readonly maxErrors = Number.POSITIVE_INFINITY,
    /** false: a second pass over a file already checked (the key map is the reader's one big memory cost). */
    private readonly findDuplicates = true,
  ) {}

  fail(line: number, message: string): void {
    if (this.errors.length >= this.maxErrors) this.moreErrors++;
    else this.errors.push({ line, message: t('zh-CN', 'fees.import.line', { line, message }) });
  }

  /** A problem that already carries its line (a CSV syntax error). */
  failRaw(e: BillImportError): void {
    if (this.errors.length >= this.maxErrors) this.moreErrors++;
    else this.errors.push(e);
  }

  accept(rec: CsvRecord): BillRow | null {
    if (this.stopped) return null;
    if (rec.cells.every((c) => c.trim() === '')) return null; // blank lines / ",,,," rows Excel leaves behind
    if (this.columns === null) {
      this.readHeader(rec);
      return null;
    }
    const input = {} as Record<Field, string>;
    for (const f of FIELDS) {
      const idx = this.columns.get(f);
      input[f] = idx === undefined ? '' : (rec.cells[idx] ?? '');
    }
    const parsed = billRowSchema.safeParse(input);
    if (!parsed.success) {
      this.fail(rec.line, parsed.error.issues.map((i) => i.message).join(t('zh-CN', 'fees.import.issueSep')));
      return null;
    }
    const row = parsed.data;
    if (!this.findDuplicates) return row;
    const key = `${row.building}\u0000${row.room}\u0000${row.period}\u0000${row.feeType}`;
    const firstLine = this.firstLineOfKey.get(key);
    if (firstLine !== undefined) {
      this.fail(
        rec.line,
        t('zh-CN', 'fees.import.duplicateRow', {
          line: firstLine,
          building: quoted(row.building),
          room: quoted(row.room),
          period: row.period,
          feeType: FEE_TYPE_LABELS[row.feeType],
        }),
      );
      return null;
    }
    this.firstLineOfKey.set(key, rec.line);
    return row;
  }

  /** After the last record: a file without a header is an error. */
  end(): void {
    if (this.columns === null) this.fail(1, t('zh-CN', 'fees.import.noHeader'));
  }

  private readHeader(rec: CsvRecord): void {
    const columns = new Map<Field, number>();
    this.columns = columns;
    const seen = new Map<Field, string>();
    let broken = false;
    for (const [idx, cell] of rec.cells.entries()) {
      const field = HEADER_TO_FIELD.get(headerKey(cell));
      if (!field) continue; // extra columns (备注, 业主姓名…) are ignored
      const prev = seen.get(field);
      if (prev !== undefined) {
        this.fail(
          rec.line,
          t('zh-CN', 'fees.import.duplicateColumn', { first: prev, second: cell.trim(), field: fieldLabel(field) }),
        );
        broken = true;
      }
      seen.set(field, cell.trim());
      columns.set(field, idx);
    }
    const missing = FIELDS.filter((f) => !columns.has(f) && !OPTIONAL_FIELDS.has(f));
    if (missing.length > 0) {
      this.fail(rec.line, t('zh-CN', 'fees.import.missingColumns', { fields: missing.map(fieldLabel).join('、') }));
      broken = true;
    }
    this.stopped = broken; // every data row would fail the same way
  }
}

export function parseBillCsv(buf: Buffer): BillImportResult {
  const { text, encoding } = decodeCsv(buf);
  const rows: BillRow[] = [];
  const lines: number[] = [];
  const reader = new BillCsvReader();
  try {
    for (const rec of readCsv(text)) {
      const row = reader.accept(rec);
      if (reader.stopped) break;
      if (row) {
        rows.push(row);
        lines.push(rec.line);
      }
    }
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    reader.failRaw({ line: e.line, message: e.message });
  }
  reader.end();
  return { rows, lines, errors: reader.errors, encoding };
}
