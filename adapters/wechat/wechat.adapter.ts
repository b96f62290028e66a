// WeChat personal account via wechaty: each message from a contact (or a registered group, when the bot is @-mentioned)
// runs one bot turn; replies go back as ONE WeChat message per user message (ban risk), buttons as a numbered menu.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { FileBox, type FileBoxInterface } from 'file-box';
import {
  WechatyBuilder,
  types as wechatyTypes,
  type Contact,
  type Message,
  type OfficialPuppetNpmName,
  type Room,
  type Wechaty,
  type WechatyOptions,
} from 'wechaty';
import type { MediaRepository } from '../../src/db/repositories.js';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { isAdapterChannelIdOfKind } from '../../src/shared/channel-ids.js';
import type { Clock } from '../../src/shared/clock.js';
import type { Logger } from '../../src/shared/logger.js';
import { t } from '../../src/i18n/index.js';
import { numberedMenu, type Channel, type OutboundMessage, type SendResult } from '../channel.js';
import {
  WECHAT_CHANNEL_ID,
  isBacklog,
  mediaExtension,
  mediaType,
  menuFromActions,
  parseAddress,
  parseWechatQuote,
  resolveMenuPick,
  stripMention,
  textMentions,
  toActivity,
  type InboundWechatMessage,
  type RememberedMenu,
  type WechatAddress,
} from './message-mapper.js';
import { SelfHostedAdapter } from '../self-hosted.adapter.js';
import { WECHAT_CHANNEL } from './wechat.channel.js';

type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

// qrcode-terminal ships no types; this is the one function we use.
const qrcodeTerminal = createRequire(import.meta.url)('qrcode-terminal') as {
  generate(text: string, opts: { small: boolean }, cb?: (qr: string) => void): void;
};

/** A personal WeChat account's channel id: `wechat`, or `wechat-<name>` for a further account. */
export type WechatChannelId = 'wechat' | `wechat-${string}`;

export interface WechatAdapterOptions {
  /**
   * This account's channel id (default `wechat`): the channel of the identities, groups and media it records, of the
   * turns it runs, of its outbox rows (its descriptor: `wechatChannel({ id })`) and of its log lines.
   */
  id?: WechatChannelId;
  /** npm name of the puppet (from WECHATY_PUPPET), or a puppet instance (PuppetMock in tests). */
  puppet: string | PuppetInstance;
  puppetOptions?: { token?: string } & Record<string, unknown>;
  /** wechaty name: the memory card (saved session) file. */
  name?: string;
  handler: TurnHandler;
  /** A room is served only when registered (StaffChat). */
  isRegisteredGroup: (channel: string, chatId: string) => Promise<boolean>;
  /** Where received files are recorded (Repositories.media). */
  media: MediaRepository;
  dataDir: string;
  logger: Logger;
  now: Clock;
  /** Pause between the parts (text, image) of one proactive message; WeChat bans bursts. Default 3000. */
  sendGapMs?: number;
  /** Restart backoff after logout/error: first delay and ceiling. Default 2 s → 5 min. */
  restartBackoffMs?: { initial: number; max: number };
  /** Shows the login QR; default draws it on the console with qrcode-terminal. */
  printQr?: (qrcode: string) => void;
}

const OUTBOX_KEY = Symbol('wechatOutbox');

const MEDIA_TYPES: ReadonlySet<number> = new Set([
  wechatyTypes.Message.Image,
  wechatyTypes.Message.Attachment,
  wechatyTypes.Message.Video,
]);

export function qrcodeUrl(qrcode: string): string {
  return `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
}

export class WechatAdapter extends SelfHostedAdapter implements Channel {
  readonly name: WechatChannelId;
  /** From the channel's descriptor (the registry's capabilities). */
  readonly supportsImages = WECHAT_CHANNEL.capabilities.images;
  readonly supportsFiles = true;

  private bot: Wechaty | undefined;
  private readonly now: () => Date;
  private startedAt: Date;
  private stopped = true;
  private restarting = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  /** Last numbered menu shown per conversation (per room member in groups): what a reply "2" means. */
  private readonly menus = new Map<string, RememberedMenu>();
  /** Turns still running, so stop() can let them finish their reply. */
  private readonly inflight = new Set<Promise<void>>();
  /** Every line carries this account's channel id. */
  private readonly log: Logger;

  constructor(private readonly opts: WechatAdapterOptions) {
    super();
    this.name = opts.id ?? WECHAT_CHANNEL_ID;
    if (!isAdapterChannelIdOfKind(this.name, 'wechat'))
      throw new Error(
        `not a WeChat account id: "${this.name}" (wechat or wechat-…, not another adapter's id such as wechat-oa)`,
      );
    this.log = opts.logger.child({ channel: this.name });
    this.now = opts.now;
    this.startedAt = this.now();
    this.backoffMs = opts.restartBackoffMs?.initial ?? 2000;
    this.onTurnError = (context, error) => opts.handler.onTurnError(context, error);
  }

  /** True once the account is logged in (the QR was scanned). */
  get loggedIn(): boolean {
    return this.bot?.isLoggedIn ?? false;
  }

  /** The outbox dispatcher holds WeChat messages (without spending attempts) while the account is logged out. */
  isReady(): boolean {
    return this.loggedIn;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.startedAt = this.now();
    this.bot ??= this.build();
    try {
      await this.bot.start();
      this.log.info('wechaty started; waiting for login');
    } catch (err) {
      this.log.error({ err }, 'wechaty failed to start');
      this.scheduleRestart('start failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await Promise.allSettled([...this.inflight]);
    try {
      await this.bot?.stop();
    } catch (err) {
      this.log.warn({ err }, 'wechaty stop failed');
    }
  }

  private build(): Wechaty {
    const { puppet, puppetOptions, name } = this.opts;
    const bot =
      typeof puppet === 'string'
        ? // Any puppet package works; wechaty's type only lists the official names.
          WechatyBuilder.build({ name, puppet: puppet as OfficialPuppetNpmName, puppetOptions })
        : WechatyBuilder.build({ name, puppet });
    bot.on('scan', (qrcode, status) => this.onScan(qrcode, status));
    bot.on('login', (user) => {
      this.backoffMs = this.opts.restartBackoffMs?.initial ?? 2000;
      this.log.info({ user: user.name() }, 'wechat logged in');
    });
    bot.on('logout', (user, reason) => {
      if (this.restarting || this.stopped) return;
      this.log.warn({ user: user.name(), reason }, 'wechat logged out');
      this.scheduleRestart('logout');
    });
    bot.on('error', (error) => {
      this.log.error({ err: error }, 'wechaty error');
      // While logged in an error is about one call (a contact not found…); only a lost session needs a restart.
      if (!bot.isLoggedIn) this.scheduleRestart('error');
    });
    bot.on('message', (msg) => {
      const p = this.onMessage(msg)
        .catch((err: unknown) => this.log.error({ err, messageId: msg.id }, 'wechat message failed'))
        .finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    });
    return bot;
  }

  private onScan(qrcode: string, status: wechatyTypes.ScanStatus): void {
    if (status === wechatyTypes.ScanStatus.Waiting || status === wechatyTypes.ScanStatus.Timeout) {
      const print = this.opts.printQr ?? ((q: string) => qrcodeTerminal.generate(q, { small: true }));
      print(qrcode);
      this.log.info({ url: qrcodeUrl(qrcode) }, '请用微信扫码登录 (scan the QR code to log in)');
    } else {
      this.log.info({ status: wechatyTypes.ScanStatus[status] }, 'wechat scan status');
    }
  }

  private scheduleRestart(reason: string): void {
    if (this.stopped || this.restartTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.restartBackoffMs?.max ?? 300_000);
    this.log.warn({ reason, delayMs: delay }, 'wechaty restart scheduled');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart(reason);
    }, delay);
    this.restartTimer.unref();
  }

  private async restart(reason: string): Promise<void> {
    if (this.stopped || !this.bot) return;
    this.restarting = true;
    try {
      await this.bot.stop().catch((err: unknown) => this.log.warn({ err }, 'wechaty stop before restart failed'));
      this.startedAt = this.now();
      await this.bot.start();
      this.log.info({ reason }, 'wechaty restarted');
    } catch (err) {
      this.log.error({ err }, 'wechaty restart failed');
      this.scheduleRestart('restart failed');
    } finally {
      this.restarting = false;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Inbound

  private async onMessage(msg: Message): Promise<void> {
    const skip = (reason: string) =>
      this.log.debug({ messageId: msg.id, roomId: msg.room()?.id, reason }, 'wechat message skipped');
    if (msg.self()) return skip('self');
    if (isBacklog(msg.date(), this.startedAt)) return skip('backlog');
    const type = msg.type();
    if (type !== wechatyTypes.Message.Text && !MEDIA_TYPES.has(type)) {
      // Voice, video, stickers, locations…: a private sender is told, rather than left waiting for an answer.
      if (!msg.room()) await this.replyDirect(msg, t('zh-CN', 'wechat.unsupported'));
      return skip('unsupported-type');
    }

    const talker = msg.talker();
    const room = msg.room();
    const selfUser = this.bot?.currentUser;
    const botNames = selfUser ? [selfUser.name()] : [];
    let text = type === wechatyTypes.Message.Text ? msg.text() : '';
    // 引用 reply: the typed text is under the quote; the quoted notice tells commands which ticket / request.
    const quote = parseWechatQuote(text);
    if (quote) text = quote.reply;

    let roomTopic: string | undefined;
    if (room) {
      // Files in a group are staff chatter, not addressed to the bot.
      if (type !== wechatyTypes.Message.Text) return skip('group-media');
      // Quoting one of the bot's own messages addresses the bot as an @mention does.
      const quotesBot = quote !== null && botNames.includes(quote.author);
      const mentioned = quotesBot || (await msg.mentionSelf()) || textMentions(text, botNames);
      text = stripMention(quote ? text : await msg.mentionText(), botNames);
      if (!mentioned && !text.startsWith('/')) return skip('not-mentioned');
      // 注册群 must reach the bot from a group that is not registered yet, or no WeChat group could ever be
      // registered; the command router checks the sender is a supervisor.
      const registering = /^\/?(注册群|registergroup)(\s|$)/.test(text);
      if (!registering && !(await this.opts.isRegisteredGroup(this.name, room.id))) return skip('room-not-registered');
      roomTopic = await room.topic();
    } else {
      text = text.trim();
    }

    const inbound: InboundWechatMessage = { id: msg.id, talkerId: talker.id, talkerName: talker.name(), text };
    if (quote) inbound.quotedText = quote.quoted;
    if (room) {
      inbound.roomId = room.id;
      if (roomTopic !== undefined) inbound.roomTopic = roomTopic;
    }
    if (MEDIA_TYPES.has(type)) {
      try {
        inbound.attachments = [await this.storeMedia(msg)];
      } catch (err) {
        // The file could not be fetched from WeChat: say so, so the owner sends it again instead of waiting.
        this.log.warn({ err, messageId: msg.id }, 'wechat media download failed');
        return this.replyDirect(msg, t('zh-CN', 'wechat.mediaFailed'));
      }
    }

    const key = menuKey(room?.id, talker.id);
    const menu = this.menus.get(key) ?? (room ? this.menus.get(menuKey(room.id, undefined)) : undefined);
    this.menus.delete(key);
    const pick = resolveMenuPick(text, menu);
    if (pick) {
      inbound.text = pick.value;
      inbound.menuPick = { index: pick.index, typed: text };
    }

    const activity = toActivity(inbound, { id: selfUser?.id ?? '', name: botNames[0] ?? '' }, this.now(), this.name);
    const context = new TurnContext(this, activity);
    const outbox: Partial<Activity>[] = [];
    context.turnState.set(OUTBOX_KEY, outbox);
    await this.runMiddleware(context, (ctx) => this.opts.handler.onTurn(ctx, this.name));
    await this.flushReply(
      outbox,
      room ? { kind: 'room', id: room.id } : { kind: 'contact', id: talker.id },
      talker,
      key,
    );
  }

  /** A reply the adapter gives itself (no turn ran): through the same delivery as a turn's replies. */
  private async replyDirect(msg: Message, text: string): Promise<void> {
    const talker = msg.talker();
    await this.flushReply(
      [{ type: ActivityTypes.Message, text }],
      { kind: 'contact', id: talker.id },
      talker,
      menuKey(undefined, talker.id),
    );
  }

  /** Saves an image/file to DATA_DIR/media/wechat and records it; flows refer to it as `media:<id>`. */
  private async storeMedia(msg: Message): Promise<{ contentType: string; contentUrl: string; name: string }> {
    const box = await msg.toFileBox();
    const mimeType = mediaType(box.name, box.mediaType);
    // One folder per account: `media/wechat` for the first, as before.
    const dir = path.resolve(this.opts.dataDir, 'media', this.name);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${msg.id.replace(/[^A-Za-z0-9_-]/g, '_')}.${mediaExtension(box.name, mimeType)}`);
    await box.toFile(file, true);
    const { size } = await fs.stat(file);
    const row = await this.opts.media.save({
      channel: this.name,
      externalId: msg.id,
      fileName: box.name,
      mimeType,
      path: file,
      sizeBytes: size,
    });
    return { contentType: mimeType, contentUrl: `media:${row.id}`, name: box.name };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Outbound

  /** During an inbound turn replies are collected and sent as one message at the end; otherwise sent at once. */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox = context.turnState.get(OUTBOX_KEY) as Partial<Activity>[] | undefined;
    if (outbox) {
      outbox.push(...activities);
      return activities.map((_, i) => ({ id: `pending-${outbox.length - activities.length + i}` }));
    }
    const responses: ResourceResponse[] = [];
    for (const a of activities) {
      const conv = a.conversation;
      if (a.type !== ActivityTypes.Message || !conv) {
        responses.push({ id: '' });
        continue;
      }
      const addr: WechatAddress = { kind: conv.isGroup ? 'room' : 'contact', id: conv.id };
      const result = await this.deliver(
        addr,
        toParts(a),
        menuKey(conv.isGroup ? conv.id : undefined, a.recipient?.id ?? conv.id),
      );
      if (!result.ok) throw new Error(`wechat send failed: ${result.error}`);
      responses.push({ id: result.providerMessageId ?? '' });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('WeChat cannot edit a sent message');
  }

  async deleteActivity(_context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const id = reference.activityId;
    if (!id || !this.bot) return;
    const msg = await this.bot.Message.find({ id });
    await msg?.recall();
  }

  /** Proactive send (outbox dispatcher). `address`: "contact:<id>" or "room:<id>". */
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    const addr = parseAddress(address);
    if (!addr) return { ok: false, error: `bad wechat address: ${address}`, permanent: true };
    const caption = message.image?.caption;
    // The same rendering as a reply: numbered menu text, and the menu remembered for a reply "1".
    const parts = toParts({
      text: caption && !message.text.includes(caption) ? `${message.text}\n${caption}` : message.text,
      suggestedActions: {
        to: [],
        actions: (message.suggestions ?? []).map((s) => ({ type: 'imBack', title: s, value: s })),
      },
    });
    if (message.image) parts.images.push(imageBox(message.image.png, message.image.name));
    // A document goes as a file message after the text (the same say() path as an image).
    if (message.file) parts.images.push(FileBox.fromBase64(message.file.data.toString('base64'), message.file.name));
    return this.deliver(
      addr,
      parts,
      menuKey(addr.kind === 'room' ? addr.id : undefined, addr.kind === 'contact' ? addr.id : undefined),
    );
  }

  private async flushReply(
    outbox: Partial<Activity>[],
    addr: WechatAddress,
    talker: Contact,
    key: string,
  ): Promise<void> {
    const parts = mergeParts(
      outbox.filter((a) => a.type === undefined || a.type === ActivityTypes.Message).map(toParts),
    );
    if (!parts.text && parts.images.length === 0) return;
    const result = await this.deliver(addr, parts, key, addr.kind === 'room' ? talker : undefined);
    if (!result.ok) this.log.error({ error: result.error, to: addr.id }, 'wechat reply failed');
  }

  private async deliver(
    addr: WechatAddress,
    parts: ReplyParts,
    menuKeyStr: string,
    mention?: Contact,
  ): Promise<SendResult> {
    const bot = this.bot;
    if (!bot?.isLoggedIn) return { ok: false, error: '微信未登录 (not logged in)' };
    let target: Contact | Room | undefined;
    try {
      target = addr.kind === 'room' ? await bot.Room.find({ id: addr.id }) : await bot.Contact.find({ id: addr.id });
    } catch (err) {
      return { ok: false, error: errorText(err) };
    }
    if (!target) return { ok: false, error: `wechat ${addr.kind} ${addr.id} not found`, permanent: true };
    try {
      let providerMessageId: string | undefined;
      if (parts.text) {
        const sent = mention && isRoom(target) ? await target.say(parts.text, mention) : await target.say(parts.text);
        if (sent) providerMessageId = sent.id;
      }
      for (const [i, image] of parts.images.entries()) {
        if (parts.text || i > 0) await sleep(this.opts.sendGapMs ?? 3000);
        const sent = await target.say(image);
        if (sent && !providerMessageId) providerMessageId = sent.id;
      }
      if (parts.menu) this.menus.set(menuKeyStr, parts.menu);
      else this.menus.delete(menuKeyStr);
      return providerMessageId ? { ok: true, providerMessageId } : { ok: true };
    } catch (err) {
      return { ok: false, error: errorText(err) };
    }
  }
}

interface ReplyParts {
  text: string;
  images: FileBoxInterface[];
  menu?: RememberedMenu;
}

function toParts(a: Partial<Activity>): ReplyParts {
  const images: FileBoxInterface[] = [];
  for (const att of a.attachments ?? []) {
    if (att.contentType.startsWith('image/') && att.contentUrl?.startsWith('data:')) {
      images.push(FileBox.fromDataURL(att.contentUrl, att.name ?? 'image.png'));
    }
  }
  const parts: ReplyParts = { text: numberedMenu(a), images };
  const menu = menuFromActions(a.suggestedActions?.actions);
  if (menu) parts.menu = menu;
  return parts;
}

/** All replies of one turn as one WeChat message; the last menu shown is the one a number refers to. */
function mergeParts(list: ReplyParts[]): ReplyParts {
  const merged: ReplyParts = {
    text: list
      .map((p) => p.text)
      .filter(Boolean)
      .join('\n\n'),
    images: list.flatMap((p) => p.images),
  };
  const menu = [...list].reverse().find((p) => p.menu)?.menu;
  if (menu) merged.menu = menu;
  return merged;
}

/** Menus are per private chat, and per member inside a room (two people answer different menus). */
function menuKey(roomId: string | undefined, userId: string | undefined): string {
  return roomId ? `room:${roomId}:${userId ?? '*'}` : `contact:${userId ?? ''}`;
}

function isRoom(t: Contact | Room): t is Room {
  return 'topic' in t && typeof t.topic === 'function';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Base64 rather than a Buffer box: every puppet can serialise it (PuppetMock and puppet-service send FileBox JSON). */
function imageBox(png: Buffer, name = 'image.png'): FileBoxInterface {
  return FileBox.fromBase64(png.toString('base64'), name);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
