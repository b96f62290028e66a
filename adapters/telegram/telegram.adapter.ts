// Telegram channel: grammY receives updates (long polling, or our own webhook handler) and calls the Bot API; the
// botbuilder side is a thin BotAdapter so the one dialog engine runs a turn per update.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Api, Bot, GrammyError, HttpError, InputFile } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import {
  TurnContext,
  type Activity,
  type Attachment,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { Channel, OutboundMessage, SendResult } from '../channel.js';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { isAdapterChannelIdOfKind } from '../../src/shared/channel-ids.js';
import type { Logger } from '../../src/shared/logger.js';
import type { TelegramMode } from './telegram.config.js';
import {
  CallbackDataCodec,
  TELEGRAM_CHANNEL_ID,
  activityToSendMessages,
  buttonTextFor,
  parseUpdate,
  textToSendMessages,
  updateToActivity,
  type SendMessageParams,
  type TelegramCallbackQuery,
} from './activity-mapper.js';
import { SelfHostedAdapter } from '../self-hosted.adapter.js';
import { TELEGRAM_CHANNEL } from './telegram.channel.js';

/** Update kinds we handle; everything else is never sent to us (less traffic, no surprises). */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const WEBHOOK_BODY_LIMIT = 1024 * 1024;
const CAPTION_LIMIT = 1024;
const DEFAULT_REQUEST_TIMEOUT_SECONDS = 20;

/** A Telegram bot's channel id: `telegram`, or `telegram-<name>` for a further bot. */
export type TelegramChannelId = 'telegram' | `telegram-${string}`;

export interface TelegramAdapterOptions {
  /**
   * This bot's channel id (default `telegram`): the channel of the identities and groups it speaks for, of its outbox
   * rows (its descriptor: `telegramChannel({ id })`) and of its log lines.
   */
  id?: TelegramChannelId;
  token: string;
  /** e.g. https://api.telegram.org, a private Bot API server, or the tests' fake. */
  apiRoot: string;
  mode: TelegramMode;
  handler: TurnHandler;
  logger: Logger;
  /** Pause before polling again after a 409 Conflict / 401 / other start failure. Default 30 s. */
  pollRestartDelayMs?: number;
  /** getUpdates long-poll timeout in seconds. Default 30. */
  pollingTimeoutSeconds?: number;
  /**
   * Client-side timeout of one Bot API request (sends, replies, callbacks). Default 20 s. grammY's own default is
   * 500 s: a connection that never answers would hold a dispatcher slot (and the outbox lease) for over 8 minutes.
   * getUpdates gets this on top of the long-poll timeout.
   */
  requestTimeoutSeconds?: number;
  /** auto-retry for replies inside a turn. Default: 2 retries, wait at most 10 s for a 429's retry_after. */
  replyRetry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** Throttler for replies inside a turn; `false` turns it off. Default: TELEGRAM_REPLY_LIMITS. */
  replyThrottle?: APIThrottlerOptions | false;
}

/**
 * Written out because the plugin's defaults (30/s, 20/min per group) are Telegram's hard ceilings and have changed
 * between versions; design.md §4 keeps us under them: ≤ 25 msg/s overall, ≤ 1 msg/s per chat, ≤ 18/min per group.
 */
export const TELEGRAM_REPLY_LIMITS: APIThrottlerOptions = {
  global: { reservoir: 25, reservoirRefreshAmount: 25, reservoirRefreshInterval: 1000 },
  group: {
    maxConcurrent: 1,
    minTime: 1000,
    reservoir: 18,
    reservoirRefreshAmount: 18,
    reservoirRefreshInterval: 60_000,
  },
  out: { maxConcurrent: 1, minTime: 1000 },
};

export class TelegramAdapter extends SelfHostedAdapter implements Channel {
  readonly name: TelegramChannelId;
  /** From the channel's descriptor (the registry's capabilities). */
  readonly supportsImages = TELEGRAM_CHANNEL.capabilities.images;
  readonly supportsFiles = true;

  private readonly bot: Bot;
  /** Replies inside a turn: auto-retry (bounded) + throttler. One reply per user message, so waiting is fine. */
  private readonly replyApi: Api;
  /**
   * Proactive sends (`send`) and housekeeping: NO auto-retry and no throttler — the outbox dispatcher owns rate
   * limits, retries and backoff; a hidden retry here would double-send or block a dispatcher slot for minutes.
   */
  private readonly plainApi: Api;
  private readonly callbackData = new CallbackDataCodec();
  /** One turn at a time per chat (dialog state), chats in parallel (a slow chat must not stall the others). */
  private readonly chatQueues = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly log: Logger;
  private readonly botId: string;
  private running = false;
  private pollLoop: Promise<void> | undefined;
  private wakePause: (() => void) | undefined;

  constructor(private readonly opts: TelegramAdapterOptions) {
    super();
    this.name = opts.id ?? TELEGRAM_CHANNEL_ID;
    if (!isAdapterChannelIdOfKind(this.name, 'telegram'))
      throw new Error(`not a Telegram bot id: "${this.name}" (telegram or telegram-…, not another adapter's id)`);
    this.log = opts.logger.child({ channel: this.name });
    // The bot id is the token's numeric prefix; known before getMe answers.
    this.botId = opts.token.split(':')[0] ?? '';
    const requestTimeout = opts.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
    const client = { apiRoot: opts.apiRoot, timeoutSeconds: requestTimeout };
    // The polling client waits out the long poll first, so its timeout is the poll's plus one request's.
    this.bot = new Bot(opts.token, {
      client: { ...client, timeoutSeconds: (opts.pollingTimeoutSeconds ?? 30) + requestTimeout },
    });
    this.bot.use((ctx) => {
      // Not awaited: chats run in parallel; the next getUpdates waits for these turns (see below).
      void this.receive(ctx.update);
    });
    this.bot.catch((err) => this.log.error({ err: err.error }, 'Telegram 更新处理失败'));
    // The next getUpdates confirms (Telegram forgets) every update before its offset, so it waits until the turns of
    // the updates already received have finished: a crash mid-turn then gets the update again after a restart
    // instead of losing it (test/faults/crash-restart.long.test.ts). Chats still run in parallel within a batch.
    this.bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === 'getUpdates')
        while (this.chatQueues.size > 0) await Promise.allSettled([...this.chatQueues.values()]);
      return prev(method, payload, signal);
    });
    this.plainApi = new Api(opts.token, client);

    this.replyApi = new Api(opts.token, client);
    const retry = opts.replyRetry ?? { maxRetryAttempts: 2, maxDelaySeconds: 10 };
    this.replyApi.config.use(
      autoRetry({
        maxRetryAttempts: retry.maxRetryAttempts,
        maxDelaySeconds: retry.maxDelaySeconds,
        rethrowInternalServerErrors: false,
        // HttpErrors are retried without any attempt limit by the plugin; a turn must not hang on a dead network.
        rethrowHttpErrors: true,
      }),
    );
    if (opts.replyThrottle !== false)
      this.replyApi.config.use(apiThrottler(opts.replyThrottle ?? TELEGRAM_REPLY_LIMITS));

    this.onTurnError = async (context, error) => {
      await opts.handler.onTurnError(context, error);
    };
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const mode = this.opts.mode;
    if (mode.kind === 'webhook') {
      await this.bot.init();
      await this.plainApi.setWebhook(mode.url, {
        secret_token: mode.secret,
        allowed_updates: [...ALLOWED_UPDATES],
        drop_pending_updates: false,
      });
      this.log.info({ mode: 'webhook' }, 'Telegram webhook 已设置');
      return;
    }
    // Polling runs in the background so start-up does not wait on Telegram being reachable.
    this.pollLoop = this.poll();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakePause?.();
    if (this.bot.isRunning())
      await this.bot.stop().catch((err: unknown) => this.log.warn({ err }, 'Telegram 停止轮询时出错'));
    await this.pollLoop;
    await this.drain();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      try {
        await this.bot.start({
          allowed_updates: [...ALLOWED_UPDATES],
          timeout: this.opts.pollingTimeoutSeconds ?? 30,
          drop_pending_updates: false,
          onStart: (me) => this.log.info({ mode: 'polling', username: me.username }, 'Telegram 开始长轮询'),
        });
      } catch (err) {
        if (!this.running) return;
        if (err instanceof GrammyError && err.error_code === 409) {
          // Another process polls with this token (or a webhook is set): an operator must look, we keep trying.
          this.log.error(
            { alert: true, errorCode: 409, description: err.description },
            'Telegram 409 冲突：另一个实例在使用此 token 轮询，稍后重试',
          );
        } else if (err instanceof GrammyError && err.error_code === 401) {
          this.log.error({ alert: true, errorCode: 401 }, 'Telegram 拒绝了 TELEGRAM_BOT_TOKEN（401），稍后重试');
        } else {
          this.log.error({ alert: true, err }, 'Telegram 轮询中断，稍后重试');
        }
      }
      if (this.running) await this.pause(this.opts.pollRestartDelayMs ?? 30_000);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakePause = done;
    });
  }

  /** Waits for queued turns and callback answers (used by stop and by tests). */
  async drain(): Promise<void> {
    while (this.chatQueues.size > 0 || this.background.size > 0) {
      await Promise.allSettled([...this.chatQueues.values(), ...this.background]);
    }
  }

  // ---- inbound ---------------------------------------------------------------------------------------------

  /**
   * Node http handler for webhook mode (mounted at /telegram/webhook). Checks the secret header in constant time and
   * answers 200 when the update's turn has finished: Telegram forgets an update once it has its 200, so answering
   * first lost the message when the process died mid-turn; now Telegram redelivers it and the bot's dedupe (ids saved
   * with the dialog step) keeps a finished turn from running twice.
   */
  readonly webhookHandler = (req: IncomingMessage, res: ServerResponse): void => {
    const mode = this.opts.mode;
    if (mode.kind !== 'webhook') return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    if (!secretMatches(req.headers['x-telegram-bot-api-secret-token'], mode.secret)) {
      this.log.warn({ remote: req.socket.remoteAddress }, 'Telegram webhook 密钥不符，已拒绝');
      req.resume();
      return void res.writeHead(401).end();
    }
    if (!this.running) {
      req.resume();
      return void res.writeHead(503, { 'retry-after': '5' }).end(); // Telegram redelivers later
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > WEBHOOK_BODY_LIMIT) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      let update: unknown;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return void res.writeHead(400).end();
      }
      void this.receive(update).finally(() => res.writeHead(200).end());
    });
    req.on('error', (err) => this.log.warn({ err }, 'Telegram webhook 请求读取失败'));
  };

  /**
   * Validates one update and queues its turn; never rejects (a bad update is logged and skipped). Resolves when the
   * turn has finished (the webhook answers then).
   */
  receive(raw: unknown): Promise<void> {
    const parsed = parseUpdate(raw);
    if (!parsed.ok) {
      this.log.warn({ updateId: parsed.updateId, error: parsed.error }, 'Telegram 更新格式不符，已跳过');
      return Promise.resolve();
    }
    const update = parsed.update;
    const query = update.callback_query;
    // Answer at once so the button's spinner stops, whatever the turn does next.
    if (query)
      this.track(
        this.plainApi
          .answerCallbackQuery(query.id)
          .catch((err: unknown) => this.log.warn({ err }, 'answerCallbackQuery 失败')),
      );
    const activity = updateToActivity(
      update,
      { id: this.botId, name: this.bot.isInited() ? this.bot.botInfo.username : '' },
      this.opts.apiRoot,
      (q) => this.callbackText(q),
      this.name,
    );
    if (!activity?.conversation) {
      this.log.debug({ updateId: update.update_id }, 'Telegram 更新类型不处理');
      return Promise.resolve();
    }
    return this.enqueue(activity.conversation.id, () => this.runTurn(activity));
  }

  private callbackText(query: TelegramCallbackQuery): string {
    const data = query.data ?? '';
    return this.callbackData.decode(data) ?? buttonTextFor(query) ?? '';
  }

  /** Runs `task` after the chat's earlier turns (one chat's messages in order); resolves when it has run. */
  private enqueue(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.chatQueues.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch((err: unknown) => this.log.error({ err }, 'Telegram 轮次失败'));
    this.chatQueues.set(key, next);
    void next.finally(() => {
      if (this.chatQueues.get(key) === next) this.chatQueues.delete(key);
    });
    return next;
  }

  private track(p: Promise<unknown>): void {
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  private async runTurn(activity: Partial<Activity>): Promise<void> {
    const context = new TurnContext(this, activity);
    try {
      // runMiddleware hands errors to this.onTurnError (the handler's catch-all); this catch is for that failing too.
      await this.runMiddleware(context, (ctx) => this.opts.handler.onTurn(ctx, this.name));
    } catch (err) {
      this.log.error({ err, activityId: activity.id }, 'Telegram 轮次错误处理也失败了');
    }
  }

  // ---- BotAdapter ------------------------------------------------------------------------------------------

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const chatId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (activity.type === 'delay') {
        await new Promise((r) => setTimeout(r, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
      } else if (activity.type === 'typing' && chatId) {
        await this.replyApi.sendChatAction(chatId, 'typing').catch(() => undefined); // cosmetic only
        responses.push({ id: '' });
      } else if ((activity.type ?? 'message') === 'message' && chatId) {
        let lastId = '';
        for (const attachment of activity.attachments ?? []) {
          const photo = photoSource(attachment);
          if (photo) lastId = String((await this.replyApi.sendPhoto(chatId, photo)).message_id);
        }
        for (const params of activityToSendMessages(activity, chatId, (v) => this.callbackData.encode(v))) {
          lastId = String((await this.sendMessage(this.replyApi, params)).message_id);
        }
        responses.push({ id: lastId });
      } else {
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const chatId = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!chatId || !activity.id) return;
    const [params] = activityToSendMessages(activity, chatId, (v) => this.callbackData.encode(v));
    if (!params) return;
    await this.replyApi.editMessageText(
      chatId,
      Number(activity.id),
      params.text,
      params.reply_markup ? { reply_markup: params.reply_markup } : {},
    );
  }

  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const chatId = reference.conversation?.id ?? context.activity.conversation?.id;
    if (!chatId || !reference.activityId) return;
    await this.replyApi.deleteMessage(chatId, Number(reference.activityId));
  }

  // ---- Channel (proactive, called by the outbox dispatcher) -------------------------------------------------

  /** `address` is the chat id. Never retries by itself: the dispatcher reads the SendResult and reschedules. */
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    try {
      let lastId: number | undefined;
      if (message.image) {
        const caption = message.image.caption?.slice(0, CAPTION_LIMIT);
        const sent = await this.plainApi.sendPhoto(
          address,
          new InputFile(message.image.png, message.image.name ?? 'chart.png'),
          caption ? { caption } : {},
        );
        lastId = sent.message_id;
      }
      if (message.file) {
        const caption = message.file.caption?.slice(0, CAPTION_LIMIT);
        const sent = await this.plainApi.sendDocument(
          address,
          new InputFile(message.file.data, message.file.name),
          caption ? { caption } : {},
        );
        lastId = sent.message_id;
      }
      const params = textToSendMessages(
        address,
        message.text,
        (message.suggestions ?? []).map((s) => ({ title: s, value: s })),
        (v) => this.callbackData.encode(v),
      );
      for (const p of params) lastId = (await this.sendMessage(this.plainApi, p)).message_id;
      return lastId === undefined ? { ok: true } : { ok: true, providerMessageId: String(lastId) };
    } catch (err) {
      return sendFailure(err);
    }
  }

  /** Bytes of an inbound photo (`telegram-file:<file_id>` from an attachment's contentUrl, or the bare file_id). */
  async downloadFile(fileIdOrUrl: string): Promise<Buffer> {
    const fileId = fileIdOrUrl.replace(/^telegram-file:/, '');
    const file = await this.plainApi.getFile(fileId);
    if (!file.file_path) throw new Error('Telegram 未返回 file_path（文件可能超过 20 MB）');
    const res = await fetch(`${this.opts.apiRoot}/file/bot${this.opts.token}/${file.file_path}`);
    if (!res.ok) throw new Error(`Telegram 文件下载失败：HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  private sendMessage(api: Api, p: SendMessageParams) {
    return api.sendMessage(p.chat_id, p.text, p.reply_markup ? { reply_markup: p.reply_markup } : {});
  }
}

/** 429 → wait what Telegram says; 400/403 (blocked, kicked, chat not found, bad request) → retrying cannot help. */
export function sendFailure(err: unknown): SendResult & { ok: false } {
  if (err instanceof GrammyError) {
    const error = `${err.error_code} ${err.description}`;
    const retryAfter = err.parameters.retry_after;
    if (err.error_code === 429) return { ok: false, error, retryAfterMs: (retryAfter ?? 1) * 1000 };
    if (err.error_code === 403 || err.error_code === 400) return { ok: false, error, permanent: true };
    return { ok: false, error };
  }
  if (err instanceof HttpError) {
    // grammY's message is only "Network request for 'x' failed!"; the cause says which (a timeout, a reset…).
    const cause = err.error instanceof Error ? err.error.message : undefined;
    return { ok: false, error: `network: ${err.message}${cause ? ` (${cause})` : ''}` };
  }
  return { ok: false, error: err instanceof Error ? err.message : String(err) };
}

/** Hashing both sides gives equal-length buffers, so timingSafeEqual neither throws nor leaks the secret's length. */
export function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(header), digest(secret));
}

function photoSource(attachment: Attachment): InputFile | string | undefined {
  if (!attachment.contentType?.startsWith('image/') || !attachment.contentUrl) return undefined;
  const url = attachment.contentUrl;
  const data = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(url);
  if (data?.[1] !== undefined) return new InputFile(Buffer.from(data[1], 'base64'), attachment.name ?? 'image.png');
  if (url.startsWith('telegram-file:')) return url.slice('telegram-file:'.length);
  if (/^https?:\/\//.test(url)) return url;
  return undefined;
}
