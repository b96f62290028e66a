// A DateTimePrompt whose recogniser cannot fail the turn, and that reads "明天下午三点" against the app's clock.
// @microsoft/recognizers-text-date-time (zh-cn) throws a TypeError on holiday words ("春节", "国庆节", "中秋",
// "除夕上午十点"); such an answer is simply not understood and the prompt's validator / retry asks again. A pasted
// page is not recognised at all (see safe-choice.prompt.ts). botbuilder's own DateTimePrompt reads relative phrases
// against the process clock; here the reference instant is the injected `now`, the same clock the dialogs' services
// check the answer against, so "明天" is the day after the app's today on any clock (real, simulated or shifted).
// The recognizer is built once per culture (datetime-recognizer.ts); even so it costs 3–9 ms of CPU a phrase (more
// than the rest of a turn, #15), so a prompt whose validator reads some answers itself (the key desk's times via
// src/nlu/when.ts, 尽快 for a call-back) says which with `readsItself`, and those answers skip the recognizer.
import type { TurnContext } from 'botbuilder';
import {
  DateTimePrompt,
  type DateTimeResolution,
  type DialogContext,
  type DialogEvent,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import type { Clock } from '../../src/shared/clock.js';
import { recognizeDateTime } from './datetime-recognizer.js';
import { notHandledBeforeBubbling, tooLongToRecognise } from './safe-choice.prompt.js';

export class SafeDateTimePrompt extends DateTimePrompt {
  constructor(
    dialogId: string,
    validator: PromptValidator<DateTimeResolution[]> | undefined,
    defaultLocale: string,
    private readonly now: Clock,
    /**
     * True for an answer the validator reads itself, never looking at `recognized`: the recognizer is not run and
     * `recognized` is { succeeded: false }, so the prompt's result for such an answer is undefined.
     */
    private readonly readsItself?: (utterance: string) => boolean,
  ) {
    super(dialogId, validator, defaultLocale);
  }

  /** Recognised once a turn, not twice (see notHandledBeforeBubbling). */
  protected override onPreBubbleEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
    return notHandledBeforeBubbling(dc, event);
  }

  protected override async onRecognize(
    context: TurnContext,
    _state: unknown,
    _options: PromptOptions,
  ): Promise<PromptRecognizerResult<DateTimeResolution[]>> {
    const utterance = context.activity.text;
    if (!utterance || tooLongToRecognise(context) || this.readsItself?.(utterance)) return { succeeded: false };
    const locale = context.activity.locale || this.defaultLocale || 'en-us';
    try {
      const [first] = recognizeDateTime(utterance, locale, this.now());
      const values = (first?.resolution as { values?: DateTimeResolution[] } | undefined)?.values;
      return values ? { succeeded: true, value: values } : { succeeded: false };
    } catch {
      return { succeeded: false };
    }
  }
}
