// A DateTimePrompt whose recogniser cannot fail the turn, and that reads "明天下午三点" against the app's clock.
// @microsoft/recognizers-text-date-time (zh-cn) throws a TypeError on holiday words ("春节", "国庆节", "中秋",
// "除夕上午十点"); such an answer is simply not understood and the prompt's validator / retry asks again. A pasted
// page is not recognised at all (see safe-choice.prompt.ts). botbuilder's own DateTimePrompt reads relative phrases
// against the process clock; here the reference instant is the injected `now`, the same clock the dialogs' services
// check the answer against, so "明天" is the day after the app's today on any clock (real, simulated or shifted).
// The recognizer is built once per culture (datetime-recognizer.ts).
import type { TurnContext } from 'botbuilder';
import {
  DateTimePrompt,
  type DateTimeResolution,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import type { Clock } from '../../src/shared/clock.js';
import { recognizeDateTime } from './datetime-recognizer.js';
import { tooLongToRecognise } from './safe-choice.prompt.js';

export class SafeDateTimePrompt extends DateTimePrompt {
  constructor(
    dialogId: string,
    validator: PromptValidator<DateTimeResolution[]> | undefined,
    defaultLocale: string,
    private readonly now: Clock,
  ) {
    super(dialogId, validator, defaultLocale);
  }

  protected override async onRecognize(
    context: TurnContext,
    _state: unknown,
    _options: PromptOptions,
  ): Promise<PromptRecognizerResult<DateTimeResolution[]>> {
    const utterance = context.activity.text;
    if (!utterance || tooLongToRecognise(context)) return { succeeded: false };
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
