// 公告 fan-out (#20): one notice to 100,000 bound owners planned into the outbox (goal ≤ 5 s on SQLite): the confirm
// as staff trigger it — the draft becomes SENT and every recipient row is written by one INSERT … SELECT.
import type { Database } from '../src/db/client.js';
import { createRepositories } from '../src/db/prisma-repositories.js';
import { NoticeService } from '../src/notices/notice.service.js';
import { benchNotifier, goal, withBenchDatabase, type Row } from './bench-db.js';

const OWNERS = 100_000;
const AT = new Date('2026-12-03T02:00:00Z'); // 10:00 in Shanghai: no quiet hours

async function seed(db: Database): Promise<{ estateId: string; staffId: string }> {
  const p = db.prisma;
  const e = await p.estate.create({ data: { code: 'BENCH', name: '压测小区', deskPhone: '1', emergencyPhone: '2' } });
  const b = await p.building.create({ data: { estateId: e.id, name: '1' } });
  for (let i = 0; i < OWNERS; i += 5000) {
    const n = Math.min(5000, OWNERS - i);
    const ids = Array.from({ length: n }, (_, k) => i + k);
    await p.unit.createMany({ data: ids.map((j) => ({ id: `bu-${j}`, buildingId: b.id, room: String(100000 + j) })) });
    await p.person.createMany({ data: ids.map((j) => ({ id: `bp-${j}`, name: `业主${j}` })) });
    await p.unitMembership.createMany({
      data: ids.map((j) => ({ unitId: `bu-${j}`, personId: `bp-${j}`, role: 'OWNER' as const })),
    });
    // Telegram and the Official Account, half each: every owner is reached privately.
    await p.channelIdentity.createMany({
      data: ids.map((j) => ({ channel: j % 2 ? 'telegram' : 'wechat-oa', externalId: `x${j}`, personId: `bp-${j}` })),
    });
  }
  const person = await p.person.create({ data: { name: '主管' } });
  const staff = await p.staff.create({ data: { estateId: e.id, personId: person.id, role: 'SUPERVISOR' } });
  return { estateId: e.id, staffId: staff.id };
}

async function measure(db: Database): Promise<Row[]> {
  const { estateId, staffId } = await seed(db);
  const estate = {
    id: estateId,
    name: '压测小区',
    deskPhone: '1',
    timezone: 'Asia/Shanghai',
    settings: { handoffMaxTopicLength: 500 },
  };
  const notices = new NoticeService(createRepositories(db.prisma), benchNotifier(), () => AT);
  const author = { staffId, channel: 'console', conversation: 'bench' };
  const draft = await notices.createDraft(estate, author, {
    title: '停水通知',
    body: '12月8日 9:00–12:00 二次供水检修停水，请提前储水。',
    pictureUrl: null,
    audience: 'all',
    buildings: [],
    urgent: false,
  });
  const t0 = performance.now();
  const r = await notices.confirm(estate, author, draft.seq);
  const ms = performance.now() - t0;
  const rows = await db.prisma.outboxMessage.count();
  if (!r.ok || r.privateCount !== OWNERS || rows !== OWNERS)
    throw new Error(`expected ${OWNERS} outbox rows, got ${rows} (${JSON.stringify(r).slice(0, 200)})`);
  return [
    {
      name: `公告 fan-out to ${OWNERS / 1000}k owners planned into the outbox`,
      value: (ms / 1000).toFixed(2),
      unit: 's',
      db: db.provider,
      goal: db.provider === 'sqlite' ? goal(ms / 1000, '≤', 5) : undefined,
    },
  ];
}

export async function benchNotices(): Promise<Row[]> {
  return [...(await withBenchDatabase('sqlite', measure)), ...(await withBenchDatabase('postgresql', measure))];
}
