// FeeBill / FeeNotice / FeeReminderOptOut: the import's all-or-nothing write, arrears reads for the 催缴 campaign,
// owner balances and supervisor reports. The only place fees touch Prisma.
import crypto from 'node:crypto';
import type { Prisma as PrismaNs } from '../generated/sqlite/client.js';
import type { FeeType } from './enums.js';
import { unitLabel } from '../shared/unit-label.js';
import type { Notice, OutboundMessage } from '../shared/outbound-message.js';
import { outboxStoreOf, type NoticeWriter } from './outbox-store.js';
import { type Prisma, isPostgres } from './client.js';
import { driverStatements, statementRows, type Statement } from './driver-statements.js';

type Tx = PrismaNs.TransactionClient;

const BATCH = 1000;
// A 100k-row import is one transaction: give it minutes, not Prisma's 5 s default.
const LONG_TX = { timeout: 10 * 60_000, maxWait: 30_000 };

/** "1栋", "1幢", "1号楼", "１ 栋" → "1": the billing system's building names vs ours. */
export function normalizeBuilding(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(号楼|栋|幢|楼)$/, '');
}

/** "1单元201", "1-201", "201" → lookup keys of a unit; same normalisation for the CSV side and ours. */
export function normalizeRoom(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/室$/, '');
}

export interface UnitRef {
  unitId: string;
  buildingId: string;
}

/** building|room → unit, every spelling we accept ("2栋" + "1单元201" / "1-201"; "201" only when unambiguous). */
export async function unitIndex(prisma: Prisma, estateId: string): Promise<Map<string, UnitRef>> {
  const units = await prisma.unit.findMany({
    where: { building: { estateId } },
    select: { id: true, room: true, entrance: true, buildingId: true, building: { select: { name: true } } },
  });
  const index = new Map<string, UnitRef>();
  const ambiguous = new Set<string>();
  const put = (key: string, ref: UnitRef, weak: boolean) => {
    if (weak && index.has(key) && index.get(key)?.unitId !== ref.unitId) ambiguous.add(key);
    if (!index.has(key)) index.set(key, ref);
  };
  for (const u of units) {
    const b = normalizeBuilding(u.building.name);
    const ref = { unitId: u.id, buildingId: u.buildingId };
    const room = normalizeRoom(u.room);
    if (u.entrance) {
      put(`${b}|${u.entrance}单元${room}`, ref, false);
      put(`${b}|${u.entrance}-${room}`, ref, false);
      put(`${b}|${room}`, ref, true);
    } else put(`${b}|${room}`, ref, false);
  }
  for (const k of ambiguous) index.delete(k);
  return index;
}

export function unitKey(building: string, room: string): string {
  return `${normalizeBuilding(building)}|${normalizeRoom(room)}`;
}

export interface ExistingBill {
  id: string;
  amountDueCents: number;
  amountPaidCents: number;
  dueDate: string;
}

export const billKey = (unitId: string, period: string, feeType: string) => `${unitId}\u0000${period}\u0000${feeType}`;

export async function existingBills(prisma: Prisma, estateId: string): Promise<Map<string, ExistingBill>> {
  const rows = await prisma.feeBill.findMany({
    where: { estateId },
    select: EXISTING_BILL_SELECT,
  });
  return new Map(rows.map((r) => [billKey(r.unitId, r.period, r.feeType), r]));
}

export interface NewBill {
  estateId: string;
  buildingId: string;
  unitId: string;
  period: string;
  feeType: FeeType;
  amountDueCents: number;
  amountPaidCents: number;
  dueDate: string;
}

export interface BillUpdate {
  id: string;
  amountDueCents: number;
  amountPaidCents: number;
  dueDate: string;
}

const outstanding = (due: number, paid: number) => Math.max(0, due - paid);

const BILL_COLUMNS = [
  'id',
  'estateId',
  'buildingId',
  'unitId',
  'period',
  'feeType',
  'amountDueCents',
  'amountPaidCents',
  'outstandingCents',
  'dueDate',
];

/** One multi-row INSERT (only text and integer columns, so the SQL is the same on both databases but placeholders). */
async function insertBillBatch(tx: Tx, batch: readonly NewBill[]): Promise<void> {
  if (batch.length === 0) return;
  const pg = isPostgres(tx);
  const params: (string | number)[] = [];
  const tuples = batch.map((b) => {
    const values = [
      crypto.randomUUID(),
      b.estateId,
      b.buildingId,
      b.unitId,
      b.period,
      b.feeType,
      b.amountDueCents,
      b.amountPaidCents,
      outstanding(b.amountDueCents, b.amountPaidCents),
      b.dueDate,
    ];
    const marks = values.map((v) => {
      params.push(v);
      return pg ? `$${params.length}` : '?';
    });
    return `(${marks.join(', ')})`;
  });
  const cols = BILL_COLUMNS.map((c) => `"${c}"`).join(', ');
  await tx.$executeRawUnsafe(`INSERT INTO "FeeBill" (${cols}) VALUES ${tuples.join(', ')}`, ...params);
}

/** One UPDATE for many bills: `SET col = CASE id WHEN … THEN … END`, the same SQL on both databases but placeholders. */
async function updateBillBatch(tx: Tx, batch: readonly BillUpdate[]): Promise<void> {
  if (batch.length === 0) return;
  const pg = isPostgres(tx);
  const params: (string | number)[] = [];
  const mark = (v: string | number, cast: 'int' | 'text') => {
    params.push(v);
    return pg ? `$${params.length}::${cast}` : '?';
  };
  const column = (name: string, cast: 'int' | 'text', value: (u: BillUpdate) => string | number) =>
    `"${name}" = CASE "id" ${batch.map((u) => `WHEN ${mark(u.id, 'text')} THEN ${mark(value(u), cast)}`).join(' ')} END`;
  const sets = [
    column('amountDueCents', 'int', (u) => u.amountDueCents),
    column('amountPaidCents', 'int', (u) => u.amountPaidCents),
    column('outstandingCents', 'int', (u) => outstanding(u.amountDueCents, u.amountPaidCents)),
    column('dueDate', 'text', (u) => u.dueDate),
  ];
  const ids = batch.map((u) => mark(u.id, 'text')).join(', ');
  await tx.$executeRawUnsafe(`UPDATE "FeeBill" SET ${sets.join(', ')} WHERE "id" IN (${ids})`, ...params);
}

/** One transaction: either every row of the file is in, or none (a failure rolls all batches back). */
export async function applyBills(
  prisma: Prisma,
  creates: readonly NewBill[],
  updates: readonly BillUpdate[],
  onProgress?: (done: number) => void,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    let done = 0;
    for (let i = 0; i < creates.length; i += BATCH) {
      const batch = creates.slice(i, i + BATCH);
      await insertBillBatch(tx, batch);
      done += batch.length;
      onProgress?.(done);
    }
    // A month's payments change most bills: update them BATCH at a time, not one round trip each.
    for (let i = 0; i < updates.length; i += BATCH) {
      const batch = updates.slice(i, i + BATCH);
      await updateBillBatch(tx, batch);
      done += batch.length;
      onProgress?.(done);
    }
    onProgress?.(done);
  }, LONG_TX);
}

const billSelect = {
  unitId: true,
  period: true,
  feeType: true,
  amountDueCents: true,
  amountPaidCents: true,
  dueDate: true,
} as const;

/** What the import compares a row against (whole-estate and batched lookups): a bill's columns and its id. */
const EXISTING_BILL_SELECT = { id: true, ...billSelect } as const;

/** A unit's bill as 物业费 reads it. */
export interface UnitBill {
  unitId: string;
  period: string;
  feeType: string;
  amountDueCents: number;
  amountPaidCents: number;
  dueDate: string;
}

/**
 * The bills of an owner's units, oldest due first. Every 物业费 question reads it, so for the few units an owner has
 * it is a statement prepared on the driver (the SELECT Prisma's findMany sends, ≈ 2 ms of CPU less, #15).
 */
export async function billsOfUnits(prisma: Prisma, unitIds: readonly string[]): Promise<UnitBill[]> {
  const statements = driverStatements(prisma);
  if (statements && unitIds.length > 0 && unitIds.length <= MAX_PREPARED_UNITS) {
    // Prisma's SQLite connection reads integers as BigInt.
    type Row = Omit<UnitBill, 'amountDueCents' | 'amountPaidCents'> & {
      amountDueCents: number | bigint;
      amountPaidCents: number | bigint;
    };
    const rows = await statements.all<Row>(billsOfUnitsStatement(unitIds.length), [...unitIds]);
    return rows.map((r) => ({
      ...r,
      amountDueCents: Number(r.amountDueCents),
      amountPaidCents: Number(r.amountPaidCents),
    }));
  }
  return prisma.feeBill.findMany({
    where: { unitId: { in: [...unitIds] } },
    select: billSelect,
    orderBy: [{ dueDate: 'asc' }, { period: 'asc' }],
  });
}

const MAX_PREPARED_UNITS = 8;
const billsStatements = new Map<number, Statement>();

/** One prepared statement per number of units (an owner has one or two). */
function billsOfUnitsStatement(n: number): Statement {
  let s = billsStatements.get(n);
  if (!s) {
    const list = (p: (i: number) => string) => Array.from({ length: n }, (_, i) => p(i)).join(', ');
    const select = `SELECT "unitId", "period", "feeType", "amountDueCents", "amountPaidCents", "dueDate" FROM "FeeBill"`;
    const order = `ORDER BY "dueDate" ASC, "period" ASC`;
    s = {
      name: `fee.bills-of-units.${n}`,
      sqlite: `${select} WHERE "unitId" IN (${list(() => '?')}) ${order}`,
      postgresql: `${select} WHERE "unitId" IN (${list((i) => `$${i + 1}`)}) ${order}`,
    };
    billsStatements.set(n, s);
  }
  return s;
}

// ---- 催缴 campaign reads ----

export interface UnitOwnerRow {
  unitId: string;
  personId: string;
  unitLabel: string;
}

export interface ArrearsBillRow {
  unitId: string;
  period: string;
  feeType: string;
  dueDate: string;
  outstandingCents: number;
}

// ---- 催缴 reads on the driver (see driver-statements.ts): 100k rows through Prisma cost ≈ 0.4 s of CPU and much
// garbage; one prepared statement returns the same rows in a fraction of that. Same SQL and order as the Prisma
// path, which a transaction client (no driver statements) still takes.
const ARREARS_BILLS: Statement = {
  name: 'fee_arrears_bills',
  sqlite: `SELECT "unitId", "period", "feeType", "dueDate", "outstandingCents" FROM "FeeBill"
           WHERE "estateId" = ? AND "outstandingCents" > 0 AND "dueDate" <= ?`,
  postgresql: `SELECT "unitId", "period", "feeType", "dueDate", "outstandingCents" FROM "FeeBill"
               WHERE "estateId" = $1 AND "outstandingCents" > 0 AND "dueDate" <= $2`,
};

// The label is unitLabel() (src/shared/unit-label.ts) in SQL: 3栋2单元1201, or 3栋1201 without 单元 — one string
// per row from the driver instead of three plus a JS-built one.
const ESTATE_OWNERS_SQL = (p1: string) => `
    SELECT m."unitId" AS "unitId", m."personId" AS "personId",
           b."name" || '栋' || CASE WHEN u."entrance" = '' THEN '' ELSE u."entrance" || '单元' END || u."room"
             AS "unitLabel"
    FROM "UnitMembership" m
    JOIN "Unit" u ON u."id" = m."unitId"
    JOIN "Building" b ON b."id" = u."buildingId"
    WHERE m."role" = 'OWNER' AND b."estateId" = ${p1}`;
const ESTATE_OWNERS: Statement = {
  name: 'fee_estate_owners',
  sqlite: ESTATE_OWNERS_SQL('?'),
  postgresql: ESTATE_OWNERS_SQL('$1'),
};

/** Outstanding bills of an estate due on or before `dueOnOrBefore` (the earliest reminder is before the due date). */
export async function arrearsBills(prisma: Prisma, estateId: string, dueOnOrBefore: string): Promise<ArrearsBillRow[]> {
  const statements = driverStatements(prisma);
  if (statements) {
    // Prisma's better-sqlite3 connection reads integers as BigInt: to numbers in place (cents are safe integers).
    const rows = await statements.all<ArrearsBillRow>(ARREARS_BILLS, [estateId, dueOnOrBefore]);
    for (const r of rows) if (typeof r.outstandingCents !== 'number') r.outstandingCents = Number(r.outstandingCents);
    return rows;
  }
  return prisma.feeBill.findMany({
    where: { estateId, outstandingCents: { gt: 0 }, dueDate: { lte: dueOnOrBefore } },
    select: { unitId: true, period: true, feeType: true, dueDate: true, outstandingCents: true },
  });
}

/**
 * Owners (not family/tenants: the bill is the owner's) of every unit of an estate, with the unit label. One join in
 * SQL: Prisma's nested select ran three queries and stitched 100k rows in JS (1.3 s of the 3.2 s 催缴 planning for
 * 100k units on SQLite). The same statement on both databases ('OWNER' as a literal so PostgreSQL casts it to the enum),
 * prepared on the driver outside a transaction.
 */
export async function estateOwners(prisma: Prisma, estateId: string): Promise<UnitOwnerRow[]> {
  return statementRows<UnitOwnerRow>(prisma, ESTATE_OWNERS, [estateId]);
}

export async function feeOptOuts(prisma: Prisma): Promise<Set<string>> {
  return new Set((await prisma.feeReminderOptOut.findMany({ select: { personId: true } })).map((r) => r.personId));
}

/** Latest reminder instant per person (any estate: the limit is per owner), since `since`. */
export async function lastReminders(prisma: Prisma, since: Date): Promise<Map<string, Date>> {
  const rows = await prisma.feeNotice.groupBy({
    by: ['personId'],
    where: { createdAt: { gte: since } },
    _max: { createdAt: true },
  });
  const out = new Map<string, Date>();
  for (const r of rows) if (r._max.createdAt) out.set(r.personId, r._max.createdAt);
  return out;
}

/** `${dedupeKey}|${personId}` of every notice already recorded for due dates ≥ `fromDueDate`. */
export async function sentNoticeKeys(prisma: Prisma, estateId: string, fromDueDate: string): Promise<Set<string>> {
  const rows = await prisma.feeNotice.findMany({
    where: { estateId, dueDate: { gte: fromDueDate } },
    select: { outboxDedupeKey: true, personId: true },
  });
  return new Set(rows.map((r) => `${r.outboxDedupeKey}|${r.personId}`));
}

export interface NoticeItem {
  unitId: string;
  dueDate: string;
  stage: string;
  amountCents: number;
  summary: string;
  dedupeKey: string;
}

/** One 催缴 reminder to a person: the bills it names and its message (outbox dedupe key). */
export interface FeeReminder {
  estateId: string;
  personId: string;
  items: readonly NoticeItem[];
  message: Notice['message'];
  dedupeKey: string;
  at: Date;
  notBefore?: Date;
}

/**
 * The notice records and the outbox rows in one transaction: a crash leaves both or neither, so a rerun plans the
 * same reminder again (nothing recorded) or skips it (recorded). Returns false when it was already recorded.
 */
export async function recordFeeReminder(prisma: Prisma, writer: NoticeWriter, r: FeeReminder): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.feeNotice.findMany({
      where: { personId: r.personId, outboxDedupeKey: { in: r.items.map((i) => i.dedupeKey) } },
      select: { outboxDedupeKey: true },
    });
    const have = new Set(existing.map((e) => e.outboxDedupeKey));
    const fresh = r.items.filter((i) => !have.has(i.dedupeKey));
    if (fresh.length === 0) return false;
    await tx.feeNotice.createMany({
      data: fresh.map((i) => ({
        estateId: r.estateId,
        unitId: i.unitId,
        personId: r.personId,
        dueDate: i.dueDate,
        stage: i.stage,
        amountCents: i.amountCents,
        summary: i.summary,
        outboxDedupeKey: i.dedupeKey,
        createdAt: r.at,
      })),
    });
    await writer.person(outboxStoreOf(tx), r.personId, {
      kind: 'reminder',
      message: r.message,
      dedupeKey: r.dedupeKey,
      at: r.at,
      ...(r.notBefore ? { notBefore: r.notBefore } : {}),
    });
    return true;
  });
}

export function feeNoticesOf(prisma: Prisma, estateId: string) {
  return prisma.feeNotice.findMany({ where: { estateId }, orderBy: [{ createdAt: 'asc' }, { unitId: 'asc' }] });
}

// ---- opt-out ----

export async function isFeeOptedOut(prisma: Prisma, personId: string): Promise<boolean> {
  return (await prisma.feeReminderOptOut.count({ where: { personId } })) > 0;
}

/** Records the opt-out and tells the assistants' group in the same transaction; false if already opted out. */
export async function setFeeOptOut(
  prisma: Prisma,
  writer: NoticeWriter,
  o: { personId: string; estateId: string; at: Date; staffMessage: OutboundMessage },
): Promise<boolean> {
  return prisma.$transaction(async (tx: Tx) => {
    if ((await tx.feeReminderOptOut.count({ where: { personId: o.personId } })) > 0) return false;
    await tx.feeReminderOptOut.create({ data: { personId: o.personId, at: o.at } });
    await writer.staffGroup(outboxStoreOf(tx), o.estateId, 'ASSISTANT', {
      kind: 'notice',
      message: o.staffMessage,
      dedupeKey: `fee-optout:${o.personId}:${o.at.toISOString()}`,
      at: o.at,
    });
    return true;
  });
}

export async function clearFeeOptOut(prisma: Prisma, personId: string): Promise<boolean> {
  return (await prisma.feeReminderOptOut.deleteMany({ where: { personId } })).count > 0;
}

// ---- supervisor reports ----

export function buildingsOf(prisma: Prisma, estateId: string) {
  return prisma.building.findMany({ where: { estateId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/** Σ due and Σ outstanding per building and period; paid capped at due = due − outstanding. */
export async function collectionTotals(
  prisma: Prisma,
  estateId: string,
  f: { buildingId?: string; period?: string; dueBy: string },
) {
  const rows = await prisma.feeBill.groupBy({
    by: ['buildingId', 'period'],
    where: {
      estateId,
      // 收缴率 = 实收 / 应收 of bills already due (dueDate ≤ the estate's local today): not-yet-due bills are not 应收.
      dueDate: { lte: f.dueBy },
      ...(f.buildingId ? { buildingId: f.buildingId } : {}),
      ...(f.period ? { period: f.period } : {}),
    },
    _sum: { amountDueCents: true, outstandingCents: true },
  });
  return rows.map((r) => ({
    buildingId: r.buildingId,
    period: r.period,
    dueCents: r._sum.amountDueCents ?? 0,
    outstandingCents: r._sum.outstandingCents ?? 0,
  }));
}

/** Units with the largest outstanding sums (overdue as of `today`), with their owners' names and phones. */
export async function largestArrears(
  prisma: Prisma,
  estateId: string,
  f: { buildingId?: string; today: string; take: number },
) {
  const rows = await prisma.feeBill.groupBy({
    by: ['unitId'],
    where: {
      estateId,
      outstandingCents: { gt: 0 },
      dueDate: { lt: f.today },
      ...(f.buildingId ? { buildingId: f.buildingId } : {}),
    },
    _sum: { outstandingCents: true },
    _min: { dueDate: true },
    orderBy: { _sum: { outstandingCents: 'desc' } },
    take: f.take,
  });
  const units = await prisma.unit.findMany({
    where: { id: { in: rows.map((r) => r.unitId) } },
    select: {
      id: true,
      entrance: true,
      room: true,
      building: { select: { name: true } },
      memberships: { where: { role: 'OWNER' }, select: { person: { select: { name: true, phone: true } } } },
    },
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  return rows.map((r) => {
    const u = byId.get(r.unitId);
    return {
      unitId: r.unitId,
      label: u ? unitLabel(u.building.name, u.entrance, u.room) : r.unitId,
      outstandingCents: r._sum.outstandingCents ?? 0,
      oldestDueDate: r._min.dueDate ?? '',
      owners: u ? u.memberships.map((m) => ({ name: m.person.name, phone: m.person.phone })) : [],
    };
  });
}

/** Estates with what the campaign and texts need. */
export function estatesForFees(prisma: Prisma) {
  return prisma.estate.findMany({
    select: { id: true, name: true, deskPhone: true, timezone: true, settings: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** The estate for a back-office import: by code, or the first one (single-estate installs). */
export function estateForImport(prisma: Prisma, code: string | undefined) {
  return code
    ? prisma.estate.findUnique({ where: { code }, select: { id: true, code: true, name: true } })
    : prisma.estate.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true, code: true, name: true } });
}

/** The stored bills among a batch of (unit, period, fee type) keys, by billKey. */
export async function existingBillsFor(
  tx: Tx,
  estateId: string,
  keys: ReadonlyArray<{ unitId: string; period: string; feeType: string }>,
): Promise<Map<string, ExistingBill>> {
  const found = new Map<string, ExistingBill>();
  if (keys.length === 0) return found;
  const unitIds = [...new Set(keys.map((k) => k.unitId))];
  const periods = [...new Set(keys.map((k) => k.period))];
  const feeTypes = [...new Set(keys.map((k) => k.feeType))];
  // Prisma's SQLite client refuses queries with more than 999 parameters (P2029): units in slices.
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await tx.feeBill.findMany({
      where: {
        estateId,
        unitId: { in: unitIds.slice(i, i + 500) },
        // A batch over very many periods is filtered by unit alone (still correct, a few more rows read).
        ...(periods.length <= 300 ? { period: { in: periods } } : {}),
        feeType: { in: feeTypes },
      },
      select: EXISTING_BILL_SELECT,
    });
    for (const r of rows) found.set(billKey(r.unitId, r.period, r.feeType), r);
  }
  return found;
}

/** One batch of a streamed import, inside the import's transaction. */
export async function writeBillBatch(tx: Tx, creates: readonly NewBill[], updates: readonly BillUpdate[]) {
  for (let i = 0; i < creates.length; i += BATCH) await insertBillBatch(tx, creates.slice(i, i + BATCH));
  for (let i = 0; i < updates.length; i += BATCH) await updateBillBatch(tx, updates.slice(i, i + BATCH));
}

/** The whole streamed import in one transaction: either every row of the file is in, or none. */
export function inBillTransaction<T>(prisma: Prisma, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(fn, LONG_TX);
}
