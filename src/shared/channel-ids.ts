// Channel ids that belong to our own adapters, and the longest ids kept: shared by the Bot Framework endpoint, the
// bot's trust check and the identity service (which pins Bot Framework addresses only).

/** Our adapters' kinds; each is also the id of its first (or only) account. */
export type AdapterKind = 'console' | 'telegram' | 'wechat' | 'wechat-oa';

/** Channel ids only their own adapter may create identities under; a Bot Framework activity claiming one is refused. */
export const ADAPTER_CHANNEL_IDS: ReadonlySet<string> = new Set<AdapterKind>([
  'console',
  'telegram',
  'wechat',
  'wechat-oa',
]);

/**
 * True for our adapters' ids and for further accounts of them ("wechat-2", "telegram-shop": a second account of one
 * kind runs under its own id). Bot Framework never carries these, so an account stored under one belongs to a
 * registered adapter or to nobody (a start-up error), never quietly to Bot Framework.
 */
export function isAdapterChannelId(id: string): boolean {
  return ADAPTER_CHANNEL_IDS.has(id) || /^(console|telegram|wechat)-[a-z0-9-]+$/.test(id);
}

/**
 * True when `id` is an id of the adapter kind `kind` itself: the kind ("wechat") or a further account of it
 * ("wechat-2"), never another kind's id that merely starts the same way ("wechat-oa", nor "wechat-oa-2"). An adapter
 * checks its own id with this; isAdapterChannelId accepts any of our adapters' ids.
 */
export function isAdapterChannelIdOfKind(id: string, kind: AdapterKind): boolean {
  if (!isAdapterChannelId(id)) return false;
  // The longest kind the id is or starts with ("wechat-oa-2" is of wechat-oa, not of wechat).
  let of: string | undefined;
  for (const k of ADAPTER_CHANNEL_IDS)
    if ((id === k || id.startsWith(`${k}-`)) && (of === undefined || k.length > of.length)) of = k;
  return of === kind;
}

/** Longest account / conversation id kept (Teams ids are ~100–200 characters); longer ones are refused. */
export const MAX_ACCOUNT_ID = 256;
export const MAX_CONVERSATION_ID = 512;

/** A Bot Framework channel id as connectors send them ("msteams", "webchat", "emulator", "directline"). */
export const BOT_FRAMEWORK_CHANNEL_ID = /^[a-z][a-z0-9._-]{0,31}$/;
