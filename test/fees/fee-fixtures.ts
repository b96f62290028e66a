// A small estate for fee tests: 1栋 (no 单元) 101–107, 2栋 1单元 201/202, 3栋 301, owners with console accounts.
import { afterAll, beforeAll } from 'vitest';
import type { Prisma, Provider } from '../../src/db/client.js';
import type { Sender, StaffRole } from '../../src/identity/sender.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/** The bill CSV header the finance export uses (Chinese column names). */
const BILL_HEADER = '楼栋,房号,账期,费用类型,应收,实收,到期日';

/** A bill CSV file: the header, then `rows`. */
export function billCsv(...rows: string[]): Buffer {
  return Buffer.from([BILL_HEADER, ...rows].join('\n'));
}

export interface FeeTestEnv {
  db: TestDatabase;
  est: FeeEstate;
}

/**
 * Registers beforeAll/afterAll for a describeEachDb block: a fresh database with the fee estate, dropped at the end.
 * The fields are set once beforeAll has run (read them in later hooks and tests, not at collection time).
 */
export function useFeeEstate(provider: Provider, opts: { code?: string; settings?: object } = {}): FeeTestEnv {
  const env = {} as FeeTestEnv;
  beforeAll(async () => {
    env.db = await createTestDatabase(provider);
    env.est = await seedFeeEstate(env.db.prisma, opts);
  });
  afterAll(async () => {
    await env.db.drop();
  });
  return env;
}

export interface FeeEstate {
  estateId: string;
  unit: (building: string, room: string) => string;
  buildingId: (name: string) => string;
}

export async function seedFeeEstate(
  prisma: Prisma,
  opts: { code?: string; settings?: object } = {},
): Promise<FeeEstate> {
  const code = opts.code ?? 'FEE1';
  const estate = await prisma.estate.create({
    data: {
      code,
      name: '锦绣花园',
      deskPhone: '0571-8888 6666',
      emergencyPhone: '0571-8888 9999',
      settings: opts.settings ?? {},
    },
  });
  const buildings = new Map<string, string>();
  const spec: Array<[string, string, string[]]> = [
    ['1', '', ['101', '102', '103', '104', '105', '106', '107']],
    ['2', '1', ['201', '202']],
    ['3', '', ['301']],
  ];
  for (const [name, entrance, rooms] of spec) {
    const b = await prisma.building.create({ data: { estateId: estate.id, name } });
    buildings.set(name, b.id);
    await prisma.unit.createMany({
      data: rooms.map((room) => ({ id: `${code}-${name}-${room}`, buildingId: b.id, entrance, room })),
    });
  }
  return {
    estateId: estate.id,
    unit: (b, r) => `${code}-${b}-${r}`,
    buildingId: (n) => {
      const id = buildings.get(n);
      if (!id) throw new Error(`no building ${n}`);
      return id;
    },
  };
}

/** An owner of `unitId` reachable on the console channel as `consoleId`. */
export async function addOwner(
  prisma: Prisma,
  unitId: string,
  name: string,
  phone: string,
  consoleId: string,
): Promise<string> {
  const p = await prisma.person.create({
    data: {
      name,
      phone,
      memberships: { create: { unitId, role: 'OWNER' } },
      identities: { create: { channel: 'console', externalId: consoleId, displayName: name } },
    },
  });
  return p.id;
}

/** A sender as identify() would build it, for calling services and commands directly. */
export function senderFor(
  est: FeeEstate,
  o: {
    personId?: string | null;
    name?: string;
    units?: Array<{ unitId: string; label: string }>;
    staff?: StaffRole;
    settings?: Record<string, unknown>;
  },
): Sender {
  return {
    identityId: 'i1',
    channel: 'console',
    externalId: 'x',
    personId: o.personId ?? null,
    name: o.name ?? null,
    locale: 'zh-CN',
    estate: {
      id: est.estateId,
      code: 'FEE1',
      name: '锦绣花园',
      timezone: 'Asia/Shanghai',
      deskPhone: '0571-8888 6666',
      emergencyPhone: '0571-8888 9999',
      settings: { handoffMaxTopicLength: 500, ...(o.settings ?? {}) },
    },
    units: (o.units ?? []).map((u) => ({ ...u, estateId: est.estateId, role: 'OWNER' as const })),
    staff: o.staff ? { id: 's1', role: o.staff, estateId: est.estateId } : null,
    isGroup: false,
  };
}
