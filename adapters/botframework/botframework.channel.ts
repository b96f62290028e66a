// Bot Framework (Teams, Web Chat, the Emulator), described for the channel registry. It is one channel that carries
// many connector channel ids (msteams, webchat, emulator…): accounts and groups are stored under those ids and are
// reached through their stored ConversationReference.
import type { ChannelDescriptor } from '../../src/notify/channel-registry.js';
import { isAdapterChannelId, BOT_FRAMEWORK_CHANNEL_ID } from '../../src/shared/channel-ids.js';
import { botFrameworkEnvShape } from './botframework.config.js';

export const BOTFRAMEWORK_CHANNEL_ID = 'botframework';
export const BOTFRAMEWORK_ROUTE = '/api/messages';

export const BOTFRAMEWORK_CHANNEL: ChannelDescriptor = {
  id: BOTFRAMEWORK_CHANNEL_ID,
  kind: 'botframework',
  // The connector ids the endpoint accepts (botframework.adapter.ts refuses our own adapters' ids).
  hostsChannelId: (channelId) => BOT_FRAMEWORK_CHANNEL_ID.test(channelId) && !isAdapterChannelId(channelId),
  identityAddress: { from: 'conversationRef' },
  // The bare conversation id cannot be posted to; the stored reference can.
  groupAddress: (c) => c.conversationRef ?? null,
  config: { shape: botFrameworkEnvShape },
  routes: [{ path: BOTFRAMEWORK_ROUTE, methods: ['POST'] }],
  capabilities: { buttons: 'cards', images: true, files: false, groups: true },
};
