// Pure translation between Telegram and Bot Framework: a validated Telegram update → an inbound Activity, and an
// outbound Activity / OutboundMessage → sendMessage parameters (text chunks + inline keyboard).
import { z } from 'zod';
import type { Activity, Attachment, CardAction } from 'botbuilder';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';

export const TELEGRAM_CHANNEL_ID = 'telegram';
/** Telegram rejects longer texts ("message is too long"). */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit for `callback_data`, in UTF-8 bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

// Only the fields we read are checked; loose objects keep the rest (channelData carries the raw update anyway).
const userSchema = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const chatSchema = z.looseObject({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
});
const photoSizeSchema = z.looseObject({ file_id: z.string().min(1), width: z.number(), height: z.number() });
const messageSchema = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(photoSizeSchema).optional(),
  reply_markup: z.unknown().optional(),
  // The message this one replies to: staff answer a bot notice with just "认领" and the notice says which ticket.
  reply_to_message: z
    .looseObject({ message_id: z.number().int(), text: z.string().optional(), caption: z.string().optional() })
    .optional(),
});
const callbackQuerySchema = z.looseObject({
  id: z.string().min(1),
  from: userSchema,
  data: z.string().optional(),
  message: z
    .looseObject({ message_id: z.number().int(), chat: chatSchema, reply_markup: z.unknown().optional() })
    .optional(),
});
export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramCallbackQuery = z.infer<typeof callbackQuerySchema>;

export type ParsedUpdate = { ok: true; update: TelegramUpdate } | { ok: false; error: string; updateId?: number };

export function parseUpdate(raw: unknown): ParsedUpdate {
  const result = telegramUpdateSchema.safeParse(raw);
  if (result.success) return { ok: true, update: result.data };
  const id = typeof raw === 'object' && raw !== null ? (raw as { update_id?: unknown }).update_id : undefined;
  return { ok: false, error: z.prettifyError(result.error), ...(typeof id === 'number' ? { updateId: id } : {}) };
}

export interface BotIdentity {
  id: string;
  name: string;
}

/**
 * The Activity for one update, or undefined for update kinds the bot does not handle (edited messages, a button
 * under an inline-mode message that has no chat). `callbackText` turns callback_data back into the button's value.
 */
export function updateToActivity(
  update: TelegramUpdate,
  bot: BotIdentity,
  serviceUrl: string,
  callbackText: (query: TelegramCallbackQuery) => string,
  /** The bot's channel id (`telegram`, or `telegram-2`… for a further bot). */
  channelId: string = TELEGRAM_CHANNEL_ID,
): Partial<Activity> | undefined {
  const base = {
    type: 'message',
    id: `update:${update.update_id}`,
    channelId,
    serviceUrl,
    recipient: { id: bot.id, name: bot.name },
    locale: 'zh-CN',
    channelData: update,
  };
  const msg = update.message;
  if (msg) {
    const replied = msg.reply_to_message;
    const quotedText = replied?.text ?? replied?.caption;
    return {
      ...base,
      // Every channel puts the quoted message's text in channelData.quotedText: the command router reads only that.
      ...(replied
        ? { replyToId: String(replied.message_id), channelData: { ...update, ...(quotedText ? { quotedText } : {}) } }
        : {}),
      timestamp: new Date(msg.date * 1000),
      conversation: conversationOf(msg.chat),
      from: msg.from ? { id: String(msg.from.id), name: displayName(msg.from) } : { id: String(msg.chat.id), name: '' },
      text: msg.text ?? msg.caption ?? '',
      attachments: photoAttachments(msg.photo),
    };
  }
  const query = update.callback_query;
  if (query?.message) {
    return {
      ...base,
      timestamp: new Date(),
      conversation: conversationOf(query.message.chat),
      from: { id: String(query.from.id), name: displayName(query.from) },
      text: callbackText(query),
      attachments: [],
    };
  }
  return undefined;
}

function conversationOf(chat: z.infer<typeof chatSchema>): Activity['conversation'] {
  return { id: String(chat.id), isGroup: chat.type !== 'private', conversationType: chat.type, name: chat.title ?? '' };
}

function displayName(user: z.infer<typeof userSchema>): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);
}

/** Telegram sends every size of a photo; the last one is the largest. The bytes are fetched later by file_id. */
function photoAttachments(photo: z.infer<typeof photoSizeSchema>[] | undefined): Attachment[] {
  const largest = photo?.at(-1);
  return largest ? [{ contentType: 'image/jpeg', contentUrl: `telegram-file:${largest.file_id}` }] : [];
}

/** The text of the pressed button, read from the keyboard still attached to the message (fallback for lost tokens). */
export function buttonTextFor(query: TelegramCallbackQuery): string | undefined {
  const markup = query.message?.reply_markup as
    { inline_keyboard?: { text?: unknown; callback_data?: unknown }[][] } | undefined;
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (button.callback_data === query.data && typeof button.text === 'string') return button.text;
    }
  }
  return undefined;
}

/**
 * callback_data must fit in 64 bytes. Short values go as they are; longer ones get a token `~<n>` remembered here
 * (bounded, oldest forgotten first — a forgotten token falls back to the button's text).
 */
export class CallbackDataCodec {
  private readonly byToken = new Map<string, string>();
  private next = 1;
  constructor(private readonly capacity = 2000) {}

  encode(value: string): string {
    if (!value.startsWith('~') && Buffer.byteLength(value, 'utf8') <= MAX_CALLBACK_DATA_BYTES) return value;
    const token = `~${(this.next++).toString(36)}`;
    this.byToken.set(token, value);
    if (this.byToken.size > this.capacity) {
      const oldest = this.byToken.keys().next().value;
      if (oldest !== undefined) this.byToken.delete(oldest);
    }
    return token;
  }

  decode(data: string): string | undefined {
    return data.startsWith('~') ? this.byToken.get(data) : data;
  }
}

export interface ButtonSpec {
  title: string;
  value: string;
}

export function buttonsFromActions(actions: CardAction[] | undefined): ButtonSpec[] {
  return (actions ?? []).map((a) => {
    const value = typeof a.value === 'string' ? a.value : a.value === undefined ? a.title : JSON.stringify(a.value);
    return { title: a.title || value, value };
  });
}

/** Two buttons a row keeps short Chinese labels readable on a phone; long labels get a row of their own. */
export function inlineKeyboard(
  buttons: ButtonSpec[],
  encode: (value: string) => string,
): InlineKeyboardMarkup | undefined {
  if (buttons.length === 0) return undefined;
  const rows: InlineKeyboardButton[][] = [];
  let row: InlineKeyboardButton[] = [];
  for (const b of buttons) {
    const button: InlineKeyboardButton = { text: b.title, callback_data: encode(b.value) };
    if (b.title.length > 8) {
      if (row.length) rows.push(row);
      rows.push([button]);
      row = [];
      continue;
    }
    row.push(button);
    if (row.length === 2) {
      rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return { inline_keyboard: rows };
}

export interface SendMessageParams {
  chat_id: string;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** Splits at line breaks where possible so a long list is not cut mid-line. */
export function splitText(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    chunks.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  chunks.push(rest);
  return chunks;
}

/** sendMessage calls for a text with optional buttons: the keyboard rides on the last chunk. */
export function textToSendMessages(
  chatId: string,
  text: string,
  buttons: ButtonSpec[],
  encode: (value: string) => string,
): SendMessageParams[] {
  const keyboard = inlineKeyboard(buttons, encode);
  // Telegram refuses an empty text; a keyboard alone still needs something to hang on.
  const body = text.trim() === '' ? (keyboard ? '请选择：' : '') : text;
  if (body === '') return [];
  const chunks = splitText(body);
  return chunks.map((chunk, i) => ({
    chat_id: chatId,
    text: chunk,
    ...(keyboard && i === chunks.length - 1 ? { reply_markup: keyboard } : {}),
  }));
}

/** An outbound Activity's messages (text + suggested actions). Images are handled by the adapter (sendPhoto). */
export function activityToSendMessages(
  activity: Partial<Activity>,
  chatId: string,
  encode: (value: string) => string,
): SendMessageParams[] {
  return textToSendMessages(
    chatId,
    activity.text ?? '',
    buttonsFromActions(activity.suggestedActions?.actions),
    encode,
  );
}
