import type { TurnContext } from 'botbuilder';

/**
 * What every channel adapter runs for an inbound message: one bot turn (`onTurn`), and the channel's catch-all
 * (`onTurnError`: logs, apologises in zh-CN, resets the dialog). Implemented by WuyeBot in src/bot/wuye.bot.ts.
 */
export interface TurnHandler {
  onTurn(context: TurnContext): Promise<void>;
  onTurnError(context: TurnContext, error: unknown): Promise<void>;
}
