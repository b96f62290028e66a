// The base of the adapters we host ourselves (console, WeChat, the Official Account, Telegram): the Bot Framework's
// CloudAdapter is the only one with a connector behind continueConversation; ours run the turn locally.
import { ActivityTypes, BotAdapter, TurnContext, type ConversationReference } from 'botbuilder';

export abstract class SelfHostedAdapter extends BotAdapter {
  /** A proactive turn on this process: the reference's conversation, an event activity, our own middleware. */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
