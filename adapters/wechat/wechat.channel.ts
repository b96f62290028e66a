// The personal WeChat account (wechaty), described for the channel registry (src/notify/channel-registry.ts).
import type { ChannelDescriptor } from '../../src/notify/channel-registry.js';
import { WECHAT_CHANNEL_ID } from './message-mapper.js';
import { wechatConfigSchema } from './wechat.config.js';

/** The daily cap when WECHAT_DAILY_CAP is not read (tests that build a dispatcher without a config). */
const DEFAULT_DAILY_CAP = 300;

export const WECHAT_CHANNEL: ChannelDescriptor = {
  id: WECHAT_CHANNEL_ID,
  kind: 'wechat',
  identityAddress: (i) => `contact:${i.externalId}`,
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
