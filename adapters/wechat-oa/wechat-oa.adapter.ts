// WeChat Official Account (公众号) channel, on the platform's HTTP protocol: the platform calls /wechat/oa on our own
// HTTP server (GET: the echostr check; POST: messages and events, signed, encrypted in safe mode), each message runs
// one bot turn, and replies go out as customer-service messages (客服消息) through the API — one message per turn,
// buttons as a numbered menu. Proactive notices come through the outbox dispatcher and its delivery gate
// (src/notify/service-window.ts), which picks a customer-service message, a template message or holding it.
//
// Why customer-service messages rather than the passive XML reply: a turn can take longer than the platform's 5 s
// (a busy database, a photo download) and a passive reply carries one message only; one path for every reply is
// simpler to reason about, and each owner message refills the window, so replies never run it dry.
import type { Clock } from '../../src/shared/clock.js';
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import type { MediaRepository } from '../../src/db/repositories.js';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { t } from '../../src/i18n/index.js';
import type { ServiceWindows, WindowedChannel, WindowedSendResult } from '../../src/notify/service-window.js';
import type { Logger } from '../../src/shared/logger.js';
import { numberedMenu, type Channel, type OutboundMessage, type SendResult } from '../channel.js';
import { mediaExtension, menuFromActions, resolveMenuPick, type RememberedMenu } from '../wechat/message-mapper.js';
import { DecryptError, decryptMessage, messageSignature, signaturesMatch, urlSignature } from './oa-crypto.js';
import { NETWORK_ERRCODE, OA_ERR, OaApi, type OaResult, type TemplateMessage } from './oa-api.js';
import { clickText } from './oa-menu.js';
import {
  BadCallbackError,
  parseCallbackXml,
  readCallback,
  toFollowActivity,
  toMessageActivity,
  type OaCallback,
} from './oa-message.js';
import { WECHAT_OA_CHANNEL, WECHAT_OA_CHANNEL_ID } from './wechat-oa.channel.js';
import type { WechatOaSettings } from './wechat-oa.config.js';
import { SelfHostedAdapter } from '../self-hosted.adapter.js';

const BODY_LIMIT = 64 * 1024;
const OUTBOX_KEY = Symbol('wechatOaReplies');
/** Refusals retrying cannot fix: bad openid, bad template id, data the template refuses, API not authorised. */
const PERMANENT_ERRCODES = new Set([40003, 40037, 47003, 48001]);

export interface WechatOaAdapterOptions {
  settings: WechatOaSettings;
  handler: TurnHandler;
  windows: ServiceWindows;
  /** Where received files are recorded (Repositories.media). */
  media: MediaRepository;
  dataDir: string;
  logger: Logger;
  now: Clock;
  /**
   * The platform waits 5 s for an answer, then retries (3 times) and finally tells the owner the account is broken.
   * We answer when the turn is done or after this long, whichever comes first; the turn goes on either way.
   */
  answerWithinMs?: number;
  /** Callbacks whose timestamp is further than this from our clock are refused (replayed URLs). Default 5 min. */
  maxClockSkewMs?: number;
  /** How long a callback's key is remembered to drop the platform's retries (it retries within 15 s). */
  dedupeTtlMs?: number;
}

type Route = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & { methods: readonly string[] };

export class WechatOaAdapter extends SelfHostedAdapter implements Channel, WindowedChannel {
  readonly name = WECHAT_OA_CHANNEL.id;
  /** From the channel's descriptor (the registry's capabilities). */
  readonly supportsImages = WECHAT_OA_CHANNEL.capabilities.images;
  readonly api: OaApi;
  private readonly log: Logger;
  private readonly now: () => Date;
  private running = false;
  /** One turn at a time per owner (dialog state), owners in parallel. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Callback keys seen lately → when: the platform's retries of a callback we already took are answered and dropped. */
  private readonly seen = new Map<string, number>();
  /** Last numbered menu shown to each owner: what a reply "2" means. */
  private readonly menus = new Map<string, RememberedMenu>();

  constructor(private readonly opts: WechatOaAdapterOptions) {
    super();
    this.log = opts.logger.child({ channel: WECHAT_OA_CHANNEL_ID });
    this.now = opts.now;
    this.api = new OaApi({
      appId: opts.settings.appId,
      appSecret: opts.settings.appSecret,
      apiRoot: opts.settings.apiRoot,
      now: this.now,
    });
    this.onTurnError = (context, error) => opts.handler.onTurnError(context, error);
  }

  async start(): Promise<void> {
    this.running = true;
    this.log.info(
      { route: WECHAT_OA_CHANNEL.routes[0].path, safeMode: this.opts.settings.aesKey !== undefined },
      '公众号回调已就绪',
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  // ---- inbound ---------------------------------------------------------------------------------------------

  /** Mounted at /wechat/oa for GET and POST. */
  readonly route: Route = Object.assign((req: IncomingMessage, res: ServerResponse) => this.handle(req, res), {
    methods: WECHAT_OA_CHANNEL.routes[0].methods,
  });

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const timestamp = q.get('timestamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    const { token, aesKey, appId } = this.opts.settings;
    if (
      !signaturesMatch(q.get('signature') ?? undefined, urlSignature(token, timestamp, nonce)) ||
      !this.fresh(timestamp)
    )
      return this.refuse(req, res, 401, 'signature');
    if (req.method === 'GET') return end(res, 200, q.get('echostr') ?? '');
    if (req.method !== 'POST') return this.refuse(req, res, 405, 'method');
    if (!this.running) return this.refuse(req, res, 503, 'stopped'); // the platform retries

    const body = await readBody(req, BODY_LIMIT);
    if (body === null) return this.refuse(req, res, 413, 'too large');
    let fields: Record<string, unknown>;
    try {
      fields = parseCallbackXml(body);
      const encrypt = typeof fields.Encrypt === 'string' ? fields.Encrypt : undefined;
      if (aesKey !== undefined) {
        // Safe mode: the body itself must be signed (msg_signature) and sealed for our AppID.
        if (
          !encrypt ||
          !signaturesMatch(q.get('msg_signature') ?? undefined, messageSignature(token, timestamp, nonce, encrypt))
        )
          return this.refuse(req, res, 401, 'msg_signature');
        fields = parseCallbackXml(decryptMessage(aesKey, appId, encrypt));
      } else if (encrypt && fields.MsgType === undefined) {
        this.log.error({ alert: true }, '公众号使用安全模式发来了加密消息，但未设置 WECHAT_OA_AES_KEY');
        return end(res, 400, '');
      }
    } catch (err) {
      if (err instanceof DecryptError) return this.refuse(req, res, 401, `decrypt: ${err.message}`);
      if (err instanceof BadCallbackError) return this.refuse(req, res, 400, err.message);
      throw err;
    }
    const read = readCallback(fields);
    if (!read.ok) {
      // A payload we cannot read is not made better by the platform's retries: take it and say so in the log.
      this.log.warn({ error: read.error }, '公众号回调格式不符，已跳过');
      return end(res, 200, 'success');
    }
    const cb = read.value;
    const claimed = q.get('openid');
    if (claimed !== null && claimed !== cb.openid) return this.refuse(req, res, 401, 'openid mismatch');
    if (this.isDuplicate(cb.dedupeKey)) {
      this.log.info({ key: cb.dedupeKey }, '公众号重复回调，已忽略');
      return end(res, 200, 'success');
    }
    const done = this.enqueue(cb.openid, () => this.process(cb));
    await Promise.race([done, sleep(this.opts.answerWithinMs ?? 4000)]);
    end(res, 200, 'success');
  }

  private refuse(req: IncomingMessage, res: ServerResponse, status: number, why: string): void {
    this.log.warn({ remote: req.socket.remoteAddress, status, why }, '公众号回调被拒绝');
    req.resume();
    end(res, status, '');
  }

  private fresh(timestamp: string): boolean {
    const at = Number(timestamp) * 1000;
    return Number.isFinite(at) && Math.abs(this.now().getTime() - at) <= (this.opts.maxClockSkewMs ?? 300_000);
  }

  private isDuplicate(key: string): boolean {
    const now = this.now().getTime();
    const ttl = this.opts.dedupeTtlMs ?? 120_000;
    if (this.seen.size > 10_000) for (const [k, at] of this.seen) if (now - at > ttl) this.seen.delete(k);
    const at = this.seen.get(key);
    if (at !== undefined && now - at <= ttl) return true;
    this.seen.set(key, now);
    return false;
  }

  /** Runs `task` after the owner's earlier turns; resolves when it has run (never rejects). */
  private enqueue(openid: string, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(openid) ?? Promise.resolve())
      .then(task)
      .catch((err: unknown) => this.log.error({ err }, '公众号消息处理失败'));
    this.queues.set(openid, next);
    void next.finally(() => {
      if (this.queues.get(openid) === next) this.queues.delete(openid);
    });
    return next;
  }

  private async process(cb: OaCallback): Promise<void> {
    const { windows } = this.opts;
    const inbound = cb.inbound;
    switch (inbound.kind) {
      case 'unsubscribe': {
        const stopped = await windows.unfollowed(cb.openid);
        this.log.info({ openid: cb.openid, stopped }, '业主取消关注，停止发送');
        return;
      }
      case 'ignored':
        this.log.debug({ event: inbound.event }, '公众号事件不处理');
        return;
      case 'subscribe':
      case 'click':
        await windows.opened(cb.openid, 'event', cb.at);
        break;
      default:
        await windows.opened(cb.openid, 'message', cb.at);
    }

    let activity: Partial<Activity>;
    switch (inbound.kind) {
      case 'voice':
        await this.replyDirect(cb.openid, t('zh-CN', 'wechatOa.voice'));
        return windows.releaseHeld(cb.openid).then(() => undefined);
      case 'unsupported':
        await this.replyDirect(cb.openid, t('zh-CN', 'wechat.unsupported'));
        return windows.releaseHeld(cb.openid).then(() => undefined);
      case 'subscribe':
        activity = toFollowActivity(cb);
        break;
      case 'click':
        this.menus.delete(cb.openid);
        activity = toMessageActivity(cb, clickText(inbound.key), { channelData: { menuClick: inbound.key } });
        break;
      case 'image': {
        const attachment = await this.storeImage(cb, inbound.mediaId).catch((err: unknown) => {
          this.log.warn({ err }, '公众号图片下载失败');
          return null;
        });
        if (!attachment) {
          await this.replyDirect(cb.openid, t('zh-CN', 'wechat.mediaFailed'));
          return;
        }
        activity = toMessageActivity(cb, '', { attachments: [attachment] });
        break;
      }
      case 'text': {
        const text = inbound.text.trim();
        const pick = resolveMenuPick(text, this.menus.get(cb.openid));
        this.menus.delete(cb.openid);
        activity = pick
          ? toMessageActivity(cb, pick.value, { channelData: { menuPick: { index: pick.index, typed: text } } })
          : toMessageActivity(cb, text);
        break;
      }
    }
    await this.runTurn(cb.openid, activity);
    // Only now: the reply has taken its place in the window before anything that waited for the owner does.
    const released = await windows.releaseHeld(cb.openid);
    if (released > 0) this.log.info({ openid: cb.openid, released }, '业主留言后，待送达的通知重新排队');
  }

  private async runTurn(openid: string, activity: Partial<Activity>): Promise<void> {
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(OUTBOX_KEY, replies);
    try {
      await this.runMiddleware(context, (ctx) => this.opts.handler.onTurn(ctx, 'wechat-oa'));
    } catch (err) {
      this.log.error({ err }, '公众号轮次错误处理也失败了');
    }
    const messages = replies.filter((a) => (a.type ?? ActivityTypes.Message) === ActivityTypes.Message);
    if (messages.length === 0) return;
    const text = messages
      .map((a) => numberedMenu(a))
      .filter(Boolean)
      .join('\n\n');
    const menu = [...messages].reverse().find((a) => a.suggestedActions?.actions?.length);
    await this.reply(
      openid,
      { text, images: messages.flatMap(imagesOf) },
      menuFromActions(menu?.suggestedActions?.actions),
    );
  }

  /** An answer the adapter gives itself (no turn ran). */
  private replyDirect(openid: string, text: string): Promise<void> {
    return this.reply(openid, { text, images: [] }, null);
  }

  /** A turn's reply: counted in the window, never refused by it (the owner has just written). */
  private async reply(
    openid: string,
    parts: { text: string; images: Buffer[] },
    menu: RememberedMenu | null,
  ): Promise<void> {
    for (const part of [...(parts.text ? [{ text: parts.text }] : []), ...parts.images.map((png) => ({ png }))]) {
      await this.opts.windows.spendForReply(openid);
      const res =
        'text' in part ? await this.api.sendText(openid, part.text) : await this.api.sendImage(openid, part.png);
      if (!res.ok) {
        this.log.error({ openid, errcode: res.errcode, errmsg: res.errmsg }, '公众号回复发送失败');
        return;
      }
    }
    if (menu) this.menus.set(openid, menu);
  }

  private async storeImage(cb: OaCallback, mediaId: string) {
    const got = await this.api.downloadMedia(mediaId);
    if (!got.ok) throw new Error(`media/get ${got.errcode} ${got.errmsg}`);
    const mimeType = got.value.contentType.split(';')[0]?.trim() || 'image/jpeg';
    const dir = path.resolve(this.opts.dataDir, 'media', WECHAT_OA_CHANNEL_ID);
    await fs.mkdir(dir, { recursive: true });
    const safe = cb.dedupeKey.replace(/[^A-Za-z0-9_-]/g, '_');
    const name = `${safe}.${mediaExtension('', mimeType)}`;
    const file = path.join(dir, name);
    await fs.writeFile(file, got.value.bytes);
    const row = await this.opts.media.save({
      channel: WECHAT_OA_CHANNEL_ID,
      externalId: cb.dedupeKey,
      fileName: name,
      mimeType,
      path: file,
      sizeBytes: got.value.bytes.length,
    });
    return { contentType: mimeType, contentUrl: `media:${row.id}`, name };
  }

  // ---- BotAdapter ------------------------------------------------------------------------------------------

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(OUTBOX_KEY) as Partial<Activity>[] | undefined;
    if (replies) {
      replies.push(...activities);
      return activities.map(() => ({ id: '' }));
    }
    // Outside an inbound turn (continueConversation): a proactive message, through the same window accounting.
    for (const a of activities) {
      const openid = a.conversation?.id;
      if ((a.type ?? ActivityTypes.Message) !== ActivityTypes.Message || !openid) continue;
      await this.reply(
        openid,
        { text: numberedMenu(a), images: imagesOf(a) },
        menuFromActions(a.suggestedActions?.actions),
      );
    }
    return activities.map(() => ({ id: '' }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('公众号消息发出后不能修改');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('公众号消息发出后不能撤回');
  }

  // ---- outbound (the dispatcher, through its delivery gate) --------------------------------------------------

  /** Channel contract: a customer-service message. The dispatcher goes through ServiceWindowGate instead. */
  send(address: string, message: OutboundMessage): Promise<SendResult> {
    return this.sendCustomerService(address, message);
  }

  async sendCustomerService(address: string, message: OutboundMessage): Promise<WindowedSendResult> {
    const text = numberedMenu({
      text:
        message.image?.caption && !message.text.includes(message.image.caption)
          ? `${message.text}\n${message.image.caption}`
          : message.text,
      suggestedActions: {
        to: [],
        actions: (message.suggestions ?? []).map((s) => ({ type: 'imBack', title: s, value: s })),
      },
    });
    if (text) {
      const res = sendOutcome(await this.api.sendText(address, text));
      if (!res.ok) return res;
    }
    if (message.image) {
      const res = sendOutcome(await this.api.sendImage(address, message.image.png));
      if (!res.ok) return res;
    }
    if (message.suggestions?.length) this.menus.set(address, { values: message.suggestions });
    return { ok: true };
  }

  async sendTemplate(address: string, template: TemplateMessage): Promise<WindowedSendResult> {
    const res = await this.api.sendTemplate(address, template);
    return res.ok ? (res.value ? { ok: true, providerMessageId: res.value } : { ok: true }) : sendOutcome(res);
  }
}

/** What the platform's answer means for the outbox. */
export function sendOutcome(res: OaResult<unknown>): WindowedSendResult {
  if (res.ok) return { ok: true };
  const error = `${res.errcode} ${res.errmsg}`;
  if (res.errcode === NETWORK_ERRCODE) return { ok: false, error }; // may or may not have gone
  if (res.errcode === OA_ERR.outOfWindow || res.errcode === OA_ERR.overQuota)
    return { ok: false, error, refused: 'out-of-window' };
  if (res.errcode === OA_ERR.unfollowed) return { ok: false, error, refused: 'unfollowed', permanent: true };
  return { ok: false, error, refused: 'other', ...(PERMANENT_ERRCODES.has(res.errcode) ? { permanent: true } : {}) };
}

function imagesOf(a: Partial<Activity>): Buffer[] {
  const out: Buffer[] = [];
  for (const att of a.attachments ?? []) {
    const m = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(att.contentUrl ?? '');
    if (att.contentType?.startsWith('image/') && m?.[1] !== undefined) out.push(Buffer.from(m[1], 'base64'));
  }
  return out;
}

function end(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
