// Telegram, described for the channel registry (src/notify/channel-registry.ts).
import type { ChannelDescriptor } from '../../src/notify/channel-registry.js';
import { TELEGRAM_CHANNEL_ID } from './activity-mapper.js';
import { refineTelegramEnv, telegramEnvShape } from './telegram.config.js';

/** Where Telegram POSTs updates in webhook mode (TELEGRAM_WEBHOOK_URL must end with it). */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

export const TELEGRAM_CHANNEL: ChannelDescriptor = {
  id: TELEGRAM_CHANNEL_ID,
  kind: 'telegram',
  identityAddress: { from: 'externalId', prefix: '' },
  groupAddress: (c) => c.chatId,
  // Telegram says ~30/s overall; we keep a margin. ≤ 1/s per chat, ≤ 20/min per group (we keep 18).
  limits: {
    overall: [{ count: 25, perMs: 1000 }],
    perChat: [{ count: 1, perMs: 1000 }],
    perGroup: [{ count: 18, perMs: 60_000 }],
  },
  config: { shape: telegramEnvShape, refine: refineTelegramEnv },
  // Served only in webhook mode (TELEGRAM_WEBHOOK_URL set); long polling needs no route.
  routes: [{ path: TELEGRAM_WEBHOOK_PATH, methods: ['POST'] }],
  capabilities: { buttons: 'inline', images: true, files: false, groups: true },
};

/**
 * The descriptor of one Telegram bot: a further bot is a channel of its own id (`telegram-2`), of kind `telegram`,
 * with a webhook path of its own (`/telegram/telegram-2/webhook`) so two bots in webhook mode do not share one route.
 */
export function telegramChannel(opts: { id?: string } = {}): ChannelDescriptor {
  const id = opts.id ?? TELEGRAM_CHANNEL_ID;
  if (id === TELEGRAM_CHANNEL.id) return TELEGRAM_CHANNEL;
  return { ...TELEGRAM_CHANNEL, id, routes: [{ path: `/telegram/${id}/webhook`, methods: ['POST'] }] };
}
