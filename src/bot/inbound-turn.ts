// An inbound activity as the identity service sees it (src/identity imports no botbuilder): who wrote, the
// conversation's group flag, and the activity's ConversationReference, which becomes the account's address.
import { TurnContext, type Activity } from 'botbuilder';
import type { InboundTurn } from '../identity/identity.service.js';

export function inboundTurn(activity: Partial<Activity>): InboundTurn {
  return {
    ...(activity.channelId !== undefined ? { channelId: activity.channelId } : {}),
    ...(activity.from ? { from: activity.from } : {}),
    ...(activity.conversation ? { conversation: activity.conversation } : {}),
    reference: addressOf(activity),
  };
}

/**
 * The activity's ConversationReference without the id of this one message: the stored address is the same from one
 * turn to the next, so a turn rewrites the account's row only when the address really moved (#15). A proactive
 * notice never needs the id of the message the owner sent last (botbuilder gives each continuation its own).
 */
function addressOf(activity: Partial<Activity>) {
  const { activityId: _activityId, ...address } = TurnContext.getConversationReference(activity);
  return address;
}
