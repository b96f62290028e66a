// The main menu: 投诉 / 装修 / 钥匙 / 物业费 / 帮助. Free text that names a flow goes straight to it.
// Personal flows pass the binding gate first: an unbound account binds, then continues where it wanted to go.
import {
  ListStyle,
  WaterfallDialog,
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import {
  isPersonalIntent,
  matchIntent,
  matchInterruption,
  type Intent,
  type PersonalIntent,
} from '../src/bot/intents.js';
import type { MessageKey } from '../src/i18n/index.js';
import type { BindingService } from '../src/identity/binding.service.js';
import { staffBindText } from '../src/identity/binding.replies.js';
import { senderOf } from '../src/identity/sender.js';
import { BINDING_DIALOG, BindingDialog, type BindingOptions, type BindingResult } from './binding.dialog.js';
import { COMPLAINT_DIALOG, ComplaintDialog } from './complaint.dialog.js';
import { MY_COMPLAINTS_DIALOG, MyComplaintsDialog } from './my-complaints.dialog.js';
import { FEES_DIALOG, FeesDialog } from './fees.dialog.js';
import { KEYS_DIALOG, KeysDialog } from './keys.dialog.js';
import { RENOVATION_DIALOG, RenovationDialog } from './renovation.dialog.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { HANDOFF_DIALOG, HandoffDialog } from './handoff.dialog.js';
import { HOUSEHOLD_DIALOG, HouseholdDialog } from './household.dialog.js';
import { InterruptibleDialog } from './interruptible.dialog.js';
import { UNBIND_DIALOG, UnbindDialog } from './my-info.dialog.js';
import { EMERGENCY_DIALOG, EmergencyDialog } from './emergency.dialog.js';
import type { ComplaintService } from '../src/complaints/complaint.service.js';

export const MAIN_DIALOG = 'main';
const MENU = 'main.menu';

const MENU_ITEMS: Array<[Intent, MessageKey]> = [
  ['complaint', 'menu.complaint'],
  ['renovation', 'menu.renovation'],
  ['keys', 'menu.keys'],
  ['fees', 'menu.fees'],
  ['help', 'menu.help'],
];

/** Which dialog runs each personal flow once the person is bound (every personal intent has one). */
export const PERSONAL_FLOWS: Record<PersonalIntent, string> = {
  household: HOUSEHOLD_DIALOG,
  complaint: COMPLAINT_DIALOG,
  fees: FEES_DIALOG,
  keys: KEYS_DIALOG,
  renovation: RENOVATION_DIALOG,
};

export class MainDialog extends InterruptibleDialog {
  protected readonly handoffDialogId = HANDOFF_DIALOG;
  private readonly binding: BindingService;
  private readonly complaints: ComplaintService;

  constructor(deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.binding = deps.binding;
    this.complaints = deps.complaints;
    this.addDialog(
      new SafeChoicePrompt(
        MENU,
        async (p) => p.recognized.succeeded || matchIntent(p.context.activity.text) !== null,
        'zh-cn',
      ),
    );
    this.addDialog(new HandoffDialog(deps));
    this.addDialog(new BindingDialog(this.binding));
    this.addDialog(new HouseholdDialog(this.binding));
    this.addDialog(new UnbindDialog(this.binding));
    this.addDialog(new ComplaintDialog(deps));
    this.addDialog(new MyComplaintsDialog(deps));
    this.addDialog(new FeesDialog(deps));
    this.addDialog(new KeysDialog(deps));
    this.addDialog(new RenovationDialog(deps));
    this.addDialog(new EmergencyDialog(deps));
    this.addDialog(new WaterfallDialog('main.steps', [this.showMenu, this.route, this.afterBinding]));
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

  /**
   * The binding gate: a personal flow runs only for an account bound to at least one unit; otherwise binding runs
   * first and `afterBinding` continues into the flow.
   */
  async requirePersonalAccess(step: WaterfallStepContext, intent: PersonalIntent): Promise<DialogTurnResult> {
    const sender = senderOf(step.context);
    if (sender.personId !== null && sender.units.length > 0) return this.startFlow(step, intent);
    return step.beginDialog(BINDING_DIALOG, { then: intent, gated: true } satisfies BindingOptions);
  }

  private startFlow(step: WaterfallStepContext, intent: PersonalIntent): Promise<DialogTurnResult> {
    return step.replaceDialog(PERSONAL_FLOWS[intent]);
  }

  private showMenu = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    if (matchInterruption(step.context.activity.text) === 'cancel') {
      await step.context.sendActivity(tr('cancel.nothing'));
      return step.endDialog();
    }
    // A bare "5" / "满意" / "没解决" answers a pending 回访 survey.
    const surveyReply = await this.complaints.answerPendingSurvey(
      senderOf(step.context).personId,
      step.context.activity.text,
    );
    if (surveyReply) {
      await step.context.sendActivity(surveyReply);
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
    const intent =
      (typeof picked === 'string' ? picked : (picked?.value as Intent | undefined)) ??
      matchIntent(step.context.activity.text);
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    // 我的投诉 names the complaint intent but lists tickets instead of starting a new one.
    if (intent === 'complaint' && /^(我的投诉|投诉进度|查投诉)$/.test((step.context.activity.text ?? '').trim()))
      return step.replaceDialog(MY_COMPLAINTS_DIALOG);
    if (intent && isPersonalIntent(intent)) return this.requirePersonalAccess(step, intent);
    switch (intent) {
      case 'handoff':
        return step.replaceDialog(HANDOFF_DIALOG);
      case 'emergency':
        // No binding gate: anyone may report an emergency.
        return step.replaceDialog(EMERGENCY_DIALOG);
      case 'help':
        await step.context.sendActivity(tr('help.text', { deskPhone: sender.estate.deskPhone }));
        return step.endDialog();
      case 'bind':
        if (sender.units.length > 0)
          await step.context.sendActivity(tr('bind.already', { units: sender.units.map((u) => u.label).join('、') }));
        return step.beginDialog(BINDING_DIALOG, {} satisfies BindingOptions);
      case 'unbind':
        return step.replaceDialog(UNBIND_DIALOG);
      case 'myInfo':
        await step.context.sendActivity(
          await this.binding.myInfoText(sender.identityId, sender.estate.timezone, sender.locale),
        );
        return step.endDialog();
      case 'staffBind': {
        // Unbound staff reach this through the dialogs (the command router only runs account commands for bound ones).
        const code = (step.context.activity.text ?? '').replace(/^员工绑定/, '').trim();
        const r = await this.binding.bindStaffCode(sender.identityId, code);
        await step.context.sendActivity(staffBindText(r, sender.estate, sender.locale));
        return step.endDialog();
      }
      default:
        return step.endDialog();
    }
  };

  private afterBinding = async (step: WaterfallStepContext) => {
    const r = step.result as BindingResult | undefined;
    if (r?.bound && r.then && isPersonalIntent(r.then)) return this.startFlow(step, r.then);
    return step.endDialog();
  };
}
