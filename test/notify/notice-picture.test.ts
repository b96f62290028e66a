// A 公告 with a picture (#20): the picture is stored once and every outbox row carries only its id; the dispatcher
// reads the file once per tick and sends it as a photo where the channel shows pictures (Telegram: sendPhoto, then the
// text), and the text with "（附图片…）" where it does not (the console). A picture gone at send time never holds
// the text back: the text goes with a note.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { TelegramAdapter } from '../../adapters/telegram/telegram.adapter.js';
import { CONSOLE_CHANNEL } from '../../adapters/console/console.channel.js';
import type { Channel, OutboundMessage, SendResult } from '../../src/notify/channel.js';
import { Dispatcher } from '../../src/notify/dispatcher.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { NoticeService } from '../../src/notices/notice.service.js';
import { createLogger } from '../../src/shared/logger.js';
import { zonedTime } from '../../src/shared/zoned-time.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { FakeTelegramApi } from '../support/fake-telegram-api.js';
import { testNotifier } from '../support/channels.js';

const noTurns: TurnHandler = { onTurn: async () => undefined, onTurnError: async () => undefined };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

class ConsoleLike implements Channel {
  readonly name = 'console';
  readonly supportsImages = CONSOLE_CHANNEL.capabilities.images;
  readonly sent: Array<{ address: string; message: OutboundMessage }> = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    this.sent.push({ address, message });
    return { ok: true };
  }
}

describeEachDb('公告 with a picture', (provider) => {
  let db: TestDatabase;
  let dir: string;
  let fake: FakeTelegramApi;
  let adapter: TelegramAdapter;
  const at = zonedTime('2026-12-02', 10 * 60, 'Asia/Shanghai');
  const now = () => at;
  let estate: Parameters<NoticeService['confirm']>[0];
  let staffId: string;
  let estateId: string;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    dir = await mkdtemp(path.join(os.tmpdir(), 'notice-picture-'));
    const p = db.prisma;
    const e = await p.estate.create({ data: { code: 'T', name: '测试小区', deskPhone: '1', emergencyPhone: '2' } });
    estateId = e.id;
    const b = await p.building.create({ data: { estateId: e.id, name: '1' } });
    for (let i = 0; i < 4; i++) {
      await p.unit.create({ data: { id: `u${i}`, buildingId: b.id, room: String(101 + i) } });
      await p.person.create({ data: { id: `p${i}`, name: `业主${i}` } });
      await p.unitMembership.create({ data: { unitId: `u${i}`, personId: `p${i}`, role: 'OWNER' } });
      await p.channelIdentity.create({
        data:
          i < 3
            ? { channel: 'telegram', externalId: String(7000 + i), personId: `p${i}` }
            : { channel: 'console', externalId: 'c-owner', personId: `p${i}` },
      });
    }
    const person = await p.person.create({ data: { name: '主管' } });
    staffId = (await p.staff.create({ data: { estateId: e.id, personId: person.id, role: 'SUPERVISOR' } })).id;
    estate = {
      id: e.id,
      name: '测试小区',
      deskPhone: '1',
      timezone: 'Asia/Shanghai',
      settings: { handoffMaxTopicLength: 500 },
    };
    fake = await FakeTelegramApi.start();
    adapter = new TelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      mode: { kind: 'polling' },
      handler: noTurns,
      logger: createLogger('silent'),
      requestTimeoutSeconds: 5,
    });
  }, 60_000);
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function publish(pictureUrl: string, title: string) {
    const notices = new NoticeService(createRepositories(db.prisma), testNotifier(), now, {
      mediaDir: path.join(dir, 'notices'),
    });
    const author = { staffId, channel: 'console', conversation: 'c' };
    const d = await notices.createDraft(estate, author, {
      title,
      body: '12月3日 9:00–11:00 1栋电梯检修停运。',
      pictureUrl,
      audience: 'all',
      buildings: [],
      urgent: true,
    });
    const r = await notices.confirm(estate, author, d.seq);
    expect(r.ok && r.privateCount).toBe(4);
    return d;
  }

  function dispatcherWith(console: ConsoleLike, reads: string[], read?: (p: string) => Promise<Buffer>) {
    return new Dispatcher({
      repos: createRepositories(db.prisma),
      channels: new Map<string, Channel>([
        ['telegram', adapter],
        ['console', console],
      ]),
      limits: {},
      now,
      readMedia: async (p) => {
        reads.push(p);
        return read ? read(p) : Buffer.from(PNG);
      },
    });
  }

  it('goes as a photo on Telegram and as text on the console; rows hold the id, the file is read once', async () => {
    const file = path.join(dir, 'wechat-photo.png');
    await writeFile(file, PNG);
    const media = await db.prisma.mediaFile.create({
      data: {
        channel: 'wechat',
        externalId: 'm1',
        fileName: 'lift.png',
        mimeType: 'image/png',
        path: file,
        sizeBytes: PNG.length,
      },
    });
    await publish(`media:${media.id}`, '电梯检修');
    const rows = await db.prisma.outboxMessage.findMany({ where: { status: 'PENDING' } });
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      const payload = r.payload as Record<string, unknown>;
      expect(payload.imageMediaId).toBe(media.id);
      expect(payload.imagePngBase64).toBeUndefined();
    }

    const console = new ConsoleLike();
    const reads: string[] = [];
    const r = await dispatcherWith(console, reads).tick();
    expect(r.sent).toBe(4);
    expect(reads).toEqual([file]);

    const photos = fake.callsTo('sendPhoto').filter((c) => c.status === 200);
    expect(photos.map((c) => String(c.payload.chat_id)).sort()).toEqual(['7000', '7001', '7002']);
    for (const c of photos) expect(c.payload.caption).toBe('电梯检修');
    const texts = fake.callsTo('sendMessage').filter((c) => c.status === 200);
    expect(texts).toHaveLength(3);
    for (const c of texts) expect(String(c.payload.text)).toContain('1栋电梯检修停运');

    expect(console.sent).toHaveLength(1);
    expect(console.sent[0]?.message.image).toBeUndefined();
    expect(console.sent[0]?.message.text).toContain('1栋电梯检修停运');
    expect(console.sent[0]?.message.text).toContain('（附图片');
  });

  it('an inline picture is stored once; a picture unreadable at send time: the text still goes, with a note', async () => {
    const before = fake.callsTo('sendPhoto').length;
    const d = await publish(`data:image/png;base64,${PNG.toString('base64')}`, '停水通知');
    const stored = await db.prisma.mediaFile.findUnique({
      where: {
        channel_externalId: {
          channel: 'notice',
          externalId: (await db.prisma.notice.findUniqueOrThrow({ where: { estateId_seq: { estateId, seq: d.seq } } }))
            .id,
        },
      },
    });
    expect(stored?.path.startsWith(path.join(dir, 'notices'))).toBe(true);

    const console = new ConsoleLike();
    const reads: string[] = [];
    const r = await dispatcherWith(console, reads, async () => {
      throw new Error('ENOENT');
    }).tick();
    expect(r).toMatchObject({ sent: 4, dead: 0 });
    expect(reads).toHaveLength(1);
    expect(fake.callsTo('sendPhoto')).toHaveLength(before);
    const texts = fake
      .callsTo('sendMessage')
      .filter((c) => c.status === 200)
      .slice(-3);
    for (const c of texts) expect(String(c.payload.text)).toContain('配图未能发出');
    expect(console.sent[0]?.message.text).toContain('配图未能发出');
  });
});
