// 解绑: confirm, then the chat account forgets its person. 我的信息: what we hold about the sender, one answer.
import {
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import type { BindingService } from '../src/identity/binding.service.js';
import { textsFor } from './dialog-deps.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import { senderOf, setSender } from '../src/identity/sender.js';

export const UNBIND_DIALOG = 'unbind';
export const MY_INFO_DIALOG = 'my-info';
const CONFIRM = 'unbind.confirm';

export class UnbindDialog extends ComponentDialog {
  constructor(private readonly binding: BindingService) {
    super(UNBIND_DIALOG);
    this.addDialog(new SafeChoicePrompt(CONFIRM, undefined, 'zh-cn'));
    this.addDialog(new WaterfallDialog('unbind.steps', [this.confirm, this.act]));
    this.initialDialogId = 'unbind.steps';
  }

  private confirm = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    if (sender.personId === null) {
      await step.context.sendActivity(textsFor(step.context)('unbind.none'));
      return step.endDialog();
    }
    const tr = textsFor(step.context);
    const units = sender.units.map((u) => u.label).join('、') || tr('unbind.yourInfo');
    return step.prompt(CONFIRM, {
      prompt: tr('unbind.confirm', { units }),
      choices: [
        imBackChoice('yes', tr('unbind.yes'), ['确定解绑', '确定', '是', 'yes']),
        imBackChoice('no', tr('unbind.no'), ['保留绑定', '不', '否', 'no']),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private act = async (step: WaterfallStepContext) => {
    if ((step.result as FoundChoice).value !== 'yes') {
      await step.context.sendActivity(textsFor(step.context)('unbind.kept'));
      return step.endDialog();
    }
    const sender = senderOf(step.context);
    await this.binding.unbind(sender.identityId);
    setSender(step.context, { ...sender, personId: null, units: [], staff: null });
    await step.context.sendActivity(textsFor(step.context)('unbind.done'));
    return step.endDialog();
  };
}

export class MyInfoDialog extends ComponentDialog {
  constructor(private readonly binding: BindingService) {
    super(MY_INFO_DIALOG);
    this.addDialog(new WaterfallDialog('my-info.steps', [this.answer]));
    this.initialDialogId = 'my-info.steps';
  }

  private answer = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    await step.context.sendActivity(
      await this.binding.myInfoText(sender.identityId, sender.estate.timezone, sender.locale),
    );
    return step.endDialog();
  };
}
