// The root of every conversation: 取消 / 帮助 / 转人工 work at any step because every turn passes through here first.
import { ActivityTypes } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { matchInterruption } from '../src/bot/intents.js';
import { senderOf } from '../src/identity/sender.js';
import { textsFor } from './dialog-deps.js';
import { helpText } from './flow-registry.js';

export abstract class InterruptibleDialog extends ComponentDialog {
  /** The dialog 转人工 jumps to (cancelling whatever was in progress). */
  protected abstract readonly handoffDialogId: string;

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | null> {
    const activity = innerDc.context.activity;
    if (activity.type !== ActivityTypes.Message) return null;
    const tr = textsFor(innerDc.context);
    switch (matchInterruption(activity.text)) {
      case 'cancel':
        await innerDc.cancelAllDialogs();
        await innerDc.context.sendActivity(tr('cancel.done'));
        return { status: DialogTurnStatus.cancelled };
      case 'help':
        {
          const sender = senderOf(innerDc.context);
          await innerDc.context.sendActivity(helpText(tr, sender.estate, sender.locale === 'en' ? '中文' : 'English'));
        }
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'handoff':
        if (innerDc.activeDialog?.id === this.handoffDialogId) {
          await innerDc.repromptDialog();
          return Dialog.EndOfTurn;
        }
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(this.handoffDialogId);
      default:
        return null;
    }
  }
}
