// A flow that is one honest answer with a one-tap 转人工 (intents whose real flow does not exist yet: 报修 until #19). Replacing the registration with the real dialog is the whole change when it arrives.
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { MessageKey } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import { textsFor } from './dialog-deps.js';

export class InfoAnswerDialog extends ComponentDialog {
  constructor(
    id: string,
    private readonly key: MessageKey,
  ) {
    super(id);
    this.addDialog(new WaterfallDialog(`${id}.steps`, [this.answer]));
    this.initialDialogId = `${id}.steps`;
  }

  private answer = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    const text = tr(this.key, { deskPhone: senderOf(step.context).estate.deskPhone });
    await step.context.sendActivity(MessageFactory.suggestedActions([tr('menu.handoff')], text));
    return step.endDialog();
  };
}
