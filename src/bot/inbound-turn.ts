// An inbound activity as the identity service sees it (src/identity imports no botbuilder): who wrote, the
// conversation's group flag, and the activity's ConversationReference, which becomes the account's address.
import { TurnContext, type Activity } from 'botbuilder';
import type { InboundTurn } from '../identity/identity.service.js';

export function inboundTurn(activity: Partial<Activity>): InboundTurn {
  return {
    ...(activity.channelId !== undefined ? { channelId: activity.channelId } : {}),
    ...(activity.from ? { from: activity.from } : {}),
    ...(activity.conversation ? { conversation: activity.conversation } : {}),
    reference: TurnContext.getConversationReference(activity),
  };
}
