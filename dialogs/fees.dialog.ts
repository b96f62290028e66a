// 物业费: one answer per turn — the owner's balance, how to pay, invoices, instalments/deferral (a person decides:
// one-tap 转人工), or the 不再提醒 / 恢复提醒 switch for fee reminders. Which one comes from the recogniser.
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { feeSettingsOf, paymentTextFor } from '../src/fees/fee-settings.js';
import type { FeeReplies } from '../src/fees/fee.service.js';
import { t } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import { understoodOf } from './understood.js';

export const FEES_DIALOG = 'fees';

export interface FeesDialogDeps {
  fees: FeeReplies;
}

export class FeesDialog extends ComponentDialog {
  constructor(private readonly deps: FeesDialogDeps) {
    super(FEES_DIALOG);
    this.addDialog(new WaterfallDialog('fees.steps', [this.answer]));
    this.initialDialogId = 'fees.steps';
  }

  private answer = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    const { deskPhone } = sender.estate;
    const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(sender.locale, key, params);
    switch (understoodOf(step.options)?.sub) {
      case 'stopReminders':
        await step.context.sendActivity(await this.deps.fees.optOut(sender));
        break;
      case 'resumeReminders':
        await step.context.sendActivity(await this.deps.fees.optIn(sender));
        break;
      case 'howToPay': {
        const text = paymentTextFor(feeSettingsOf(sender.estate.settings), sender.locale);
        await step.context.sendActivity(tr('fees.howToPayReply', { text, deskPhone }));
        break;
      }
      case 'invoice':
        await step.context.sendActivity(tr('fees.invoiceReply', { deskPhone }));
        break;
      case 'defer':
        await step.context.sendActivity(
          MessageFactory.suggestedActions([tr('menu.handoff')], tr('fees.deferReply', { deskPhone })),
        );
        break;
      default:
        await step.context.sendActivity(await this.deps.fees.balance(sender));
    }
    return step.endDialog();
  };
}
