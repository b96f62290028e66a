// 公告, owner groups and 建议 (issue #20). The fan-out is one INSERT … SELECT per notice: every bound chat account of
// the audience becomes an outbox row inside the database, never one statement per owner (100k owners: see
// `npm run bench -- notices`). Raw SQL for the two dialects lives here only.
import type { Prisma as PrismaNs } from '../generated/sqlite/client.js';
import { type Prisma, isPostgres } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import { sqliteTimestamp } from './driver-statements.js';

export type Db = Prisma | PrismaNs.TransactionClient;

export const AUDIENCES = ['all', 'buildings', 'arrearsOnly', 'arrearsExcluded'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface AudienceFilter {
  estateId: string;
  audience: Audience;
  /** Building names (audience = buildings). */
  buildings: readonly string[];
  /** Estate-local YYYY-MM-DD: a unit is in arrears when a bill due on or before it is still outstanding. */
  today: string;
  /**
   * How each registered channel addresses a chat account (the channel registry's `identityAddressRules()`): accounts
   * of a channel not listed, or unreachable by their rule, get no row.
   */
  addressing: readonly AddressRule[];
  /** Channels whose accounts are reached through owner groups instead (not privately): WeChat personal accounts. */
  excludeChannels: readonly string[];
}

/** One channel's address of a chat account: `prefix + externalId`, or its stored conversation reference. */
export interface AddressRule {
  /** The outbox channel id. */
  channel: string;
  /** Accounts stored under the connector's own channel ids (Bot Framework), i.e. under none of the others' ids. */
  hosted: boolean;
  from: 'externalId' | 'conversationRef';
  prefix: string;
}

type Mark = (v: unknown) => string;

function marker(db: Db, params: unknown[]): Mark {
  const pg = isPostgres(db);
  return (v) => {
    params.push(v);
    return pg ? `$${params.length}::text` : '?';
  };
}

/** `ci."channel" IN (…)` over the given ids; null for none (SQL has no empty list). */
function channelIn(mark: Mark, ids: readonly string[]): string | null {
  return ids.length ? `ci."channel" IN (${ids.map((id) => mark(id)).join(', ')})` : null;
}

function ownRules(f: AudienceFilter) {
  return f.addressing.filter((r) => !r.hosted);
}

function hostedRule(f: AudienceFilter) {
  return f.addressing.find((r) => r.hosted);
}

/** The outbox channel of a chat account: its own id, or the channel hosting it. */
function channelExpr(mark: Mark, f: AudienceFilter): string {
  const own = channelIn(
    mark,
    ownRules(f).map((r) => r.channel),
  );
  const hosted = hostedRule(f);
  const other = hosted ? mark(hosted.channel) : 'NULL';
  return own ? `CASE WHEN ${own} THEN ci."channel" ELSE ${other} END` : other;
}

function addressOf(mark: Mark, r: AddressRule): string {
  return r.from === 'conversationRef' ? 'ci."conversationRef"' : `${mark(r.prefix)} || ci."externalId"`;
}

/** The outbox address of a chat account, by its channel's rule. */
function addressExpr(mark: Mark, f: AudienceFilter): string {
  const whens = ownRules(f).map((r) => `WHEN ${mark(r.channel)} THEN ${addressOf(mark, r)}`);
  const hosted = hostedRule(f);
  const other = hosted ? addressOf(mark, hosted) : 'NULL';
  return whens.length ? `CASE ci."channel" ${whens.join(' ')} ELSE ${other} END` : other;
}

/** Accounts their channel's rule reaches (a reference-addressed one only with its reference stored). */
function reachable(mark: Mark, f: AudienceFilter): string {
  const ref = 'ci."conversationRef" IS NOT NULL';
  const byExternalId = channelIn(
    mark,
    ownRules(f)
      .filter((r) => r.from === 'externalId')
      .map((r) => r.channel),
  );
  const byRef = channelIn(
    mark,
    ownRules(f)
      .filter((r) => r.from === 'conversationRef')
      .map((r) => r.channel),
  );
  const alts = [byExternalId, byRef && `(${byRef} AND ${ref})`];
  const hosted = hostedRule(f);
  if (hosted) {
    const notOwn = channelIn(
      mark,
      ownRules(f).map((r) => r.channel),
    );
    const reached = hosted.from === 'conversationRef' ? ref : null;
    alts.push([notOwn && `NOT ${notOwn}`, reached].filter(Boolean).join(' AND ') || 'TRUE');
  }
  const some = alts.filter((a): a is string => Boolean(a));
  return some.length ? `(${some.join(' OR ')})` : '(1 = 0)';
}

/** The WHERE over "ChannelIdentity" ci for an audience, with its parameters (numbered from `start`). */
function audienceWhere(db: Db, f: AudienceFilter, params: unknown[]): string {
  const mark = marker(db, params);
  const units: string[] = [`b."estateId" = ${mark(f.estateId)}`];
  if (f.audience === 'buildings') units.push(`b."name" IN (${f.buildings.map((n) => mark(n)).join(', ') || 'NULL'})`);
  if (f.audience === 'arrearsOnly' || f.audience === 'arrearsExcluded') {
    const exists = `EXISTS (SELECT 1 FROM "FeeBill" fb WHERE fb."unitId" = u."id" AND fb."outstandingCents" > 0 AND fb."dueDate" <= ${mark(f.today)})`;
    units.push(f.audience === 'arrearsOnly' ? exists : `NOT ${exists}`);
  }
  const where = [
    `ci."personId" IN (SELECT m."personId" FROM "UnitMembership" m JOIN "Unit" u ON u."id" = m."unitId"
       JOIN "Building" b ON b."id" = u."buildingId" WHERE ${units.join(' AND ')})`,
    reachable(mark, f),
  ];
  const excluded = channelIn(mark, f.excludeChannels);
  if (excluded) where.push(`NOT ${excluded}`);
  return where.join(' AND ');
}

/** Bound chat accounts an audience reaches privately, per outbox channel (the preview's figures). */
export async function countAudience(db: Db, f: AudienceFilter): Promise<Map<string, number>> {
  const params: unknown[] = [];
  const channel = channelExpr(marker(db, params), f);
  const where = audienceWhere(db, f, params);
  const rows = await db.$queryRawUnsafe<Array<{ channel: string; n: bigint | number }>>(
    `SELECT ${channel} AS "channel", COUNT(*) AS "n"
     FROM "ChannelIdentity" ci WHERE ${where} GROUP BY 1`,
    ...params,
  );
  return new Map(rows.map((r) => [r.channel, Number(r.n)]));
}

export interface FanOut {
  noticeId: string;
  kind: string;
  /** The outbox payload (JSON) every row shares. */
  payload: PrismaNs.InputJsonObject;
  /** The payload for chat accounts whose language is English (`locale` starting with "en"); default: `payload`. */
  payloadEn?: PrismaNs.InputJsonObject;
  nextAttemptAt: Date;
  createdAt: Date;
}

/**
 * Plans a notice for every bound chat account of the audience: ONE statement, whatever the size of the estate.
 * Each row's dedupe key is `notice:<id>|<identity id>`, so planning the same notice twice adds nothing.
 * Returns how many rows were written.
 */
export async function planNoticeRows(db: Db, f: AudienceFilter, o: FanOut): Promise<number> {
  const pg = isPostgres(db);
  const params: unknown[] = [];
  const mark = (v: unknown, cast = '') => {
    params.push(v);
    return pg ? `$${params.length}${cast}` : '?';
  };
  const idPrefix = mark(`nt-${o.noticeId}-`);
  const text = (v: unknown) => mark(v, '::text');
  const channel = channelExpr(text, f);
  const address = addressExpr(text, f);
  const kind = mark(o.kind);
  // Marks in the order they appear in the statement (SQLite's "?" are positional).
  const payloadEn = o.payloadEn ? mark(JSON.stringify(o.payloadEn), '::jsonb') : null;
  const payloadZh = mark(JSON.stringify(o.payload), '::jsonb');
  const payload = payloadEn
    ? `CASE WHEN lower(coalesce(ci."locale", '')) LIKE 'en%' THEN ${payloadEn} ELSE ${payloadZh} END`
    : payloadZh;
  const keyPrefix = mark(`notice:${o.noticeId}|`);
  const next = pg ? mark(o.nextAttemptAt.toISOString(), '::timestamp(3)') : mark(sqliteTimestamp(o.nextAttemptAt));
  const created = pg ? mark(o.createdAt.toISOString(), '::timestamp(3)') : mark(sqliteTimestamp(o.createdAt));
  const where = audienceWhere(db, f, params);
  const sql = `
    INSERT INTO "OutboxMessage" ("id", "channel", "address", "isGroup", "kind", "payload", "dedupeKey",
      "nextAttemptAt", "createdAt")
    SELECT ${idPrefix} || ci."id",
      ${channel},
      ${address},
      ${pg ? 'false' : '0'}, ${kind}, ${payload}, ${keyPrefix} || ci."id", ${next}, ${created}
    FROM "ChannelIdentity" ci
    WHERE ${where}
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return db.$executeRawUnsafe(sql, ...params);
}

// ---- notices ----

export type NoticeRow = PrismaNs.NoticeGetPayload<object>;

/** A new draft with the estate's next number (a concurrent one taking the same number is retried). */
export async function createNoticeDraft(
  prisma: Prisma,
  data: Omit<PrismaNs.NoticeUncheckedCreateInput, 'seq' | 'id'>,
): Promise<NoticeRow> {
  for (let attempt = 0; ; attempt++) {
    const last = await prisma.notice.findFirst({
      where: { estateId: data.estateId },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    try {
      return await prisma.notice.create({ data: { ...data, seq: (last?.seq ?? 0) + 1 } });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}

export function findNotice(db: Db, estateId: string, seq: number) {
  return db.notice.findUnique({ where: { estateId_seq: { estateId, seq } } });
}

/** The newest draft of a staff member in one chat (确认公告 without a number). */
export function latestDraft(db: Db, estateId: string, authorStaffId: string, channel: string, conversation: string) {
  return db.notice.findFirst({
    where: { estateId, authorStaffId, channel, conversation, status: 'DRAFT' },
    orderBy: { seq: 'desc' },
  });
}

/** DRAFT → another status, only from DRAFT (a second confirm of the same draft changes nothing). */
export async function moveDraft(db: Db, id: string, data: PrismaNs.NoticeUpdateInput): Promise<boolean> {
  const r = await db.notice.updateMany({ where: { id, status: 'DRAFT' }, data });
  return r.count === 1;
}

export function setNoticeCounts(db: Db, id: string, privateCount: number, groupCount: number) {
  return db.notice.update({ where: { id }, data: { privateCount, groupCount } });
}

/** Sent notices of an estate, newest first. */
export function recentNotices(db: Db, estateId: string, since: Date, limit: number) {
  return db.notice.findMany({
    where: { estateId, status: 'SENT', sentAt: { gte: since } },
    orderBy: { sentAt: 'desc' },
    take: limit,
  });
}

export function countSentNotices(db: Db, estateId: string, from: Date, to: Date) {
  return db.notice.count({ where: { estateId, status: 'SENT', sentAt: { gte: from, lt: to } } });
}

/** Building names and arrears of a person's units (which targeted notices are theirs). */
export async function unitsOfPerson(db: Db, personId: string, today: string) {
  const ms = await db.unitMembership.findMany({
    where: { personId },
    select: { unitId: true, unit: { select: { building: { select: { name: true } } } } },
  });
  const inArrears = await db.feeBill.count({
    where: { unitId: { in: ms.map((m) => m.unitId) }, outstandingCents: { gt: 0 }, dueDate: { lte: today } },
  });
  return { buildings: [...new Set(ms.map((m) => m.unit.building.name))], inArrears: inArrears > 0 };
}

export async function buildingNames(db: Db, estateId: string): Promise<string[]> {
  const rows = await db.building.findMany({ where: { estateId }, select: { name: true }, orderBy: { name: 'asc' } });
  return rows.map((r) => r.name);
}

// ---- owner groups ----

export function ownerGroupsOf(db: Db, estateId: string) {
  return db.ownerGroup.findMany({ where: { estateId }, orderBy: { createdAt: 'asc' } });
}

/** A group chat to register as an owners' group. */
export interface NewOwnerGroup {
  estateId: string;
  channel: string;
  chatId: string;
  title: string | null;
  conversationRef: string | null;
  at: Date;
}

/** Registers (or re-registers) a group chat as an owners' group of an estate. */
export async function registerOwnerGroup(db: Db, g: NewOwnerGroup) {
  return db.ownerGroup.upsert({
    where: { channel_chatId: { channel: g.channel, chatId: g.chatId } },
    create: {
      estateId: g.estateId,
      channel: g.channel,
      chatId: g.chatId,
      title: g.title,
      conversationRef: g.conversationRef,
      createdAt: g.at,
    },
    update: { estateId: g.estateId, title: g.title, conversationRef: g.conversationRef },
  });
}

/** A staff group cannot also be an owners' group (staff data would be posted to owners). */
export async function isStaffChat(db: Db, channel: string, chatId: string): Promise<boolean> {
  return (await db.staffChat.count({ where: { channel, chatId } })) > 0;
}

// ---- suggestions ----

export type SuggestionRow = PrismaNs.SuggestionGetPayload<object>;

export async function createSuggestion(
  prisma: Prisma,
  data: Omit<PrismaNs.SuggestionUncheckedCreateInput, 'seq' | 'id'>,
): Promise<SuggestionRow> {
  for (let attempt = 0; ; attempt++) {
    const last = await prisma.suggestion.findFirst({
      where: { estateId: data.estateId },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    try {
      return await prisma.suggestion.create({ data: { ...data, seq: (last?.seq ?? 0) + 1 } });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}

export function findSuggestion(db: Db, estateId: string, seq: number) {
  return db.suggestion.findUnique({ where: { estateId_seq: { estateId, seq } } });
}

export function listSuggestions(db: Db, estateId: string, opts: { unansweredOnly: boolean; limit: number }) {
  return db.suggestion.findMany({
    where: { estateId, ...(opts.unansweredOnly ? { answeredAt: null } : {}) },
    orderBy: { seq: 'desc' },
    take: opts.limit,
  });
}

/** Records the answer once (a second 答复 of the same suggestion changes nothing). */
export async function answerSuggestion(db: Db, id: string, answer: string, by: string, at: Date): Promise<boolean> {
  const r = await db.suggestion.updateMany({
    where: { id, answeredAt: null },
    data: { answer, answeredBy: by, answeredAt: at },
  });
  return r.count === 1;
}

export async function suggestionCounts(db: Db, estateId: string, from: Date, to: Date) {
  const [received, answered] = await Promise.all([
    db.suggestion.count({ where: { estateId, createdAt: { gte: from, lt: to } } }),
    db.suggestion.count({ where: { estateId, createdAt: { gte: from, lt: to }, answeredAt: { not: null } } }),
  ]);
  return { received, answered };
}
