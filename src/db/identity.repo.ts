import { z } from 'zod';
import { isPostgres, type Prisma } from './client.js';
import { driverStatements, sqliteTimestamp, type Statement } from './driver-statements.js';

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
    role: z.enum(['ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER']),
    estateId: z.string(),
    active: z.union([z.boolean(), z.number()]),
  })
  .nullable();

export const identityInclude = {
  person: {
    include: {
      memberships: { include: { unit: { include: { building: { select: { name: true, estateId: true } } } } } },
      staff: true,
    },
  },
} as const;

/** The chat account and what a turn needs of the person behind it (units with building, staff role). */
export interface IdentityRow {
  id: string;
  locale: string;
  person: {
    id: string;
    name: string;
    memberships: Array<{
      unitId: string;
      role: 'OWNER' | 'FAMILY' | 'TENANT';
      unit: { entrance: string; room: string; building: { name: string; estateId: string } };
    }>;
    staff: {
      id: string;
      role: 'ASSISTANT' | 'FOREMAN' | 'SUPERVISOR' | 'MANAGER';
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
  locale: string;
  now: Date;
}

/**
 * Finds or creates the chat account and refreshes its address for proactive messages. Every turn runs this, so a
 * known account (every turn but the first) costs ONE statement: an UPDATE … RETURNING whose scalar subqueries bring
 * the person, units and staff role along as JSON. The Prisma upsert with include it replaces sent ten (a
 * transaction: BEGIN, find, update, re-read and one SELECT per relation, COMMIT). First contact takes the upsert,
 * which also settles two first messages racing to create the account.
 */
export async function touchIdentity(prisma: Prisma, input: TouchInput): Promise<IdentityRow> {
  const known = await refreshKnownIdentity(prisma, input);
  if (known) return known;
  return prisma.channelIdentity.upsert({
    where: { channel_externalId: { channel: input.channel, externalId: input.externalId } },
    create: {
      channel: input.channel,
      externalId: input.externalId,
      displayName: input.displayName ?? null,
      conversationRef: input.conversationRef,
      locale: input.locale,
      lastSeenAt: input.now,
    },
    update: {
      ...(input.conversationRef !== null ? { conversationRef: input.conversationRef } : {}),
      lastSeenAt: input.now,
    },
    include: identityInclude,
  });
}

/** JSON columns come back as text from SQLite and parsed from PostgreSQL. */
interface RawIdentity {
  id: string;
  locale: string;
  person: unknown;
  memberships: unknown;
  staff: unknown;
}

/**
 * The UPDATE … RETURNING for an existing account. Same statement on both databases but for the JSON functions' names;
 * units in the order they were bound (units[0] is the sender's default unit and estate). Parameters: conversationRef
 * (null keeps the stored one), now, channel, externalId.
 */
const REFRESH_IDENTITY: Statement = {
  name: 'identity.refresh',
  postgresql: `
        UPDATE "ChannelIdentity" AS ci
        SET "conversationRef" = COALESCE($1::text, ci."conversationRef"), "lastSeenAt" = $2::timestamp(3)
        WHERE ci."channel" = $3 AND ci."externalId" = $4
        RETURNING ci."id", ci."locale",
          (SELECT json_build_object('id', p."id", 'name', p."name") FROM "Person" p WHERE p."id" = ci."personId") AS "person",
          (SELECT coalesce(json_agg(json_build_object('unitId', m."unitId", 'role', m."role", 'entrance', u."entrance", 'room', u."room",
                    'building', b."name", 'estateId', b."estateId") ORDER BY m."createdAt", m."id"), '[]'::json)
             FROM "UnitMembership" m JOIN "Unit" u ON u."id" = m."unitId" JOIN "Building" b ON b."id" = u."buildingId"
             WHERE m."personId" = ci."personId") AS "memberships",
          (SELECT json_build_object('id', s."id", 'role', s."role", 'estateId', s."estateId", 'active', s."active")
             FROM "Staff" s WHERE s."personId" = ci."personId") AS "staff"`,
  sqlite: `
        UPDATE "ChannelIdentity"
        SET "conversationRef" = COALESCE(?, "conversationRef"), "lastSeenAt" = ?
        WHERE "channel" = ? AND "externalId" = ?
        RETURNING "id", "locale",
          (SELECT json_object('id', p."id", 'name', p."name") FROM "Person" p WHERE p."id" = "ChannelIdentity"."personId") AS "person",
          (SELECT json_group_array(json(x.j)) FROM (
             SELECT json_object('unitId', m."unitId", 'role', m."role", 'entrance', u."entrance", 'room', u."room",
                      'building', b."name", 'estateId', b."estateId") AS j
             FROM "UnitMembership" m JOIN "Unit" u ON u."id" = m."unitId" JOIN "Building" b ON b."id" = u."buildingId"
             WHERE m."personId" = "ChannelIdentity"."personId" ORDER BY m."createdAt", m."id") x) AS "memberships",
          (SELECT json_object('id', s."id", 'role', s."role", 'estateId', s."estateId", 'active', s."active")
             FROM "Staff" s WHERE s."personId" = "ChannelIdentity"."personId") AS "staff"`,
};

/** The UPDATE … RETURNING for an existing account, or null when the account does not exist yet. */
async function refreshKnownIdentity(prisma: Prisma, input: TouchInput): Promise<IdentityRow | null> {
  const postgres = isPostgres(prisma);
  const params = [
    input.conversationRef,
    postgres ? input.now.toISOString() : sqliteTimestamp(input.now),
    input.channel,
    input.externalId,
  ];
  // Prepared on the driver for a client openDatabase built; through Prisma for any other (a transaction client).
  const statements = driverStatements(prisma);
  const rows = statements
    ? await statements.all<RawIdentity>(REFRESH_IDENTITY, params)
    : await prisma.$queryRawUnsafe<RawIdentity[]>(
        postgres ? REFRESH_IDENTITY.postgresql : REFRESH_IDENTITY.sqlite,
        ...params,
      );
  const row = rows[0];
  if (!row) return null;
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
