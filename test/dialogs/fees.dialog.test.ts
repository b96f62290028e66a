// FeesDialog driven directly through a DialogSet, started as the main dialog starts it (with what it understood).
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { beforeAll, expect, it } from 'vitest';
import { FEES_DIALOG, FeesDialog } from '../../dialogs/fees.dialog.js';
import { feeReplies } from '../../src/fees/fee.service.js';
import { isFeeOptedOut } from '../../src/db/fee.repo.js';
import { importBills } from '../../src/fees/fee-import.service.js';
import { setSender, type Sender } from '../../src/identity/sender.js';
import { describeEachDb } from '../support/databases.js';
import { understand } from '../support/understand.js';
import { addOwner, billCsv, senderFor, useFeeEstate } from '../fees/fee-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('FeesDialog', (provider) => {
  const env = useFeeEstate(provider);
  let sender: Sender;
  beforeAll(async () => {
    const owner = await addOwner(env.db.prisma, env.est.unit('1', '101'), '刘洋', '13812345678', 'o1');
    await env.db.prisma.unitMembership.create({
      data: { unitId: env.est.unit('3', '301'), personId: owner, role: 'OWNER' },
    });
    sender = senderFor(env.est, {
      personId: owner,
      name: '刘洋',
      units: [
        { unitId: env.est.unit('1', '101'), label: '1栋101' },
        { unitId: env.est.unit('3', '301'), label: '3栋301' },
      ],
    });
    const csv = billCsv(
      '1栋,101,2026-11,物业费,300,0,2026-11-30',
      '3栋,301,2026-11,停车费,150,150,2026-11-30',
      '1栋,102,2026-11,物业费,777,0,2026-11-30',
    );
    expect((await importBills(createRepositories(env.db.prisma).fees, env.est.estateId, csv)).errors).toEqual([]);
  });

  function adapter() {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>('dialogs'));
    dialogs.add(
      new FeesDialog({
        fees: feeReplies(
          createRepositories(env.db.prisma).fees,
          testNotifier(),
          () => new Date('2026-12-05T02:00:00Z'),
        ),
      }),
    );
    return new TestAdapter(async (ctx) => {
      setSender(ctx, sender);
      const dc = await dialogs.createContext(ctx);
      const r = await dc.continueDialog();
      if (r.status === DialogTurnStatus.empty) await dc.beginDialog(FEES_DIALOG, understand(ctx.activity.text ?? ''));
      await state.saveChanges(ctx);
    });
  }

  it('"物业费" shows every one of the sender\'s units and nobody else\'s', async () => {
    await adapter()
      .send('物业费')
      .assertReply((a) => {
        expect(a.text).toContain('【1栋101】待缴合计 ¥300.00');
        expect(a.text).toContain('2026-11 物业管理费 ¥300.00（已逾期5天）');
        expect(a.text).toContain('【3栋301】目前没有待缴费用');
        expect(a.text).not.toContain('777');
        expect(a.text).toContain('缴费方式：');
      })
      .startTest();
  });

  it('"不再提醒" opts out and "恢复提醒" opts back in', async () => {
    await adapter()
      .send('不再提醒')
      .assertReply((a) => expect(a.text).toContain('不再向您发送缴费提醒'))
      .startTest();
    expect(await isFeeOptedOut(env.db.prisma, sender.personId ?? '')).toBe(true);
    await adapter()
      .send('恢复提醒')
      .assertReply((a) => expect(a.text).toContain('已为您恢复'))
      .startTest();
    expect(await isFeeOptedOut(env.db.prisma, sender.personId ?? '')).toBe(false);
  });

  it('recognises the opt-out wording', () => {
    expect(understand('请不要再提醒我交费').understood?.sub).toBe('stopReminders');
    expect(understand('恢复提醒').understood?.sub).toBe('resumeReminders');
    expect(understand('物业费').understood?.sub).toBe('balance');
  });

  it('answers how to pay, invoices and instalments without showing the balance', async () => {
    await adapter()
      .send('物业费可以用微信交吗')
      .assertReply((a) => {
        expect(a.text).toContain('缴费方式：');
        expect(a.text).not.toContain('待缴合计');
      })
      .startTest();
    await adapter()
      .send('物业费能开发票吗')
      .assertReply((a) => expect(a.text).toContain('发票和收据请到物业服务中心前台开具'))
      .startTest();
    await adapter()
      .send('管理费能不能分期')
      .assertReply((a) => {
        expect(a.text).toContain('分期、缓缴或减免需要和物业协商');
        expect(a.suggestedActions?.actions.map((x) => x.title)).toEqual(['转人工']);
      })
      .startTest();
  });
});
