// 催缴 to an owner who follows the Official Account but last wrote three days ago (outside the 48-hour window): the
// real campaign job queues the reminder, the running app's dispatcher sends it as the estate's template message; for
// an owner of an estate with no 催缴 template it is held, the desk sees it with 未送达, and it goes out as a
// customer-service message right after the owner's next message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArrearsCampaign } from '../../src/fees/arrears-campaign.job.js';
import { estatesForFees } from '../../src/db/fee.repo.js';
import { DEMO } from '../../src/db/seed.js';
import type { App } from '../../src/main.js';
import { addLocalDays, localDateKey } from '../../src/shared/zoned-time.js';
import { chatWith } from '../support/conversation.js';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../support/databases.js';
import { FAKE_OA, FakeWechatOaApi, OaCallbacks } from '../support/fake-wechat-oa-api.js';
import { startJourneyApp } from './support/journey.js';
import type { RunningClock } from '../support/running-clock.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { testNotifier } from '../support/channels.js';

const OWNER = 'oWUYE_arrears_owner';
const TEMPLATE = 'tplArrears_2026';

describe('催缴 on the Official Account outside the 48-hour window [sqlite]', () => {
  let url = '';
  let app: App;
  let fake: FakeWechatOaApi;
  let wx: OaCallbacks;
  let clock: RunningClock;
  let errorLogs: () => string[];
  const tz = 'Asia/Shanghai';

  beforeAll(async () => {
    url = await createEmptyDatabaseUrl('sqlite');
    fake = await FakeWechatOaApi.start();
    fake.templates.add(TEMPLATE);
    // The app runs on the journeys' clock (a Wednesday, 09:30 Shanghai: the campaign's day, outside quiet hours).
    ({ app, clock, errorLogs } = await startJourneyApp(url, {
      WECHAT_OA_APP_ID: FAKE_OA.appId,
      WECHAT_OA_APP_SECRET: FAKE_OA.appSecret,
      WECHAT_OA_TOKEN: FAKE_OA.token,
      WECHAT_OA_API_ROOT: fake.apiRoot,
    }));
    fake.now = clock.now;
    wx = new OaCallbacks({ url: `http://127.0.0.1:${app.http.port}/wechat/oa`, fake, now: clock.now });
    const prisma = app.db.prisma;
    // The demo owner bound this account earlier and last wrote three days ago.
    const owner = await prisma.person.findFirstOrThrow({ where: { name: DEMO.owner.name } });
    await prisma.channelIdentity.create({ data: { channel: 'wechat-oa', externalId: OWNER, personId: owner.id } });
    const wrote = new Date(clock.now().getTime() - 72 * 3_600_000);
    fake.interaction(OWNER, 'message', wrote);
    await prisma.serviceWindow.create({
      data: { channel: 'wechat-oa', address: OWNER, messageAt: wrote, messageUsed: 1 },
    });
  }, 30_000);
  afterAll(async () => {
    await app.stop();
    await fake.close();
    await dropDatabaseUrl(url);
  });

  /** A property-fee bill of the demo owner's unit, due `daysAgo` days ago, and the campaign run now. */
  const billAndCampaign = async (period: string, daysAgo: number) => {
    const prisma = app.db.prisma;
    const unit = await prisma.unit.findFirstOrThrow({
      where: { room: DEMO.owner.room, entrance: DEMO.owner.entrance, building: { name: DEMO.owner.building } },
      include: { building: true },
    });
    await prisma.feeBill.create({
      data: {
        estateId: unit.building.estateId,
        buildingId: unit.buildingId,
        unitId: unit.id,
        period,
        feeType: 'PROPERTY',
        amountDueCents: 128_000,
        amountPaidCents: 0,
        outstandingCents: 128_000,
        dueDate: addLocalDays(localDateKey(clock.now(), tz), -daysAgo),
      },
    });
    const [estate] = await estatesForFees(prisma);
    if (!estate) throw new Error('no estate');
    return runArrearsCampaign(createRepositories(prisma).fees, testNotifier(), estate, clock.now());
  };

  it('goes out as the estate’s 催缴 template message', async () => {
    await app.db.prisma.estate.updateMany({
      data: {
        settings: {
          wechatOa: {
            templates: {
              arrears: { templateId: TEMPLATE, data: { thing1: '{unit}', amount2: '{amount}', time3: '{dueDate}' } },
            },
          },
        },
      },
    });
    expect(await billAndCampaign('2026-10', 3)).toMatchObject({ recorded: 1 });
    const sent = await fake.waitFor(() => fake.to(OWNER)[0], 'the 催缴 template');
    expect(sent).toMatchObject({
      kind: 'template',
      templateId: TEMPLATE,
      data: { thing1: '3栋2单元1201', amount2: '¥1,280.00', time3: addLocalDays(localDateKey(clock.now(), tz), -3) },
    });
    expect(fake.callsTo('/cgi-bin/message/custom/send')).toEqual([]);
  });

  it('with no template configured it is held, listed for the desk, and sent after the owner’s next message', async () => {
    await app.db.prisma.estate.updateMany({ data: { settings: {} } });
    // Another debt, a fortnight later in the campaign (the 3-day spacing between reminders is the estate's rule).
    await app.db.prisma.feeNotice.updateMany({ data: { createdAt: new Date(clock.now().getTime() - 4 * 86_400_000) } });
    expect(await billAndCampaign('2026-11', 15)).toMatchObject({ recorded: 1 });
    await expect
      .poll(
        async () =>
          (await app.db.prisma.outboxMessage.findFirst({ where: { channel: 'wechat-oa', status: 'HELD' } }))?.lastError,
        { timeout: 10_000 },
      )
      .toBe('48 小时窗口外，未配置「催缴」模板，等待业主下次留言');
    expect(fake.to(OWNER)).toHaveLength(1); // only the earlier template

    // The front desk asks what reached nobody.
    const desk = chatWith(app.bot, { channelId: 'console', userId: 'demo-assistant' });
    await desk.converse([
      [
        '未送达',
        (r) => {
          expect(r.text).toContain('公众号未送达的通知（1 条');
          expect(r.text).toContain('刘洋 3栋2单元1201 138****5678｜提醒');
          expect(r.text).toContain('待送达：48 小时窗口外，未配置「催缴」模板');
          expect(r.text).not.toContain(DEMO.owner.phone);
        },
      ],
    ]);

    // The owner writes: the reply comes first, then the held reminder as a customer-service message.
    await wx.text(OWNER, '你好');
    const reminder = await fake.waitFor(
      () => fake.to(OWNER).find((d) => d.kind === 'text' && d.text.includes('¥1,280.00')),
      'the held reminder after the owner wrote',
    );
    expect(fake.to(OWNER).indexOf(reminder)).toBe(2);
    // The fake sees the send before the dispatcher marks the row SENT: wait for the mark, not for a moment.
    await expect
      .poll(() => app.db.prisma.outboxMessage.count({ where: { channel: 'wechat-oa', status: { not: 'SENT' } } }), {
        timeout: 10_000,
      })
      .toBe(0);
    expect(errorLogs()).toEqual([]);
  });
});
