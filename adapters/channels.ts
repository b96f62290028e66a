// The channels this app ships, as descriptors (plain data, no SDK loaded): the composition root registers them in the
// channel registry (src/notify/channel-registry.ts) and src/config.ts gathers their env. A new channel adds its
// descriptor here; nothing in notify/, the domain or the dialogs changes.
import { ChannelRegistry, type ChannelDescriptor } from '../src/notify/channel-registry.js';
import { BOTFRAMEWORK_CHANNEL } from './botframework/botframework.channel.js';
import { CONSOLE_CHANNEL } from './console/console.channel.js';
import { TELEGRAM_CHANNEL } from './telegram/telegram.channel.js';
import { WECHAT_CHANNEL } from './wechat/wechat.channel.js';
import { WECHAT_OA_CHANNEL } from './wechat-oa/wechat-oa.channel.js';

export const BUILTIN_CHANNELS: readonly ChannelDescriptor[] = [
  CONSOLE_CHANNEL,
  BOTFRAMEWORK_CHANNEL,
  TELEGRAM_CHANNEL,
  WECHAT_CHANNEL,
  WECHAT_OA_CHANNEL,
];

/**
 * Registers the built-in channels (idempotent) in `registry` — the one the composition root created
 * (`registerBuiltinChannels(createChannelRegistry())`) — and returns it. A further account of one kind is registered
 * next to them under its own id (`registry.register(wechatChannel({ id: 'wechat-2' }))`).
 */
export function registerBuiltinChannels(registry: ChannelRegistry): ChannelRegistry {
  for (const d of BUILTIN_CHANNELS) registry.register(d);
  return registry;
}

/** The built-in channels' default send limits (what the dispatcher gets without settings). */
export const BUILTIN_RATE_LIMITS = new ChannelRegistry(BUILTIN_CHANNELS).limits();
