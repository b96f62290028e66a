// The personal WeChat account (wechaty), described for the channel registry (src/notify/channel-registry.ts).
import type { ChannelDescriptor } from '../../src/notify/channel-registry.js';
import { WECHAT_CHANNEL_ID } from './message-mapper.js';
import { wechatConfigSchema } from './wechat.config.js';

/** The daily cap when WECHAT_DAILY_CAP is not read (tests that build a dispatcher without a config). */
const DEFAULT_DAILY_CAP = 300;

/** The first (or only) account, id `wechat`. */
export const WECHAT_CHANNEL: ChannelDescriptor = {
  id: WECHAT_CHANNEL_ID,
  kind: 'wechat',
  identityAddress: { from: 'externalId', prefix: 'contact:' },
  groupAddress: (c) => `room:${c.chatId}`,
  // A personal WeChat account is banned for bursts: slow (≥ 3 s apart) and capped per day.
  limits: { overall: [{ count: 1, perMs: 3000 }], dailyCap: DEFAULT_DAILY_CAP },
  limitsFor: (config) => ({
    overall: [{ count: 1, perMs: 3000 }],
    dailyCap: typeof config.WECHAT_DAILY_CAP === 'number' ? config.WECHAT_DAILY_CAP : DEFAULT_DAILY_CAP,
  }),
  config: { shape: wechatConfigSchema.shape },
  routes: [],
  // Received images and files are stored (MediaFile); buttons become a numbered menu.
  capabilities: { buttons: 'numbered-menu', images: true, files: true, groups: true },
};

export interface WechatChannelOptions {
  /**
   * The channel id of this account (default `wechat`): its ChannelIdentity/StaffChat rows, outbox rows and limits.
   * A second personal account runs next to the first under another id (`wechat-2`; `wechat-…` is kept from Bot
   * Framework) with an adapter of the same id (`new WechatAdapter({ id: 'wechat-2', … })`).
   */
  id?: string;
}

/** The descriptor of one personal WeChat account: each account is a channel of its own id, all of kind `wechat`. */
export function wechatChannel(opts: WechatChannelOptions = {}): ChannelDescriptor {
  const id = opts.id ?? WECHAT_CHANNEL_ID;
  return id === WECHAT_CHANNEL.id ? WECHAT_CHANNEL : { ...WECHAT_CHANNEL, id };
}
