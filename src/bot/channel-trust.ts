// Which channel vouches for a message's sender. An identity is (channel, account) where the channel is the adapter
// that received the message: the Bot Framework endpoint may only speak for Bot Framework channels (msteams, webchat,
// emulator, directline…), never for the console, Telegram or WeChat, whose accounts only their own adapters prove.
import type { Activity } from 'botbuilder';
import {
  isAdapterChannelId,
  BOT_FRAMEWORK_CHANNEL_ID,
  MAX_ACCOUNT_ID,
  MAX_CONVERSATION_ID,
} from '../shared/channel-ids.js';
import type { ReceivedBy } from './turn-handler.js';

/**
 * The channel an identity is created under for this message, or why the message is refused. Non-Bot-Framework
 * adapters name themselves; a Bot Framework channel id is accepted only when it is not one of our adapters' ids.
 */
export function trustedChannel(
  activity: Partial<Activity>,
  receivedBy: ReceivedBy,
): { ok: true; channel: string } | { ok: false; reason: string } {
  if (receivedBy !== 'botframework') return { ok: true, channel: receivedBy };
  const claimed = activity.channelId ?? '';
  if (!BOT_FRAMEWORK_CHANNEL_ID.test(claimed)) return { ok: false, reason: 'malformed channelId' };
  if (isAdapterChannelId(claimed)) return { ok: false, reason: `channelId ${claimed} is not a Bot Framework channel` };
  return { ok: true, channel: claimed };
}

/** Why an account or conversation id cannot be stored or addressed (too long, NUL, control characters), or null. */
export function badIdentifier(activity: Partial<Activity>): string | null {
  const from = activity.from?.id;
  const conversation = activity.conversation?.id;
  if (typeof from === 'string') {
    if ([...from].length > MAX_ACCOUNT_ID) return 'from.id too long';
    if (/[\u0000-\u001f\u007f]/.test(from)) return 'control character in from.id';
  }
  if (typeof conversation === 'string') {
    if ([...conversation].length > MAX_CONVERSATION_ID) return 'conversation.id too long';
    if (/[\u0000-\u001f\u007f]/.test(conversation)) return 'control character in conversation.id';
  }
  return null;
}
