// What a notice is, as plain data: the message the outbox hands a channel and the notice a change causes. Shared by
// src/notify (which writes and sends them) and src/db (whose units of work write them in their own transaction through
// a NoticeWriter, src/db/outbox-store.ts), so the database layer needs nothing from src/notify.
import type { Locale } from '../i18n/index.js';

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

export interface Notice {
  kind: string;
  /**
   * What is sent. A function of the reader's language for notices to owners (their chat account's language, zh-CN
   * for groups and for accounts that never chose one); a plain message is sent as is to everyone.
   */
  message: OutboundMessage | ((locale: Locale) => OutboundMessage);
  /** Per notice; each recipient gets `${dedupeKey}|${recipient id}`. */
  dedupeKey: string;
  /** When the change that causes the notice happened, on the caller's injected clock (never the process clock). */
  at: Date;
  /** Not before this instant (default: `at`). */
  notBefore?: Date;
}
