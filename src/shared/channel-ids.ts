// Channel ids that belong to our own adapters, and the longest ids kept: shared by the Bot Framework endpoint, the
// bot's trust check and the identity service (which pins Bot Framework addresses only).

/** Channel ids only their own adapter may create identities under; a Bot Framework activity claiming one is refused. */
export const ADAPTER_CHANNEL_IDS: ReadonlySet<string> = new Set(['console', 'telegram', 'wechat', 'wechat-oa']);

/**
 * True for our adapters' ids and for further accounts of them ("wechat-2", "telegram-shop": a second account of one
 * kind runs under its own id). Bot Framework never carries these, so an account stored under one belongs to a
 * registered adapter or to nobody (a start-up error), never quietly to Bot Framework.
 */
export function isAdapterChannelId(id: string): boolean {
  return ADAPTER_CHANNEL_IDS.has(id) || /^(console|telegram|wechat)-[a-z0-9-]+$/.test(id);
}

/** Longest account / conversation id kept (Teams ids are ~100–200 characters); longer ones are refused. */
export const MAX_ACCOUNT_ID = 256;
export const MAX_CONVERSATION_ID = 512;

/** A Bot Framework channel id as connectors send them ("msteams", "webchat", "emulator", "directline"). */
export const BOT_FRAMEWORK_CHANNEL_ID = /^[a-z][a-z0-9._-]{0,31}$/;
