// The console chat, described for the channel registry (src/notify/channel-registry.ts).
import type { ChannelDescriptor } from '../../src/notify/channel-registry.js';

export const CONSOLE_CHANNEL: ChannelDescriptor = {
  id: 'console',
  kind: 'console',
  identityAddress: { from: 'externalId', prefix: '' },
  groupAddress: (c) => c.chatId,
  routes: [],
  capabilities: { buttons: 'numbered-menu', images: false, files: false, groups: true },
};
