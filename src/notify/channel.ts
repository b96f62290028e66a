// The one small interface every chat channel implements, owned by the outbox that drives it. Inbound: each adapter
// turns its native message into a Bot Framework Activity and runs one bot turn. Outbound (proactive, via the outbox
// dispatcher): `send`. Channel-free on purpose: the domain imports it, never an adapter. The message types live in
// src/shared/outbound-message.ts (the database layer writes notices too) and are re-exported here.

export type ChannelName = 'console' | 'botframework' | 'wechat' | 'telegram' | (string & {});

export {
  NOTICE_TYPES,
  type NoticeType,
  type NoticeTemplateRef,
  type OutboundMessage,
  type OutboundFile,
} from '../shared/outbound-message.js';
import type { OutboundMessage } from '../shared/outbound-message.js';

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
