// The outbox writer: anything proactive is written here, inside the same transaction as the change that causes it,
// and the dispatcher sends it later. Writing the same dedupe key twice leaves one message.
import { z } from 'zod';
import { NOTICE_TYPES, type OutboundMessage } from './channel.js';
import type { OutboxDb, OutboxRow } from '../db/outbox.repo.js';
import { outboxStoreOf, type OutboxStore } from '../db/outbox-store.js';

/** What is stored in `payload`: an OutboundMessage with the image as base64 (JSON has no bytes). */
export const outboxPayloadSchema = z.object({
  text: z.string(),
  suggestions: z.array(z.string()).optional(),
  imagePngBase64: z.string().optional(),
  imageCaption: z.string().optional(),
  imageAltText: z.string().optional(),
  imageMimeType: z.string().optional(),
  imageName: z.string().optional(),
  /**
   * #20: a picture stored once (a MediaFile id) instead of its bytes in every row — a 公告 shares one payload across
   * every owner. The dispatcher reads it at send time; `imageAltText` stands in where a channel has no images,
   * `imageMissingText` is added to the text when the file cannot be read (the text still goes).
   */
  imageMediaId: z.string().min(1).optional(),
  imageMissingText: z.string().optional(),
  fileBase64: z.string().optional(),
  fileName: z.string().optional(),
  fileMimeType: z.string().optional(),
  fileCaption: z.string().optional(),
  fileAltText: z.string().optional(),
  /** The notice's type and facts, for a template message where a channel needs one (WeChat OA, #21). */
  template: z
    .object({
      type: z.enum(NOTICE_TYPES),
      estateId: z.string(),
      facts: z.record(z.string(), z.string()),
    })
    .optional(),
});
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

export interface EnqueueInput {
  channel: string;
  /** The channel's own recipient string (chat id, or a JSON conversation reference). */
  address: string;
  /** Group chats get the per-group rate limit and digests. */
  isGroup?: boolean;
  /** 'urgent' | 'reminder' | 'notice' | 'survey' …: picks the quiet-hours policy (src/notify/quiet-hours.ts). */
  kind: string;
  message: OutboundMessage;
  /** Unique per notice, e.g. `fee-reminder:<billId>:<stage>`; a second write with the same key is a no-op. */
  dedupeKey: string;
  /**
   * When the change that causes the message happened, on the caller's injected clock: the row's createdAt (digests
   * show it) and its first send time. Required: a real-clock default here made rows "from the future" for a
   * dispatcher on a simulated clock.
   */
  at: Date;
  /** Not before this instant (default: `at`). */
  notBefore?: Date;
  /** #20: a stored picture sent by reference (see `imageMediaId`). */
  imageMedia?: ImageMediaRef;
}

/** A stored picture (MediaFile id) the dispatcher resolves to bytes at send time. */
export interface ImageMediaRef {
  mediaId: string;
  caption?: string;
  /** Sent instead of the picture where a channel has no images, e.g. "（附图片）". */
  altText: string;
  /** Added to the text when the file cannot be read at send time. */
  missingText: string;
}

export function toPayload(message: OutboundMessage, imageMedia?: ImageMediaRef): OutboxPayload {
  const payload: OutboxPayload = { text: message.text };
  if (imageMedia && !message.image) {
    payload.imageMediaId = imageMedia.mediaId;
    payload.imageAltText = imageMedia.altText;
    payload.imageMissingText = imageMedia.missingText;
    if (imageMedia.caption !== undefined) payload.imageCaption = imageMedia.caption;
  }
  if (message.suggestions?.length) payload.suggestions = message.suggestions;
  if (message.image) {
    payload.imagePngBase64 = message.image.png.toString('base64');
    if (message.image.caption !== undefined) payload.imageCaption = message.image.caption;
    if (message.image.altText !== undefined) payload.imageAltText = message.image.altText;
    if (message.image.mimeType !== undefined) payload.imageMimeType = message.image.mimeType;
    if (message.image.name !== undefined) payload.imageName = message.image.name;
  }
  if (message.file) {
    payload.fileBase64 = message.file.data.toString('base64');
    payload.fileName = message.file.name;
    payload.fileMimeType = message.file.mimeType;
    if (message.file.caption !== undefined) payload.fileCaption = message.file.caption;
    if (message.file.altText !== undefined) payload.fileAltText = message.file.altText;
  }
  if (message.template) payload.template = message.template;
  return payload;
}

export function toOutbound(payload: OutboxPayload): OutboundMessage {
  const message: OutboundMessage = { text: payload.text };
  if (payload.suggestions) message.suggestions = payload.suggestions;
  if (payload.imagePngBase64 !== undefined) {
    message.image = { png: Buffer.from(payload.imagePngBase64, 'base64') };
    if (payload.imageCaption !== undefined) message.image.caption = payload.imageCaption;
    if (payload.imageAltText !== undefined) message.image.altText = payload.imageAltText;
    if (payload.imageMimeType !== undefined) message.image.mimeType = payload.imageMimeType;
    if (payload.imageName !== undefined) message.image.name = payload.imageName;
  }
  if (payload.fileBase64 !== undefined && payload.fileName !== undefined && payload.fileMimeType !== undefined) {
    message.file = {
      data: Buffer.from(payload.fileBase64, 'base64'),
      name: payload.fileName,
      mimeType: payload.fileMimeType,
    };
    if (payload.fileCaption !== undefined) message.file.caption = payload.fileCaption;
    if (payload.fileAltText !== undefined) message.file.altText = payload.fileAltText;
  }
  if (payload.template) message.template = payload.template;
  return message;
}

/**
 * Writes one outbox message with `tx` (a store built on the caller's transaction, or a client / transaction client). Returns the created row, or the
 * existing one when the dedupe key was already written; never throws on a duplicate.
 */
export async function enqueue(
  tx: OutboxStore | OutboxDb,
  input: EnqueueInput,
): Promise<{ created: boolean; message: OutboxRow }> {
  if (input.dedupeKey.trim() === '') throw new RangeError('dedupeKey must not be empty');
  return outboxStoreOf(tx).insert({
    channel: input.channel,
    address: input.address,
    isGroup: input.isGroup ?? false,
    kind: input.kind,
    payload: toPayload(input.message, input.imageMedia),
    dedupeKey: input.dedupeKey,
    nextAttemptAt: input.notBefore ?? input.at,
    createdAt: input.at,
  });
}
