// What an Official Account callback says, read with fast-xml-parser and checked with zod, and the Activity a turn gets
// from it. Pure (no I/O), so the odd payloads are easy to test.
import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { WECHAT_OA_CHANNEL_ID } from './wechat-oa.channel.js';

const parser = new XMLParser({
  // MsgId is a 64-bit number: as a JS number it would lose digits (and two messages could share an id).
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
});

export class BadCallbackError extends Error {
  override readonly name = 'BadCallbackError';
}

/** The XML's root element as a flat record of strings; throws BadCallbackError on anything else. */
export function parseCallbackXml(xml: string): Record<string, unknown> {
  // The platform never sends a DTD; refusing one rules out entity-expansion tricks before the parser sees them.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new BadCallbackError('DTD not allowed');
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new BadCallbackError(`not XML: ${(err as Error).message}`);
  }
  const root = (doc as { xml?: unknown } | null)?.xml;
  if (typeof root !== 'object' || root === null) throw new BadCallbackError('no <xml> root');
  return root as Record<string, unknown>;
}

const str = z.string().min(1).max(4096);
const base = z.object({
  ToUserName: str,
  FromUserName: str,
  CreateTime: z.string().regex(/^\d{1,12}$/),
});
const msgId = z.string().regex(/^\d{1,24}$/);

export const callbackSchema = z.discriminatedUnion('MsgType', [
  base.extend({ MsgType: z.literal('text'), Content: z.string().max(4096).default(''), MsgId: msgId }),
  base.extend({ MsgType: z.literal('image'), MediaId: str, PicUrl: z.string().optional(), MsgId: msgId }),
  base.extend({ MsgType: z.literal('voice'), MediaId: z.string().optional(), MsgId: msgId }),
  base.extend({
    MsgType: z.literal('event'),
    Event: z.string().min(1).max(64),
    EventKey: z.string().max(1024).optional(),
  }),
  base.extend({
    MsgType: z.enum(['video', 'shortvideo', 'location', 'link', 'file', 'miniprogrampage']),
    MsgId: msgId.optional(),
  }),
]);
export type Callback = z.infer<typeof callbackSchema>;

/** A callback reduced to what the adapter acts on. */
export type OaInbound =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mediaId: string }
  | { kind: 'voice' }
  | { kind: 'click'; key: string }
  | { kind: 'subscribe' }
  | { kind: 'unsubscribe' }
  /** Video, location, link…: answered politely. */
  | { kind: 'unsupported'; type: string }
  /** Events we do not act on (VIEW, SCAN, LOCATION, TEMPLATESENDJOBFINISH…). */
  | { kind: 'ignored'; event: string };

export interface OaCallback {
  openid: string;
  /** The account's own id (gh_…). */
  account: string;
  /** When the platform received it: the customer-service window counts from here. */
  at: Date;
  /** One key per callback, the same on every retry: MsgId, or FromUserName + CreateTime (+ event) for events. */
  dedupeKey: string;
  inbound: OaInbound;
}

export function readCallback(
  fields: Record<string, unknown>,
): { ok: true; value: OaCallback } | { ok: false; error: string } {
  const parsed = callbackSchema.safeParse(fields);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const c = parsed.data;
  const common = { openid: c.FromUserName, account: c.ToUserName, at: new Date(Number(c.CreateTime) * 1000) };
  if (c.MsgType === 'event') {
    const event = c.Event;
    const dedupeKey = `${c.FromUserName}:${c.CreateTime}:${event}`;
    const lower = event.toLowerCase();
    const inbound: OaInbound =
      lower === 'subscribe'
        ? { kind: 'subscribe' }
        : lower === 'unsubscribe'
          ? { kind: 'unsubscribe' }
          : lower === 'click' && c.EventKey
            ? { kind: 'click', key: c.EventKey }
            : { kind: 'ignored', event };
    return { ok: true, value: { ...common, dedupeKey, inbound } };
  }
  const dedupeKey = c.MsgId ?? `${c.FromUserName}:${c.CreateTime}:${c.MsgType}`;
  const inbound: OaInbound =
    c.MsgType === 'text'
      ? { kind: 'text', text: c.Content }
      : c.MsgType === 'image'
        ? { kind: 'image', mediaId: c.MediaId }
        : c.MsgType === 'voice'
          ? { kind: 'voice' }
          : { kind: 'unsupported', type: c.MsgType };
  return { ok: true, value: { ...common, dedupeKey, inbound } };
}

/** What every activity from one follower shares: a private conversation keyed by the openid. */
function fromFollower(cb: OaCallback, type: string): Partial<Activity> {
  return {
    type,
    channelId: WECHAT_OA_CHANNEL_ID,
    id: cb.dedupeKey,
    timestamp: cb.at,
    serviceUrl: '',
    conversation: { id: cb.openid, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: cb.openid, name: '' },
    recipient: { id: cb.account, name: '' },
    locale: 'zh-CN',
  };
}

/** A message turn: text (typed, a menu pick, or a menu click's phrase) and any stored photo. */
export function toMessageActivity(
  cb: OaCallback,
  text: string,
  opts: { attachments?: Attachment[]; channelData?: Record<string, unknown> } = {},
): Partial<Activity> {
  return {
    ...fromFollower(cb, ActivityTypes.Message),
    text,
    textFormat: 'plain',
    attachments: opts.attachments ?? [],
    channelData: opts.channelData ?? {},
  };
}

/** 关注: the bot greets a new member of the conversation, as on every channel. */
export function toFollowActivity(cb: OaCallback): Partial<Activity> {
  return { ...fromFollower(cb, ActivityTypes.ConversationUpdate), membersAdded: [{ id: cb.openid, name: '' }] };
}
