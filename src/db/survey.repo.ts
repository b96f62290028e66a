// SurveyRound / SurveyResponse / SurveyOptOut: the reads and writes of the monthly 满意度 survey (src/survey).
// Outbox rows are written by the service inside the transactions it opens with these functions.
import type { Prisma as PrismaNs } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';

export type SurveyDb = Prisma | PrismaNs.TransactionClient;

export function surveyEstates(db: SurveyDb) {
  return db.estate.findMany({
    select: { id: true, name: true, timezone: true, deskPhone: true, settings: true },
    orderBy: { code: 'asc' },
  });
}

export function findRound(db: SurveyDb, estateId: string, period: string) {
  return db.surveyRound.findUnique({ where: { estateId_period: { estateId, period } } });
}

/** The month's round, created once (a concurrent second planner gets the first one's row). */
export async function ensureRound(
  prisma: Prisma,
  r: { estateId: string; period: string; questions: unknown; plannedAt: Date },
) {
  const found = await findRound(prisma, r.estateId, r.period);
  if (found) return found;
  try {
    return await prisma.surveyRound.create({
      data: {
        estateId: r.estateId,
        period: r.period,
        questions: r.questions as PrismaNs.InputJsonValue,
        plannedAt: r.plannedAt,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await findRound(prisma, r.estateId, r.period);
    if (!again) throw err;
    return again;
  }
}

export async function completeRound(db: SurveyDb, roundId: string, at: Date): Promise<void> {
  await db.surveyRound.updateMany({ where: { id: roundId, completedAt: null }, data: { completedAt: at } });
}

/** Owners of the estate's units with at least one chat account (the people a survey can reach). */
export async function boundOwners(db: SurveyDb, estateId: string) {
  const rows = await db.unitMembership.findMany({
    where: { role: 'OWNER', unit: { building: { estateId } }, person: { identities: { some: {} } } },
    select: { personId: true, unitId: true, unit: { select: { buildingId: true } } },
  });
  return rows.map((r) => ({ personId: r.personId, unitId: r.unitId, buildingId: r.unit.buildingId }));
}

export async function surveyOptOuts(db: SurveyDb): Promise<Set<string>> {
  return new Set((await db.surveyOptOut.findMany({ select: { personId: true } })).map((r) => r.personId));
}

export async function isSurveyOptedOut(db: SurveyDb, personId: string): Promise<boolean> {
  return (await db.surveyOptOut.count({ where: { personId } })) > 0;
}

/** True when the row was created (false: already opted out). */
export async function setSurveyOptOut(db: SurveyDb, personId: string, at: Date): Promise<boolean> {
  if (await isSurveyOptedOut(db, personId)) return false;
  try {
    await db.surveyOptOut.create({ data: { personId, at } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export async function clearSurveyOptOut(db: SurveyDb, personId: string): Promise<boolean> {
  return (await db.surveyOptOut.deleteMany({ where: { personId } })).count > 0;
}

export async function invitedPeople(db: SurveyDb, roundId: string): Promise<Set<string>> {
  return new Set(
    (await db.surveyResponse.findMany({ where: { roundId }, select: { personId: true } })).map((r) => r.personId),
  );
}

/** The invitation row (inside the caller's transaction); null when the person already has one this round. */
export async function createResponse(
  tx: SurveyDb,
  r: { roundId: string; personId: string; unitId: string; buildingId: string; invitedAt: Date },
) {
  if ((await tx.surveyResponse.count({ where: { roundId: r.roundId, personId: r.personId } })) > 0) return null;
  return tx.surveyResponse.create({ data: r });
}

export async function deleteResponse(tx: SurveyDb, id: string): Promise<void> {
  await tx.surveyResponse.deleteMany({ where: { id } });
}

const responseWithRound = {
  id: true,
  personId: true,
  unitId: true,
  invitedAt: true,
  startedAt: true,
  answers: true,
  remindedAt: true,
  round: { select: { id: true, estateId: true, period: true, questions: true } },
} as const;

/** The person's latest unfinished survey (newest round first). */
export function openResponseOf(db: SurveyDb, personId: string) {
  return db.surveyResponse.findFirst({
    where: { personId, completedAt: null },
    orderBy: { invitedAt: 'desc' },
    select: responseWithRound,
  });
}

export async function saveAnswers(db: SurveyDb, id: string, answers: Record<string, number>, at: Date) {
  await db.surveyResponse.updateMany({
    where: { id, completedAt: null },
    data: { answers, startedAt: at },
  });
}

/** Finishes a response once; false when it was already finished (a re-run turn). */
export async function completeResponse(db: SurveyDb, id: string, opinion: string | null, at: Date): Promise<boolean> {
  const r = await db.surveyResponse.updateMany({
    where: { id, completedAt: null },
    data: { opinion, completedAt: at },
  });
  return r.count > 0;
}

/** Invitations of a round still unanswered and not yet reminded, sent at or before `before`. */
export function dueSurveyReminders(db: SurveyDb, roundId: string, before: Date) {
  return db.surveyResponse.findMany({
    where: { roundId, completedAt: null, remindedAt: null, invitedAt: { lte: before } },
    select: { id: true, personId: true, answers: true },
    orderBy: { invitedAt: 'asc' },
  });
}

export async function markReminded(tx: SurveyDb, id: string, at: Date): Promise<boolean> {
  return (await tx.surveyResponse.updateMany({ where: { id, remindedAt: null }, data: { remindedAt: at } })).count > 0;
}

export function roundResponses(db: SurveyDb, roundId: string) {
  return db.surveyResponse.findMany({
    where: { roundId },
    select: { buildingId: true, answers: true, completedAt: true, opinion: true },
  });
}

export async function buildingNames(db: SurveyDb, estateId: string): Promise<Map<string, string>> {
  const rows = await db.building.findMany({ where: { estateId }, select: { id: true, name: true } });
  return new Map(rows.map((b) => [b.id, b.name]));
}

/** A round's collected opinions in the order they came in (the list's numbers are positions in this order). */
export function roundOpinions(db: SurveyDb, roundId: string) {
  return db.surveyResponse.findMany({
    where: { roundId, completedAt: { not: null }, opinion: { not: null } },
    orderBy: [{ completedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      personId: true,
      unitId: true,
      opinion: true,
      completedAt: true,
      ticketId: true,
    },
  });
}

export async function unitLabelParts(db: SurveyDb, unitId: string) {
  const u = await db.unit.findUnique({
    where: { id: unitId },
    select: { entrance: true, room: true, building: { select: { name: true } } },
  });
  return u ? { building: u.building.name, entrance: u.entrance, room: u.room } : null;
}

/** Links the ticket made from an opinion; false when another supervisor did it first. */
export async function linkOpinionTicket(db: SurveyDb, responseId: string, ticketId: string): Promise<boolean> {
  return (
    (await db.surveyResponse.updateMany({ where: { id: responseId, ticketId: null }, data: { ticketId } })).count > 0
  );
}

export async function ticketNumbers(db: SurveyDb, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.ticket.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } });
  return new Map(rows.map((t) => [t.id, t.number]));
}

/** Opinions collected in an estate's month (for the monthly count against the target). */
export function opinionCount(db: SurveyDb, estateId: string, period: string): Promise<number> {
  return db.surveyResponse.count({
    where: { round: { estateId, period }, completedAt: { not: null }, opinion: { not: null } },
  });
}
