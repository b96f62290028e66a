// One bot turn, the same for every channel: dedupe the inbound id → identify the sender → dialogs.
// Conversation and user state live in the database (PrismaStorage), so a restart resumes at the same step.
import {
  ActivityTypes,
  MessageFactory,
  UserState,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { DialogContextError, DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { answersWithoutRecord, MAIN_DIALOG, MainDialog } from '../../dialogs/main.dialog.js';
import { menuChoices } from '../../dialogs/flow-registry.js';
import type { DialogDeps } from '../../dialogs/dialog-deps.js';
import { normalizeLocale, translator } from '../i18n/index.js';
import { setSender, type Sender } from '../identity/sender.js';
import type { Logger } from '../shared/logger.js';
import { appErrorFrom } from '../shared/app-error.js';
import { MAX_INBOUND_TEXT, wellFormedText } from './input-guard.js';
import { inboundTurn } from './inbound-turn.js';
import { JsonConversationState } from './json-state.js';
import { activityReceivedKey, actsOnDialogEvents } from './dialog-events.js';
import type { ReceivedBy, TurnHandler } from './turn-handler.js';
import type { CommandRouter } from '../commands/command-router.js';
import { badIdentifier, trustedChannel } from './channel-trust.js';
import { DEFAULT_INBOUND_LIMITS, InboundLimiter, type InboundLimits } from './inbound-limiter.js';

export interface WuyeBotDeps extends DialogDeps {
  commands: CommandRouter;
  storage: Storage;
  logger: Logger;
  /** Per-account inbound rate limit (INBOUND_RATE_PER_MINUTE, INBOUND_BURST). */
  inboundLimits?: InboundLimits;
  /**
   * True when `storage` keeps conversation state in the BotState table of the database the identity service reads
   * (main's wiring): a turn then reads its sender and its state in one statement (#15). Otherwise two reads.
   */
  stateReadWithIdentity?: boolean;
}

/** How many answered message ids a conversation remembers: far more than any channel redelivers at once. */
const RECENT_INBOUND = 64;
/** Message ids remembered for accounts answered without a row (#17): a few minutes of redeliveries at any plausible rate. */
const MAX_ANSWERED_UNRECORDED = 10_000;
/**
 * The turn-state key under which botbuilder-dialogs' DialogStateManager caches its configuration (the memory scopes
 * and path resolvers of the registered components) for the rest of a turn. Building it runs zod checks over every
 * component and new scope objects, once a turn (#15); the scopes keep no state of their own (they read it from the
 * dialog context), so the configuration the first turn built is handed to every later turn. If a botbuilder upgrade
 * renamed the key, nothing breaks: each turn would build its own again.
 */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

export class WuyeBot implements TurnHandler {
  readonly conversationState: JsonConversationState;
  readonly userState: UserState;
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** Ids of messages from accounts with no row yet that were answered (insertion order = age; bounded). */
  private readonly answeredUnrecorded = new Set<string>();
  /** Inbound message ids whose turn is running in this process (their receipt is written when it ends). */
  private readonly inFlight = new Set<string>();
  /** Ids of the messages answered last in this conversation, saved in the same write as the dialog step. */
  private readonly recentInbound: StatePropertyAccessor<string[]>;
  private readonly limiter: InboundLimiter;
  /** The DialogStateManager configuration botbuilder built on the first dialog turn (see above). */
  private stateManagerConfiguration: unknown;
  /**
   * botbuilder's "activityReceived already emitted" turn-state key, once a turn has shown it; set before each dialog
   * turn so the event is not emitted when no dialog here acts on it (see dialog-events.ts). A botbuilder upgrade that
   * renamed it breaks nothing: each turn would emit the event again.
   */
  private activityReceivedKey: symbol | undefined;
  private readonly skipActivityReceived: boolean;

  constructor(private readonly deps: WuyeBotDeps) {
    this.limiter = new InboundLimiter(deps.inboundLimits ?? DEFAULT_INBOUND_LIMITS, deps.now);
    this.conversationState = new JsonConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.recentInbound = this.conversationState.createProperty<string[]>('recentInbound');
    this.dialogs.add(new MainDialog(deps));
    this.skipActivityReceived = !this.dialogs.getDialogs().some(actsOnDialogEvents);
  }

  /** `receivedBy`: the adapter that received the message, which alone decides the channel an identity belongs to. */
  async onTurn(context: TurnContext, receivedBy: ReceivedBy): Promise<void> {
    const activity = context.activity;
    // Nothing a message claims about its sender is trusted beyond what its channel proves: the Bot Framework endpoint
    // cannot speak for console, Telegram or WeChat accounts. Refused turns leave no row and get no answer.
    const trust = trustedChannel(activity, receivedBy);
    const badId = trust.ok ? badIdentifier(activity) : null;
    if (!trust.ok || badId) {
      this.deps.logger.warn(
        {
          receivedBy,
          channelId: String(activity.channelId ?? '').slice(0, 64),
          reason: trust.ok ? badId : trust.reason,
        },
        'inbound refused: the receiving channel does not vouch for this sender',
      );
      return;
    }
    activity.channelId = trust.channel;
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) return;
    // Group chatter that is no command needs no answer and no record: unknown accounts in a group create no rows.
    const chatter = activity.type === ActivityTypes.Message && activity.conversation?.isGroup === true;
    if (chatter && !this.deps.commands.isCommand(activity.text ?? '')) return;
    if (!(await this.withinRate(context, trust.channel))) return;
    if (activity.type === ActivityTypes.ConversationUpdate) return this.greetNewMembers(context);
    // Lone surrogates and NUL make the database driver fail (any text an owner sends may be stored or searched).
    if (typeof activity.text === 'string') activity.text = wellFormedText(activity.text);
    if (typeof activity.from?.name === 'string') activity.from.name = wellFormedText(activity.from.name);

    // Channels redeliver (webhook retries, reconnects, and after a crash every update whose turn had not finished):
    // answer each message once. The ids of the last RECENT_INBOUND messages answered live in the conversation state
    // and are saved in the same write as the dialog step they produced, so "answered" and "step taken" can never
    // disagree: a turn killed half-way (kill -9) runs again after the restart (its reply may then be seen twice),
    // a turn that saved its step is not applied twice, and no extra statement per turn is spent on receipts. The
    // same id arriving while its turn still runs in this process is ignored.
    const id = activity.id;
    const running = `${activity.channelId}/${activity.conversation.id}:${id}`;
    const duplicate = () =>
      this.deps.logger.info({ channel: activity.channelId, id }, 'duplicate inbound message ignored');
    if (id && (this.inFlight.has(running) || this.answeredUnrecorded.has(running))) return duplicate();
    // #17: an account never seen before is not written down until its message needs it (a flow, a binding, a command).
    const sender = await this.identifySender(context);
    if (id) {
      if ((await this.recentInbound.get(context, [])).includes(id)) return duplicate();
      this.inFlight.add(running);
    }
    try {
      await this.answer(context, id, sender);
    } finally {
      if (id) this.inFlight.delete(running);
    }
  }

  /**
   * The sender, not written down if unknown (#17). With `stateReadWithIdentity` the same statement reads the
   * conversation state, which the turn's dialogs and dedupe then take instead of reading it again (#15).
   */
  private async identifySender(context: TurnContext): Promise<Sender> {
    const turn = inboundTurn(context.activity);
    const key = this.deps.stateReadWithIdentity ? this.conversationState.getStorageKey(context) : undefined;
    if (!key) return this.deps.identity.identify(turn, this.deps.now(), { create: false });
    const { sender, state } = await this.deps.identity.identifyWithState(turn, this.deps.now(), key);
    this.conversationState.preload(context, key, state);
    return sender;
  }

  private async answer(context: TurnContext, id: string | undefined, known: Sender): Promise<void> {
    const activity = context.activity;
    let sender = known;
    if (sender.provisional && !(await this.answerableWithoutRecord(context, sender)))
      sender = await this.deps.identity.identify(inboundTurn(activity), this.deps.now());
    setSender(context, sender);
    // The recognisers (dates, numbers, choices) follow the activity's locale: use the person's language, not the client's.
    activity.locale = sender.locale === 'en' ? 'en-us' : 'zh-cn';
    // A pasted page is refused before any recogniser sees it; the conversation stays at its step.
    const length = [...(activity.text ?? '')].length;
    if (!sender.isGroup && length > MAX_INBOUND_TEXT) {
      await context.sendActivity(translator(sender.locale)('input.tooLong', { length, max: MAX_INBOUND_TEXT }));
      return;
    }

    // Staff commands (role-checked) before dialogs; in group chats nothing but commands is answered (other group
    // chatter changes nothing, so it needs no record either).
    if (await this.deps.commands.handle(context, sender, this.deps.now())) return this.saveTurn(context, id);
    if (sender.isGroup) return;

    if (this.stateManagerConfiguration)
      context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.stateManagerConfiguration);
    if (this.skipActivityReceived && this.activityReceivedKey) context.turnState.set(this.activityReceivedKey, true);
    const dc = await this.dialogs.createContext(context);
    this.stateManagerConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
    const result = await dc.continueDialog();
    this.activityReceivedKey ??= activityReceivedKey(context.turnState.keys());
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
    // A provisional sender's turn changed nothing that must outlive it: the menu it may have shown is answered
    // statelessly next time (a bare number picks from it, see answerableWithoutRecord).
    if (sender.provisional) {
      // No state to keep the message id in: remembered in memory instead (a redelivery after a restart is greeted again).
      const key = `${activity.channelId}/${activity.conversation.id}:${id ?? ''}`;
      if (id) this.answeredUnrecorded.add(key);
      if (this.answeredUnrecorded.size > MAX_ANSWERED_UNRECORDED) {
        const oldest = this.answeredUnrecorded.values().next().value;
        if (oldest !== undefined) this.answeredUnrecorded.delete(oldest);
      }
      return;
    }
    await this.saveTurn(context, id);
  }

  /**
   * For an account with no row yet: true when this message can be answered without one (greeting, menu, 帮助, "not
   * understood"). A bare menu number ("1", as WeChat's numbered menu is answered) becomes that menu entry's words, since
   * the menu it answers was never stored.
   */
  private async answerableWithoutRecord(context: TurnContext, sender: Sender): Promise<boolean> {
    const activity = context.activity;
    if (sender.isGroup || typeof activity.text !== 'string') return false;
    if (this.deps.commands.isCommand(activity.text)) return false;
    if (((await this.dialogState.get(context))?.dialogStack ?? []).length > 0) return false;
    const pick = /^\s*(\d{1,2})\s*$/.exec(activity.text);
    if (pick) {
      const choices = menuChoices(translator(sender.locale));
      const choice = choices[Number(pick[1]) - 1];
      if (choice?.action) activity.text = String(choice.action.value);
    }
    return answersWithoutRecord(activity.text, this.deps.recognizer);
  }

  /** False (after answering the first refusal politely) when the account sends faster than its limit. */
  private async withinRate(context: TurnContext, channel: string): Promise<boolean> {
    const verdict = this.limiter.take(`${channel}\u0000${context.activity.from?.id ?? ''}`);
    if (verdict.allowed) return true;
    this.deps.logger.warn({ channel, notify: verdict.notify }, 'inbound message over the rate limit dropped');
    // Answered once per flood (the rest are dropped quietly), in zh-CN: the account's language would cost a statement.
    if (verdict.notify)
      await context.sendActivity(translator('zh-CN')('security.slowDown', { seconds: verdict.retryAfterSeconds }));
    return false;
  }

  /** Saves the dialog step together with the id of the message that produced it (see onTurn). */
  private async saveTurn(context: TurnContext, id: string | undefined): Promise<void> {
    if (id) {
      const recent = await this.recentInbound.get(context, []);
      await this.recentInbound.set(context, [...recent, id].slice(-RECENT_INBOUND));
    }
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  /** Channel catch-all: log, apologise in the user's language, reset the dialog so the next message starts clean. */
  async onTurnError(context: TurnContext, thrown: unknown): Promise<void> {
    // botbuilder-dialogs wraps whatever a dialog throws in a DialogContextError: the AppError is inside.
    const error = thrown instanceof DialogContextError ? thrown.error : thrown;
    this.deps.logger.error(
      { err: error, channel: context.activity.channelId, conversation: context.activity.conversation?.id },
      'turn failed',
    );
    try {
      // An AppError knows what to tell the user; anything else gets the generic apology (and the dialog is reset).
      // The activity's locale was set from the sender's language when the turn began (zh-cn otherwise).
      const locale = normalizeLocale(context.activity.locale);
      await context.sendActivity(appErrorFrom(error)?.textIn(locale) ?? translator(locale)('error.generic'));
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
    const sender = await this.deps.identity.identify(inboundTurn(context.activity), this.deps.now(), { create: false });
    const tr = translator(sender.locale);
    const titles = menuChoices(tr).map((c) => c.action?.title ?? c.value);
    const greeting = tr('menu.greeting', { estate: sender.estate.name });
    // Someone new (e.g. who has just followed the Official Account) is offered binding before anything else.
    const unbound = sender.personId === null && sender.staff === null;
    await context.sendActivity(
      MessageFactory.suggestedActions(titles, unbound ? `${greeting}\n${tr('menu.bindOffer')}` : greeting),
    );
  }
}
