// 转人工: what it is about, then when to call back; recorded as a Handoff for the staff groups.
import {
  ComponentDialog,
  WaterfallDialog,
  type DateTimeResolution,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import { formatLocal } from '../src/shared/zoned-time.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { isAsap, resolutionToDate } from './prompts/callback-time.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { retryWith } from './prompts/retry.js';
import { SafeDateTimePrompt } from './prompts/safe-datetime.prompt.js';

export const HANDOFF_DIALOG = 'handoff';
const TOPIC = 'handoff.topic';
const WHEN = 'handoff.when';

export class HandoffDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(HANDOFF_DIALOG);
    this.addDialog(guardedTextPrompt(TOPIC, (p) => senderOf(p.context).estate.settings.handoffMaxTopicLength));
    this.addDialog(
      new SafeDateTimePrompt(
        WHEN,
        async (prompt) => {
          if (isAsap(prompt.context.activity.text)) return true;
          const tr = textsFor(prompt.context);
          if (!prompt.recognized.succeeded) {
            retryWith(prompt, tr('handoff.askWhenRetry'));
            return false;
          }
          const when = resolutionToDate(prompt.recognized.value?.[0], senderOf(prompt.context).estate.timezone);
          if (when && when.getTime() > this.deps.now().getTime()) return true;
          retryWith(prompt, tr('handoff.whenPast'));
          return false;
        },
        'zh-cn',
        deps.now,
        isAsap, // 尽快: no time to recognise (record() reads the text again)
      ),
    );
    this.addDialog(new WaterfallDialog('handoff.steps', [this.askTopic, this.askWhen, this.record]));
    this.initialDialogId = 'handoff.steps';
  }

  private askTopic = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    return step.prompt(TOPIC, { prompt: tr('handoff.askTopic') });
  };

  private askWhen = async (step: WaterfallStepContext) => {
    (step.values as { topic?: string }).topic = String(step.result).trim();
    const tr = textsFor(step.context);
    return step.prompt(WHEN, { prompt: tr('handoff.askWhen') });
  };

  private record = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    const text = (step.context.activity.text ?? '').trim();
    const resolutions = step.result as DateTimeResolution[] | undefined;
    const callbackAt = isAsap(text) ? null : resolutionToDate(resolutions?.[0], sender.estate.timezone);
    const topic = String((step.values as { topic?: string }).topic);
    const { ref } = await this.deps.handoffs.request(sender, { topic, callbackText: text, callbackAt });
    const when = callbackAt ? formatLocal(callbackAt, sender.estate.timezone, 'datetime') : tr('handoff.asap');
    await step.context.sendActivity(tr('handoff.done', { ref, topic, when, deskPhone: sender.estate.deskPhone }));
    return step.endDialog();
  };
}
