// Shared setup of the renovation tests: a fresh database with the demo estate, the service on the test's clock,
// and the demo owner 刘洋.
import { seedDemo } from '../../src/db/seed.js';
import { EstateService, type EstateInfo } from '../../src/estate/estate.service.js';
import type { StaffDecider } from '../../src/renovation/renovation.service.js';
import { RenovationService } from '../../src/renovation/renovation.service.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

export interface RenovationFixture {
  db: TestDatabase;
  estate: EstateInfo;
  svc: RenovationService;
  ownerId: string;
}

export async function renovationFixture(
  provider: Parameters<typeof createTestDatabase>[0],
  now: () => Date,
): Promise<RenovationFixture> {
  const db = await createTestDatabase(provider);
  await seedDemo(db.prisma);
  const estate = (await new EstateService(createRepositories(db.prisma).estates).defaultEstate())!;
  const ownerId = (await db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } })).id;
  return { db, estate, svc: new RenovationService(createRepositories(db.prisma), testNotifier(), now), ownerId };
}

/** Every seeded staff member as a decider, by name. */
export async function staffDeciders(db: TestDatabase): Promise<Record<string, StaffDecider>> {
  const staff: Record<string, StaffDecider> = {};
  for (const s of await db.prisma.staff.findMany({ include: { person: true } })) {
    staff[s.person.name] = { staffId: s.id, name: s.person.name, estateId: s.estateId };
  }
  return staff;
}

/** Texts queued in the outbox for one address, oldest first. */
export async function outboxTexts(db: TestDatabase, address: string): Promise<string[]> {
  const rows = await db.prisma.outboxMessage.findMany({ where: { address }, orderBy: { createdAt: 'asc' } });
  return rows.map((m) => (m.payload as { text: string }).text);
}
