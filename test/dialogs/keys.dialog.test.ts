// Conversation tests of the key dialog on its own DialogSet (the lead routes "钥匙" to it in main.dialog).
// One pinned clock for the service and the date prompt, so "明天" is the same day whenever the suite runs.
process.env.TZ = 'Asia/Shanghai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DateTimeResolution } from 'botbuilder-dialogs';
import { KEYS_DIALOG, KeysDialog, withNextWeek } from '../../dialogs/keys.dialog.js';
import { setSender, type Sender } from '../../src/identity/sender.js';
import { DeskSlots, keyDeskSettings } from '../../src/keys/desk-slots.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { KeyService } from '../../src/keys/key.service.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, parseHolidayYear } from '../../src/sla/business-calendar.js';
import { addLocalDays, formatLocal, localDateKey, zonedTime } from '../../src/shared/zoned-time.js';
import { check, type Row } from '../support/conversation.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-25T10:00:00+08:00'); // a Wednesday
const now = () => NOW;
const today = localDateKey(NOW, TZ);
const tomorrow = addLocalDays(today, 1);
const dayAfter = addLocalDays(today, 2);
const tomorrowAt = (hh: number, mm = 0): Date => zonedTime(tomorrow, hh * 60 + mm, TZ);

function sender(estateId: string, personId: string): Sender {
  return {
    identityId: 'i1',
    channel: 'console',
    externalId: personId,
    personId,
    name: '刘洋',
    locale: 'zh-CN',
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

describeEachDb('KeysDialog conversations', (provider) => {
  let db: TestDatabase;
  let keys: KeyService;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    // The day after tomorrow is a holiday in this test calendar.
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
      now,
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  async function converse(who: Sender, rows: Row[]): Promise<void> {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogs'));
    dialogs.add(new KeysDialog({ keys, now }));
    const adapter = new TestAdapter(async (ctx: TurnContext) => {
      setSender(ctx, who);
      const dc = await dialogs.createContext(ctx);
      const r = await dc.continueDialog();
      if (r.status === DialogTurnStatus.empty) await dc.beginDialog(KEYS_DIALOG);
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
    ownerName: '刘洋',
  });

  it('books a deposit for 明天上午十点 and gives a 6-digit code', async () => {
    await converse(sender('e-book', 'p1'), [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['入户门钥匙 2 把', '哪天几点'],
      ['明天上午十点', /已预约 \d{4}-\d{2}-\d{2} 10:00 到前台寄存钥匙（入户门钥匙 2 把）。取件码 \d{6}/],
    ]);
    const [a] = await keys.myAppointments('p1');
    expect(a?.slotStart).toEqual(tomorrowAt(10));
  });

  it('an English-speaking owner books in English ("tomorrow 10am")', async () => {
    await converse({ ...sender('e-en', 'p-en'), locale: 'en' }, [
      ['keys', '1 Leave keys'],
      ['1', 'which keys you are leaving'],
      ['front door key x2', 'Which day and time'],
      [
        'tomorrow 10am',
        /Booked \d{4}-\d{2}-\d{2} 10:00 at the front desk to leave keys \(front door key x2\)\. Code \d{6}/,
      ],
    ]);
    const [a] = await keys.myAppointments('p-en');
    expect(a?.slotStart).toEqual(tomorrowAt(10));
  });

  it('a full slot is refused with the nearest free time, then another time books', async () => {
    await keys.bookDeposit(owner('e-full', 'x1'), 'a', tomorrowAt(10));
    await keys.bookDeposit(owner('e-full', 'x2'), 'b', tomorrowAt(10));
    await converse(sender('e-full', 'p2'), [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['信箱钥匙', '哪天几点'],
      ['明天上午十点', /已约满，最近可约 10:15/],
      ['明天上午十点一刻', /已预约 .* 10:15/],
    ]);
  });

  it('the lunch break and a holiday are refused with the reason', async () => {
    await converse(sender('e-lunch', 'p3'), [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['车库钥匙', '哪天几点'],
      ['明天中午十二点半', '午休'],
      ['后天上午十点', '测试节假期前台不办理钥匙业务'],
      ['明天下午两点', /已预约 .* 14:00/],
    ]);
  });

  it('a day the calendar lacks (2月30日, 2026-02-30) is named back, and a real day then books', async () => {
    await converse(sender('e-feb', 'p5'), [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['车库钥匙', '哪天几点'],
      ['2月30日上午十点', /日历上没有 20\d\d年2月30日 这一天/],
      ['2026-02-30', '日历上没有 2026年2月30日 这一天'],
      ['明天下午两点', /已预约 .* 14:00/],
    ]);
  });

  it('a wrong menu answer re-asks and stays in the flow', async () => {
    await converse(sender('e-menu', 'p6'), [
      ['钥匙', '1 寄存钥匙'],
      ['买菜', '没有这个选项'],
      ['1', '寄存哪些钥匙'],
      ['车库钥匙', '哪天几点'],
    ]);
  });

  it('reschedules and cancels a booking', async () => {
    await keys.bookDeposit(owner('e-move', 'p4'), '入户门钥匙', tomorrowAt(9));
    await converse(sender('e-move', 'p4'), [
      ['钥匙', '1 寄存钥匙'],
      ['4', /请回复要改期的预约编号：\n1 .* 09:00 寄存/],
      ['1', '原时间'],
      ['明天下午三点', /已改到 .* 15:00/],
    ]);
    expect((await keys.myAppointments('p4'))[0]?.slotStart).toEqual(tomorrowAt(15));
    await converse(sender('e-move', 'p4'), [
      ['钥匙', '1 寄存钥匙'],
      ['8', /^没有这个选项，请回复 1–6 的数字（回复“取消”退出）。\n钥匙寄存\/领取/],
      ['5', '请回复要取消的预约编号'],
      ['2', /^没有这个编号，请回复列表中的数字（回复“取消”退出）。\n请回复要取消的预约编号/],
      ['1', /已取消 .* 15:00 的钥匙预约/],
    ]);
    expect(await keys.myAppointments('p4')).toEqual([]);
  });

  it('an authorised person is added, then booked for pickup and gets the code via the owner', async () => {
    await db.prisma.keyHolding.create({
      data: {
        estateId: 'e-auth',
        unitId: 'unit-p5',
        unitLabel: '3栋2单元1201',
        ownerPersonId: 'p5',
        description: '入户门钥匙',
        depositedAt: NOW,
        depositedBy: '刘洋',
      },
    });
    await converse(sender('e-auth', 'p5'), [
      ['钥匙', '1 寄存钥匙'],
      ['2', '谁来领取'],
      ['李四 13700002222', '哪天几点'],
      ['明天上午十一点', '不在授权名单'],
    ]);
    await converse(sender('e-auth', 'p5'), [
      ['钥匙', '1 寄存钥匙'],
      ['6', '当前授权人：暂无'],
      ['添加 王师傅 13900001111', '已添加授权人 王师傅（139****1111）'],
    ]);
    await converse(sender('e-auth', 'p5'), [
      ['钥匙', '1 寄存钥匙'],
      ['2', '王师傅 139****1111'],
      ['王师傅 13900001111', '哪天几点'],
      ['明天上午十一点', /已预约 .* 11:00 领取钥匙（王师傅）。取件码 \d{6}，请把取件码转给 王师傅/],
    ]);
  });
  it('周六下午 offers the first free afternoon slots of the coming Saturday; a tap books one', async () => {
    let offered: string[] = [];
    await converse(sender('e-sat', 'p6'), [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['阳台门钥匙', '哪天几点'],
      [
        '周六下午',
        (r) => {
          expect(r.text).toMatch(/可以预约的时间：1\d:\d{2}、1\d:\d{2}、1\d:\d{2}。请点一个/);
          offered = (r.suggestedActions?.actions ?? []).map((a) => String(a.value));
        },
      ],
    ]);
    expect(offered).toHaveLength(3);
    const day = offered[0]!.slice(0, 10);
    expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(6);
    // Nothing is booked until the owner picks one.
    expect(await keys.myAppointments('p6')).toEqual([]);
    await converse(sender('e-sat', 'p6'), [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['阳台门钥匙', '哪天几点'],
      ['周六下午', '可以预约的时间'],
      [offered[1]!, new RegExp(`已预约 ${offered[1]} 到前台寄存钥匙`)],
    ]);
    const [a] = await keys.myAppointments('p6');
    expect(a && formatLocal(a.slotStart, TZ)).toBe(offered[1]);
    expect(a && a.slotStart.getTime() > NOW.getTime()).toBe(true);
  });
});

it('周六下午 said on a Saturday evening also reads as next Saturday (both recognizer readings are past)', () => {
  // What the recognizer gives for 周六下午 on Sat 2026-11-28: last Saturday and today.
  const readings = [
    { timex: 'XXXX-WXX-6TAF', type: 'datetimerange', start: '2026-11-21 12:00:00', end: '2026-11-21 16:00:00' },
    { timex: 'XXXX-WXX-6TAF', type: 'datetimerange', start: '2026-11-28 12:00:00', end: '2026-11-28 16:00:00' },
  ] as unknown as DateTimeResolution[];
  expect(withNextWeek(readings).map((r) => (r as { start?: string }).start)).toEqual([
    '2026-11-21 12:00:00',
    '2026-11-28 12:00:00',
    '2026-12-05 12:00:00',
  ]);
  // A dated phrase ("12月5日下午") is not a weekday: nothing is added.
  const dated = [
    { timex: '2026-12-05TAF', type: 'datetimerange', start: '2026-12-05 12:00:00', end: '2026-12-05 16:00:00' },
  ] as unknown as DateTimeResolution[];
  expect(withNextWeek(dated)).toHaveLength(1);
});
