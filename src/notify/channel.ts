// The one small interface every chat channel implements, owned by the outbox that drives it. Inbound: each adapter
// turns its native message into a Bot Framework Activity and runs one bot turn. Outbound (proactive, via the outbox
// dispatcher): `send`. Channel-free on purpose: the domain and the database layer import it, never an adapter.

export type ChannelName = 'console' | 'botframework' | 'wechat' | 'telegram' | (string & {});

/** Notice types an estate can map to a pre-approved template (催缴, 工单状态, 预约提醒, 公告). */
export const NOTICE_TYPES = ['arrears', 'ticket', 'appointment', 'announcement'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/**
 * What a notice is, with its facts as short strings ({ unit: '3栋2单元1201', amount: '¥1,280.00' }), for channels
 * that must use a template outside a chat window (WeChat Official Account 模板消息). Other channels ignore it.
 */
export interface NoticeTemplateRef {
  type: NoticeType;
  estateId: string;
  facts: Record<string, string>;
}

/** What the outbox hands a channel: a text, optional buttons, an optional image and an optional file. */
export interface OutboundMessage {
  text: string;
  suggestions?: string[];
  /**
   * `png` holds the image bytes (a report chart: PNG; an owner's photo: its own format, named by `mimeType`, default
   * image/png). `altText`: the image's content as text (e.g. a report's table), sent instead where a channel has no
   * images.
   */
  image?: { png: Buffer; caption?: string; altText?: string; mimeType?: string; name?: string };
  /** A document (a month's tickets as .xlsx). `altText` is sent instead where a channel cannot take files. */
  file?: OutboundFile;
  template?: NoticeTemplateRef;
}

export interface OutboundFile {
  data: Buffer;
  name: string;
  mimeType: string;
  caption?: string;
  altText?: string;
}

export type SendResult =
  | { ok: true; providerMessageId?: string }
  /** `retryAfterMs` when the channel told us how long to wait (Telegram 429). `permanent` = do not retry. */
  | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean };

export interface Channel {
  readonly name: ChannelName;
  /** True when the channel can deliver images (reports use a text table otherwise). */
  readonly supportsImages: boolean;
  /** True when the channel can deliver a document (`OutboundMessage.file`); absent = no (its altText is sent). */
  readonly supportsFiles?: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * False while the channel cannot send anything at all (WeChat logged out, waiting for a QR scan): the dispatcher then
   * keeps its messages waiting without counting attempts, however long that lasts. Absent = always ready.
   */
  isReady?(): boolean;
  /** `address` is the channel's own recipient string (a chat id, or a JSON conversation reference). */
  send(address: string, message: OutboundMessage): Promise<SendResult>;
}
