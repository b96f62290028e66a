// One bot turn, the same for every channel: dedupe the inbound id → identify the sender → dialogs.
// Conversation and user state live in the database (PrismaStorage), so a restart resumes at the same step.
import { ActivityTypes, ConversationState, MessageFactory, UserState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import { DialogContextError, DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { recordInbound, wasInboundHandled } from '../db/inbound-receipt.repo.js';
import { MAIN_DIALOG, MainDialog } from '../../dialogs/main.dialog.js';
import type { DialogDeps } from '../../dialogs/dialog-deps.js';
import { translator } from '../i18n/index.js';
import type { IdentityService } from '../identity/identity.service.js';
import { setSender } from '../identity/sender.js';
import type { Logger } from '../shared/logger.js';
import { AppError } from './app-error.js';
import { wellFormedText } from './input-guard.js';
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
  /** Inbound message ids whose turn is running in this process (their receipt is written when it ends). */
  private readonly inFlight = new Set<string>();
  /** The message whose turn last saved this conversation's state: saved in the same write as the dialog step. */
  private readonly lastInbound: StatePropertyAccessor<string>;

  constructor(private readonly deps: WuyeBotDeps) {
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogState'));
    this.lastInbound = this.conversationState.createProperty<string>('lastInbound');
    this.dialogs.add(new MainDialog(deps));
  }

  async onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.ConversationUpdate) return this.greetNewMembers(context);
    if (activity.type !== ActivityTypes.Message) return;
    // Lone surrogates and NUL make the database driver fail (any text an owner sends may be stored or searched).
    if (typeof activity.text === 'string') activity.text = wellFormedText(activity.text);
    if (typeof activity.from?.name === 'string') activity.from.name = wellFormedText(activity.from.name);

    // Channels redeliver (webhook retries, reconnects, and after a crash every update whose turn had not finished):
    // answer each message once. The receipt is written when the turn is over, so a turn killed half-way (kill -9)
    // runs again after the restart instead of being lost (its reply may then be seen twice); the same id arriving
    // while its turn still runs in this process is ignored. A turn killed after saving its dialog step but before
    // its receipt is recognised by `lastInbound`, written with that step: running it again would apply it twice.
    const receipt = activity.id ? `${activity.conversation.id}:${activity.id}` : undefined;
    if (receipt !== undefined) {
      const duplicate = this.inFlight.has(receipt);
      if (!duplicate) this.inFlight.add(receipt);
      const handled = duplicate || (await wasInboundHandled(this.deps.prisma, activity.channelId, receipt));
      const stepSaved = !handled && (await this.lastInbound.get(context)) === receipt;
      if (handled || stepSaved) {
        if (stepSaved) await recordInbound(this.deps.prisma, activity.channelId, receipt).finally(() => this.inFlight.delete(receipt));
        else if (!duplicate) this.inFlight.delete(receipt);
        this.deps.logger.info({ channel: activity.channelId, id: activity.id }, 'duplicate inbound message ignored');
        return;
      }
    }
    try {
      await this.answer(context, receipt);
    } finally {
      if (receipt !== undefined) {
        try {
          await recordInbound(this.deps.prisma, activity.channelId, receipt);
        } finally {
          this.inFlight.delete(receipt);
        }
      }
    }
  }

  private async answer(context: TurnContext, receipt: string | undefined): Promise<void> {
    const activity = context.activity;
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
    if (receipt !== undefined) await this.lastInbound.set(context, receipt);
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  /** Channel catch-all: log, apologise in the user's language, reset the dialog so the next message starts clean. */
  async onTurnError(context: TurnContext, thrown: unknown): Promise<void> {
    // botbuilder-dialogs wraps whatever a dialog throws in a DialogContextError: the AppError is inside.
    const error = thrown instanceof DialogContextError ? thrown.error : thrown;
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
