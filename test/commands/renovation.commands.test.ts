import type { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Command } from '../../src/commands/command.js';
import { parseDecisionArgs, renovationCommands } from '../../src/commands/renovation.commands.js';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import type { Sender, StaffRole } from '../../src/identity/sender.js';
import type { RenovationService } from '../../src/renovation/renovation.service.js';
import { describeEachDb, type TestDatabase } from '../support/databases.js';
import { renovationFixture } from '../renovation/renovation-fixtures.js';

it('reads the request number and the reason of a decision', () => {
  expect(parseDecisionArgs('12')).toEqual({ seq: 12, note: '' });
  expect(parseDecisionArgs('#7 超出许可范围')).toEqual({ seq: 7, note: '超出许可范围' });
  expect(parseDecisionArgs('十二')).toBeNull();
});

describeEachDb('renovation commands', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  const clock = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai
  let svc: RenovationService;
  let ownerId: string;
  let cmds: Map<string, Command>;
  const staffSender: Record<string, Sender> = {};

  beforeAll(async () => {
    ({ db, estate, svc, ownerId } = await renovationFixture(provider, () => clock));
    cmds = new Map(renovationCommands({ renovation: svc }).map((c) => [c.name, c]));
    for (const s of await db.prisma.staff.findMany({ include: { person: true } })) {
      staffSender[s.person.name] = {
        identityId: `i-${s.id}`,
        channel: 'console',
        externalId: s.person.name,
        personId: s.personId,
        name: s.person.name,
        locale: 'zh-CN',
        estate,
        units: [],
        staff: { id: s.id, role: s.role as StaffRole, estateId: s.estateId },
        isGroup: true,
      };
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  const run = (name: string, who: string, args = '', now = clock) =>
    cmds.get(name)!.run({ turn: {} as TurnContext, sender: staffSender[who]!, args, now });

  it('待审批 lists pending requests, 批准 decides one and a second decision is told who won', async () => {
    expect(await run('待审批', '王芳')).toBe('目前没有待审批的装修申请。');
    const p = await svc.createPermit(
      estate,
      {
        number: 'ZX-100',
        unitId: 'u-3-2-1201',
        ownerPersonId: ownerId,
        contractor: '好家装饰',
        foremanPhone: '13900001111',
        scope: '厨卫改造',
        startDate: '2026-11-01',
        endDate: '2026-12-05',
        depositCents: 100000,
      },
      'staff:test',
    );
    const r = await svc.requestExtension(estate, ownerId, p.id, '到12月20号', '材料延误');
    if (!r.ok) throw new Error('not filed');
    const list = await run('待审批', '王芳');
    expect(list).toContain(`#${r.request.seq} 延期｜许可 ZX-100｜延期至 2026-12-20（原 2026-12-05）｜理由：材料延误`);
    expect(list).not.toContain('已超时');
    // Three working days later the request is past its 2-working-day SLA.
    expect(await run('待审批', '王芳', '', new Date('2026-12-03T02:00:00Z'))).toContain('【已超时】');

    expect(await run('批准', '王芳', `${r.request.seq}`)).toContain(`已批准 #${r.request.seq} 延期｜许可 ZX-100`);
    expect(await run('驳回', '张敏', `${r.request.seq} 太晚了`)).toBe(
      `装修申请 #${r.request.seq} 已由王芳批准，无需重复处理。`,
    );
    expect(await run('待审批', '王芳')).toBe('目前没有待审批的装修申请。');
  });

  it('驳回 needs a number and a reason', async () => {
    await expect(run('驳回', '王芳', '5')).rejects.toMatchObject({ userText: '驳回须写明理由。用法：驳回 12 理由' });
    await expect(run('批准', '王芳', 'abc')).rejects.toMatchObject({ userText: '用法：批准 12' });
  });
});
