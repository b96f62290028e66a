// One bot turn, the same for every channel: dedupe the inbound id → identify the sender → dialogs.
// Conversation and user state live in the database (PrismaStorage), so a restart resumes at the same step.
import { ActivityTypes, ConversationState, MessageFactory, UserState, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { recordInbound } from '../db/inbound-receipt.repo.js';
import { MAIN_DIALOG, MainDialog } from '../../dialogs/main.dialog.js';
import type { DialogDeps } from '../../dialogs/dialog-deps.js';
import { translator } from '../i18n/index.js';
import type { IdentityService } from '../identity/identity.service.js';
import { setSender } from '../identity/sender.js';
import type { Logger } from '../shared/logger.js';
import { AppError } from './app-error.js';
import type { TurnHandler } from './turn-handler.js';
import type { CommandRouter } from '../commands/command-router.js';

export interface WuyeBotDeps extends DialogDeps {
  commands: CommandRouter;
  storage: Storage;
  identity: IdentityService;
  logger: Logger;
}

export class WuyeBot implements TurnHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: WuyeBotDeps) {
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(deps));
  }

  async onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.ConversationUpdate) return this.greetNewMembers(context);
    if (activity.type !== ActivityTypes.Message) return;

    // Channels redeliver (webhook retries, reconnects): answer each message once.
    if (activity.id && !(await recordInbound(this.deps.prisma, activity.channelId, `${activity.conversation.id}:${activity.id}`))) {
      this.deps.logger.info({ channel: activity.channelId, id: activity.id }, 'duplicate inbound message ignored');
      return;
    }
    const sender = await this.deps.identity.identify(activity, this.deps.now());
    setSender(context, sender);
    // The recognisers (dates, numbers, choices) follow the activity's locale: use the person's language, not the client's.
    activity.locale = sender.locale === 'en' ? 'en-us' : 'zh-cn';

    // Staff commands (role-checked) before dialogs; in group chats nothing but commands is answered.
    if (await this.deps.commands.handle(context, sender, this.deps.now())) return;
    if (sender.isGroup) return;

    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  /** Channel catch-all: log, apologise in the user's language, reset the dialog so the next message starts clean. */
  async onTurnError(context: TurnContext, error: unknown): Promise<void> {
    this.deps.logger.error({ err: error, channel: context.activity.channelId, conversation: context.activity.conversation?.id }, 'turn failed');
    try {
      // An AppError knows what to tell the user; anything else gets the generic apology (and the dialog is reset).
      await context.sendActivity(error instanceof AppError ? error.userText : translator('zh-CN')('error.generic'));
    } catch (sendError) {
      this.deps.logger.error({ err: sendError }, 'could not send the apology');
    }
    try {
      await this.conversationState.delete(context);
    } catch (resetError) {
      this.deps.logger.error({ err: resetError }, 'could not reset the conversation state');
    }
  }

  private async greetNewMembers(context: TurnContext): Promise<void> {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id !== context.activity.recipient?.id)) return;
    const sender = await this.deps.identity.identify(context.activity, this.deps.now());
    const tr = translator(sender.locale);
    const titles = MainDialog.menuChoices(tr).map((c) => c.action?.title ?? c.value);
    await context.sendActivity(MessageFactory.suggestedActions(titles, tr('menu.greeting', { estate: sender.estate.name })));
  }
}
