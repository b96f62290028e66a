import type { TurnContext } from 'botbuilder';

/**
 * The adapter that really received a message. Each adapter passes its own name; nothing in the activity (whose
 * channelId, from.id and serviceUrl a Bot Framework client may write freely) decides which channel vouches for the
 * sender.
 */
export type ReceivedBy =
  | 'console'
  | 'botframework'
  | 'telegram'
  | 'wechat'
  | 'wechat-oa'
  // A further account of one kind under its own id (src/shared/channel-ids.ts: isAdapterChannelId).
  | `${'console' | 'telegram' | 'wechat'}-${string}`;

/**
 * What every channel adapter runs for an inbound message: one bot turn (`onTurn`), and the channel's catch-all
 * (`onTurnError`: logs, apologises in zh-CN, resets the dialog). Implemented by WuyeBot in src/bot/wuye.bot.ts.
 */
export interface TurnHandler {
  onTurn(context: TurnContext, receivedBy: ReceivedBy): Promise<void>;
  onTurnError(context: TurnContext, error: unknown): Promise<void>;
}
