// 钥匙寄存: what is left, when it is brought (a time in the first message skips the question), booked with a code.
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../../src/identity/sender.js';
import { textsFor } from '../dialog-deps.js';
import { KeyFlow, ownerOf, TEXT, type KeysDialogDeps } from './key-flow.js';

export const KEY_DEPOSIT_DIALOG = 'keys.deposit';

interface Values {
  description?: string;
}

export class KeyDepositDialog extends KeyFlow {
  constructor(deps: KeysDialogDeps) {
    super(KEY_DEPOSIT_DIALOG, deps);
    this.steps(this.askDescription, this.described, this.booked);
  }

  private askDescription = async (step: WaterfallStepContext) =>
    step.prompt(TEXT, { prompt: textsFor(step.context)('keys.askDescription') });

  private described = async (step: WaterfallStepContext) => {
    const text = String(step.result).trim();
    const tr = textsFor(step.context);
    if (!text) {
      await step.context.sendActivity(tr('keys.noDescriptionExit'));
      return step.endDialog();
    }
    (step.values as Values).description = text;
    return this.askTime(step, await this.whenQuestion(step));
  };

  private booked = async (step: WaterfallStepContext) => {
    const chosen = this.chosenSlot(step);
    if (!chosen) return step.endDialog();
    const description = (step.values as Values).description ?? '';
    const owner = ownerOf(senderOf(step.context));
    return this.book(step, async () => {
      const { code } = await this.deps.keys.bookDeposit(owner, description, chosen.slot);
      return textsFor(step.context)('keys.depositBooked', { slot: chosen.label, description, code });
    });
  };
}
