import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder';
import { keyCommands } from '../../src/commands/key.commands.js';
import type { Command, CommandContext } from '../../src/commands/command.js';
import type { Sender } from '../../src/identity/sender.js';
import { DeskSlots, keyDeskSettings } from '../../src/keys/desk-slots.js';
import { keyJobs } from '../../src/keys/key.jobs.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { KeyService } from '../../src/keys/key.service.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, loadHolidayYears } from '../../src/sla/business-calendar.js';
import { createLogger } from '../../src/shared/logger.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

const TZ = 'Asia/Shanghai';
const at = (hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime('2026-09-29', (h ?? 0) * 60 + (m ?? 0), TZ);
};

const desk: Sender = {
  identityId: 'i-desk',
  channel: 'console',
  externalId: 'demo-assistant',
  personId: 'p-desk',
  name: '小王',
  locale: 'zh-CN',
  estate: {
    id: 'e1',
    code: 'JX',
    name: '锦绣花园',
    timezone: TZ,
    deskPhone: '1',
    emergencyPhone: '2',
    settings: { handoffMaxTopicLength: 500 },
  },
  units: [],
  staff: { id: 's1', role: 'ASSISTANT', estateId: 'e1' },
  isGroup: false,
};

describeEachDb('key desk commands and jobs', (provider) => {
  let db: TestDatabase;
  let clock = at('08:00');
  let keys: KeyService;
  let commands: Command[];
  const run = (name: string, args: string): Promise<string> => {
    const c = commands.find((x) => x.name === name);
    if (!c) throw new Error(`no command ${name}`);
    const ctx: CommandContext = { turn: {} as TurnContext, sender: desk, args, now: clock };
    return c.run(ctx);
  };

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const { years } = await loadHolidayYears(join(process.cwd(), 'data/calendar'));
    const slots = new DeskSlots(
      new BusinessCalendar(DEFAULT_DESK_CALENDAR, years),
      DEFAULT_DESK_CALENDAR.shifts,
      keyDeskSettings({}),
    );
    keys = new KeyService(createRepositories(db.prisma), testNotifier(), slots, () => clock);
    commands = keyCommands({ keys });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('今日钥匙 lists today; a wrong code is refused and nothing is handed over; the right code is', async () => {
    const owner = { estateId: 'e1', unitId: 'u1', unitLabel: '3栋2单元1201', ownerPersonId: 'p1', ownerName: '刘洋' };
    expect(await run('今日钥匙', '')).toBe('今天没有钥匙预约。');
    const { code } = await keys.bookDeposit(owner, '入户门钥匙 2 把', at('09:30'));
    expect(await run('今日钥匙', '')).toContain('09:30 寄存 3栋2单元1201 刘洋（入户门钥匙 2 把）待办理');

    clock = at('09:31');
    const wrong = code === '000000' ? '000001' : '000000';
    await expect(run('钥匙核销', wrong)).rejects.toMatchObject({ userText: expect.stringContaining('取件码不正确') });
    await expect(run('钥匙核销', '')).rejects.toMatchObject({ userText: '用法：钥匙核销 123456' });
    expect(await db.prisma.keyHolding.count()).toBe(0);

    expect(await run('钥匙核销', code)).toContain('已收下 3栋2单元1201 刘洋 寄存的钥匙');
    expect(await run('今日钥匙', '')).toContain('已完成');
    expect(await db.prisma.auditLog.count({ where: { action: 'key.handover.deposit', actor: 'staff:s1' } })).toBe(1);
  });

  it('jobs: the reminder job queues once, the no-show job marks 未到', async () => {
    const person = await db.prisma.person.create({ data: { name: '陈静' } });
    await db.prisma.channelIdentity.create({
      data: { channel: 'console', externalId: 'owner-chen', personId: person.id },
    });
    clock = at('09:40');
    const { appointment } = await keys.bookDeposit(
      { estateId: 'e1', unitId: 'u2', unitLabel: '1栋101', ownerPersonId: person.id, ownerName: '陈静' },
      '车库钥匙',
      at('10:30'),
    );
    const [reminders, noShows] = keyJobs({ keys });
    const logger = createLogger('silent', process.stdout);
    await reminders?.handler({ scheduledFor: clock, now: clock, logger });
    await reminders?.handler({ scheduledFor: clock, now: clock, logger });
    expect(
      await db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `key-reminder:${appointment.id}` } } }),
    ).toBe(1);
    clock = at('11:01');
    await noShows?.handler({ scheduledFor: clock, now: clock, logger });
    expect((await db.prisma.keyAppointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe(
      'NO_SHOW',
    );
  });
});
