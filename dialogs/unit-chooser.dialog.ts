// "Which unit?" for flows that need one: ends with the unitId (auto-picked when there is only one), or null when the
// person has none (or, with ownerOnly, none they own).
import {
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import { textsFor } from './dialog-deps.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import { senderOf } from '../src/identity/sender.js';

export const UNIT_CHOOSER_DIALOG = 'unit-chooser';
const PICK = 'unit-chooser.pick';

export interface UnitChooserOptions {
  /** Only units where the person is the OWNER (household management). */
  ownerOnly?: boolean;
}

export class UnitChooserDialog extends ComponentDialog {
  constructor() {
    super(UNIT_CHOOSER_DIALOG);
    this.addDialog(new SafeChoicePrompt(PICK, undefined, 'zh-cn'));
    this.addDialog(new WaterfallDialog('unit-chooser.steps', [this.ask, this.done]));
    this.initialDialogId = 'unit-chooser.steps';
  }

  private candidates(step: WaterfallStepContext) {
    const opts = (step.options ?? {}) as UnitChooserOptions;
    return senderOf(step.context).units.filter((u) => !opts.ownerOnly || u.role === 'OWNER');
  }

  private ask = async (step: WaterfallStepContext) => {
    const units = this.candidates(step);
    if (units.length <= 1) return step.endDialog(units[0]?.unitId ?? null);
    return step.prompt(PICK, {
      prompt: textsFor(step.context)('chooser.ask'),
      choices: units.map((u) => imBackChoice(u.unitId, u.label)),
      style: ListStyle.suggestedAction,
    });
  };

  private done = async (step: WaterfallStepContext) => step.endDialog((step.result as FoundChoice).value);
}
