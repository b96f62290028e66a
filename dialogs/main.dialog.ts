// The main menu: 投诉 / 装修 / 钥匙 / 物业费 / 帮助. Free text that names a flow goes straight to it.
import { ChoicePrompt, ListStyle, WaterfallDialog, type Choice, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchIntent, matchInterruption, type Intent } from '../src/bot/intents.js';
import type { MessageKey } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import { textsFor, type DialogDeps, } from './dialog-deps.js';
import { HANDOFF_DIALOG, HandoffDialog } from './handoff.dialog.js';
import { InterruptibleDialog } from './interruptible.dialog.js';

export const MAIN_DIALOG = 'main';
const MENU = 'main.menu';

const MENU_ITEMS: Array<[Intent, MessageKey]> = [
  ['complaint', 'menu.complaint'],
  ['renovation', 'menu.renovation'],
  ['keys', 'menu.keys'],
  ['fees', 'menu.fees'],
  ['help', 'menu.help'],
];

export class MainDialog extends InterruptibleDialog {
  protected readonly handoffDialogId = HANDOFF_DIALOG;

  constructor(deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(
      new ChoicePrompt(MENU, async (p) => p.recognized.succeeded || matchIntent(p.context.activity.text) !== null, 'zh-cn'),
    );
    this.addDialog(new HandoffDialog(deps));
    this.addDialog(new WaterfallDialog('main.steps', [this.showMenu, this.route]));
    this.initialDialogId = 'main.steps';
  }

  /** The menu's buttons in the sender's language (also used for the greeting on conversation start). */
  static menuChoices(tr: ReturnType<typeof textsFor>): Choice[] {
    return MENU_ITEMS.map(([intent, key]) => ({
      value: intent,
      action: { type: 'imBack', title: tr(key), value: tr(key) },
      synonyms: [tr(key)],
    }));
  }

  private showMenu = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    if (matchInterruption(step.context.activity.text) === 'cancel') {
      await step.context.sendActivity(tr('cancel.nothing'));
      return step.endDialog();
    }
    const intent = matchIntent(step.context.activity.text);
    if (intent) return step.next(intent);
    return step.prompt(MENU, {
      prompt: tr('menu.greeting', { estate: senderOf(step.context).estate.name }),
      retryPrompt: tr('menu.retry'),
      choices: MainDialog.menuChoices(tr),
      style: ListStyle.suggestedAction,
    });
  };

  private route = async (step: WaterfallStepContext) => {
    const picked = step.result as FoundChoice | Intent | undefined;
    const intent = (typeof picked === 'string' ? picked : (picked?.value as Intent | undefined)) ?? matchIntent(step.context.activity.text);
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    switch (intent) {
      case 'handoff':
        return step.replaceDialog(HANDOFF_DIALOG);
      case 'help':
        await step.context.sendActivity(tr('help.text', { deskPhone: sender.estate.deskPhone }));
        return step.endDialog();
      case 'complaint':
      case 'renovation':
      case 'keys':
      case 'fees': {
        const flow = tr(MENU_ITEMS.find(([i]) => i === intent)?.[1] ?? 'menu.help');
        await step.context.sendActivity(tr('flow.comingSoon', { flow, deskPhone: sender.estate.deskPhone }));
        return step.endDialog();
      }
      default:
        return step.endDialog();
    }
  };
}
