import { randomUUID } from 'node:crypto';
import { STAFF_ROLES, type MemberRole, type StaffRole } from './enums.js';
import { z } from 'zod';
import { isPostgres, type Prisma } from './client.js';
import { driverDate, runStatement, sqliteTimestamp, statementRows, type Statement } from './driver-statements.js';
import { storedState } from './prisma-storage.js';
import type { StoredState } from './rows.js';

const rawPerson = z.object({ id: z.string(), name: z.string() }).nullable();
const rawMemberships = z.array(
  z.object({
    unitId: z.string(),
    role: z.enum(['OWNER', 'FAMILY', 'TENANT']),
    entrance: z.string(),
    room: z.string(),
    building: z.string(),
    estateId: z.string(),
  }),
);
// SQLite keeps booleans as 0/1.
const rawStaff = z
  .object({
    id: z.string(),
    role: z.enum(STAFF_ROLES),
    estateId: z.string(),
    active: z.union([z.boolean(), z.number()]),
  })
  .nullable();

/** The chat account and what a turn needs of the person behind it (units with building, staff role). */
export interface IdentityRow {
  id: string;
  locale: string;
  person: {
    id: string;
    name: string;
    memberships: Array<{
      unitId: string;
      role: MemberRole;
      unit: { entrance: string; room: string; building: { name: string; estateId: string } };
    }>;
    staff: {
      id: string;
      role: StaffRole;
      estateId: string;
      active: boolean;
    } | null;
  } | null;
}

export interface TouchInput {
  channel: string;
  externalId: string;
  displayName?: string;
  /** Address for proactive messages; null on group turns, which keep the stored one (a notice to the person must
   * not land in the group they last wrote in — Bot Framework addresses people by this reference). */
  conversationRef: string | null;
  /**
   * Set for Bot Framework accounts: the stored reference is replaced only by one with this same serviceUrl (or when
   * none is stored yet), so a message claiming another serviceUrl cannot redirect a known account's notices.
   */
  pinServiceUrl?: string | null;
  locale: string;
  now: Date;
}

/** Refreshes a known chat account (see touchIdentity); null for an unknown one, which stays unwritten. */
export function touchKnownIdentity(prisma: Prisma, input: TouchInput): Promise<IdentityRow | null> {
  return refreshKnownIdentity(prisma, input);
}

/**
 * Finds or creates the chat account and refreshes its address for proactive messages. Every turn runs this, so a
 * known account (every turn but the first) costs ONE read, whose scalar subqueries bring the person, units and staff
 * role along as JSON, and a write only when its address moved or lastSeenAt is a minute old. First contact inserts
 * with ON CONFLICT DO NOTHING and reads again: concurrent first messages from one new account all settle on one row
 * (Prisma's upsert with include reads, then creates, and lost that race on PostgreSQL with a unique-constraint error).
 */
export async function touchIdentity(prisma: Prisma, input: TouchInput): Promise<IdentityRow> {
  const known = await refreshKnownIdentity(prisma, input);
  if (known) return known;
  await insertIdentityIfAbsent(prisma, input);
  const created = await refreshKnownIdentity(prisma, input);
  if (!created) throw new Error('chat account missing right after it was inserted');
  return created;
}

async function insertIdentityIfAbsent(prisma: Prisma, input: TouchInput): Promise<void> {
  const id = `ci${randomUUID().replace(/-/g, '')}`;
  const name = input.displayName ?? null;
  if (isPostgres(prisma))
    await prisma.$executeRaw`
      INSERT INTO "ChannelIdentity" ("id", "channel", "externalId", "displayName", "conversationRef", "locale", "createdAt", "lastSeenAt")
      VALUES (${id}, ${input.channel}, ${input.externalId}, ${name}, ${input.conversationRef}, ${input.locale},
              ${input.now.toISOString()}::timestamp(3), ${input.now.toISOString()}::timestamp(3))
      ON CONFLICT ("channel", "externalId") DO NOTHING`;
  else
    await prisma.$executeRaw`
      INSERT INTO "ChannelIdentity" ("id", "channel", "externalId", "displayName", "conversationRef", "locale", "createdAt", "lastSeenAt")
      VALUES (${id}, ${input.channel}, ${input.externalId}, ${name}, ${input.conversationRef}, ${input.locale}, ${input.now}, ${input.now})
      ON CONFLICT ("channel", "externalId") DO NOTHING`;
}

/** JSON columns come back as text from SQLite and parsed from PostgreSQL. */
interface RawIdentity {
  id: string;
  locale: string;
  conversationRef: string | null;
  lastSeenAt: unknown;
  person: unknown;
  memberships: unknown;
  staff: unknown;
}

/**
 * A known account's row as a turn needs it: the person, units and staff role brought along as JSON by scalar
 * subqueries, plus what decides whether the turn must write the row (stored address, lastSeenAt). Same statement on
 * both databases but for the JSON functions' names; units in the order they were bound (units[0] is the sender's
 * default unit and estate). Parameters: channel, externalId.
 */
const IDENTITY_SELECT = {
  postgresql: `
        SELECT ci."id", ci."locale", ci."conversationRef", ci."lastSeenAt",
          (SELECT json_build_object('id', p."id", 'name', p."name") FROM "Person" p WHERE p."id" = ci."personId") AS "person",
          (SELECT coalesce(json_agg(json_build_object('unitId', m."unitId", 'role', m."role", 'entrance', u."entrance", 'room', u."room",
                    'building', b."name", 'estateId', b."estateId") ORDER BY m."createdAt", m."id"), '[]'::json)
             FROM "UnitMembership" m JOIN "Unit" u ON u."id" = m."unitId" JOIN "Building" b ON b."id" = u."buildingId"
             WHERE m."personId" = ci."personId") AS "memberships",
          (SELECT json_build_object('id', s."id", 'role', s."role", 'estateId', s."estateId", 'active', s."active")
             FROM "Staff" s WHERE s."personId" = ci."personId") AS "staff"
        FROM "ChannelIdentity" ci
        WHERE ci."channel" = $1 AND ci."externalId" = $2`,
  sqlite: `
        SELECT ci."id", ci."locale", ci."conversationRef", ci."lastSeenAt",
          (SELECT json_object('id', p."id", 'name', p."name") FROM "Person" p WHERE p."id" = ci."personId") AS "person",
          (SELECT json_group_array(json_object('unitId', m."unitId", 'role', m."role", 'entrance', u."entrance",
                    'room', u."room", 'building', b."name", 'estateId', b."estateId") ORDER BY m."createdAt", m."id")
             FROM "UnitMembership" m JOIN "Unit" u ON u."id" = m."unitId" JOIN "Building" b ON b."id" = u."buildingId"
             WHERE m."personId" = ci."personId") AS "memberships",
          (SELECT json_object('id', s."id", 'role', s."role", 'estateId', s."estateId", 'active', s."active")
             FROM "Staff" s WHERE s."personId" = ci."personId") AS "staff"
        FROM "ChannelIdentity" ci
        WHERE ci."channel" = ? AND ci."externalId" = ?`,
};

const READ_IDENTITY: Statement = { name: 'identity.read', ...IDENTITY_SELECT };

/**
 * READ_IDENTITY and the conversation's stored state (the BotState row PrismaStorage reads) in one statement: a turn's
 * opening read (#15). One row whether or not either exists (the account's columns are null for an unknown account,
 * the state's for a new conversation). Parameters: channel, externalId, the state's key.
 */
const READ_IDENTITY_WITH_STATE: Statement = {
  name: 'identity.read-with-state',
  postgresql: `
        SELECT ci.*, s."data" AS "stateData", s."version" AS "stateVersion"
        FROM (SELECT 1) AS one
        LEFT JOIN (${IDENTITY_SELECT.postgresql}) AS ci ON TRUE
        LEFT JOIN "BotState" s ON s."key" = $3`,
  sqlite: `
        SELECT ci.*, s."data" AS "stateData", s."version" AS "stateVersion"
        FROM (SELECT 1) AS one
        LEFT JOIN (${IDENTITY_SELECT.sqlite}) AS ci ON 1 = 1
        LEFT JOIN "BotState" s ON s."key" = ?`,
};

/**
 * Refreshes a known account's address and lastSeenAt. The stored conversation reference is replaced only when the
 * message's serviceUrl matches the pinned one (a Bot Framework account cannot be redirected by a message claiming
 * another serviceUrl, #17): decided here, in the statement, so a write racing another turn keeps the rule.
 * PostgreSQL parameters: $1 conversationRef (null keeps the stored one), $2 pin (`"serviceUrl":"…"` as it appears in
 * the stored JSON, null = no pin), $3 now, $4 channel, $5 externalId; SQLite takes them in order of appearance (see
 * refreshParams).
 */
const REFRESH_IDENTITY: Statement = {
  name: 'identity.refresh',
  postgresql: `
        UPDATE "ChannelIdentity" AS ci
        SET "conversationRef" = CASE
              WHEN $1::text IS NULL THEN ci."conversationRef"
              WHEN $2::text IS NULL OR ci."conversationRef" IS NULL OR strpos(ci."conversationRef", $2::text) > 0
                THEN $1::text
              ELSE ci."conversationRef" END,
            "lastSeenAt" = $3::timestamp(3)
        WHERE ci."channel" = $4 AND ci."externalId" = $5`,
  sqlite: `
        UPDATE "ChannelIdentity"
        SET "conversationRef" = CASE
              WHEN ? IS NULL THEN "conversationRef"
              WHEN ? IS NULL OR "conversationRef" IS NULL OR instr("conversationRef", ?) > 0
                THEN ?
              ELSE "conversationRef" END,
            "lastSeenAt" = ?
        WHERE "channel" = ? AND "externalId" = ?`,
};

/**
 * How stale lastSeenAt may be before a turn rewrites it. It orders a person's accounts for notices (the one used
 * last) and ages out idle unbound accounts (days): a minute changes neither, and a turn whose address did not move
 * then writes nothing — a write is most of what identifying the sender cost (#15, bench/turn-profile.ts).
 */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The address REFRESH_IDENTITY would store (its CASE, in the same order). */
function nextAddress(stored: string | null, input: TouchInput): string | null {
  const pin = pinOf(input);
  if (input.conversationRef === null) return stored;
  return pin === null || stored === null || stored.includes(pin) ? input.conversationRef : stored;
}

/** True when this turn must write the row: its address moved, or lastSeenAt is a minute away from now. */
function refreshDue(row: RawIdentity, input: TouchInput): boolean {
  if (nextAddress(row.conversationRef, input) !== row.conversationRef) return true;
  const seen =
    row.lastSeenAt === null || row.lastSeenAt === undefined ? Number.NaN : driverDate(row.lastSeenAt).getTime();
  return !(Math.abs(input.now.getTime() - seen) < LAST_SEEN_RESOLUTION_MS);
}

function pinOf(input: TouchInput): string | null {
  return input.pinServiceUrl ? `"serviceUrl":${JSON.stringify(input.pinServiceUrl)}` : null;
}

/** REFRESH_IDENTITY's parameters: numbered on PostgreSQL, in order of appearance (`?`) on SQLite. */
function refreshParams(postgres: boolean, input: TouchInput): unknown[] {
  const ref = input.conversationRef;
  const pin = pinOf(input);
  if (postgres) return [ref, pin, input.now.toISOString(), input.channel, input.externalId];
  return [ref, pin, pin, ref, sqliteTimestamp(input.now), input.channel, input.externalId];
}

/** The row of an existing account (its address and lastSeenAt refreshed when due), or null for an unknown one. */
async function refreshKnownIdentity(prisma: Prisma, input: TouchInput): Promise<IdentityRow | null> {
  const [row] = await statementRows<RawIdentity>(prisma, READ_IDENTITY, [input.channel, input.externalId]);
  return row ? knownIdentity(prisma, input, row) : null;
}

/** A row the identity statements return, with the conversation state's columns of READ_IDENTITY_WITH_STATE. */
interface RawIdentityWithState extends Omit<RawIdentity, 'id'> {
  /** Null when the account is unknown (the LEFT JOIN found no row). */
  id: string | null;
  stateData: string | null;
  stateVersion: number | bigint | null;
}

/**
 * touchKnownIdentity, and the stored conversation state under `stateKey` read by the same statement (one round trip
 * instead of two on the turn's hot path, #15); `state` is undefined for a conversation with no (or no readable) row.
 */
export async function touchKnownIdentityWithState(
  prisma: Prisma,
  input: TouchInput,
  stateKey: string,
): Promise<{ identity: IdentityRow | null; state: StoredState | undefined }> {
  const [row] = await statementRows<RawIdentityWithState>(prisma, READ_IDENTITY_WITH_STATE, [
    input.channel,
    input.externalId,
    stateKey,
  ]);
  if (!row) throw new Error('identity-with-state read returned no row');
  const { stateData, stateVersion, id, ...identity } = row;
  return {
    identity: id === null ? null : await knownIdentity(prisma, input, { ...identity, id }),
    state: stateData === null ? undefined : storedState(stateData, Number(stateVersion)),
  };
}

/** A known account's row as a turn needs it, after refreshing its address and lastSeenAt when due. */
async function knownIdentity(prisma: Prisma, input: TouchInput, row: RawIdentity): Promise<IdentityRow> {
  if (refreshDue(row, input)) await runStatement(prisma, REFRESH_IDENTITY, refreshParams(isPostgres(prisma), input));
  // The JSON is built by the statement above; still parsed with zod, so a schema change fails loudly here.
  const json = <T>(schema: z.ZodType<T>, v: unknown): T => schema.parse(typeof v === 'string' ? JSON.parse(v) : v);
  const person = json(rawPerson, row.person);
  if (!person) return { id: row.id, locale: row.locale, person: null };
  const memberships = json(rawMemberships, row.memberships);
  const staff = json(rawStaff, row.staff);
  return {
    id: row.id,
    locale: row.locale,
    person: {
      ...person,
      memberships: memberships.map((m) => ({
        unitId: m.unitId,
        role: m.role,
        unit: { entrance: m.entrance, room: m.room, building: { name: m.building, estateId: m.estateId } },
      })),
      // SQLite keeps booleans as 0/1.
      staff: staff ? { ...staff, active: Boolean(staff.active) } : null,
    },
  };
}

/** The language a chat account is answered in ("English" / "中文" from the chat). */
export async function setIdentityLocale(prisma: Prisma, identityId: string, locale: string): Promise<void> {
  await prisma.channelIdentity.update({ where: { id: identityId }, data: { locale } });
}
