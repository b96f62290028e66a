// Conversation tests of 转名 / 退楼 / 入住 (#20): booked on the key desk's calendar and seats with the shared time
// question, answered with the document checklist; the desk sees them in 今日预约 / 今日钥匙 and checks the code.
process.env.TZ = 'Asia/Shanghai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { DESK_APPOINTMENT_DIALOG, DeskAppointmentDialog } from '../../dialogs/desk-appointment.dialog.js';
import { matchCommand } from '../../dialogs/flow-registry.js';
import type { Understood } from '../../dialogs/understood.js';
import type { CommandContext } from '../../src/commands/command.js';
import { keyCommands } from '../../src/commands/key.commands.js';
import { setSender, type Sender } from '../../src/identity/sender.js';
import { deskAppointmentSettings } from '../../src/keys/desk-appointments.js';
import { DeskSlots, keyDeskSettings } from '../../src/keys/desk-slots.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { KeyService } from '../../src/keys/key.service.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, parseHolidayYear } from '../../src/sla/business-calendar.js';
import { addLocalDays, localDateKey, zonedTime } from '../../src/shared/zoned-time.js';
import { check, type Row } from '../support/conversation.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-25T10:00:00+08:00'); // a Wednesday
const today = localDateKey(NOW, TZ);
const tomorrow = addLocalDays(today, 1);
const dayAfter = addLocalDays(today, 2);
const tomorrowAt = (hh: number, mm = 0): Date => zonedTime(tomorrow, hh * 60 + mm, TZ);

function sender(estateId: string, personId: string, locale: Sender['locale'] = 'zh-CN'): Sender {
  return {
    identityId: `i-${personId}`,
    channel: 'console',
    externalId: personId,
    personId,
    name: '刘洋',
    locale,
    estate: {
      id: estateId,
      code: 'JX',
      name: '锦绣花园',
      timezone: TZ,
      deskPhone: '0571-1',
      emergencyPhone: '0571-2',
      settings: { handoffMaxTopicLength: 500 },
    },
    units: [{ unitId: `unit-${personId}`, estateId, label: '3栋2单元1201', role: 'OWNER' }],
    staff: null,
    isGroup: false,
  };
}

const desk = (estateId: string): Sender => ({
  ...sender(estateId, 'p-desk'),
  units: [],
  staff: { id: 's1', role: 'ASSISTANT', estateId },
});

describeEachDb('DeskAppointmentDialog conversations (转名/退楼/入住)', (provider) => {
  let db: TestDatabase;
  let keys: KeyService;
  let clock = NOW;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const year = Number(dayAfter.slice(0, 4));
    const holidays = parseHolidayYear(
      { year, holidays: [{ name: '测试节', from: dayAfter, to: dayAfter }], makeupWorkdays: [] },
      `cn-${year}.json`,
    );
    const calendar = new BusinessCalendar(DEFAULT_DESK_CALENDAR, new Map([[year, holidays]]));
    keys = new KeyService(
      createRepositories(db.prisma),
      testNotifier(),
      new DeskSlots(calendar, DEFAULT_DESK_CALENDAR.shifts, keyDeskSettings({})),
      () => clock,
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  /** The owner's first message goes through the registry's command words, as main.dialog routes it. */
  async function converse(who: Sender, rows: Row[]): Promise<void> {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogs'));
    dialogs.add(new DeskAppointmentDialog({ keys, now: () => clock }));
    const adapter = new TestAdapter(async (ctx: TurnContext) => {
      setSender(ctx, who);
      const dc = await dialogs.createContext(ctx);
      const r = await dc.continueDialog();
      if (r.status === DialogTurnStatus.empty) {
        const text = ctx.activity.text ?? '';
        const hit = matchCommand(text);
        expect(hit?.flow.dialogId).toBe(DESK_APPOINTMENT_DIALOG);
        const understood: Understood = { text, sub: hit?.sub ?? null, slots: {} as Understood['slots'], command: true };
        await dc.beginDialog(DESK_APPOINTMENT_DIALOG, { understood });
      }
      await state.saveChanges(ctx);
    });
    let flow: ReturnType<TestAdapter['send']> | TestAdapter = adapter;
    for (const [says, ...replies] of rows) {
      flow = (flow as TestAdapter).send({ type: 'message', text: says, id: crypto.randomUUID() });
      for (const e of replies) flow = flow.assertReply((reply) => check(reply, e, says));
    }
    await flow;
  }

  const owner = (estateId: string, personId: string) => ({
    estateId,
    unitId: `unit-${personId}`,
    unitLabel: '3栋2单元1201',
    ownerPersonId: personId,
    ownerName: '邻居',
  });

  it('转名 明天上午: free slots offered, one picked, booked with a code and the 转名 checklist', async () => {
    await converse(sender('e-tr', 'p1'), [
      ['转名', /预约到前台办理转名（3栋2单元1201）。请问哪天几点/],
      ['明天上午', /明天可以预约的时间：08:30、08:45、09:00/],
      [
        `${tomorrow} 08:45`,
        /已为您预约 \d{4}-\d{2}-\d{2} 08:45 到前台办理转名（3栋2单元1201），预约码 \d{6}[\s\S]*· 原业主及新业主身份证\n· 房产证\/不动产权证\n· 买卖合同\n· 结清物业费证明/,
      ],
    ]);
    const [a] = await keys.myAppointments('p1');
    expect(a?.kind).toBe('TRANSFER');
    expect(a?.slotStart).toEqual(tomorrowAt(8, 45));
  });

  it('a full slot (shared with key hand-overs) and the lunch break are refused and re-asked; 退楼 then books', async () => {
    // The two seats of 10:00 are taken by key appointments: same calendar, same capacity.
    await keys.bookDeposit(owner('e-full', 'x1'), '入户门钥匙', tomorrowAt(10));
    await keys.bookDeposit(owner('e-full', 'x2'), '信箱钥匙', tomorrowAt(10));
    await converse(sender('e-full', 'p2'), [
      ['退楼', /办理退楼.*哪天几点/],
      ['明天上午十点', /已约满，最近可约 10:15/],
      ['明天中午十二点半', '午休'],
      ['后天上午十点', '测试节假期'],
      ['明天上午十点一刻', /10:15 到前台办理退楼[\s\S]*· 身份证\n· 钥匙\/门禁卡\n· 结清物业费及水电费/],
    ]);
    const mine = await keys.myAppointments('p2');
    expect(mine.map((a) => [a.kind, a.slotStart])).toEqual([['MOVE_OUT', tomorrowAt(10, 15)]]);
  });

  it('收楼 in English books 入住 with its checklist; an estate checklist overrides our default', async () => {
    await db.prisma.estate.create({
      data: {
        id: 'e-in',
        code: 'IN',
        name: '新苑',
        deskPhone: '0571-1',
        emergencyPhone: '0571-2',
        settings: { deskAppointments: { checklists: { MOVE_IN: ['身份证', '收楼通知书'] } } },
      },
    });
    await converse(sender('e-in', 'p3', 'en'), [
      ['收楼', /desk appointment for move-in hand-over/],
      ['tomorrow 2pm', /Booked: .* 14:00 .*move-in hand-over[\s\S]*Please bring:\n· 身份证\n· 收楼通知书$/m],
    ]);
    expect((await keys.myAppointments('p3'))[0]?.kind).toBe('MOVE_IN');
  });

  it('the desk sees them in 今日预约 (and 今日钥匙) and checks the code', async () => {
    const { code } = await keys.bookDesk(owner('e-desk', 'p4'), 'TRANSFER', tomorrowAt(9, 30));
    await keys.bookDeposit(owner('e-desk', 'p5'), '入户门钥匙', tomorrowAt(11));
    clock = tomorrowAt(8);
    const cmds = keyCommands({ keys });
    const run = (name: string, args = '') => {
      const c = cmds.find((x) => x.name === name);
      if (!c) throw new Error(`no command ${name}`);
      const ctx: CommandContext = { turn: {} as TurnContext, sender: desk('e-desk'), args, now: clock };
      return c.run(ctx);
    };
    try {
      const list = await run('今日预约');
      expect(list).toContain('09:30 转名 3栋2单元1201 邻居 待办理');
      expect(list).toContain('11:00 寄存 3栋2单元1201 邻居（入户门钥匙）待办理');
      expect(await run('今日钥匙')).toBe(list);
      clock = tomorrowAt(9, 31);
      expect(await run('钥匙核销', code)).toContain('09:30 3栋2单元1201 邻居 办理转名');
      expect(await db.prisma.keyHolding.count({ where: { estateId: 'e-desk' } })).toBe(0);
    } finally {
      clock = NOW;
    }
  });

  it('a malformed deskAppointments setting falls back to our defaults', () => {
    const s = deskAppointmentSettings({ deskAppointments: { checklists: { TRANSFER: 'no list' } } });
    expect(s.checklists.TRANSFER).toContain('买卖合同');
    expect(deskAppointmentSettings({}).checklists.MOVE_OUT).toEqual(['身份证', '钥匙/门禁卡', '结清物业费及水电费']);
  });
});
