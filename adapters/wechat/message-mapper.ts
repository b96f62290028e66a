// Pure mapping between what wechaty gives us and Bot Framework Activities, kept apart from the puppet so it is easy to test.
import path from 'node:path';
import { ActivityTypes, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { pickMenuIndex } from '../../src/shared/zh-numbers.js';

export const WECHAT_CHANNEL_ID = 'wechat';

/** Puppets replay a backlog after login; anything this much older than start-up is not answered. */
export const BACKLOG_WINDOW_MS = 2 * 60_000;

/** A wechaty message reduced to the fields a turn needs. */
export interface InboundWechatMessage {
  id: string;
  talkerId: string;
  talkerName: string;
  roomId?: string;
  roomTopic?: string;
  /** Text with the @mention of the bot already removed. */
  text: string;
  attachments?: Attachment[];
  /** Set when the text was a reply to a numbered menu and was replaced by the chosen action. */
  menuPick?: { index: number; typed: string };
  /** The quoted message's text when this one quotes another (引用): a staff reply "认领" to a bot notice. */
  quotedText?: string;
}

/** `channelId`: the account's channel id (`wechat`, or `wechat-2`… for a further account). */
export function toActivity(
  msg: InboundWechatMessage,
  bot: { id: string; name: string },
  now: Date,
  channelId: string = WECHAT_CHANNEL_ID,
): Partial<Activity> {
  const isGroup = msg.roomId !== undefined;
  const channelData: Record<string, unknown> = {};
  if (msg.roomTopic !== undefined) channelData.roomTopic = msg.roomTopic;
  if (msg.menuPick) channelData.menuPick = msg.menuPick;
  // Same field on every channel: the command router takes the ticket / request number from the quoted notice.
  if (msg.quotedText) channelData.quotedText = msg.quotedText;
  return {
    type: ActivityTypes.Message,
    channelId,
    id: msg.id,
    timestamp: now,
    serviceUrl: '',
    conversation: {
      id: msg.roomId ?? msg.talkerId,
      isGroup,
      conversationType: isGroup ? 'group' : 'personal',
      name: msg.roomTopic ?? '',
    },
    from: { id: msg.talkerId, name: msg.talkerName },
    recipient: { id: bot.id, name: bot.name },
    text: msg.text,
    textFormat: 'plain',
    locale: 'zh-CN',
    attachments: msg.attachments ?? [],
    channelData,
  };
}

/** A quote (引用) reply: who wrote the quoted message, its text, and the new text typed under it. */
export interface WechatQuote {
  author: string;
  quoted: string;
  reply: string;
}

/**
 * Splits a quote reply. wechaty hands it over as plain text the way real puppets render WeChat's 引用 message
 * (appmsg type 57): "「作者：被引用的文字」\n- - - - - - - - - - - - - - -\n回复内容". Null for any other text.
 */
export function parseWechatQuote(text: string): WechatQuote | null {
  // Greedy: the quoted text may itself contain "」" or line breaks; the last "」" before the dashed line closes it.
  const m = /^「([\s\S]*)」\r?\n(?:- ?){3,}\r?\n([\s\S]*)$/.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const body = m[1];
  const colon = /^([^\n：:]{1,64})[：:]/.exec(body);
  return colon?.[1] !== undefined
    ? { author: colon[1].trim(), quoted: body.slice(colon[0].length), reply: m[2].trim() }
    : { author: '', quoted: body, reply: m[2].trim() };
}

/**
 * Removes "@机器人" (and the U+2005 space WeChat puts after a mention) from a room message. wechaty's mentionText()
 * does this when the puppet reports mentions; this is the fallback for puppets that do not.
 */
export function stripMention(text: string, botNames: readonly string[]): string {
  let t = text;
  for (const name of botNames.filter((n) => n.length > 0)) {
    t = t.split(`@${name}`).join(' ');
  }
  return t
    .replace(/[\u2005\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when a room text addresses the bot by name (fallback when the puppet gives no mention list). */
export function textMentions(text: string, botNames: readonly string[]): boolean {
  return botNames.some((n) => n.length > 0 && text.includes(`@${n}`));
}

/** A menu shown to a conversation: the values a reply "1", "２", "一", "第二个" stands for. */
export interface RememberedMenu {
  values: string[];
}

export function menuFromActions(actions: readonly CardAction[] | undefined): RememberedMenu | null {
  if (!actions || actions.length === 0) return null;
  return {
    values: actions.map((a) =>
      typeof a.value === 'string' && a.value !== '' ? a.value : (a.title ?? String(a.value)),
    ),
  };
}

/** The chosen action value when `text` picks an entry of `menu`; null when it is not a pick (the text passes through). */
export function resolveMenuPick(
  text: string,
  menu: RememberedMenu | undefined,
): { index: number; value: string } | null {
  if (!menu) return null;
  const index = pickMenuIndex(text, menu.values.length);
  if (index === null) return null;
  const value = menu.values[index];
  return value === undefined ? null : { index, value };
}

/** Messages from before start-up (minus the window) are a replayed backlog. */
export function isBacklog(sentAt: Date, startedAt: Date): boolean {
  return sentAt.getTime() < startedAt.getTime() - BACKLOG_WINDOW_MS;
}

const EXT_BY_MIME: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'text/plain': 'txt',
};

const MIME_BY_EXT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(EXT_BY_MIME).map(([mime, ext]) => [ext, mime]),
);

/** File extension for storage: from the name if it has a safe one, else from the media type, else "bin". */
export function mediaExtension(fileName: string, mimeType: string): string {
  const fromName = path.extname(fileName).slice(1).toLowerCase();
  if (/^[a-z0-9]{1,8}$/.test(fromName)) return fromName === 'jpeg' ? 'jpg' : fromName;
  return EXT_BY_MIME[mimeType] ?? 'bin';
}

/** A usable media type: puppets often say application/octet-stream, then the extension decides. */
export function mediaType(fileName: string, reported: string | undefined): string {
  if (reported && reported !== 'application/octet-stream') return reported;
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return MIME_BY_EXT[ext === 'jpeg' ? 'jpg' : ext] ?? 'application/octet-stream';
}

/** Recipient address for Channel.send: "contact:<id>" or "room:<id>". */
export type WechatAddress = { kind: 'contact' | 'room'; id: string };

export function parseAddress(address: string): WechatAddress | null {
  const m = /^(contact|room):(.+)$/.exec(address);
  if (!m?.[1] || !m[2]) return null;
  return { kind: m[1] === 'room' ? 'room' : 'contact', id: m[2] };
}
