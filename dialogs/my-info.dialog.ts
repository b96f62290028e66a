// 解绑: confirm, then the chat account forgets its person. (我的信息 is a single answer in the main dialog.)
import { ChoicePrompt, ComponentDialog, ListStyle, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BindingService } from '../src/identity/binding.service.js';
import { bt } from '../src/identity/identity.texts.js';
import { senderOf, setSender } from '../src/identity/sender.js';

export const UNBIND_DIALOG = 'unbind';
const CONFIRM = 'unbind.confirm';

export class UnbindDialog extends ComponentDialog {
  constructor(private readonly binding: BindingService) {
    super(UNBIND_DIALOG);
    this.addDialog(new ChoicePrompt(CONFIRM, undefined, 'zh-cn'));
    this.addDialog(new WaterfallDialog('unbind.steps', [this.confirm, this.act]));
    this.initialDialogId = 'unbind.steps';
  }

  private confirm = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    if (sender.personId === null) {
      await step.context.sendActivity(bt('unbind.none'));
      return step.endDialog();
    }
    const units = sender.units.map((u) => u.label).join('、') || '您的个人信息';
    return step.prompt(CONFIRM, {
      prompt: bt('unbind.confirm', { units }),
      choices: [
        { value: 'yes', action: { type: 'imBack', title: '确定解绑', value: '确定解绑' }, synonyms: ['确定解绑', '确定', '是'] },
        { value: 'no', action: { type: 'imBack', title: '保留绑定', value: '保留绑定' }, synonyms: ['保留绑定', '不', '否'] },
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private act = async (step: WaterfallStepContext) => {
    if ((step.result as FoundChoice).value !== 'yes') {
      await step.context.sendActivity(bt('unbind.kept'));
      return step.endDialog();
    }
    const sender = senderOf(step.context);
    await this.binding.unbind(sender.identityId);
    setSender(step.context, { ...sender, personId: null, units: [], staff: null });
    await step.context.sendActivity(bt('unbind.done'));
    return step.endDialog();
  };
}
