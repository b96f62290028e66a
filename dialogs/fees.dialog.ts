// 物业费: one answer per turn — the owner's balance, or the 不再提醒 / 恢复提醒 switch for fee reminders.
import { FEE_OPT_IN, FEE_OPT_OUT } from '../src/bot/intents.js';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Prisma } from '../src/db/client.js';
import { feeBalanceReply, optInToReminders, optOutOfReminders } from '../src/fees/fee.service.js';
import { senderOf } from '../src/identity/sender.js';

export const FEES_DIALOG = 'fees';

export interface FeesDialogDeps {
  prisma: Prisma;
  now: () => Date;
}

export type FeesRequest = 'balance' | 'optOut' | 'optIn';

export function feesRequestOf(text: string): FeesRequest {
  if (FEE_OPT_IN.test(text)) return 'optIn';
  if (FEE_OPT_OUT.test(text)) return 'optOut';
  return 'balance';
}

export class FeesDialog extends ComponentDialog {
  constructor(private readonly deps: FeesDialogDeps) {
    super(FEES_DIALOG);
    this.addDialog(new WaterfallDialog('fees.steps', [this.answer]));
    this.initialDialogId = 'fees.steps';
  }

  private answer = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    const now = this.deps.now();
    const request = feesRequestOf(step.context.activity.text ?? '');
    const reply =
      request === 'optOut'
        ? await optOutOfReminders(this.deps.prisma, sender, now)
        : request === 'optIn'
          ? await optInToReminders(this.deps.prisma, sender)
          : await feeBalanceReply(this.deps.prisma, sender, now);
    await step.context.sendActivity(reply);
    return step.endDialog();
  };
}
