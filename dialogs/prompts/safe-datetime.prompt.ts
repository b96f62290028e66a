// A DateTimePrompt whose recogniser cannot fail the turn. @microsoft/recognizers-text-date-time (zh-cn) throws a
// TypeError on holiday words ("春节", "国庆节", "中秋", "除夕上午十点"); such an answer is simply not understood and the
// prompt's validator / retry asks again. A pasted page is not recognised at all (see safe-choice.prompt.ts).
import type { TurnContext } from 'botbuilder';
import {
  DateTimePrompt,
  type DateTimeResolution,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { tooLongToRecognise } from './safe-choice.prompt.js';

export class SafeDateTimePrompt extends DateTimePrompt {
  protected override async onRecognize(
    context: TurnContext,
    state: unknown,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<DateTimeResolution[]>> {
    if (tooLongToRecognise(context)) return { succeeded: false };
    try {
      return await super.onRecognize(context, state, options);
    } catch {
      return { succeeded: false };
    }
  }
}
