import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RENOVATION_DIALOG, RenovationDialog, type RenovationAction } from '../../dialogs/renovation.dialog.js';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import { setSender, type Sender } from '../../src/identity/sender.js';
import type { RenovationService } from '../../src/renovation/renovation.service.js';
import { check, type Row } from '../support/conversation.js';
import { describeEachDb, type TestDatabase } from '../support/databases.js';
import { renovationFixture } from '../renovation/renovation-fixtures.js';

describeEachDb('RenovationDialog', (provider) => {
  let db: TestDatabase;
  let estate: EstateInfo;
  const clock = new Date('2026-11-28T02:00:00Z'); // Saturday 10:00 Shanghai
  let svc: RenovationService;
  let owner: Sender;
  let n = 0;

  beforeAll(async () => {
    let ownerId: string;
    ({ db, estate, svc, ownerId } = await renovationFixture(provider, () => clock));
    owner = {
      identityId: 'i-owner',
      channel: 'console',
      externalId: 'demo-owner',
      personId: ownerId,
      name: '刘洋',
      locale: 'zh-CN',
      estate,
      units: [{ unitId: 'u-3-2-1201', estateId: estate.id, label: '3栋2单元1201', role: 'OWNER' }],
      staff: null,
      isGroup: false,
    };
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A fresh permit of the owner ending on `endDate`; earlier ones are finished so each test sees exactly one. */
  async function onlyPermit(endDate: string, extensionCount = 0) {
    await db.prisma.renovationPermit.deleteMany({});
    return db.prisma.renovationPermit.create({
      data: {
        estateId: estate.id,
        number: `ZX-D${++n}`,
        unitId: 'u-3-2-1201',
        ownerPersonId: owner.personId!,
        contractor: '好家装饰',
        foremanPhone: '13900001111',
        scope: '厨卫改造',
        startDate: '2026-11-01',
        endDate,
        depositCents: 200000,
        extensionCount,
      },
    });
  }

  /** Runs the renovation dialog alone (the main dialog's routing belongs to the lead). */
  async function converse(rows: Row[], action?: RenovationAction) {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>('dialog'));
    dialogs.add(new RenovationDialog({ renovation: svc, now: () => clock }));
    const adapter = new TestAdapter(
      async (ctx) => {
        setSender(ctx, owner);
        const dc = await dialogs.createContext(ctx);
        const r = await dc.continueDialog();
        if (r.status === DialogTurnStatus.empty)
          await dc.beginDialog(RENOVATION_DIALOG, action ? { action } : undefined);
        await state.saveChanges(ctx);
      },
      { channelId: 'console', locale: 'zh-CN' } as Partial<Activity>,
    );
    let flow: ReturnType<TestAdapter['send']> | TestAdapter = adapter;
    for (const [says, ...replies] of rows) {
      flow = (flow as TestAdapter).send(says);
      for (const e of replies) flow = flow.assertReply((reply) => check(reply, e, says));
    }
    await flow;
  }

  it('lists my permits with the contractor phone masked', async () => {
    const p = await onlyPermit('2026-12-10');
    await converse([
      ['装修', '1 我的装修许可'],
      ['查水表', /^没有这个选项，请回复 1–6 的数字（回复“取消”退出）。\n装修服务，请回复数字/],
      ['1', `${p.number} 3栋2单元1201｜厨卫改造｜2026-11-01 至 2026-12-10｜施工中｜施工方 好家装饰（139****1111）`],
    ]);
  });

  it.each([
    ['下周五', '2026-12-04'],
    ['12月20日', '2026-12-20'],
    ['2026-12-20', '2026-12-20'],
    ['两周后', '2026-12-12'],
  ])('extension: "%s" is filed as a request up to %s', async (phrase, end) => {
    await onlyPermit('2026-12-01');
    await converse([
      ['装修', '2 申请延期'],
      ['2', '当前到 2026-12-01。请问要延期到哪天？'],
      [phrase, new RegExp(`已提交延期申请（延期至 ${end}），编号 #\\d+。`)],
    ]);
  });

  it('extension: each broken rule is explained', async () => {
    await onlyPermit('2026-12-10');
    await converse(
      [
        ['延期', '请问要延期到哪天？'],
        ['下周五', '新的结束日期须晚于当前结束日期 2026-12-10（您选择的是 2026-12-04）。'],
      ],
      'extend',
    );
    await onlyPermit('2026-12-01');
    await converse(
      [
        ['延期', '请问要延期到哪天？'],
        ['2027-01-15', '每次最多延期 30 天，您申请的是 45 天'],
      ],
      'extend',
    );
    await onlyPermit('2026-12-01', 2);
    await converse(
      [
        ['延期', '请问要延期到哪天？'],
        ['12月20日', '每份装修许可最多延期 2 次，您已延期 2 次'],
      ],
      'extend',
    );
    const finished = await onlyPermit('2026-12-01');
    await db.prisma.renovationPermit.update({ where: { id: finished.id }, data: { status: 'FINISHED' } });
    await converse(
      [
        ['延期', '请问要延期到哪天？'],
        ['12月20日', '该装修许可已完工，只有施工中或停工中的许可可以申请延期'],
      ],
      'extend',
    );
  });

  it('extension: a phrase the parser does not know falls back to the date prompt', async () => {
    await onlyPermit('2026-12-10');
    await converse(
      [
        ['延期', '请问要延期到哪天？'],
        ['尽量晚一点', '没看懂您要延期到哪一天，请说一个具体日期'],
        ['随便', '请说一个具体日期'],
        ['2026/12/25', /已提交延期申请（延期至 2026-12-25），编号 #\d+。/],
      ],
      'extend',
    );
  });

  it('stop-work, resumption refused while working, 退场验收 booking and deposit status', async () => {
    await onlyPermit('2026-12-20');
    await converse([['复工', '该装修许可施工中，只有停工中的许可可以申报复工。']], 'resume');
    await converse(
      [
        ['停工', '请简单说明停工原因'],
        ['春节放假', /已提交停工申请，编号 #\d+。/],
      ],
      'stop',
    );
    await converse(
      [
        ['验收', '1 2026-11-30 09:30'],
        ['9', /^没有这个序号，请回复列表中的数字（回复“取消”退出）。\n可预约的退场验收时段/],
        ['1', /已提交退场验收申请，编号 #\d+。/],
      ],
      'inspect',
    );
    await converse([['押金', '押金 2000.00 元，押金由物业代管中']], 'deposit');
    const req = await db.prisma.renovationRequest.findFirstOrThrow({ where: { kind: 'EXIT_INSPECTION' } });
    expect(req.slotAt?.toISOString()).toBe('2026-11-30T01:30:00.000Z');
  });
});
