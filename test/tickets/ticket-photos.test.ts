// Staff see what the owner sent (#19): 认领 / 转派 send the ticket's photos to the assignee's own chat through the
// outbox — as images where the channel shows them (Telegram: sendPhoto with the bytes), as text on the console.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConsoleChannel } from '../../adapters/console/console.adapter.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { outboxPayloadSchema } from '../../src/notify/outbox.js';
import { chatWith, type Row } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { at, NOW } from '../reports/report-fixtures.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3, 0xff, 0xd9]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);

describeEachDb('ticket photos reach the assignee', (provider) => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  let dir: string;
  let ticketId: string;
  beforeAll(async () => {
    app = await demoBot(provider, () => NOW);
    dir = await mkdtemp(path.join(tmpdir(), 'wuye-photos-'));
    const file = path.join(dir, 'leak.jpg');
    await writeFile(file, JPEG);
    const p = app.db.prisma;
    const estate = await p.estate.findFirstOrThrow();
    const owner = await p.person.findFirstOrThrow({ where: { name: '刘洋' } });
    const media = await p.mediaFile.create({
      data: {
        channel: 'wechat',
        externalId: 'm1',
        fileName: 'leak.jpg',
        mimeType: 'image/jpeg',
        path: file,
        sizeBytes: JPEG.length,
      },
    });
    const t = await p.ticket.create({
      data: {
        number: 'TS-20261128-0009',
        estateId: estate.id,
        personId: owner.id,
        category: '漏水/渗水',
        description: '天花板渗水',
        location: '3栋2单元1201',
        createdAt: at('2026-11-28', '09:00'),
        slaStartAt: at('2026-11-28', '09:00'),
        ackDueAt: at('2026-11-28', '11:00'),
        resolveDueAt: at('2026-12-01', '09:00'),
        attachments: {
          create: [
            { contentUrl: `media:${media.id}`, name: 'leak.jpg', createdAt: at('2026-11-28', '09:00') },
            {
              contentUrl: `data:image/png;base64,${PNG.toString('base64')}`,
              name: 'ceiling.png',
              createdAt: at('2026-11-28', '09:01'),
            },
            { contentUrl: 'telegram-file:AgACAgUAAx', name: 'photo.jpg', createdAt: at('2026-11-28', '09:02') },
            {
              contentUrl: 'https://teams.example/files/wall.jpg',
              name: 'wall.jpg',
              createdAt: at('2026-11-28', '09:03'),
            },
          ],
        },
      },
    });
    ticketId = t.id;
  });
  afterAll(async () => {
    await app.db.drop();
    await rm(dir, { recursive: true, force: true });
  });
  const talk = (userId: string, rows: Row[]) => chatWith(app.bot, { userId }).converse(rows);
  const photoRows = (address: string) =>
    app.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `ticket:${ticketId}:photos:` }, address },
      orderBy: { dedupeKey: 'asc' },
    });

  it('认领: two pictures (a stored file, an inline one) and one text with what cannot be forwarded', async () => {
    await talk('demo-assistant', [
      [
        '认领 TS-20261128-0009',
        (r) =>
          expect(r.text).toContain(
            '已认领工单 TS-20261128-0009（漏水/渗水），业主已收到受理通知。\n业主照片 4 张已私发给您。',
          ),
      ],
    ]);
    const rows = await photoRows('demo-assistant');
    expect(rows).toHaveLength(3);
    const payloads = rows.map((r) => outboxPayloadSchema.parse(r.payload));
    const images = payloads.filter((x) => x.imagePngBase64 !== undefined);
    expect(images.map((x) => [x.text, x.imageMimeType, Buffer.from(x.imagePngBase64 ?? '', 'base64')])).toEqual(
      expect.arrayContaining([
        ['工单 TS-20261128-0009 业主照片 1/4', 'image/jpeg', JPEG],
        ['工单 TS-20261128-0009 业主照片 2/4', 'image/png', PNG],
      ]),
    );
    const links = payloads.find((x) => x.imagePngBase64 === undefined);
    expect(links?.text).toBe(
      '工单 TS-20261128-0009（漏水/渗水）另有 2 张业主照片无法直接转发：\n· photo.jpg：在业主的聊天渠道里，请到前台系统查看\n· wall.jpg：https://teams.example/files/wall.jpg',
    );
    expect(rows.every((r) => r.channel === 'console' && !r.isGroup && r.kind === 'notice')).toBe(true);
  });

  it('the console (no images) prints each photo as its text; nothing is lost or sent twice', async () => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (b: Buffer) => (printed += b.toString()));
    const dispatcher = new Dispatcher({
      repos: createRepositories(app.db.prisma),
      channels: new Map([['console', new ConsoleChannel({ handler: app.bot, output })]]),
      now: () => NOW,
      random: () => 1,
    });
    await dispatcher.tick();
    await dispatcher.stop();
    expect(printed).toContain(
      '工单 TS-20261128-0009 业主照片 1/4\n\n（本渠道不能显示图片：请在前台系统查看工单 TS-20261128-0009 的照片 1/4）',
    );
    expect(printed).toContain('· wall.jpg：https://teams.example/files/wall.jpg');
    const sent = await photoRows('demo-assistant');
    expect(sent.every((r) => r.status === 'SENT')).toBe(true);
  });

  it('转派 sends them to the new assignee (once); the old one gets nothing new', async () => {
    await talk('demo-assistant', [
      ['转派 TS-20261128-0009 李强', '工单 TS-20261128-0009 已转派给李强。\n业主照片 4 张已私发给李强。'],
    ]);
    expect(await photoRows('demo-foreman')).toHaveLength(3);
    expect(await photoRows('demo-assistant')).toHaveLength(3);
    await app.db.prisma.ticket.update({ where: { id: ticketId }, data: { assigneeId: null, status: 'NEW' } });
    await talk('demo-foreman', [['认领 TS-20261128-0009', '业主照片 4 张已私发给您。']]);
    expect(await photoRows('demo-foreman')).toHaveLength(3);
  });
});
