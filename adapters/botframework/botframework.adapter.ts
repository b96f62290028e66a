// Bot Framework (Teams, Web Chat, the Emulator) through botbuilder's CloudAdapter. Auth is off when MicrosoftAppId is
// empty (the Emulator), JWT-validated when it is set. Replies go to the activity's serviceUrl, only when it is on the
// allow-list. This endpoint vouches only for Bot Framework channels: an activity claiming to come from the console,
// Telegram or WeChat is refused here (and again by the bot, which is told the message came through this adapter).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
  type Attachment,
  type ConversationReference,
  type Request as BfRequest,
  type Response as BfResponse,
} from 'botbuilder';
import { z } from 'zod';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import type { Logger } from '../../src/shared/logger.js';
import type { Channel, OutboundMessage, SendResult } from '../channel.js';
import {
  isAdapterChannelId,
  BOT_FRAMEWORK_CHANNEL_ID,
  MAX_ACCOUNT_ID,
  MAX_CONVERSATION_ID,
} from '../../src/shared/channel-ids.js';
import type { ServiceUrlAllowList } from './service-url-allowlist.js';
import { BOTFRAMEWORK_CHANNEL } from './botframework.channel.js';

export interface BotFrameworkOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  handler: TurnHandler;
  logger: Logger;
  /** Where replies and notices may be POSTed (BOTFRAMEWORK_SERVICE_URLS). */
  serviceUrls: ServiceUrlAllowList;
  /**
   * No app id and no BOTFRAMEWORK_OPEN_MODE: nothing authenticates a request, so only this machine may post (the
   * Emulator, local tests). Requests from any other address get 403.
   */
  loopbackOnly: boolean;
}

// The shape we rely on before handing an activity to botbuilder; anything else is a 400, not a crash.
// Replies: Bot Framework gives activity.replyToId but not the replied message's text, so channelData.quotedText (read
// by the command router for "认领" answered to a notice) stays unset here; staff type the number on this channel.
// Ids are capped (a 200 KB from.id was once stored as-is) and must be free of control characters (NUL fails the
// database); a conversation id must be printable ASCII, as every connector's is, because it becomes part of the reply
// URL: a non-ASCII one made the reply fail after the turn's side effects had happened.
const CONTROL = /[\u0000-\u001f\u007f]/;
const inboundActivity = z.looseObject({
  type: z.string().min(1),
  id: z.string().max(MAX_CONVERSATION_ID).optional(),
  channelId: z.string().regex(BOT_FRAMEWORK_CHANNEL_ID),
  serviceUrl: z.string().url(),
  conversation: z.looseObject({
    id: z
      .string()
      .min(1)
      .max(MAX_CONVERSATION_ID)
      .regex(/^[\x21-\x7e]+$/),
  }),
  from: z
    .looseObject({
      id: z
        .string()
        .min(1)
        .max(MAX_ACCOUNT_ID)
        .refine((v) => !CONTROL.test(v), 'control character'),
    })
    .optional(),
  text: z.string().max(20_000).optional(),
});

/** Fields a client may send as null where botbuilder expects an array or object (entities: null crashed the turn). */
const NULLABLE_FIELDS = [
  'entities',
  'attachments',
  'membersAdded',
  'membersRemoved',
  'suggestedActions',
  'channelData',
];

function dropNulls(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy = { ...(body as Record<string, unknown>) };
  for (const k of NULLABLE_FIELDS) if (copy[k] === null) delete copy[k];
  // Mention removal reads every entity's type, and a mention's `mentioned.id`: a null entity or a mention without
  // whom it mentions would fail the turn; such entities carry nothing we use and are dropped.
  if (Array.isArray(copy.entities)) copy.entities = copy.entities.filter(usableEntity);
  return copy;
}

function usableEntity(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { type, mentioned } = e as { type?: unknown; mentioned?: unknown };
  if (type !== 'mention') return true;
  return typeof mentioned === 'object' && mentioned !== null && typeof (mentioned as { id?: unknown }).id === 'string';
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

const conversationReference = z.looseObject({
  serviceUrl: z.string().url(),
  channelId: z.string(),
  conversation: z.looseObject({ id: z.string() }),
});

const MAX_BODY = 256 * 1024;

export class BotFrameworkChannel implements Channel {
  readonly name = BOTFRAMEWORK_CHANNEL.id;
  /** From the channel's descriptor (the registry's capabilities). */
  readonly supportsImages = BOTFRAMEWORK_CHANNEL.capabilities.images;
  readonly supportsFiles = true;
  readonly adapter: CloudAdapter;

  constructor(private readonly opts: BotFrameworkOptions) {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: opts.appId ?? '',
      MicrosoftAppPassword: opts.appPassword ?? '',
      MicrosoftAppTenantId: opts.tenantId ?? '',
      MicrosoftAppType: opts.appType ?? (opts.appId ? 'MultiTenant' : ''),
    });
    this.adapter = new CloudAdapter(auth);
    this.adapter.onTurnError = (ctx, err) => opts.handler.onTurnError(ctx, err);
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** POST /api/messages */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.opts.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
      this.opts.logger.warn(
        { remote: req.socket.remoteAddress },
        'bot framework: request from another machine refused',
      );
      req.resume();
      return reply(res, 403, { error: '未设置 MicrosoftAppId：本端点只接受本机的请求' }, { connection: 'close' });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      // Too large: answer 413 (and close) instead of resetting the connection, so the client learns why.
      if (err instanceof BodyTooLarge) return reply(res, 413, { error: '请求体过大' }, { connection: 'close' });
      return reply(res, 400, { error: '请求体不是有效的 JSON' });
    }
    const parsed = inboundActivity.safeParse(dropNulls(body));
    if (!parsed.success) {
      this.opts.logger.warn(
        { issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path, message: i.message })) },
        'bot framework: invalid activity rejected',
      );
      return reply(res, 400, { error: '无效的消息格式' });
    }
    if (isAdapterChannelId(parsed.data.channelId)) {
      this.opts.logger.warn(
        { channelId: parsed.data.channelId },
        'bot framework: activity claiming another channel refused',
      );
      return reply(res, 403, { error: '本端点只接受 Bot Framework 渠道的消息' });
    }
    if (!this.opts.serviceUrls.allows(parsed.data.serviceUrl)) {
      this.opts.logger.warn(
        { serviceUrl: parsed.data.serviceUrl.slice(0, 200) },
        'bot framework: serviceUrl not allowed',
      );
      return reply(res, 403, { error: 'serviceUrl 不在允许列表中（BOTFRAMEWORK_SERVICE_URLS）' });
    }
    const bfReq: BfRequest = { body: parsed.data as Record<string, unknown>, headers: req.headers, method: req.method };
    await this.adapter.process(bfReq, wrapResponse(res), (ctx) => {
      // Teams puts the bot's @mention in a group message's text ("<at>物业前台</at> 认领 0007"); without removing it
      // no group command would be recognised. Other channels send no mention entity, and nothing changes for them.
      if (ctx.activity.type === 'message' && ctx.activity.text && ctx.activity.recipient?.id)
        TurnContext.removeRecipientMention(ctx.activity);
      return this.opts.handler.onTurn(ctx, 'botframework');
    });
  }

  /** Proactive message (from the outbox): `address` is a JSON ConversationReference stored at the owner's last turn. */
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    const ref = conversationReference.safeParse(safeJson(address));
    if (!ref.success) return { ok: false, error: 'invalid conversation reference', permanent: true };
    // A reference stored before the allow-list existed (or the list changed since) is not followed.
    if (!this.opts.serviceUrls.allows(ref.data.serviceUrl))
      return { ok: false, error: 'serviceUrl not on the allow-list', permanent: true };
    try {
      await this.adapter.continueConversationAsync(
        this.opts.appId ?? '',
        ref.data as unknown as Partial<ConversationReference>,
        async (ctx) => {
          const activity = message.suggestions?.length
            ? MessageFactory.suggestedActions(message.suggestions, message.text)
            : MessageFactory.text(message.text);
          const attachments: Attachment[] = [];
          if (message.image) {
            const type = message.image.mimeType ?? 'image/png';
            attachments.push({
              contentType: type,
              contentUrl: `data:${type};base64,${message.image.png.toString('base64')}`,
              name: message.image.caption ?? message.image.name ?? 'chart.png',
            });
          }
          if (message.file) {
            // A document as a data URL attachment: Web Chat and the Emulator offer it for download.
            attachments.push({
              contentType: message.file.mimeType,
              contentUrl: `data:${message.file.mimeType};base64,${message.file.data.toString('base64')}`,
              name: message.file.name,
            });
          }
          if (attachments.length > 0) activity.attachments = attachments;
          await ctx.sendActivity(activity);
        },
      );
      return { ok: true };
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      return { ok: false, error: (err as Error).message, permanent: status === 403 || status === 404 };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and dropped (not kept in memory) so the 413 reaches the client.
      if (size > MAX_BODY) reject(new BodyTooLarge('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** botbuilder wants an express-like response; this is the small part of it CloudAdapter uses. */
function wrapResponse(res: ServerResponse): BfResponse {
  const wrapped = {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return wrapped;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return wrapped;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return;
      if (typeof body === 'string' || Buffer.isBuffer(body)) res.write(body);
      else {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
    },
    end(...args: unknown[]) {
      res.end(...(args as []));
    },
  };
  return wrapped;
}
