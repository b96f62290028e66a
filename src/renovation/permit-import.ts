// Permits from the desk's spreadsheet (CSV, UTF-8 or GBK). Every row is checked and every problem is reported with
// its line number; nothing is written unless the whole file is valid (all or nothing, one transaction).
import { z } from 'zod';
import type { NewPermit, RenovationRepository } from '../db/repositories.js';
import { CsvSyntaxError, decodeCsvBuffer, parseCsv } from '../shared/csv.js';
import { isValidDateKey } from '../shared/zoned-time.js';

export const PERMIT_CSV_HEADER = [
  '许可编号',
  '楼栋',
  '单元',
  '房号',
  '业主手机',
  '施工单位',
  '施工负责人电话',
  '施工内容',
  '开工日期',
  '完工日期',
  '押金(元)',
] as const;

const MOBILE = /^1[3-9]\d{9}$/;
const dateKey = z.string().refine(isValidDateKey, '日期应为 YYYY-MM-DD');

const rowSchema = z.object({
  number: z.string().min(1, '许可编号不能为空').max(40),
  building: z.string().min(1, '楼栋不能为空'),
  entrance: z.string(),
  room: z.string().min(1, '房号不能为空'),
  ownerPhone: z.string().regex(MOBILE, '业主手机应为 11 位手机号'),
  contractor: z.string().min(1, '施工单位不能为空'),
  foremanPhone: z.string().regex(MOBILE, '施工负责人电话应为 11 位手机号'),
  scope: z.string().min(1, '施工内容不能为空'),
  startDate: dateKey,
  endDate: dateKey,
  deposit: z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, '押金应为金额，如 2000 或 2000.50'),
});

export type PermitImportResult = { ok: true; imported: number } | { ok: false; errors: string[] };

const toCents = (yuan: string) => {
  const [i, f = ''] = yuan.split('.');
  return Number(i) * 100 + Number(f.padEnd(2, '0'));
};

export async function importPermitsCsv(
  renovation: RenovationRepository,
  estateId: string,
  file: Buffer,
  actor: string,
  now: Date,
): Promise<PermitImportResult> {
  let records;
  try {
    records = parseCsv(decodeCsvBuffer(file));
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { ok: false, errors: [`第${err.line}行：引号没有闭合，文件无法读取。`] };
    throw err;
  }
  const [header, ...rows] = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!header || header.cells.map((c) => c.trim()).join(',') !== PERMIT_CSV_HEADER.join(',')) {
    return { ok: false, errors: [`第${header?.line ?? 1}行：表头应为 ${PERMIT_CSV_HEADER.join(',')}`] };
  }
  if (rows.length === 0) return { ok: false, errors: ['文件里没有许可数据。'] };
  const errors: string[] = [];
  const permits: Array<{ line: number; permit: NewPermit }> = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const c = r.cells.map((x) => x.trim());
    const parsed = rowSchema.safeParse({
      number: c[0] ?? '',
      building: c[1] ?? '',
      entrance: c[2] ?? '',
      room: c[3] ?? '',
      ownerPhone: c[4] ?? '',
      contractor: c[5] ?? '',
      foremanPhone: c[6] ?? '',
      scope: c[7] ?? '',
      startDate: c[8] ?? '',
      endDate: c[9] ?? '',
      deposit: c[10] ?? '',
    });
    if (!parsed.success) {
      errors.push(`第${r.line}行：${parsed.error.issues.map((i) => i.message).join('；')}`);
      continue;
    }
    const v = parsed.data;
    const problems: string[] = [];
    if (v.endDate < v.startDate) problems.push('完工日期不能早于开工日期');
    const dup = seen.get(v.number);
    if (dup !== undefined) problems.push(`许可编号 ${v.number} 与第${dup}行重复`);
    seen.set(v.number, r.line);
    const unitId = await renovation.findUnitId(estateId, v.building, v.entrance, v.room);
    const ownerId = unitId ? await renovation.findUnitOwnerByPhone(unitId, v.ownerPhone) : null;
    if (!unitId) problems.push(`找不到房屋 ${v.building}栋${v.entrance ? `${v.entrance}单元` : ''}${v.room}`);
    else if (!ownerId) problems.push('该手机号不是这套房屋登记的业主');
    if (problems.length) {
      errors.push(`第${r.line}行：${problems.join('；')}`);
      continue;
    }
    permits.push({
      line: r.line,
      permit: {
        estateId,
        number: v.number,
        unitId: unitId ?? '',
        ownerPersonId: ownerId ?? '',
        contractor: v.contractor,
        foremanPhone: v.foremanPhone,
        scope: v.scope,
        startDate: v.startDate,
        endDate: v.endDate,
        depositCents: toCents(v.deposit),
      },
    });
  }
  const existing = await renovation.existingPermitNumbers(
    estateId,
    permits.map((p) => p.permit.number),
  );
  for (const p of permits)
    if (existing.has(p.permit.number)) errors.push(`第${p.line}行：许可编号 ${p.permit.number} 已存在`);
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => lineOf(a) - lineOf(b)) };
  await renovation.importPermits(
    estateId,
    permits.map((p) => p.permit),
    { actor, at: now },
  );
  return { ok: true, imported: permits.length };
}

const lineOf = (msg: string) => Number(/^第(\d+)行/.exec(msg)?.[1] ?? 0);
